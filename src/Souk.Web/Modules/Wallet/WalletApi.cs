using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Souk.Web.Common;
using Souk.Web.Data;

namespace Souk.Web.Modules.Wallet;

/// <summary>One currency of a wallet: what can be spent, and what is on its way in or out.</summary>
public sealed record WalletBalance(string Currency, Money Available, Money HeldForPurchases, Money Incoming, Money PayoutsPending);

public sealed record WalletResponse(IReadOnlyList<WalletBalance> Balances);

/// <summary>The wallet routes of this slice: balances, voucher redemption, operator voucher batches.</summary>
public static class WalletApi
{
    public const string RedeemLimit = "wallet-redeem";

    public static void Map(RouteGroupBuilder api)
    {
        var wallet = api.MapGroup("/wallet").WithTags("Wallet").RequireAuthorization();
        wallet.MapGet("", GetWallet);
        wallet.MapPost("/vouchers/redeem", (RedeemVoucherRequest req, CurrentUser current, VoucherService vouchers, CancellationToken ct) =>
                vouchers.RedeemAsync(current.RequiredId, req.Code, ct))
            .RequireIdempotencyKey("wallet.redeem").RequireRateLimiting(RedeemLimit);
        var admin = api.MapGroup("/admin/vouchers").WithTags("Wallet").RequireAuthorization(Accounts.Operators.Policy);
        admin.MapPost("", (CreateVoucherBatchRequest req, CurrentUser current, VoucherService vouchers, CancellationToken ct) =>
                vouchers.CreateBatchAsync(current.RequiredId, req, ct))
            .RequireIdempotencyKey("admin.vouchers");
    }

    /// <summary>The caller's balances in every currency they hold or have money on the way in.</summary>
    static async Task<Ok<WalletResponse>> GetWallet(CurrentUser current, SoukDb db, CancellationToken ct)
    {
        var me = current.RequiredId;
        var available = await db.LedgerAccounts.AsNoTracking().Where(a => a.OwnerId == me && a.Kind == LedgerAccountKind.Available)
            .Select(a => new { a.Currency, a.Balance }).ToListAsync(ct);
        var held = await db.EscrowHolds.AsNoTracking().Where(h => h.State == EscrowHoldState.Held && (h.BuyerId == me || h.SellerId == me))
            .GroupBy(h => new { h.Amount.Currency, Buying = h.BuyerId == me })
            .Select(g => new { g.Key.Currency, g.Key.Buying, Sum = g.Sum(h => h.Amount.Amount) }).ToListAsync(ct);
        var pending = await db.Payouts.AsNoTracking().Where(p => p.UserId == me && p.State == PayoutState.Pending)
            .GroupBy(p => p.Amount.Currency).Select(g => new { Currency = g.Key, Sum = g.Sum(p => p.Amount.Amount) }).ToListAsync(ct);
        var currencies = available.Select(a => a.Currency).Concat(held.Select(h => h.Currency)).Concat(pending.Select(p => p.Currency))
            .Distinct().Order(StringComparer.Ordinal);
        var balances = currencies.Select(c => new WalletBalance(c,
            new(available.Where(a => a.Currency == c).Sum(a => a.Balance), c),
            new(held.Where(h => h.Currency == c && h.Buying).Sum(h => h.Sum), c),
            new(held.Where(h => h.Currency == c && !h.Buying).Sum(h => h.Sum), c),
            new(pending.Where(p => p.Currency == c).Sum(p => p.Sum), c))).ToList();
        return TypedResults.Ok(new WalletResponse(balances));
    }
}
