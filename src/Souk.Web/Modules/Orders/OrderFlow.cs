using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Souk.Web.Common;
using Souk.Web.Data;
using Souk.Web.Modules.Catalog;
using Souk.Web.Modules.Wallet;

namespace Souk.Web.Modules.Orders;

public enum OrderFailure
{
    None,
    /// <summary>No such order, or the caller is neither of its sides nor an operator (the same answer, so ids cannot be probed).</summary>
    NotFound,
    /// <summary>A side of the order asked for a step that is the other side's.</summary>
    Forbidden,
    /// <summary>The order is not (or no longer) in a state that allows the step: someone or something moved it first.</summary>
    Conflict,
    /// <summary>A field of the request is wrong (Field names it).</summary>
    Invalid,
}

public readonly record struct OrderOutcome(OrderFailure Failure, string? Detail = null, string? Field = null)
{
    public static readonly OrderOutcome Done = new(OrderFailure.None);

    public static OrderOutcome Moved(OrderState state) => new(OrderFailure.Conflict, $"The order is {state.ToString().ToLowerInvariant()} now; refresh it.");
}

/// <summary>
/// Every step of an order after payment, for its two sides, operators and the deadline sweeper. Each step is one conditional
/// UPDATE on the state it leaves (of two racing steps exactly one changes the row; the other gets 409), in one database
/// transaction with the money it moves through <see cref="Escrow"/>, the stock it returns and its <see cref="OrderEvent"/>.
/// </summary>
public sealed class OrderFlow(SoukDb db, Escrow escrow, Inventory inventory, ListingService listings, OrderOptions options,
    OrderChatCards cards, TimeProvider clock)
{
    public const int TrackingNoteMax = 500, ReasonMax = 500, DetailsMax = 2000, EvidencePhotosMax = 6;

    /// <summary>Listings put back on sale by this unit of work: their cached pages are dropped after the commit.</summary>
    readonly List<long> relisted = [];

    public IReadOnlyList<long> Relisted => relisted;

    public Task ForgetRelistedAsync() => Task.WhenAll(relisted.Select(id => listings.ForgetPageAsync(id).AsTask()));

    async Task<(Order? Order, OrderOutcome Outcome)> LoadAsync(long id, Guid actor, bool isOperator, CancellationToken ct)
    {
        var order = await db.Orders.AsNoTracking().Include(o => o.Lines).FirstOrDefaultAsync(o => o.Id == id, ct);
        return order is null || (order.BuyerId != actor && order.SellerId != actor && !isOperator)
            ? (null, new(OrderFailure.NotFound, "You have no order with this id."))
            : (order, OrderOutcome.Done);
    }

    /// <summary>The one way an order changes state: only from <paramref name="from"/>, with the step's other columns.</summary>
    async Task<bool> MoveAsync(long id, OrderState from, OrderState to, DateTime? deadline, Action<Microsoft.EntityFrameworkCore.Query.UpdateSettersBuilder<Order>>? more,
        CancellationToken ct, DateTime? dueBy = null) =>
        await db.Orders.Where(o => o.Id == id && o.State == from && (dueBy == null || o.DeadlineAt <= dueBy))
            .ExecuteUpdateAsync(s =>
            {
                s.SetProperty(o => o.State, to).SetProperty(o => o.DeadlineAt, deadline);
                more?.Invoke(s);
            }, ct) == 1;

    void Log(long orderId, OrderEventKind kind, Guid? actor, string? note = null, long? refunded = null)
    {
        db.OrderEvents.Add(new OrderEvent
        {
            OrderId = orderId, Kind = kind, ActorId = actor, Note = note, Amount = refunded, At = clock.GetUtcNow().UtcDateTime, ChatPending = true,
        });
        cards.Touched(orderId);
    }

    public async Task<OrderOutcome> AcceptAsync(long id, Guid actor, CancellationToken ct)
    {
        var (order, outcome) = await LoadAsync(id, actor, false, ct);
        if (order is null) return outcome;
        if (order.SellerId != actor) return new(OrderFailure.Forbidden, "Only the seller accepts an order.");
        var now = clock.GetUtcNow().UtcDateTime;
        return await StepWithoutMoneyAsync(order, OrderState.Paid, OrderState.Accepted, now.AddDays(options.ShipDays),
            s => s.SetProperty(o => o.AcceptedAt, now), OrderEventKind.Accepted, actor, null, ct);
    }

    public async Task<OrderOutcome> ShipAsync(long id, Guid actor, string? trackingNote, CancellationToken ct)
    {
        var (order, outcome) = await LoadAsync(id, actor, false, ct);
        if (order is null) return outcome;
        if (order.SellerId != actor) return new(OrderFailure.Forbidden, "Only the seller ships an order.");
        if (order.State != OrderState.Accepted) return OrderOutcome.Moved(order.State);
        var note = trackingNote?.Trim() is { Length: > 0 } t ? t : null;
        if (note is null && order.Delivery == DeliveryMethod.Shipping)
            return new(OrderFailure.Invalid, "Give the courier and tracking number, so the buyer can follow the parcel.", "trackingNote");
        if (note?.Length > TrackingNoteMax) return new(OrderFailure.Invalid, $"At most {TrackingNoteMax} characters.", "trackingNote");
        var now = clock.GetUtcNow().UtcDateTime;
        return await StepWithoutMoneyAsync(order, OrderState.Accepted, OrderState.Shipped, now.AddDays(options.AutoReleaseDays),
            s => s.SetProperty(o => o.ShippedAt, now).SetProperty(o => o.TrackingNote, note), OrderEventKind.Shipped, actor, note, ct);
    }

    /// <summary>A step that moves no money (accept, ship): the state, its columns and the timeline event, in one transaction.</summary>
    async Task<OrderOutcome> StepWithoutMoneyAsync(Order order, OrderState from, OrderState to, DateTime deadline,
        Action<Microsoft.EntityFrameworkCore.Query.UpdateSettersBuilder<Order>> columns, OrderEventKind kind, Guid actor, string? note, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginOrJoinTransactionAsync(ct);
        if (!await MoveAsync(order.Id, from, to, deadline, columns, ct)) return OrderOutcome.Moved(order.State);
        Log(order.Id, kind, actor, note);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return OrderOutcome.Done;
    }

    /// <summary>The buyer has the goods: the hold goes to the seller minus the platform fee. A meet-up needs the code of the seller's QR.</summary>
    public async Task<OrderOutcome> ConfirmAsync(long id, Guid actor, string? meetUpCode, CancellationToken ct)
    {
        var (order, outcome) = await LoadAsync(id, actor, false, ct);
        if (order is null) return outcome;
        if (order.BuyerId != actor) return new(OrderFailure.Forbidden, "Only the buyer confirms receipt.");
        if (!OrderRules.MayConfirm(order)) return OrderOutcome.Moved(order.State);
        if (order.Delivery == DeliveryMethod.MeetUp && !CodeMatches(order.MeetUpCode, meetUpCode))
            return new(OrderFailure.Invalid, "Scan the QR code on the seller's order page to confirm the hand-over.", "meetUpCode");
        return await CompleteAsync(order, order.State, OrderEventKind.Confirmed, actor, null, ct);
    }

    static bool CodeMatches(string expected, string? given) =>
        given is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(expected), Encoding.UTF8.GetBytes(given.Trim()));

    async Task<OrderOutcome> CompleteAsync(Order order, OrderState from, OrderEventKind kind, Guid? actor, DateTime? dueBy, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var tx = await db.Database.BeginOrJoinTransactionAsync(ct);
        if (!await MoveAsync(order.Id, from, OrderState.Completed, null, s => s.SetProperty(o => o.CompletedAt, now), ct, dueBy))
            return OrderOutcome.Moved(order.State);
        var released = await escrow.ReleaseAsync(order.HoldId!.Value, 0, options.FeeOn(order.Total.Amount), actor, ct);
        if (released != EscrowFailure.None) throw new InvalidOperationException($"Order {order.Id}: the release failed ({released}).");
        Log(order.Id, kind, actor);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return OrderOutcome.Done;
    }

    public async Task<OrderOutcome> CancelAsync(long id, Guid actor, string? reason, CancellationToken ct)
    {
        var (order, outcome) = await LoadAsync(id, actor, false, ct);
        if (order is null) return outcome;
        var note = reason?.Trim() is { Length: > 0 } r ? r : null;
        if (note?.Length > ReasonMax) return new(OrderFailure.Invalid, $"At most {ReasonMax} characters.", "reason");
        var byBuyer = order.BuyerId == actor;
        if (byBuyer ? !OrderRules.BuyerMayCancel(order.State) : !OrderRules.SellerMayCancel(order.State))
            return order.State is OrderState.Accepted && byBuyer
                ? new(OrderFailure.Conflict, "The seller has accepted this order; ask them to cancel it, or open a dispute.")
                : OrderOutcome.Moved(order.State);
        return await CancelOrderAsync(order, order.State, byBuyer ? OrderEventKind.CancelledByBuyer : OrderEventKind.CancelledBySeller, actor, note, null, ct);
    }

    /// <summary>Cancelled before shipping: the whole hold goes back to the buyer and every unit back on sale.</summary>
    async Task<OrderOutcome> CancelOrderAsync(Order order, OrderState from, OrderEventKind kind, Guid? actor, string? note, DateTime? dueBy, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var tx = await db.Database.BeginOrJoinTransactionAsync(ct);
        if (!await MoveAsync(order.Id, from, OrderState.Cancelled, null, s => s.SetProperty(o => o.CancelledAt, now), ct, dueBy))
            return OrderOutcome.Moved(order.State);
        var refunded = await escrow.RefundAsync(order.HoldId!.Value, actor, ct);
        if (refunded != EscrowFailure.None) throw new InvalidOperationException($"Order {order.Id}: the refund failed ({refunded}).");
        foreach (var line in order.Lines.Where(l => l.SkuId is not null).OrderBy(l => l.SkuId))
        {
            // A SKU retired since the sale has nowhere to go back to: its units stay written off.
            await inventory.AdjustAsync(line.SkuId!.Value, line.Quantity, StockReason.SaleCancelled, actor, ct);
        }
        foreach (var line in order.Lines.Where(l => l.ListingId is not null))
        {
            if (await listings.MoveAsync(line.ListingId!.Value, ListingState.Sold, ListingState.Active, ct)) relisted.Add(line.ListingId.Value);
        }
        Log(order.Id, kind, actor, note, order.Total.Amount);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return OrderOutcome.Done;
    }

    public async Task<(OrderOutcome Outcome, long DisputeId)> OpenDisputeAsync(long id, Guid actor, DisputeReason? reason, string? details, Guid[]? photoIds, CancellationToken ct)
    {
        var (order, outcome) = await LoadAsync(id, actor, false, ct);
        if (order is null) return (outcome, 0);
        if (order.BuyerId != actor) return (new(OrderFailure.Forbidden, "Only the buyer opens a dispute."), 0);
        if (reason is null) return (new(OrderFailure.Invalid, "Choose a reason: notReceived, notAsDescribed, damaged, counterfeit or other.", "reason"), 0);
        var text = details?.Trim() ?? "";
        if (text.Length is 0 or > DetailsMax) return (new(OrderFailure.Invalid, $"Say what went wrong, in 1–{DetailsMax} characters.", "details"), 0);
        var photos = (photoIds ?? []).Distinct().ToList();
        if (photos.Count > EvidencePhotosMax) return (new(OrderFailure.Invalid, $"At most {EvidencePhotosMax} photos.", "photoIds"), 0);
        if (photos.Count > 0 && await db.MediaAssets.CountAsync(m => photos.Contains(m.Id) && m.OwnerId == actor, ct) != photos.Count)
            return (new(OrderFailure.Invalid, "Upload the photos first (POST /api/v1/media); only your own can be used.", "photoIds"), 0);
        if (!OrderRules.MayDispute(order.State)) return (OrderOutcome.Moved(order.State), 0);
        var now = clock.GetUtcNow().UtcDateTime;
        await using var tx = await db.Database.BeginOrJoinTransactionAsync(ct);
        // The deadline stops: no sweeper may cancel or release a disputed order.
        if (!await MoveAsync(id, order.State, OrderState.Disputed, null, null, ct)) return (OrderOutcome.Moved(order.State), 0);
        var dispute = new Dispute
        {
            OrderId = id, OpenedById = actor, Reason = reason.Value, Details = text, PhotoIds = photos, State = DisputeState.Open,
            OrderStateBefore = order.State, OpenedAt = now,
        };
        db.Disputes.Add(dispute);
        Log(id, OrderEventKind.DisputeOpened, actor, reason.Value.ToString());
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return (OrderOutcome.Done, dispute.Id);
    }

    async Task<(Dispute? Dispute, Order? Order, OrderOutcome Outcome)> LoadDisputeAsync(long disputeId, Guid actor, bool isOperator, CancellationToken ct)
    {
        var dispute = await db.Disputes.AsNoTracking().FirstOrDefaultAsync(d => d.Id == disputeId, ct);
        if (dispute is null) return (null, null, new(OrderFailure.NotFound, "You have no dispute with this id."));
        var (order, outcome) = await LoadAsync(dispute.OrderId, actor, isOperator, ct);
        return order is null ? (null, null, new(OrderFailure.NotFound, "You have no dispute with this id.")) : (dispute, order, outcome);
    }

    public async Task<OrderOutcome> EscalateAsync(long disputeId, Guid actor, CancellationToken ct)
    {
        var (dispute, order, outcome) = await LoadDisputeAsync(disputeId, actor, false, ct);
        if (dispute is null || order is null) return outcome;
        var now = clock.GetUtcNow().UtcDateTime;
        await using var tx = await db.Database.BeginOrJoinTransactionAsync(ct);
        var moved = await db.Disputes.Where(d => d.Id == disputeId && d.State == DisputeState.Open)
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.State, DisputeState.Escalated).SetProperty(d => d.EscalatedById, actor).SetProperty(d => d.EscalatedAt, now), ct);
        if (moved == 0) return new(OrderFailure.Conflict, $"The dispute is {dispute.State.ToString().ToLowerInvariant()} now; refresh it.");
        Log(order.Id, OrderEventKind.DisputeEscalated, actor);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return OrderOutcome.Done;
    }

    /// <summary>The seller settles an open dispute: all of the total back to the buyer, or part of it (the rest is released to them).</summary>
    public Task<OrderOutcome> SellerRefundAsync(long disputeId, Guid actor, MoneyInput? amount, CancellationToken ct) =>
        SettleAsync(disputeId, actor, false, DisputeState.Open, amount, null, requireSomething: true, ct);

    /// <summary>An operator decides an escalated dispute: 0 releases everything to the seller, the total refunds everything.</summary>
    public Task<OrderOutcome> ResolveAsync(long disputeId, Guid operatorId, MoneyInput? amount, string? note, CancellationToken ct) =>
        SettleAsync(disputeId, operatorId, true, DisputeState.Escalated, amount, note, requireSomething: false, ct);

    async Task<OrderOutcome> SettleAsync(long disputeId, Guid actor, bool asOperator, DisputeState from, MoneyInput? input, string? note, bool requireSomething, CancellationToken ct)
    {
        var (dispute, order, outcome) = await LoadDisputeAsync(disputeId, actor, asOperator, ct);
        if (dispute is null || order is null) return outcome;
        if (!asOperator && order.SellerId != actor) return new(OrderFailure.Forbidden, "Only the seller refunds.");
        var total = order.Total;
        if (input is not { Amount: { } refund } || input.Currency != total.Currency || refund < (requireSomething ? 1 : 0) || refund > total.Amount)
            return new(OrderFailure.Invalid, $"An amount in {total.Currency} from {(requireSomething ? 1 : 0)} to {total.Amount} (minor units).", requireSomething ? "amount" : "refundAmount");
        var text = note?.Trim() is { Length: > 0 } n ? n : null;
        if (text?.Length > 1000) return new(OrderFailure.Invalid, "At most 1,000 characters.", "note");
        var now = clock.GetUtcNow().UtcDateTime;
        await using var tx = await db.Database.BeginOrJoinTransactionAsync(ct);
        var settled = await db.Disputes.Where(d => d.Id == disputeId && d.State == from)
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.State, DisputeState.Resolved).SetProperty(d => d.RefundAmount, refund)
                .SetProperty(d => d.ResolvedById, actor).SetProperty(d => d.ResolutionNote, text).SetProperty(d => d.ResolvedAt, now), ct);
        if (settled == 0) return new(OrderFailure.Conflict, $"The dispute is {dispute.State.ToString().ToLowerInvariant()} now; refresh it.");
        var full = refund == total.Amount;
        if (!await MoveAsync(order.Id, OrderState.Disputed, full ? OrderState.Refunded : OrderState.Completed, null,
                s => { if (!full) s.SetProperty(o => o.CompletedAt, now); }, ct))
            throw new InvalidOperationException($"Order {order.Id} of dispute {disputeId} was not disputed.");
        var moved = full
            ? await escrow.RefundAsync(order.HoldId!.Value, actor, ct)
            : await escrow.ReleaseAsync(order.HoldId!.Value, refund, options.FeeOn(total.Amount - refund), actor, ct);
        if (moved != EscrowFailure.None) throw new InvalidOperationException($"Order {order.Id}: settling the hold failed ({moved}).");
        Log(order.Id, OrderEventKind.DisputeResolved, actor, text, refund);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return OrderOutcome.Done;
    }

    /// <summary>The group-buy team of these orders filled: each waiting seat becomes a paid order with the seller's accept deadline.</summary>
    public async Task StartTeamOrdersAsync(IReadOnlyCollection<long> orderIds, CancellationToken ct)
    {
        var deadline = clock.GetUtcNow().UtcDateTime.AddDays(options.AcceptDays);
        foreach (var id in orderIds.Order())
        {
            if (await MoveAsync(id, OrderState.AwaitingTeam, OrderState.Paid, deadline, null, ct)) Log(id, OrderEventKind.TeamCompleted, null);
        }
        await db.SaveChangesAsync(ct);
    }

    /// <summary>The group-buy team of this order ran out of time: the seat's money goes back in full and its unit back on sale.</summary>
    public Task<OrderOutcome> FailTeamOrderAsync(long orderId, CancellationToken ct) => CancelTeamSeatAsync(orderId, OrderEventKind.TeamFailed, null, ct);

    /// <summary>The team's starter took a fallback: this seat is refunded in full (and its unit put back) to be bought again at the new price.</summary>
    public Task<OrderOutcome> RefundTeamSeatForRepricingAsync(long orderId, Guid actor, CancellationToken ct) =>
        CancelTeamSeatAsync(orderId, OrderEventKind.TeamRepriced, actor, ct);

    async Task<OrderOutcome> CancelTeamSeatAsync(long orderId, OrderEventKind kind, Guid? actor, CancellationToken ct)
    {
        var order = await db.Orders.AsNoTracking().Include(o => o.Lines).FirstOrDefaultAsync(o => o.Id == orderId, ct);
        return order is null ? new(OrderFailure.NotFound, "No such order.")
            : await CancelOrderAsync(order, OrderState.AwaitingTeam, kind, actor, null, null, ct);
    }

    /// <summary>
    /// What the sweeper does to one order whose deadline passed: not accepted or not shipped in time → cancelled and refunded;
    /// shipped and neither confirmed nor disputed → released to the seller. Conditional on the state and the deadline still
    /// being due, so a step the buyer or seller took meanwhile (or another node's sweeper) wins cleanly.
    /// </summary>
    public async Task<OrderOutcome> ApplyDeadlineAsync(long id, DateTime now, CancellationToken ct)
    {
        var order = await db.Orders.AsNoTracking().Include(o => o.Lines).FirstOrDefaultAsync(o => o.Id == id && o.DeadlineAt <= now, ct);
        if (order is null) return new(OrderFailure.Conflict, "Not due.");
        return order.State switch
        {
            OrderState.Paid => await CancelOrderAsync(order, OrderState.Paid, OrderEventKind.AcceptDeadlineMissed, null, null, now, ct),
            OrderState.Accepted => await CancelOrderAsync(order, OrderState.Accepted, OrderEventKind.ShipDeadlineMissed, null, null, now, ct),
            OrderState.Shipped => await CompleteAsync(order, OrderState.Shipped, OrderEventKind.AutoReleased, null, now, ct),
            _ => new(OrderFailure.Conflict, "No deadline runs in this state."),
        };
    }
}
