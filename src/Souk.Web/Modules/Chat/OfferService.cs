using Microsoft.EntityFrameworkCore;
using Souk.Web.Common;
using Souk.Web.Data;
using Souk.Web.Modules.Accounts;
using Souk.Web.Modules.Catalog;

namespace Souk.Web.Modules.Chat;

public enum OfferFailure
{
    None,
    Invalid,
    NotFound,
    Forbidden,
    Conflict,
}

/// <summary>What an offer step did: the offer and its conversation, or why not (field errors, a detail, what it collided with).</summary>
public sealed record OfferOutcome(
    OfferFailure Failure, long OfferId = 0, long ConversationId = 0, Dictionary<string, string[]>? Errors = null, string? Detail = null,
    IDictionary<string, object?>? Conflict = null)
{
    public static OfferOutcome Ok(Offer offer) => new(OfferFailure.None, offer.Id, offer.ConversationId);

    public static OfferOutcome Refused(OfferFailure failure, string detail, IDictionary<string, object?>? conflict = null) =>
        new(failure, Detail: detail, Conflict: conflict);
}

/// <summary>
/// Offers on listings, Carousell rules. The buyer offers; the seller accepts, declines or counters; the buyer accepts or
/// declines a counter, counters back, or withdraws an open offer. Every step is one transaction that changes the offer and
/// appends its Offer or System message to the buyer–seller conversation; the messages are pushed after the commit.
/// Accepting locks the listing row (PostgreSQL; SQLite write transactions already run one at a time), so of two accepts on
/// one listing at once exactly one wins, and an offer made meanwhile is either declined by the winner or refused.
/// </summary>
public sealed class OfferService(SoukDb db, ChatService chat, ChatPush push, ListingService listings, TimeProvider clock)
{
    /// <summary>Whose move it is: the seller's on an open offer, the buyer's on a counter; nobody's once decided.</summary>
    public static Guid? TurnOf(Offer offer) => offer.State switch
    {
        OfferState.Open => offer.SellerId,
        OfferState.Countered => offer.BuyerId,
        _ => null,
    };

    /// <summary>The steps this person may take now (what a client shows as buttons).</summary>
    public static IReadOnlyList<string> MovesFor(Offer offer, Guid viewer)
    {
        if (TurnOf(offer) == viewer) return ["accept", "decline", "counter"];
        if (offer.State == OfferState.Open && viewer == offer.BuyerId) return ["withdraw"];
        return [];
    }

