using Microsoft.EntityFrameworkCore;
using Souk.Web.Common;
using Souk.Web.Data;

namespace Souk.Web.Modules.Wallet;

public enum EscrowFailure
{
    None,
    /// <summary>The buyer's available balance is below the amount.</summary>
    InsufficientFunds,
    /// <summary>The hold was resolved already (released or refunded): nothing moved this time.</summary>
    AlreadyResolved,
    NotFound,
    /// <summary>A refund or fee larger than what the hold holds.</summary>
    InvalidAmount,
}

/// <summary>
/// Escrow for orders: what Orders calls (it never writes ledger rows itself). Each method runs inside the caller's database
/// transaction, beside the order change it belongs to; on a failure other than <see cref="EscrowFailure.AlreadyResolved"/>
/// the caller rolls back. A hold resolves exactly once: the move out of Held is a conditional UPDATE, and the ledger
/// transaction's unique key ("release:hold:{id}", "refund:hold:{id}") refuses a second one anyway.
/// </summary>
public sealed class Escrow(SoukDb db, Ledger ledger, TimeProvider clock)
{
    /// <summary>Moves <paramref name="amount"/> from the buyer's available balance into escrow for an order.</summary>
    public async Task<(long HoldId, EscrowFailure Failure)> HoldAsync(long orderId, Guid buyerId, Guid sellerId, Money amount, CancellationToken ct)
    {
        if (amount.Amount <= 0) return (0, EscrowFailure.InvalidAmount);
        var hold = new EscrowHold
        {
            OrderId = orderId, BuyerId = buyerId, SellerId = sellerId, Amount = amount, State = EscrowHoldState.Held,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.EscrowHolds.Add(hold);
        await db.SaveChangesAsync(ct);
        var buyer = await ledger.AccountIdAsync(LedgerAccountKind.Available, buyerId, amount.Currency, ct);
        var escrow = await ledger.AccountIdAsync(LedgerAccountKind.Escrow, null, amount.Currency, ct);
        var (outcome, _) = await ledger.PostAsync(LedgerTransactionKind.EscrowHold, $"hold:order:{orderId}", amount.Currency,
            [new(buyer, -amount.Amount), new(escrow, amount.Amount)], hold.Id, buyerId, null, ct);
        return outcome switch
        {
            PostOutcome.Posted => (hold.Id, EscrowFailure.None),
            PostOutcome.InsufficientFunds => (0, EscrowFailure.InsufficientFunds),
            _ => throw new InvalidOperationException($"Order {orderId} was already paid for."),
        };
    }

    /// <summary>
    /// Resolves a hold in the seller's favour: <paramref name="refundToBuyer"/> (0 for a plain release) goes back to the buyer,
    /// <paramref name="fee"/> to the platform, the rest to the seller's available balance.
    /// </summary>
    public async Task<EscrowFailure> ReleaseAsync(long holdId, long refundToBuyer, long fee, Guid? actorId, CancellationToken ct)
    {
        var hold = await db.EscrowHolds.AsNoTracking().FirstOrDefaultAsync(h => h.Id == holdId, ct);
        if (hold is null) return EscrowFailure.NotFound;
        if (refundToBuyer < 0 || fee < 0 || refundToBuyer + fee > hold.Amount.Amount) return EscrowFailure.InvalidAmount;
        if (!await ResolveAsync(holdId, EscrowHoldState.Released, refundToBuyer, fee, ct)) return EscrowFailure.AlreadyResolved;

        var currency = hold.Amount.Currency;
        var toSeller = hold.Amount.Amount - refundToBuyer - fee;
        var legs = new List<Leg> { new(await ledger.AccountIdAsync(LedgerAccountKind.Escrow, null, currency, ct), -hold.Amount.Amount) };
        if (toSeller > 0) legs.Add(new(await ledger.AccountIdAsync(LedgerAccountKind.Available, hold.SellerId, currency, ct), toSeller));
        if (fee > 0) legs.Add(new(await ledger.AccountIdAsync(LedgerAccountKind.PlatformFees, null, currency, ct), fee));
        if (refundToBuyer > 0) legs.Add(new(await ledger.AccountIdAsync(LedgerAccountKind.Available, hold.BuyerId, currency, ct), refundToBuyer));
        // One leg per account: when the buyer is also the seller (never through checkout, but Escrow does not rely on it)
        // their refund and their share land on the same account.
        legs = [.. legs.GroupBy(l => l.AccountId).Select(g => new Leg(g.Key, g.Sum(l => l.Amount))).Where(l => l.Amount != 0)];
        var (outcome, _) = await ledger.PostAsync(LedgerTransactionKind.EscrowRelease, $"release:hold:{holdId}", currency, legs, holdId, actorId, null, ct);
        return outcome == PostOutcome.Posted ? EscrowFailure.None : EscrowFailure.AlreadyResolved;
    }

    /// <summary>Resolves a hold in the buyer's favour: all of it goes back to their available balance.</summary>
    public async Task<EscrowFailure> RefundAsync(long holdId, Guid? actorId, CancellationToken ct)
    {
        var hold = await db.EscrowHolds.AsNoTracking().FirstOrDefaultAsync(h => h.Id == holdId, ct);
        if (hold is null) return EscrowFailure.NotFound;
        if (!await ResolveAsync(holdId, EscrowHoldState.Refunded, hold.Amount.Amount, 0, ct)) return EscrowFailure.AlreadyResolved;
        var currency = hold.Amount.Currency;
        var (outcome, _) = await ledger.PostAsync(LedgerTransactionKind.EscrowRefund, $"refund:hold:{holdId}", currency,
            [new(await ledger.AccountIdAsync(LedgerAccountKind.Escrow, null, currency, ct), -hold.Amount.Amount),
             new(await ledger.AccountIdAsync(LedgerAccountKind.Available, hold.BuyerId, currency, ct), hold.Amount.Amount)],
            holdId, actorId, null, ct);
        return outcome == PostOutcome.Posted ? EscrowFailure.None : EscrowFailure.AlreadyResolved;
    }

    /// <summary>The one move out of Held: of two racing resolutions exactly one changes the row.</summary>
    async Task<bool> ResolveAsync(long holdId, EscrowHoldState to, long refunded, long fee, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return await db.EscrowHolds.Where(h => h.Id == holdId && h.State == EscrowHoldState.Held)
            .ExecuteUpdateAsync(u => u.SetProperty(h => h.State, to).SetProperty(h => h.RefundedAmount, refunded)
                .SetProperty(h => h.FeeAmount, fee).SetProperty(h => h.ResolvedAt, now), ct) == 1;
    }
}
