using Microsoft.AspNetCore.Http.HttpResults;
using Souk.Web.Common;
using Souk.Web.Data;
using Souk.Web.Modules.Accounts;

namespace Souk.Web.Modules.Chat;

public sealed record RenameConversationRequest(string? Title);

/// <summary>PATCH /api/v1/conversations/{id} {title}: the owner renames a group; a TitleChanged system message tells the members.</summary>
public static class RenameConversation
{
    public static void Map(RouteGroupBuilder conversations) => conversations.MapPatch("/{id:long}", Handle);

    static async Task<Results<Ok<ConversationResponse>, ValidationProblem, ProblemHttpResult>> Handle(
        long id, RenameConversationRequest req, CurrentUser current, SoukDb db, ChatService chat, ChatPush push, ConversationReader reader,
        HttpContext http, CancellationToken ct)
    {
        var me = current.RequiredId;
        var (group, refusal) = await GroupAccess.LoadAsync(db, id, me, ownerOnly: true, ct);
        if (refusal is not null) return refusal;
        var title = req.Title?.Trim() ?? "";
        if (title.Length == 0) return Problems.Field("title", "Give the group a title.");
        if (title.Length > Conversation.TitleMax) return Problems.Field("title", $"A title has at most {Conversation.TitleMax} characters.");

        var announced = await chat.InTransactionAsync(async () =>
        {
            group!.Title = title;
            await db.SaveChangesAsync(ct);
            return await chat.AnnounceAsync(id, SystemEvent.TitleChanged, me, null, ct);
        }, ct);
        var baseUrl = Profile.BaseUrl(http.Request);
        await push.ConversationChangedAsync(id, [announced.Id], [], baseUrl, ct);
        return TypedResults.Ok((await reader.OneAsync(id, me, baseUrl, ct))!);
    }
}