    public async Task<OfferOutcome> MakeAsync(Guid buyerId, long listingId, MoneyInput? amount, string baseUrl, CancellationToken ct)
    {
        var listing = await db.Listings.AsNoTracking().Where(l => l.Id == listingId)
            .Select(l => new { l.SellerId, l.State, l.Price }).FirstOrDefaultAsync(ct);
        // Hidden and removed listings do not exist for buyers.
        if (listing is null || !ListingAccess.CanView(listing.State, listing.SellerId, buyerId, isOperator: false))
            return OfferOutcome.Refused(OfferFailure.NotFound, $"No listing {listingId}.");
        if (listing.SellerId == buyerId) return OfferOutcome.Refused(OfferFailure.Forbidden, "You cannot make an offer on your own listing.");
        var errors = new FieldErrors();
        var money = CheckAmount(amount, listing.Price.Currency, errors);
        if (money is null) return new(OfferFailure.Invalid, Errors: errors.ToDictionary());
        if (listing.State != ListingState.Active) return ListingUnavailable(listing.State);
        if (await BlockedAsync(buyerId, listing.SellerId, ct)) return OfferOutcome.Refused(OfferFailure.Forbidden, "You cannot make offers to this seller.");
        if (await OpenOfferAsync(listingId, buyerId, ct) is { } open) return AlreadyOpen(open);

        var conversation = await chat.OpenDirectAsync(buyerId, listing.SellerId, listingId, null, ct);
        var strategy = db.Database.CreateExecutionStrategy();
        var (outcome, messageIds) = await strategy.ExecuteAsync(async () =>
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            // Shared lock: an accept on this listing (exclusive lock) either finishes first, and we see it reserved, or waits for us
            // and then declines this offer with the others.
            if (await ListingStateAsync(listingId, exclusive: false, ct) is { } state && state != ListingState.Active)
                return (ListingUnavailable(state), NoMessages);
            var now = clock.GetUtcNow().UtcDateTime;
            var offer = new Offer
            {
                ListingId = listingId, BuyerId = buyerId, SellerId = listing.SellerId, ConversationId = conversation.Id, Amount = money.Value,
                State = OfferState.Open, CreatedAt = now, UpdatedAt = now,
            };
            db.Offers.Add(offer);
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException)
            {
                // The filtered unique index: another request of this buyer opened one first.
                await tx.RollbackAsync(ct);
                db.ChangeTracker.Clear();
                return (await OpenOfferAsync(listingId, buyerId, ct) is { } winner ? AlreadyOpen(winner) : OfferOutcome.Refused(OfferFailure.Conflict, "Try again."), NoMessages);
            }
            var message = await chat.AppendAsync(OfferMessage(offer, buyerId, offer.Amount), ct);
            await tx.CommitAsync(ct);
            return (OfferOutcome.Ok(offer), new[] { message.Id });
        });
        db.ChangeTracker.Clear();
        await PushAsync(messageIds, baseUrl, ct);
        return outcome;
    }

    public async Task<OfferOutcome> AcceptAsync(long offerId, Guid actorId, string baseUrl, CancellationToken ct)
    {
        if (await StepCheckAsync(offerId, actorId, "accept", ct) is not { } offer) return await RefusalAsync(offerId, actorId, "accept", ct);
        var reserve = await db.Users.Where(u => u.Id == offer.SellerId).Select(u => u.ReserveOnAcceptedOffer).FirstOrDefaultAsync(ct);

        var strategy = db.Database.CreateExecutionStrategy();
        var (outcome, messageIds, reserved) = await strategy.ExecuteAsync(async () =>
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var state = await ListingStateAsync(offer.ListingId, exclusive: true, ct);
            if (state != ListingState.Active) return (ListingUnavailable(state ?? ListingState.Removed), NoMessages, false);
            var now = clock.GetUtcNow().UtcDateTime;
            if (!await MoveOfferAsync(offer, OfferState.Accepted, null, now, ct)) return (Changed(), NoMessages, false);
            // Under the lock the listing is still active, so this move only fails if something bypassed the lock: refuse then.
            if (reserve && !await listings.MoveAsync(offer.ListingId, ListingState.Active, ListingState.Reserved, ct)) return (Changed(), NoMessages, false);

            // Carousell: one accepted offer per listing; the other open ones are declined, each in its own conversation.
            var others = await db.Offers.Where(o => o.ListingId == offer.ListingId && o.Id != offer.Id
                && (o.State == OfferState.Open || o.State == OfferState.Countered)).ToListAsync(ct);
            foreach (var other in others)
            {
                other.State = OfferState.Declined;
                other.UpdatedAt = now;
            }
            await db.SaveChangesAsync(ct);
            var ids = new List<long>();
            foreach (var other in others)
                ids.Add((await chat.AppendAsync(SystemMessage(other, SystemEvent.OfferDeclinedListingReserved, offer.SellerId), ct)).Id);
            ids.Add((await chat.AppendAsync(SystemMessage(offer, SystemEvent.OfferAccepted, actorId), ct)).Id);
            await tx.CommitAsync(ct);
            return (OfferOutcome.Ok(offer), ids.ToArray(), reserve);
        });
        db.ChangeTracker.Clear();
        if (reserved) await listings.ForgetPageAsync(offer.ListingId);
        await PushAsync(messageIds, baseUrl, ct);
        return outcome;
    }

    /// <summary>Declines (the party whose turn it is) or, for the buyer of an open offer, withdraws it.</summary>
    public async Task<OfferOutcome> DeclineAsync(long offerId, Guid actorId, string baseUrl, CancellationToken ct)
    {
        if (await StepCheckAsync(offerId, actorId, "decline", ct) is not { } offer) return await RefusalAsync(offerId, actorId, "decline", ct);
        var withdraw = TurnOf(offer) != actorId;
        return await StepAsync(offer, withdraw ? OfferState.Withdrawn : OfferState.Declined, null,
            o => SystemMessage(o, withdraw ? SystemEvent.OfferWithdrawn : SystemEvent.OfferDeclined, actorId), baseUrl, ct);
    }

    /// <summary>The seller counters an open offer, or the buyer counters a counter back: the new amount is the other side's to answer.</summary>
    public async Task<OfferOutcome> CounterAsync(long offerId, Guid actorId, MoneyInput? amount, string baseUrl, CancellationToken ct)
    {
        if (await StepCheckAsync(offerId, actorId, "counter", ct) is not { } offer) return await RefusalAsync(offerId, actorId, "counter", ct);
        var errors = new FieldErrors();
        var money = CheckAmount(amount, offer.Amount.Currency, errors);
        if (money is null) return new(OfferFailure.Invalid, Errors: errors.ToDictionary());
        var state = await db.Listings.Where(l => l.Id == offer.ListingId).Select(l => (ListingState?)l.State).FirstOrDefaultAsync(ct);
        if (state != ListingState.Active) return ListingUnavailable(state ?? ListingState.Removed);
        var next = offer.State == OfferState.Open ? OfferState.Countered : OfferState.Open;
        return await StepAsync(offer, next, money, o => OfferMessage(o, actorId, money.Value), baseUrl, ct);
    }

    /// <summary>One step that changes only this offer: the conditional move and its message in one transaction, then the push.</summary>
    async Task<OfferOutcome> StepAsync(Offer offer, OfferState next, Money? amount, Func<Offer, ChatMessage> message, string baseUrl, CancellationToken ct)
    {
        var strategy = db.Database.CreateExecutionStrategy();
        var (outcome, messageIds) = await strategy.ExecuteAsync(async () =>
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            if (!await MoveOfferAsync(offer, next, amount, clock.GetUtcNow().UtcDateTime, ct)) return (Changed(), NoMessages);
            var appended = await chat.AppendAsync(message(offer), ct);
            await tx.CommitAsync(ct);
            return (OfferOutcome.Ok(offer), new[] { appended.Id });
        });
        db.ChangeTracker.Clear();
        await PushAsync(messageIds, baseUrl, ct);
        return outcome;
    }

    /// <summary>
    /// The offer when this person may take this step now; null otherwise (<see cref="RefusalAsync"/> says why).
    /// </summary>
    async Task<Offer?> StepCheckAsync(long offerId, Guid actorId, string move, CancellationToken ct)
    {
        var offer = await db.Offers.AsNoTracking().FirstOrDefaultAsync(o => o.Id == offerId, ct);
        return offer is not null && MovesFor(offer, actorId).Contains(move == "decline" && TurnOf(offer) != actorId ? "withdraw" : move) ? offer : null;
    }

    /// <summary>Why a step was refused: not a party (404, nothing leaked), already decided (409), or not their move (403).</summary>
    async Task<OfferOutcome> RefusalAsync(long offerId, Guid actorId, string move, CancellationToken ct)
    {
        var offer = await db.Offers.AsNoTracking().FirstOrDefaultAsync(o => o.Id == offerId, ct);
        if (offer is null || (offer.BuyerId != actorId && offer.SellerId != actorId))
            return OfferOutcome.Refused(OfferFailure.NotFound, $"No offer {offerId}.");
        if (!Offer.IsOpenState(offer.State))
            return OfferOutcome.Refused(OfferFailure.Conflict, $"This offer is already {ListingRules.Name(offer.State)}.", new Dictionary<string, object?> { ["state"] = ListingRules.Name(offer.State) });
        return OfferOutcome.Refused(OfferFailure.Forbidden, offer.State == OfferState.Open
            ? $"Only the seller can {move} an open offer."
            : $"The seller countered: only the buyer can {move} now.");
    }

    /// <summary>Moves the offer only if it is still in the state we checked, so of two racing steps the second changes nothing.</summary>
    async Task<bool> MoveOfferAsync(Offer offer, OfferState next, Money? amount, DateTime now, CancellationToken ct)
    {
        var seen = offer.State;
        var newAmount = amount?.Amount ?? offer.Amount.Amount;
        var n = await db.Offers.Where(o => o.Id == offer.Id && o.State == seen)
            .ExecuteUpdateAsync(s => s.SetProperty(o => o.State, next).SetProperty(o => o.Amount.Amount, newAmount).SetProperty(o => o.UpdatedAt, now), ct);
        if (n != 1) return false;
        offer.State = next;
        offer.Amount = offer.Amount with { Amount = newAmount };
        return true;
    }

    /// <summary>The listing's state, locked until the transaction ends on PostgreSQL (exclusively for an accept).</summary>
    async Task<ListingState?> ListingStateAsync(long listingId, bool exclusive, CancellationToken ct)
    {
        if (db.Provider != DatabaseProvider.Postgres)
            return await db.Listings.Where(l => l.Id == listingId).Select(l => (ListingState?)l.State).FirstOrDefaultAsync(ct);
        var rows = exclusive
            ? db.Database.SqlQuery<int>($"""SELECT "State" AS "Value" FROM "Listings" WHERE "Id" = {listingId} FOR UPDATE""")
            : db.Database.SqlQuery<int>($"""SELECT "State" AS "Value" FROM "Listings" WHERE "Id" = {listingId} FOR SHARE""");
        var states = await rows.ToListAsync(ct);
        return states.Count == 0 ? null : (ListingState)states[0];
    }

    /// <summary>Either of the two has blocked the other.</summary>
    Task<bool> BlockedAsync(Guid a, Guid b, CancellationToken ct) =>
        db.UserBlocks.AnyAsync(x => (x.BlockerId == a && x.BlockedId == b) || (x.BlockerId == b && x.BlockedId == a), ct);

    Task<Offer?> OpenOfferAsync(long listingId, Guid buyerId, CancellationToken ct) =>
        db.Offers.AsNoTracking().FirstOrDefaultAsync(o => o.ListingId == listingId && o.BuyerId == buyerId
            && (o.State == OfferState.Open || o.State == OfferState.Countered), ct);

    async Task PushAsync(long[] messageIds, string baseUrl, CancellationToken ct)
    {
        foreach (var id in messageIds) await push.MessageAsync(id, isNew: true, baseUrl, ct);
    }

    /// <summary>An amount in the listing's currency within the catalog's price bounds; problems under "amount.*".</summary>
    static Money? CheckAmount(MoneyInput? input, string currency, FieldErrors errors)
    {
        if (input is null)
        {
            errors.Add("amount", "Amount is required.");
            return null;
        }
        var money = PriceRules.Check(input, "amount", errors, allowZero: false);
        if (money is { } m && m.Currency != currency)
        {
            errors.Add("amount.currency", $"Offers on this listing are in {currency}.");
            return null;
        }
        return money;
    }

    static ChatMessage OfferMessage(Offer offer, Guid senderId, Money amount) => new()
    {
        ConversationId = offer.ConversationId, SenderId = senderId, Kind = MessageKind.Offer, OfferId = offer.Id, OfferAmount = amount.Amount,
    };

    static ChatMessage SystemMessage(Offer offer, SystemEvent what, Guid actorId) => new()
    {
        ConversationId = offer.ConversationId, Kind = MessageKind.System, SystemEvent = what, OfferId = offer.Id, ActorId = actorId,
        SubjectId = actorId == offer.BuyerId ? offer.SellerId : offer.BuyerId,
    };

    static OfferOutcome AlreadyOpen(Offer open) => OfferOutcome.Refused(OfferFailure.Conflict,
        "You already have an open offer on this listing: change it in the conversation.",
        new Dictionary<string, object?> { ["offerId"] = open.Id, ["conversationId"] = open.ConversationId });

    static OfferOutcome ListingUnavailable(ListingState state) => OfferOutcome.Refused(OfferFailure.Conflict,
        $"This listing is {ListingRules.Name(state)}: it takes no offers.", new Dictionary<string, object?> { ["listingState"] = ListingRules.Name(state) });

    static OfferOutcome Changed() => OfferOutcome.Refused(OfferFailure.Conflict, "The offer changed meanwhile; reload it.");

    static readonly long[] NoMessages = [];
}
