using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Souk.Web.Common;
using Souk.Web.Data;

namespace Souk.Web.Modules.Wallet;

/// <summary>One currency of a wallet: what can be spent, and what is on its way in or out.</summary>
public sealed record WalletBalance(string Currency, Money Available, Money HeldForPurchases, Money Incoming, Money PayoutsPending);

public sealed record WalletResponse(IReadOnlyList<WalletBalance> Balances);

/// <summary>One line of a wallet statement: what moved the money, by how much (signed), the balance after it, and its order.</summary>
public sealed record StatementLine(long Id, LedgerTransactionKind Kind, Money Amount, Money BalanceAfter, DateTime At, long? OrderId, string? Memo);

public sealed record StatementPage(IReadOnlyList<StatementLine> Items, string? NextCursor);

/// <summary>The wallet routes of this slice: balances, voucher redemption, operator voucher batches.</summary>
public static class WalletApi
{
    public const string RedeemLimit = "wallet-redeem";

    public static void Map(RouteGroupBuilder api)
    {
        var wallet = api.MapGroup("/wallet").WithTags("Wallet").RequireAuthorization();
        wallet.MapGet("", GetWallet);
        wallet.MapGet("/transactions", GetStatement).WithSummary("My statement, newest first (cursor-paged)");
        wallet.MapPost("/payouts", (RequestPayoutRequest req, CurrentUser current, PayoutService payouts, CancellationToken ct) =>
                payouts.RequestAsync(current.RequiredId, req, ct))
            .RequireIdempotencyKey("wallet.payout").WithSummary("Withdraw available money (an operator pays it out)");
        wallet.MapGet("/payouts", async (CurrentUser current, PayoutService payouts, CancellationToken ct) =>
            TypedResults.Ok(await payouts.MineAsync(current.RequiredId, ct))).WithSummary("My payout requests, newest first");
        wallet.MapPost("/vouchers/redeem", (RedeemVoucherRequest req, CurrentUser current, VoucherService vouchers, CancellationToken ct) =>
                vouchers.RedeemAsync(current.RequiredId, req.Code, ct))
            .RequireIdempotencyKey("wallet.redeem").RequireRateLimiting(RedeemLimit);
        var adminPayouts = api.MapGroup("/admin/payouts").WithTags("Wallet").RequireAuthorization(Accounts.Operators.Policy);
        adminPayouts.MapGet("", async Task<Results<Ok<List<AdminPayoutResponse>>, ValidationProblem>> (string? state, PayoutService payouts, CancellationToken ct) =>
            !Enum.TryParse<PayoutState>(state ?? "pending", ignoreCase: true, out var wanted) || int.TryParse(state, out _)
                ? Problems.Field("state", "pending, paid or rejected.")
                : TypedResults.Ok(await payouts.ListAsync(wanted, ct))).WithSummary("Operator: payouts by state (default pending), oldest first");
        adminPayouts.MapPost("/{id:long}/paid", (long id, DecidePayoutRequest req, CurrentUser current, PayoutService payouts, CancellationToken ct) =>
            payouts.DecideAsync(id, current.RequiredId, true, req.Note, ct)).RequireIdempotencyKey("admin.payouts.paid").WithSummary("Operator: paid out");
        adminPayouts.MapPost("/{id:long}/reject", (long id, DecidePayoutRequest req, CurrentUser current, PayoutService payouts, CancellationToken ct) =>
            payouts.DecideAsync(id, current.RequiredId, false, req.Note, ct)).RequireIdempotencyKey("admin.payouts.reject").WithSummary("Operator: rejected; the money goes back");
        var admin = api.MapGroup("/admin/vouchers").WithTags("Wallet").RequireAuthorization(Accounts.Operators.Policy);
        admin.MapPost("", (CreateVoucherBatchRequest req, CurrentUser current, VoucherService vouchers, CancellationToken ct) =>
                vouchers.CreateBatchAsync(current.RequiredId, req, ct))
            .RequireIdempotencyKey("admin.vouchers");
    }

    static async Task<Results<Ok<StatementPage>, ValidationProblem>> GetStatement(string? cursor, string? currency, int? limit, CurrentUser current,
        WalletReader reader, CancellationToken ct)
    {
        if (!Cursor.TryDecode(cursor, out var before)) return Problems.Field("cursor", "Not a cursor from this statement.");
        if (currency is not null && !Money.IsSupported(currency)) return Problems.Field("currency", $"One of {string.Join(", ", Money.SupportedCurrencies)}.");
        return TypedResults.Ok(await reader.StatementAsync(current.RequiredId, currency, before, Cursor.ClampLimit(limit), ct));
    }

