using Microsoft.AspNetCore.Http.HttpResults;
using Souk.Web.Common;
using Souk.Web.Modules.Accounts;

namespace Souk.Web.Modules.Chat;

/// <summary>GET /api/v1/conversations/{id}/messages?before=&amp;limit=: history, newest first; before is a message id.</summary>
public static class ListMessages
{
    public static void Map(RouteGroupBuilder conversations) => conversations.MapGet("/{id:long}/messages", Handle);

    static async Task<Results<Ok<MessagePage>, ProblemHttpResult>> Handle(
        long id, long? before, int? limit, CurrentUser current, ConversationReader reader, HttpContext http, CancellationToken ct)
    {
        if (!await reader.IsMemberAsync(id, current.RequiredId, ct)) return ChatResults.NotMember(id);
        return TypedResults.Ok(await reader.MessagesAsync(id, before, Cursor.ClampLimit(limit), Profile.BaseUrl(http.Request), ct));
    }
}
