using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using Souk.Web.Modules.Accounts;

namespace Souk.Web.Modules.Chat;

/// <summary>
/// /hubs/chat: the real-time side of chat. Pushes go to people by user id (see <see cref="ChatPush"/>), so the hub keeps no
/// groups and no shared in-memory state, and any node can serve any client: membership is read from the database on each
/// call, so a person removed from a conversation stops receiving and sending its events at once. Browsers authenticate with
/// the site cookie; apps with their bearer token (header, or access_token in the query for WebSockets).
/// </summary>
[Authorize]
public sealed class ChatHub(ConversationReader reader, ChatService chat, ChatPush push, ReadMarker marker, Presence presence, BadgeCounter badges, TimeProvider clock)
    : Hub<IChatClient>
{
    public const int SyncMax = 200;
    static readonly TimeSpan TypingInterval = TimeSpan.FromSeconds(2);

    Guid Me => Guid.Parse(Context.UserIdentifier!);

    string BaseUrl => Context.GetHttpContext() is { } http ? Profile.BaseUrl(http.Request) : "";

    public override async Task OnConnectedAsync()
    {
        await presence.TouchAsync(Me, Context.ConnectionAborted);
        await base.OnConnectedAsync();
    }

    /// <summary>"I am still here": keeps the person online (clients call it every 30 s or so).</summary>
    public Task Heartbeat() => presence.TouchAsync(Me, Context.ConnectionAborted);

    /// <summary>
    /// Tells the other members the caller is typing (not those in a block with them). Ignored for non-members, and sent at
    /// most once per 2 s per conversation for each connection (the throttle lives with the connection, which lives on one
    /// node, so nothing is shared).
    /// </summary>
    public async Task Typing(long conversationId)
    {
        var key = $"typing:{conversationId}";
        var now = clock.GetUtcNow();
        if (Context.Items.TryGetValue(key, out var last) && last is DateTimeOffset at && now - at < TypingInterval) return;
        Context.Items[key] = now;
        if (!await reader.IsMemberAsync(conversationId, Me, Context.ConnectionAborted)) return;
        var signal = new TypingSignal(conversationId, Me, Context.User?.FindFirstValue(ClaimTypes.Name) ?? "");
        await push.ToUsersAsync(await chat.ActivityAudienceAsync(conversationId, Me, Context.ConnectionAborted), c => c.Typing(signal));
    }

    /// <summary>The same as POST /api/v1/conversations/{id}/read.</summary>
    public async Task<ReadReceipt> MarkRead(long conversationId, long messageId) =>
        await marker.MarkAsync(conversationId, Me, messageId, Context.ConnectionAborted)
            ?? throw new HubException(ChatResults.NotMember(conversationId).ProblemDetails.Detail);

    /// <summary>What the client missed since the last message id it has (0 for everything): oldest first, with the badge.</summary>
    public async Task<SyncResponse> Sync(long afterMessageId)
    {
        await presence.TouchAsync(Me, Context.ConnectionAborted);
        var (messages, more) = await reader.SinceAsync(Me, afterMessageId, SyncMax, BaseUrl, Context.ConnectionAborted);
        return new SyncResponse(messages, more, await badges.ForAsync(Me, Context.ConnectionAborted));
    }
}
