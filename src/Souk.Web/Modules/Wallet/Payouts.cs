using System.ComponentModel;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Souk.Web.Common;
using Souk.Web.Data;
using Souk.Web.Modules.Catalog;

namespace Souk.Web.Modules.Wallet;

public sealed record RequestPayoutRequest(
    [property: Description("How much to withdraw from your available balance, in minor units.")] MoneyInput? Amount,
    [property: Description("Where to pay it: bank and account number, or an FPS id; 3–200 characters, shown to operators only.")] string? Destination);

public sealed record DecidePayoutRequest([property: Description("Paid: the payment reference. Rejected: why (shown to the seller).")] string? Note);

public sealed record PayoutResponse(long Id, Money Amount, PayoutState State, string Destination, DateTime RequestedAt, DateTime? DecidedAt, string? Note);

public sealed record AdminPayoutResponse(long Id, string Handle, Money Amount, PayoutState State, string Destination, DateTime RequestedAt, DateTime? DecidedAt, string? Note);

/// <summary>
/// Sellers withdraw available money: the request moves it to PayoutsPending at once (so it cannot be spent twice), an operator
/// pays it outside Souk (PayoutsPending → External) or rejects it (back to the seller's Available). Each decision happens once:
/// a conditional UPDATE on Pending, and the ledger's unique key per payout and decision.
/// </summary>
public sealed class PayoutService(SoukDb db, Ledger ledger, TimeProvider clock)
{
    public const int DestinationMin = 3, DestinationMax = 200, NoteMax = 500;

    public async Task<Results<Created<PayoutResponse>, ValidationProblem, ProblemHttpResult>> RequestAsync(Guid userId, RequestPayoutRequest req, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (req.Amount is not { Amount: > 0 and var minor, Currency: { } currency } || !Money.IsSupported(currency) || minor > PriceRules.MaxAmount[currency])
            errors["amount"] = ["Give an amount above zero in minor units and a supported currency."];
        var destination = req.Destination?.Trim() ?? "";
        if (destination.Length is < DestinationMin or > DestinationMax) errors["destination"] = [$"Where to pay it, {DestinationMin}–{DestinationMax} characters."];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);

        var amount = new Money(req.Amount!.Amount!.Value, req.Amount.Currency!);
        await using var tx = await db.Database.BeginOrJoinTransactionAsync(ct);
        var payout = new Payout { UserId = userId, Amount = amount, State = PayoutState.Pending, Destination = destination, RequestedAt = clock.GetUtcNow().UtcDateTime };
        db.Payouts.Add(payout);
        await db.SaveChangesAsync(ct);
        var (outcome, _) = await ledger.PostAsync(LedgerTransactionKind.PayoutRequested, $"payout:{payout.Id}", amount.Currency,
            [new(await ledger.AccountIdAsync(LedgerAccountKind.Available, userId, amount.Currency, ct), -amount.Amount),
             new(await ledger.AccountIdAsync(LedgerAccountKind.PayoutsPending, null, amount.Currency, ct), amount.Amount)], null, userId, null, ct);
        // Refused: the error answer rolls back the payout row with the rest.
        if (outcome == PostOutcome.InsufficientFunds)
            return Problems.Field("amount", $"You have {new Money(await ledger.AvailableAsync(userId, amount.Currency, ct), amount.Currency)} available to withdraw.");
        if (outcome != PostOutcome.Posted) throw new InvalidOperationException($"Payout {payout.Id}: {outcome}.");
        await tx.CommitAsync(ct);
        return TypedResults.Created($"/api/v1/wallet/payouts/{payout.Id}", ToResponse(payout));
    }

    public Task<List<PayoutResponse>> MineAsync(Guid userId, CancellationToken ct) =>
        db.Payouts.AsNoTracking().Where(p => p.UserId == userId).OrderByDescending(p => p.Id).Take(100)
            .Select(p => new PayoutResponse(p.Id, p.Amount, p.State, p.Destination, p.RequestedAt, p.DecidedAt, p.DecisionNote)).ToListAsync(ct);

    public Task<List<AdminPayoutResponse>> ListAsync(PayoutState state, CancellationToken ct) =>
        (from p in db.Payouts.AsNoTracking()
         where p.State == state
         join u in db.Users on p.UserId equals u.Id
         orderby p.Id
         select new AdminPayoutResponse(p.Id, u.UserName ?? "", p.Amount, p.State, p.Destination, p.RequestedAt, p.DecidedAt, p.DecisionNote)).Take(200).ToListAsync(ct);

    /// <summary>An operator's decision: paid out (with the payment reference) or rejected (with the reason; the money goes back).</summary>
    public async Task<Results<Ok<PayoutResponse>, ValidationProblem, ProblemHttpResult>> DecideAsync(long id, Guid operatorId, bool paid, string? note, CancellationToken ct)
    {
        var text = note?.Trim() ?? "";
        if (text.Length is 0 or > NoteMax) return Problems.Field("note", paid ? "The payment reference, up to 500 characters." : "Why it is rejected, up to 500 characters.");
        var payout = await db.Payouts.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, ct);
        if (payout is null) return Problems.NotFound("No payout has this id.");
        var now = clock.GetUtcNow().UtcDateTime;
        await using var tx = await db.Database.BeginOrJoinTransactionAsync(ct);
        var decided = await db.Payouts.Where(p => p.Id == id && p.State == PayoutState.Pending)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.State, paid ? PayoutState.Paid : PayoutState.Rejected)
                .SetProperty(p => p.DecidedById, operatorId).SetProperty(p => p.DecidedAt, now).SetProperty(p => p.DecisionNote, text), ct);
        if (decided == 0) return Problems.Conflict($"This payout was {payout.State.ToString().ToLowerInvariant()} already.");
        var currency = payout.Amount.Currency;
        var to = paid
            ? await ledger.AccountIdAsync(LedgerAccountKind.External, null, currency, ct)
            : await ledger.AccountIdAsync(LedgerAccountKind.Available, payout.UserId, currency, ct);
        var (outcome, _) = await ledger.PostAsync(paid ? LedgerTransactionKind.PayoutPaid : LedgerTransactionKind.PayoutReturned,
            $"{(paid ? "payout-paid" : "payout-returned")}:{id}", currency,
            [new(await ledger.AccountIdAsync(LedgerAccountKind.PayoutsPending, null, currency, ct), -payout.Amount.Amount), new(to, payout.Amount.Amount)],
            null, operatorId, text, ct);
        if (outcome != PostOutcome.Posted) throw new InvalidOperationException($"Payout {id}: {outcome}.");
        await tx.CommitAsync(ct);
        return TypedResults.Ok(ToResponse(await db.Payouts.AsNoTracking().SingleAsync(p => p.Id == id, ct)));
    }

    static PayoutResponse ToResponse(Payout p) => new(p.Id, p.Amount, p.State, p.Destination, p.RequestedAt, p.DecidedAt, p.DecisionNote);
}
