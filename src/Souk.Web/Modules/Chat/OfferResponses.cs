using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Souk.Web.Common;
using Souk.Web.Data;
using Souk.Web.Modules.Accounts;
using Souk.Web.Modules.Catalog;
using Souk.Web.Modules.Notes;

namespace Souk.Web.Modules.Chat;

/// <summary>The body of POST /listings/{id}/offers and POST /offers/{id}/counter: the amount proposed, in the listing's currency.</summary>
public sealed record OfferRequest(MoneyInput? Amount);

/// <summary>One proposal in the negotiation, oldest first: who proposed how much, when.</summary>
public sealed record OfferStep(Money Amount, UserSummary? By, DateTime At);

/// <summary>
/// An offer as its buyer or seller sees it: the listing's card (absent once hidden or removed), the latest amount and the state,
/// every proposal from the chat, the conversation to continue in, and the moves open to the viewer now.
/// </summary>
public sealed record OfferResponse(
    long Id, long ListingId, TaggedItem? Listing, Money Amount, OfferState State, UserSummary? Buyer, UserSummary? Seller,
    long ConversationId, IReadOnlyList<OfferStep> History, IReadOnlyList<string> YourMoves, DateTime CreatedAt, DateTime UpdatedAt);

/// <summary>One offer in the seller's list of offers on a listing.</summary>
public sealed record ListingOfferItem(long Id, UserSummary? Buyer, Money Amount, OfferState State, long ConversationId, DateTime CreatedAt, DateTime UpdatedAt);

/// <summary>Reads offers for their two parties; anyone else gets nothing (the endpoints answer 404).</summary>
public sealed class OfferReader(SoukDb db, NoteReader people, ItemCards items)
{
    public async Task<OfferResponse?> ReadAsync(long offerId, Guid viewer, string baseUrl, CancellationToken ct)
    {
        var offer = await db.Offers.AsNoTracking().FirstOrDefaultAsync(o => o.Id == offerId && (o.BuyerId == viewer || o.SellerId == viewer), ct);
        if (offer is null) return null;
        var steps = await db.ChatMessages.AsNoTracking()
            .Where(m => m.ConversationId == offer.ConversationId && m.OfferId == offer.Id && m.Kind == MessageKind.Offer && m.OfferAmount != null)
            .OrderBy(m => m.Id).Select(m => new { Amount = m.OfferAmount!.Value, m.SenderId, m.CreatedAt }).ToListAsync(ct);
        var users = await people.UsersAsync([offer.BuyerId, offer.SellerId], ct);
        var cards = await items.ForAsync([offer.ListingId], [], baseUrl, ct);
        return new OfferResponse(
            offer.Id, offer.ListingId, cards.Find(offer.ListingId, null), offer.Amount, offer.State,
            users.GetValueOrDefault(offer.BuyerId), users.GetValueOrDefault(offer.SellerId), offer.ConversationId,
            [.. steps.Select(s => new OfferStep(new Money(s.Amount, offer.Amount.Currency), s.SenderId is { } by ? users.GetValueOrDefault(by) : null, s.CreatedAt))],
            OfferService.MovesFor(offer, viewer), offer.CreatedAt, offer.UpdatedAt);
    }

    /// <summary>Every offer on a listing, the ones waiting for an answer first, then the newest.</summary>
    public async Task<IReadOnlyList<ListingOfferItem>> ForListingAsync(long listingId, CancellationToken ct)
    {
        var offers = await db.Offers.AsNoTracking().Where(o => o.ListingId == listingId)
            .OrderBy(o => o.State == OfferState.Open || o.State == OfferState.Countered ? 0 : 1).ThenByDescending(o => o.Id)
            .ToListAsync(ct);
        var users = await people.UsersAsync([.. offers.Select(o => o.BuyerId).Distinct()], ct);
        return [.. offers.Select(o => new ListingOfferItem(o.Id, users.GetValueOrDefault(o.BuyerId), o.Amount, o.State, o.ConversationId, o.CreatedAt, o.UpdatedAt))];
    }
}

/// <summary>How every offer endpoint answers a refused step, so they all say it the same way.</summary>
static class OfferResults
{
    public static Results<Ok<OfferResponse>, Created<OfferResponse>, ValidationProblem, ProblemHttpResult> Refused(OfferOutcome outcome) => outcome.Failure switch
    {
        OfferFailure.Invalid => TypedResults.ValidationProblem(outcome.Errors!),
        OfferFailure.Forbidden => Problems.Forbidden(outcome.Detail!),
        OfferFailure.Conflict => outcome.Conflict is { } with ? Problems.ConflictWith(outcome.Detail!, with) : Problems.Conflict(outcome.Detail!),
        _ => Problems.NotFound(outcome.Detail ?? "Not found."),
    };
}