    static async Task<Ok<WalletResponse>> GetWallet(CurrentUser current, WalletReader reader, CancellationToken ct) =>
        TypedResults.Ok(new WalletResponse(await reader.BalancesAsync(current.RequiredId, ct)));
}

/// <summary>A person's own wallet: balances and statement (for the API and the wallet page). Only ever the caller's.</summary>
public sealed class WalletReader(SoukDb db)
{
    /// <summary>One figure of a wallet: which (available, buying, incoming, payouts), its currency and amount.</summary>
    sealed class BalancePart
    {
        public int Part { get; set; }
        public string Currency { get; set; } = "";
        public long Sum { get; set; }
    }

    const int Available = 0, Buying = 1, Incoming = 2, PayingOut = 3;

    /// <summary>
    /// Balances in every currency the person holds or has money on the way in or out. One query (UNION ALL of four index
    /// seeks: the available accounts, open holds as buyer and as seller, pending payouts), so the read is one round trip.
    /// </summary>
    public async Task<List<WalletBalance>> BalancesAsync(Guid me, CancellationToken ct)
    {
        var parts = await db.LedgerAccounts.AsNoTracking().Where(a => a.OwnerId == me && a.Kind == LedgerAccountKind.Available)
            .Select(a => new BalancePart { Part = Available, Currency = a.Currency, Sum = a.Balance })
            .Concat(db.EscrowHolds.Where(h => h.BuyerId == me && h.State == EscrowHoldState.Held).GroupBy(h => h.Amount.Currency)
                .Select(g => new BalancePart { Part = Buying, Currency = g.Key, Sum = g.Sum(h => h.Amount.Amount) }))
            .Concat(db.EscrowHolds.Where(h => h.SellerId == me && h.State == EscrowHoldState.Held).GroupBy(h => h.Amount.Currency)
                .Select(g => new BalancePart { Part = Incoming, Currency = g.Key, Sum = g.Sum(h => h.Amount.Amount) }))
            .Concat(db.Payouts.Where(p => p.UserId == me && p.State == PayoutState.Pending).GroupBy(p => p.Amount.Currency)
                .Select(g => new BalancePart { Part = PayingOut, Currency = g.Key, Sum = g.Sum(p => p.Amount.Amount) }))
            .ToListAsync(ct);
        Money Figure(string currency, int part) => new(parts.Where(p => p.Currency == currency && p.Part == part).Sum(p => p.Sum), currency);
        return [.. parts.Select(p => p.Currency).Distinct().Order(StringComparer.Ordinal)
            .Select(c => new WalletBalance(c, Figure(c, Available), Figure(c, Buying), Figure(c, Incoming), Figure(c, PayingOut)))];
    }

    /// <summary>The person's own entries (their available balances only), newest first, keyset-paged on the entry id.</summary>
    public async Task<StatementPage> StatementAsync(Guid me, string? currency, long? before, int take, CancellationToken ct)
    {
        var query = from e in db.LedgerEntries.AsNoTracking()
                    join a in db.LedgerAccounts on e.AccountId equals a.Id
                    where a.OwnerId == me && a.Kind == LedgerAccountKind.Available && (currency == null || a.Currency == currency) && (before == null || e.Id < before)
                    join t in db.LedgerTransactions on e.TransactionId equals t.Id
                    orderby e.Id descending
                    select new
                    {
                        e.Id, t.Kind, e.Amount, e.BalanceAfter, a.Currency, t.CreatedAt, t.Memo,
                        OrderId = db.EscrowHolds.Where(h => h.Id == t.HoldId).Select(h => (long?)h.OrderId).FirstOrDefault(),
                    };
        var rows = await query.Take(take + 1).ToListAsync(ct);
        var more = rows.Count > take;
        if (more) rows.RemoveAt(take);
        return new StatementPage(
            [.. rows.Select(r => new StatementLine(r.Id, r.Kind, new(r.Amount, r.Currency), new(r.BalanceAfter, r.Currency), r.CreatedAt, r.OrderId, r.Memo))],
            more ? Cursor.Encode(rows[^1].Id) : null);
    }
}
