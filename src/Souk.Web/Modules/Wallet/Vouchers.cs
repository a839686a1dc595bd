using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Souk.Web.Common;
using Souk.Web.Data;
using Souk.Web.Modules.Catalog;

namespace Souk.Web.Modules.Wallet;

public sealed record CreateVoucherBatchRequest(MoneyInput? Amount, int? Count, DateTime? ExpiresAt);

public sealed record VoucherBatchResponse(long BatchId, Money Amount, int Count, DateTime ExpiresAt, IReadOnlyList<string> Codes);

public sealed record RedeemVoucherRequest(string? Code);

public sealed record RedeemVoucherResponse(Money Credited, Money Available);

/// <summary>Where top-up money comes from. Prepaid vouchers today; a card-payment provider can be another source later.</summary>
public interface ITopUpSource
{
    /// <summary>The ledger transaction kind its top-ups are posted as.</summary>
    LedgerTransactionKind Kind { get; }
}

/// <summary>
/// Prepaid vouchers: an operator creates a batch and gets its codes once; a user redeems a code once, crediting their
/// available balance from the External account in the same transaction as the voucher's conditional update.
/// </summary>
public sealed class VoucherService(SoukDb db, Ledger ledger, TimeProvider clock) : ITopUpSource
{
    public const int BatchMax = 1000;
    static readonly TimeSpan LongestValidity = TimeSpan.FromDays(731);

    public LedgerTransactionKind Kind => LedgerTransactionKind.VoucherTopUp;

    public async Task<Results<Created<VoucherBatchResponse>, ValidationProblem>> CreateBatchAsync(Guid operatorId, CreateVoucherBatchRequest req, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var errors = new Dictionary<string, string[]>();
        if (req.Amount is not { Amount: { } minor, Currency: { } currency } || !Money.IsSupported(currency))
            errors["amount"] = [$"Give an amount in minor units and a currency ({string.Join(", ", Money.SupportedCurrencies)})."];
        else if (minor <= 0 || minor > PriceRules.MaxAmount[currency])
            errors["amount"] = ["The amount must be above zero and within the currency's bound."];
        if (req.Count is not (>= 1 and <= BatchMax)) errors["count"] = [$"Between 1 and {BatchMax} codes per batch."];
        if (req.ExpiresAt is not { } expires || expires.ToUniversalTime() <= now || expires.ToUniversalTime() > now + LongestValidity)
            errors["expiresAt"] = ["An expiry in the future, at most two years away."];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);

        var amount = new Money(req.Amount!.Amount!.Value, req.Amount.Currency!);
        var expiresAt = req.ExpiresAt!.Value.ToUniversalTime();
        await using var tx = await db.Database.BeginOrJoinTransactionAsync(ct);
        var batch = new VoucherBatch { Amount = amount, Count = req.Count!.Value, ExpiresAt = expiresAt, CreatedById = operatorId, CreatedAt = now };
        db.VoucherBatches.Add(batch);
        await db.SaveChangesAsync(ct);
        var codes = Enumerable.Range(0, batch.Count).Select(_ => VoucherCodes.NewCode()).ToList();
        db.Vouchers.AddRange(codes.Select(code => new Voucher
        {
            BatchId = batch.Id, CodeHash = VoucherCodes.Hash(VoucherCodes.Normalize(code)!), Amount = amount, ExpiresAt = expiresAt,
        }));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return TypedResults.Created($"/api/v1/admin/vouchers/{batch.Id}", new VoucherBatchResponse(batch.Id, amount, batch.Count, expiresAt, codes));
    }

    public async Task<Results<Ok<RedeemVoucherResponse>, ValidationProblem, ProblemHttpResult>> RedeemAsync(Guid userId, string? code, CancellationToken ct)
    {
        if (VoucherCodes.Normalize(code) is not { } normalized)
            return Problems.Field("code", "A voucher code has 16 letters and digits, as XXXX-XXXX-XXXX-XXXX.");
        var hash = VoucherCodes.Hash(normalized);
        var now = clock.GetUtcNow().UtcDateTime;
        await using var tx = await db.Database.BeginOrJoinTransactionAsync(ct);
        var voucher = await db.Vouchers.AsNoTracking().FirstOrDefaultAsync(v => v.CodeHash == hash, ct);
        // One answer for a code that does not exist and one that was used: nobody learns which codes are real by trying.
        if (voucher is null) return Problems.NotFound("No unused voucher has this code.");
        if (voucher.ExpiresAt <= now) return Problems.Status(StatusCodes.Status410Gone, "Voucher expired", "This voucher has expired.");
        // Of two people typing the same code at once, exactly one changes the row.
        var taken = await db.Vouchers.Where(v => v.Id == voucher.Id && v.RedeemedAt == null && v.ExpiresAt > now)
            .ExecuteUpdateAsync(u => u.SetProperty(v => v.RedeemedAt, now).SetProperty(v => v.RedeemedById, userId), ct);
        if (taken == 0) return Problems.NotFound("No unused voucher has this code.");
        var currency = voucher.Amount.Currency;
        var external = await ledger.AccountIdAsync(LedgerAccountKind.External, null, currency, ct);
        var available = await ledger.AccountIdAsync(LedgerAccountKind.Available, userId, currency, ct);
        var (outcome, transactionId) = await ledger.PostAsync(Kind, $"voucher:{voucher.Id}", currency,
            [new(external, -voucher.Amount.Amount), new(available, voucher.Amount.Amount)], null, userId, null, ct);
        if (outcome != PostOutcome.Posted) throw new InvalidOperationException($"Voucher {voucher.Id} was credited twice: {outcome}.");
        await db.Vouchers.Where(v => v.Id == voucher.Id).ExecuteUpdateAsync(u => u.SetProperty(v => v.TransactionId, transactionId), ct);
        await tx.CommitAsync(ct);
        return TypedResults.Ok(new RedeemVoucherResponse(voucher.Amount, new Money(await ledger.AvailableAsync(userId, currency, ct), currency)));
    }
}
