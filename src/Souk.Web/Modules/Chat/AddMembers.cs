using Microsoft.AspNetCore.Http.HttpResults;
using Souk.Web.Common;
using Souk.Web.Data;
using Souk.Web.Modules.Accounts;

namespace Souk.Web.Modules.Chat;

public sealed record AddMembersRequest(string[]? Handles);

/// <summary>
/// POST /api/v1/conversations/{id}/members {handles}: the owner adds people to a group (at most GroupMembersMax in all).
/// People already in it are skipped. Someone added later, or again, sees the whole history (Souk's choice: a group is
/// one shared room), but only messages after they joined count as unread for them.
/// </summary>
public static class AddMembers
{
    public static void Map(RouteGroupBuilder conversations) => conversations.MapPost("/{id:long}/members", Handle);

    static async Task<Results<Ok<ConversationResponse>, ValidationProblem, ProblemHttpResult>> Handle(
        long id, AddMembersRequest req, CurrentUser current, SoukDb db, ChatService chat, ChatPush push, ConversationReader reader,
        TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        var me = current.RequiredId;
        var (group, refusal) = await GroupAccess.LoadAsync(db, id, me, ownerOnly: true, ct);
        if (refusal is not null) return refusal;
        var people = await chat.FindHandlesAsync(req.Handles ?? [], ct);
        if (people.Count == 0) return Problems.Field("handles", "Name at least one person to add.");
        if (people.Unknown.Count > 0) return Problems.Field("handles", $"No one is called {HandleLookup.Names(people.Unknown)}.");
        var active = group!.Members.Where(m => m.LeftAt == null).Select(m => m.UserId).ToHashSet();
        var joining = people.Found.Keys.Where(u => !active.Contains(u)).ToList();
        if (active.Count + joining.Count > Conversation.GroupMembersMax)
            return Problems.Field("handles", $"A group has at most {Conversation.GroupMembersMax} members; this one has {active.Count}.");
        var blocked = await chat.BlockedEitherWayAsync(me, joining, ct);
        if (blocked.Count > 0) return Problems.Forbidden($"{people.Names(blocked)} cannot be added to a conversation with you.");

        var announced = await chat.InTransactionAsync(async () =>
        {
            var now = clock.GetUtcNow().UtcDateTime;
            foreach (var person in joining)
            {
                var row = group.Members.FirstOrDefault(m => m.UserId == person);
                if (row is null) group.Members.Add(row = new ConversationMember { UserId = person });
                (row.JoinedAt, row.LeftAt, row.LastReadMessageId) = (now, null, group.LastMessageId);
            }
            await db.SaveChangesAsync(ct);
            var ids = new List<long>();
            foreach (var person in joining) ids.Add((await chat.AnnounceAsync(id, SystemEvent.MemberAdded, me, person, ct)).Id);
            return ids;
        }, ct);
        var baseUrl = Profile.BaseUrl(http.Request);
        await push.ConversationChangedAsync(id, announced, [], baseUrl, ct);
        return TypedResults.Ok((await reader.OneAsync(id, me, baseUrl, ct))!);
    }
}
