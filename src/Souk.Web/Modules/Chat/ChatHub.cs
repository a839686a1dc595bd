using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace Souk.Web.Modules.Chat;

/// <summary>
/// /hubs/chat: the real-time side of chat. Pushes go to people by user id (see <see cref="ChatPush"/>), so the hub keeps no
/// groups and no per-connection state, and any node can serve any client. Browsers authenticate with the site cookie;
/// apps with their bearer token (header, or access_token in the query for WebSockets).
/// </summary>
[Authorize]
public sealed class ChatHub : Hub<IChatClient>
{
}
