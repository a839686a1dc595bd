using Microsoft.AspNetCore.Http.HttpResults;
using Souk.Web.Common;
using Souk.Web.Modules.Accounts;

namespace Souk.Web.Modules.Chat;

/// <summary>GET /api/v1/conversations/{id}: the conversation with its members and their read receipts; 403 to anyone not in it.</summary>
public static class GetConversation
{
    public static void Map(RouteGroupBuilder conversations) => conversations.MapGet("/{id:long}", Handle);

    static async Task<Results<Ok<ConversationResponse>, ProblemHttpResult>> Handle(
        long id, CurrentUser current, ConversationReader reader, HttpContext http, CancellationToken ct) =>
        await reader.OneAsync(id, current.RequiredId, Profile.BaseUrl(http.Request), ct) is { } conversation
            ? TypedResults.Ok(conversation)
            : ChatResults.NotMember(id);
}
