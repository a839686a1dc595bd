using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Souk.Web.Common;
using Souk.Web.Data;

namespace Souk.Web.Modules.Chat;

/// <summary>The checks editing and deleting a message start with.</summary>
static class MessageAccess
{
    /// <summary>
    /// The caller's own message (tracked, for changing), or the refusal: 404 when it does not exist or is in a conversation
    /// the caller is not in (the same answer, so ids cannot be probed), 403 when it is someone else's.
    /// </summary>
    public static async Task<(ChatMessage? Message, ProblemHttpResult? Refusal)> OwnAsync(SoukDb db, long id, Guid caller, CancellationToken ct)
    {
        var message = await db.ChatMessages.FirstOrDefaultAsync(m => m.Id == id
            && db.ConversationMembers.Any(cm => cm.ConversationId == m.ConversationId && cm.UserId == caller && cm.LeftAt == null), ct);
        if (message is null) return (null, ChatResults.MessageNotFound(id));
        if (message.SenderId != caller) return (null, Problems.Forbidden("You can only change your own messages."));
        return (message, null);
    }
}
