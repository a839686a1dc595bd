using Microsoft.AspNetCore.Http.HttpResults;
using Souk.Web.Common;
using Souk.Web.Data;
using Souk.Web.Modules.Accounts;

namespace Souk.Web.Modules.Chat;

/// <summary>
/// DELETE /api/v1/conversations/{id}/members/{handle}: the owner removes anyone; anyone removes themselves (leaves).
/// When the owner leaves, the longest-standing member becomes the owner. Whoever is gone stops receiving the group's
/// events at once and gets 403 for it from then on; their old messages stay.
/// </summary>
public static class RemoveMember
{
    public static void Map(RouteGroupBuilder conversations) => conversations.MapDelete("/{id:long}/members/{handle}", Handle);

    static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> Handle(
        long id, string handle, CurrentUser current, SoukDb db, ChatService chat, ChatPush push, TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        var me = current.RequiredId;
        var (group, refusal) = await GroupAccess.LoadAsync(db, id, me, ownerOnly: false, ct);
        if (refusal is not null) return refusal;
        var person = (await chat.FindHandlesAsync([handle], ct)).Found.Keys.FirstOrDefault();
        var row = group!.Members.FirstOrDefault(m => m.UserId == person && m.LeftAt == null);
        if (row is null) return Problems.NotFound($"@{handle.TrimStart('@')} is not a member of this group.");
        var leaving = person == me;
        if (!leaving && group.OwnerId != me) return Problems.Forbidden("Only the group's owner can remove other members; you can leave.");

        var announced = await chat.InTransactionAsync(async () =>
        {
            row.LeftAt = clock.GetUtcNow().UtcDateTime;
            if (group.OwnerId == person && group.Members.Where(m => m.LeftAt == null).OrderBy(m => m.JoinedAt).ThenBy(m => m.UserId).FirstOrDefault() is { } heir)
                group.OwnerId = heir.UserId;
            await db.SaveChangesAsync(ct);
            return leaving
                ? await chat.AnnounceAsync(id, SystemEvent.MemberLeft, me, null, ct)
                : await chat.AnnounceAsync(id, SystemEvent.MemberRemoved, me, person, ct);
        }, ct);
        await push.ConversationChangedAsync(id, [announced.Id], [person], Profile.BaseUrl(http.Request), ct);
        return TypedResults.NoContent();
    }
}
