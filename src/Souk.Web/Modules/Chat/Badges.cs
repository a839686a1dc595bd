using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Souk.Web.Common;
using Souk.Web.Data;
using Souk.Web.Modules.Notes;

namespace Souk.Web.Modules.Chat;

/// <summary>GET /api/v1/chat/unread: the Inbox tab's numbers (unread chat messages and unread notifications).</summary>
public static class UnreadCounts
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/chat/unread", async (CurrentUser current, BadgeCounter badges, CancellationToken ct) =>
            TypedResults.Ok(await badges.ForAsync(current.RequiredId, ct))).WithTags("Chat").RequireAuthorization();
}

/// <summary>Counts a person's badge: messages others wrote after their read receipt in their current conversations, and unread notifications.</summary>
public sealed class BadgeCounter(SoukDb db, NotificationInbox notifications)
{
    public async Task<BadgeCounts> ForAsync(Guid userId, CancellationToken ct)
    {
        var messages = await db.ConversationMembers.Where(m => m.UserId == userId && m.LeftAt == null)
            .SelectMany(m => db.ChatMessages.Where(x => x.ConversationId == m.ConversationId && x.Id > m.LastReadMessageId && x.SenderId != userId))
            .CountAsync(ct);
        return new BadgeCounts(messages, await notifications.UnreadCountAsync(userId, ct));
    }
}
