using Microsoft.AspNetCore.Http.HttpResults;
using Souk.Web.Common;
using Souk.Web.Modules.Accounts;

namespace Souk.Web.Modules.Chat;

/// <summary>GET /api/v1/conversations?cursor=&amp;limit=: the caller's conversations, newest activity first, with unread counts.</summary>
public static class ListConversations
{
    public static void Map(RouteGroupBuilder conversations) => conversations.MapGet("", Handle);

    static async Task<Results<Ok<Page<ConversationSummary>>, ValidationProblem>> Handle(
        string? cursor, int? limit, CurrentUser current, ConversationReader reader, HttpContext http, CancellationToken ct)
    {
        if (!ConversationReader.TryDecodeListCursor(cursor, out var after)) return Problems.Field("cursor", "The cursor is not valid.");
        return TypedResults.Ok(await reader.ListAsync(current.RequiredId, after, Cursor.ClampLimit(limit), Profile.BaseUrl(http.Request), ct));
    }
}
