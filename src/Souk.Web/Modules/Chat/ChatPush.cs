using Microsoft.AspNetCore.SignalR;

namespace Souk.Web.Modules.Chat;

/// <summary>
/// Sends hub events to people, by user id: every connection of that person on every node (SignalR's user addressing,
/// carried between nodes by the Redis backplane when one is configured). Called after the change is committed, so a
/// client never hears of a message it cannot then read. A failed push loses nothing: the client's next sync fetches it.
/// </summary>
public sealed class ChatPush(IHubContext<ChatHub, IChatClient> hub, ChatService chat, MessageReader reader, BadgeCounter badges, ILogger<ChatPush> log)
{
    public async Task ToUsersAsync(IEnumerable<Guid> userIds, Func<IChatClient, Task> send)
    {
        var ids = userIds.Distinct().Select(id => id.ToString()).ToArray();
        if (ids.Length == 0) return;
        try
        {
            await send(hub.Clients.Users(ids));
        }
        catch (Exception ex)
        {
            log.LogWarning(ex, "Push to {Count} users failed; their clients catch up on the next sync", ids.Length);
        }
    }

    /// <summary>The person's current badge counts, to all their devices.</summary>
    public async Task BadgeAsync(Guid userId, CancellationToken ct)
    {
        var counts = await badges.ForAsync(userId, ct);
        await ToUsersAsync([userId], c => c.Badge(counts));
    }

    /// <summary>
    /// A committed message, new (MessageReceived) or edited/deleted (MessageUpdated), to the conversation's current members.
    /// Returns the message as pushed (null if it is gone), so a route can answer with it instead of reading it again.
    /// </summary>
    public async Task<MessageResponse?> MessageAsync(long messageId, bool isNew, string baseUrl, CancellationToken ct)
    {
        if (await reader.OneAsync(messageId, baseUrl, ct) is not { } message) return null;
        var members = await chat.ActiveMemberIdsAsync(message.ConversationId, ct);
        await ToUsersAsync(members, c => isNew ? c.MessageReceived(message) : c.MessageUpdated(message));
        return message;
    }

    /// <summary>
    /// After a change to a group (members, title): its system messages to the current members, and ConversationUpdated to
    /// them and to the people who just left or were removed (their client closes the conversation).
    /// </summary>
    public async Task ConversationChangedAsync(long conversationId, IEnumerable<long> systemMessageIds, IEnumerable<Guid> gone, string baseUrl, CancellationToken ct)
    {
        foreach (var id in systemMessageIds) await MessageAsync(id, isNew: true, baseUrl, ct);
        var members = await chat.ActiveMemberIdsAsync(conversationId, ct);
        await ToUsersAsync(members.Concat(gone), c => c.ConversationUpdated(conversationId));
    }
}
