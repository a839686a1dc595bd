using Microsoft.AspNetCore.Http.HttpResults;
using Souk.Web.Common;
using Souk.Web.Data;
using Souk.Web.Modules.Accounts;

namespace Souk.Web.Modules.Chat;

/// <summary>
/// DELETE /api/v1/messages/{id}: the sender deletes a message for everyone, at any time. The row stays in its place
/// (receipts and cursors still point at it) with its content cleared; the members get MessageUpdated. Offer cards are not
/// deleted here: the offer is withdrawn through the offers API. Deleting again changes nothing.
/// </summary>
public static class DeleteMessage
{
    public static void Map(RouteGroupBuilder messages) => messages.MapDelete("/{id:long}", Handle);

    static async Task<Results<NoContent, ProblemHttpResult>> Handle(
        long id, CurrentUser current, SoukDb db, ChatPush push, TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        var (message, refusal) = await MessageAccess.OwnAsync(db, id, current.RequiredId, ct);
        if (refusal is not null) return refusal;
        if (message!.Kind == MessageKind.Offer) return Problems.Conflict("An offer card stays in the chat; withdraw the offer instead.");
        if (message.DeletedAt is not null) return TypedResults.NoContent();

        var now = clock.GetUtcNow().UtcDateTime;
        (message.DeletedAt, message.EditedAt) = (now, now);
        (message.Text, message.MediaId, message.ListingId, message.ProductId, message.PaymentWarning) = (null, null, null, null, false);
        await db.SaveChangesAsync(ct);
        await push.MessageAsync(id, isNew: false, Profile.BaseUrl(http.Request), ct);
        return TypedResults.NoContent();
    }
}
