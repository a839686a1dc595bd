using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Souk.Web.Common;
using Souk.Web.Data;
using Souk.Web.Modules.Accounts;
using Souk.Web.Modules.Catalog;

namespace Souk.Web.Modules.Chat;

/// <summary>One handle and no title: the one-to-one conversation (about the item, if given). Otherwise a group owned by the caller.</summary>
public sealed record OpenConversationRequest(string[]? Participants, long? ListingId, long? ProductId, string? Title);

/// <summary>
/// POST /api/v1/conversations. A one-to-one conversation is found again when it exists (200) or opened (201); a group is
/// always new (201) and starts with a ConversationCreated system message. A reserved or sold listing takes no new
/// conversations (409), but the existing one-to-one conversation about it is still returned.
/// </summary>
public static class OpenConversation
{
    public static void Map(RouteGroupBuilder conversations) => conversations.MapPost("", Handle);

    // Internal: the chat pages call it too (a plain form post follows the same rules as the API).
    internal static async Task<Results<Ok<ConversationResponse>, Created<ConversationResponse>, ValidationProblem, ProblemHttpResult>> Handle(
        OpenConversationRequest req, CurrentUser current, SoukDb db, ChatService chat, ChatPush push, ConversationReader reader,
        TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        var me = current.RequiredId;
        var baseUrl = Profile.BaseUrl(http.Request);
        var title = string.IsNullOrWhiteSpace(req.Title) ? null : req.Title.Trim();
        var people = await chat.FindHandlesAsync(req.Participants ?? [], ct);
        var errors = new FieldErrors();
        if (people.Count == 0) errors.Add("participants", "Name at least one person to talk to.");
        if (people.Count + 1 > Conversation.GroupMembersMax) errors.Add("participants", $"A group has at most {Conversation.GroupMembersMax} members, you included.");
        else if (people.Unknown.Count > 0) errors.Add("participants", $"No one is called {HandleLookup.Names(people.Unknown)}.");
        if (title is { Length: > Conversation.TitleMax }) errors.Add("title", $"A title has at most {Conversation.TitleMax} characters.");
        if (req.ListingId is not null && req.ProductId is not null) errors.Add("productId", "A conversation is about one listing or one product, not both.");
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors.ToDictionary());
        var others = people.Found.Keys.ToList();
        if (others.Contains(me)) return Problems.Field("participants", "You are in every conversation you start; name the other people.");

        ListingState? listingState = null;
        if (req.ListingId is { } listingId && (listingState = await chat.VisibleListingStateAsync(listingId, me, current.IsOperator, ct)) is null)
            return Problems.Field("listingId", $"No listing {listingId}.");
        if (req.ProductId is { } productId && !await chat.ProductVisibleAsync(productId, ct))
            return Problems.Field("productId", $"No product {productId}.");
        var blocked = await chat.BlockedEitherWayAsync(me, others, ct);
        var closed = listingState is ListingState.Reserved or ListingState.Sold;

        if (others.Count == 1 && title is null)
        {
            if (blocked.Count > 0) return ChatResults.Blocked();
            var key = Conversation.DirectKeyFor(me, others[0], req.ListingId, req.ProductId);
            var existing = await db.Conversations.AsNoTracking().Where(c => c.DirectKey == key).Select(c => (long?)c.Id).FirstOrDefaultAsync(ct);
            if (existing is { } id) return TypedResults.Ok((await reader.OneAsync(id, me, baseUrl, ct))!);
            if (closed) return ClosedListing();
            var opened = await chat.OpenDirectAsync(me, others[0], req.ListingId, req.ProductId, ct);
            return TypedResults.Created($"/api/v1/conversations/{opened.Id}", (await reader.OneAsync(opened.Id, me, baseUrl, ct))!);
        }

        if (blocked.Count > 0) return Problems.Forbidden($"{people.Names(blocked)} cannot be added to a conversation with you.");
        if (closed) return ClosedListing();
        var created = await chat.InTransactionAsync(async () =>
        {
            var now = clock.GetUtcNow().UtcDateTime;
            var group = new Conversation
            {
                Kind = ConversationKind.Group, Title = title, OwnerId = me, ListingId = req.ListingId, ProductId = req.ProductId,
                CreatedAt = now, LastMessageAt = now,
                Members = [.. others.Prepend(me).Select(u => new ConversationMember { UserId = u, JoinedAt = now })],
            };
            db.Conversations.Add(group);
            await db.SaveChangesAsync(ct);
            var start = await chat.AnnounceAsync(group.Id, SystemEvent.ConversationCreated, me, null, ct);
            return (group.Id, MessageId: start.Id);
        }, ct);
        await push.MessageAsync(created.MessageId, isNew: true, baseUrl, ct);
        return TypedResults.Created($"/api/v1/conversations/{created.Id}", (await reader.OneAsync(created.Id, me, baseUrl, ct))!);
    }

    static ProblemHttpResult ClosedListing() =>
        Problems.Conflict("This listing is reserved or sold, so no new conversations about it can start.", "listingId");
}
