using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Souk.Web.Common;
using Souk.Web.Data;
using Souk.Web.Modules.Accounts;

namespace Souk.Web.Modules.Chat.Pages;

/// <summary>
/// GET /chat/{id}/messages?after= | ?ids=: messages as the HTML the conversation page renders (ChatMessageItem), for chat.js
/// to add what arrives live or replace what changed, in the reader's language. Members only (403 otherwise, whether or not
/// the conversation exists); the JSON API stays the place for clients that render themselves.
/// </summary>
public static class MessageFragments
{
    const int Max = 50;

    public static void Map(WebApplication app) => app.MapGet("/chat/{id:long}/messages", Handle).RequireAuthorization();

    static async Task<Results<RazorComponentResult<ChatMessageList>, ProblemHttpResult>> Handle(
        long id, long? after, string? ids, CurrentUser current, SoukDb db, ConversationReader conversations, MessageReader reader,
        IConfiguration config, TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        var me = current.RequiredId;
        if (!await conversations.IsMemberAsync(id, me, ct)) return ChatResults.NotMember(id);
        var wanted = (ids ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries).Select(s => long.TryParse(s, out var v) ? v : 0).Where(v => v > 0).Take(Max).ToArray();
        var query = db.ChatMessages.AsNoTracking().Where(m => m.ConversationId == id);
        query = wanted.Length > 0 ? query.Where(m => wanted.Contains(m.Id)) : query.Where(m => m.Id > (after ?? 0));
        var rows = await query.OrderBy(m => m.Id).Take(Max).ToListAsync(ct);
        var group = await db.Conversations.AnyAsync(c => c.Id == id && c.Kind == ConversationKind.Group, ct);
        var view = new ChatView(me, group, clock.GetUtcNow().UtcDateTime - ChatView.EditWindow(config), OthersReadUpTo: 0);
        http.Response.Headers.CacheControl = "private, no-store";
        return new RazorComponentResult<ChatMessageList>(new { Messages = await reader.ReadAsync(rows, Profile.BaseUrl(http.Request), ct), View = view });
    }
}
