using Microsoft.AspNetCore.Http.HttpResults;
using Souk.Web.Common;
using Souk.Web.Data;
using Souk.Web.Modules.Accounts;

namespace Souk.Web.Modules.Chat;

public sealed record EditMessageRequest(string? Text);

/// <summary>
/// PATCH /api/v1/messages/{id} {text}: the sender corrects a text message within Chat:EditWindowMinutes (default 15) of
/// sending it; later, or for other kinds, 409. The members get MessageUpdated.
/// </summary>
public static class EditMessage
{
    public static void Map(RouteGroupBuilder messages) => messages.MapPatch("/{id:long}", Handle);

    static async Task<Results<Ok<MessageResponse>, ValidationProblem, ProblemHttpResult>> Handle(
        long id, EditMessageRequest req, CurrentUser current, SoukDb db, ChatPush push, TimeProvider clock,
        IConfiguration config, HttpContext http, CancellationToken ct)
    {
        var (message, refusal) = await MessageAccess.OwnAsync(db, id, current.RequiredId, ct);
        if (refusal is not null) return refusal;
        if (message!.Kind != MessageKind.Text || message.DeletedAt is not null) return Problems.Conflict("Only text messages that are not deleted can be edited.");
        var window = config.GetValue("Chat:EditWindowMinutes", 15);
        var now = clock.GetUtcNow().UtcDateTime;
        if (now - message.CreatedAt > TimeSpan.FromMinutes(window)) return Problems.Conflict($"A message can be edited for {window} minutes after it was sent.");
        var text = req.Text?.Trim() ?? "";
        if (text.Length == 0) return Problems.Field("text", "Write something, or delete the message.");
        if (text.Length > ChatMessage.TextMax) return Problems.Field("text", ChatMessage.TooLong);

        message.Text = text;
        // Buyer protection covers only payments inside Souk: the readers see a gentle warning card with such a message.
        message.PaymentWarning = PaymentSafety.LooksLikeOffPlatformPayment(text);
        message.EditedAt = now;
        await db.SaveChangesAsync(ct);
        var baseUrl = Profile.BaseUrl(http.Request);
        return TypedResults.Ok((await push.MessageAsync(id, isNew: false, baseUrl, ct))!);
    }
}
