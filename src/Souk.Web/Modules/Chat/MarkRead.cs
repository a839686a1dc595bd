using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Souk.Web.Common;
using Souk.Web.Data;

namespace Souk.Web.Modules.Chat;

public sealed record MarkReadRequest(long MessageId);

/// <summary>
/// POST /api/v1/conversations/{id}/read {messageId} (and the hub's MarkRead): moves the caller's read receipt forward to that
/// message, never back. The other members get a ReadReceipt (not those in a block with the reader), the caller's own
/// devices their new Badge.
/// </summary>
public static class MarkConversationRead
{
    public static void Map(RouteGroupBuilder conversations) => conversations.MapPost("/{id:long}/read", Handle);

    static async Task<Results<Ok<ReadReceipt>, ProblemHttpResult>> Handle(long id, MarkReadRequest req, CurrentUser current, ReadMarker marker, CancellationToken ct) =>
        await marker.MarkAsync(id, current.RequiredId, req.MessageId, ct) is { } receipt ? TypedResults.Ok(receipt) : ChatResults.NotMember(id);
}

public sealed class ReadMarker(SoukDb db, ChatService chat, ChatPush push)
{
    /// <summary>The receipt as it stands after the call; null when the person is not a current member of the conversation.</summary>
    public async Task<ReadReceipt?> MarkAsync(long conversationId, Guid userId, long messageId, CancellationToken ct)
    {
        // A receipt can point past the conversation's last message only by a client's mistake: it stops at the last one.
        var last = await db.Conversations.Where(c => c.Id == conversationId).Select(c => (long?)c.LastMessageId).FirstOrDefaultAsync(ct);
        if (last is null) return null;
        var upTo = Math.Min(messageId, last.Value);
        var moved = await db.ConversationMembers
            .Where(m => m.ConversationId == conversationId && m.UserId == userId && m.LeftAt == null && m.LastReadMessageId < upTo)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.LastReadMessageId, upTo), ct);
        var now = await db.ConversationMembers.Where(m => m.ConversationId == conversationId && m.UserId == userId && m.LeftAt == null)
            .Select(m => (long?)m.LastReadMessageId).FirstOrDefaultAsync(ct);
        if (now is null) return null;
        var receipt = new ReadReceipt(conversationId, userId, now.Value);
        if (moved > 0)
        {
            await push.ToUsersAsync(await chat.ActivityAudienceAsync(conversationId, userId, ct), c => c.ReadReceipt(receipt));
            await push.BadgeAsync(userId, ct);
        }
        return receipt;
    }
}
