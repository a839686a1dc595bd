using Microsoft.EntityFrameworkCore;
using Souk.Web.Data;
using Souk.Web.Modules.Catalog;
using Souk.Web.Modules.Orders;

namespace Souk.Web.Modules.Wallet;

/// <summary>One proof of the ledger check: what it proves, whether it holds, and (when not) what breaks it.</summary>
public sealed record LedgerCheckResult(string Name, bool Holds, IReadOnlyList<string> Problems);

public sealed record LedgerReport(bool AllHold, IReadOnlyList<LedgerCheckResult> Checks, IReadOnlyList<PlatformBalance> PlatformBalances, DateTime CheckedAt);

public sealed record PlatformBalance(LedgerAccountKind Kind, string Currency, long Balance);

/// <summary>
/// Proves where every cent is (`ledger verify`, GET /api/v1/admin/ledger/verify, /admin/ledger). Every check is one or two
/// GROUP BY queries over the whole ledger, so it runs in the database, not by loading rows. The order checks prove what a
/// crash must never leave behind: an order without its hold or its stock movement, or money held for no order.
/// </summary>
public sealed class LedgerCheck(SoukDb db, TimeProvider clock)
{
    /// <summary>`ledger verify`: prints every check (and what breaks it); 0 when all hold, 1 otherwise.</summary>
    public static async Task<int> VerifyAsync(IServiceProvider services, TextWriter output, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var report = await scope.ServiceProvider.GetRequiredService<LedgerCheck>().RunAsync(ct);
        foreach (var check in report.Checks)
        {
            await output.WriteLineAsync($"{(check.Holds ? "ok  " : "FAIL")}  {check.Name}");
            foreach (var problem in check.Problems) await output.WriteLineAsync($"      {problem}");
        }
        foreach (var b in report.PlatformBalances) await output.WriteLineAsync($"      {b.Kind} {b.Currency}: {b.Balance}");
        await output.WriteLineAsync(report.AllHold ? "The ledger holds." : "The ledger does NOT hold.");
        return report.AllHold ? 0 : 1;
    }

    /// <summary>At most this many offending rows are named per check.</summary>
    const int Shown = 20;

    public async Task<LedgerReport> RunAsync(CancellationToken ct)
    {
        escrowBalances = null;
        var checks = new List<LedgerCheckResult>
        {
            await TransactionsBalanceAsync(ct),
            await BalancesEqualEntriesAsync(ct),
            await NothingNegativeAsync(ct),
            await EscrowEqualsOpenHoldsAsync(ct),
            await HoldsResolveOnceAsync(ct),
            await PayoutsPendingEqualsPendingPayoutsAsync(ct),
            await VouchersCreditedOnceAsync(ct),
            await OrdersHaveTheirHoldsAsync(ct),
            await OrdersHaveTheirStockAsync(ct),
        };
        var escrow = await EscrowBalancesAsync(ct);
        var platform = (await db.LedgerAccounts.AsNoTracking().Where(a => a.OwnerId == null)
            .OrderBy(a => a.Kind).ThenBy(a => a.Currency).Select(a => new PlatformBalance(a.Kind, a.Currency, a.Balance)).ToListAsync(ct))
            .Select(b => b.Kind == LedgerAccountKind.Escrow ? b with { Balance = escrow.GetValueOrDefault(b.Currency) } : b).ToList();
        return new LedgerReport(checks.All(c => c.Holds), checks, platform, clock.GetUtcNow().UtcDateTime);
    }

    static LedgerCheckResult Result(string name, IEnumerable<string> problems)
    {
        var list = problems.Take(Shown).ToList();
        return new(name, list.Count == 0, list);
    }

    async Task<LedgerCheckResult> TransactionsBalanceAsync(CancellationToken ct)
    {
        var bad = await db.LedgerEntries.GroupBy(e => e.TransactionId)
            .Select(g => new { Id = g.Key, Sum = g.Sum(e => e.Amount), Count = g.Count() })
            .Where(g => g.Sum != 0 || g.Count < 2).OrderBy(g => g.Id).Take(Shown).ToListAsync(ct);
        var empty = await db.LedgerTransactions.Where(t => !db.LedgerEntries.Any(e => e.TransactionId == t.Id)).OrderBy(t => t.Id).Select(t => t.Id).Take(Shown).ToListAsync(ct);
        return Result("Every transaction has two or more entries that sum to zero",
            bad.Select(b => $"transaction {b.Id}: {b.Count} entries summing to {b.Sum}").Concat(empty.Select(id => $"transaction {id}: no entries")));
    }

    async Task<LedgerCheckResult> BalancesEqualEntriesAsync(CancellationToken ct)
    {
        var bad = await db.LedgerAccounts.Where(a => a.Kind != LedgerAccountKind.Escrow)
            .Select(a => new { a.Id, a.Key, a.Balance, Sum = db.LedgerEntries.Where(e => e.AccountId == a.Id).Sum(e => (long?)e.Amount) ?? 0 })
            .Where(a => a.Balance != a.Sum).OrderBy(a => a.Id).Take(Shown).ToListAsync(ct);
        return Result("Every account's balance equals the sum of its entries (escrow keeps none: see the next checks)", bad.Select(a => $"{a.Key}: balance {a.Balance}, entries {a.Sum}"));
    }

    async Task<LedgerCheckResult> NothingNegativeAsync(CancellationToken ct)
    {
        var bad = await db.LedgerAccounts.Where(a => a.Balance < 0 && a.Kind != LedgerAccountKind.External)
            .OrderBy(a => a.Id).Select(a => new { a.Key, a.Balance }).Take(Shown).ToListAsync(ct);
        var escrow = (await EscrowBalancesAsync(ct)).Where(e => e.Value < 0);
        return Result("No balance is negative (but the outside world's)",
            bad.Select(a => $"{a.Key}: {a.Balance}").Concat(escrow.Select(e => $"escrow {e.Key}: {e.Value}")));
    }

    /// <summary>This run's escrow balances: three checks and the report use them, and summing every escrow entry is the costly part.</summary>
    Task<Dictionary<string, long>>? escrowBalances;

    /// <summary>Escrow balances per currency, as the sum of the escrow accounts' entries (they keep no running balance); once per run.</summary>
    Task<Dictionary<string, long>> EscrowBalancesAsync(CancellationToken ct) => escrowBalances ??= SumEscrowAsync(ct);

    Task<Dictionary<string, long>> SumEscrowAsync(CancellationToken ct) =>
        (from e in db.LedgerEntries
         join a in db.LedgerAccounts on e.AccountId equals a.Id
         where a.Kind == LedgerAccountKind.Escrow
         group e by a.Currency into g
         select new { Currency = g.Key, Sum = g.Sum(e => e.Amount) }).ToDictionaryAsync(g => g.Currency, g => g.Sum, ct);

    async Task<LedgerCheckResult> EscrowEqualsOpenHoldsAsync(CancellationToken ct)
    {
        var escrow = await EscrowBalancesAsync(ct);
        var held = await db.EscrowHolds.Where(h => h.State == EscrowHoldState.Held).GroupBy(h => h.Amount.Currency)
            .Select(g => new { Currency = g.Key, Sum = g.Sum(h => h.Amount.Amount) }).ToDictionaryAsync(g => g.Currency, g => g.Sum, ct);
        return Result("Escrow holds exactly the open holds, per currency", Mismatches(escrow, "escrow", held, "open holds"));
    }

    async Task<LedgerCheckResult> HoldsResolveOnceAsync(CancellationToken ct)
    {
        var bad = await db.EscrowHolds.Select(h => new
            {
                h.Id, h.State, h.Amount.Amount, h.RefundedAmount, h.FeeAmount,
                Opened = db.LedgerTransactions.Count(t => t.HoldId == h.Id && t.Kind == LedgerTransactionKind.EscrowHold),
                Resolved = db.LedgerTransactions.Count(t => t.HoldId == h.Id && (t.Kind == LedgerTransactionKind.EscrowRelease || t.Kind == LedgerTransactionKind.EscrowRefund)),
            })
            .Where(h => h.Opened != 1 || h.Resolved != (h.State == EscrowHoldState.Held ? 0 : 1) || h.RefundedAmount < 0 || h.FeeAmount < 0
                || h.RefundedAmount + h.FeeAmount > h.Amount)
            .OrderBy(h => h.Id).Take(Shown).ToListAsync(ct);
        return Result("Every hold was paid in once and resolved at most once, refunding no more than it held",
            bad.Select(h => $"hold {h.Id} ({h.State}): {h.Opened} hold transactions, {h.Resolved} resolving, refunded {h.RefundedAmount} + fee {h.FeeAmount} of {h.Amount}"));
    }

    async Task<LedgerCheckResult> PayoutsPendingEqualsPendingPayoutsAsync(CancellationToken ct)
    {
        var accounts = await db.LedgerAccounts.Where(a => a.Kind == LedgerAccountKind.PayoutsPending).ToDictionaryAsync(a => a.Currency, a => a.Balance, ct);
        var pending = await db.Payouts.Where(p => p.State == PayoutState.Pending).GroupBy(p => p.Amount.Currency)
            .Select(g => new { Currency = g.Key, Sum = g.Sum(p => p.Amount.Amount) }).ToDictionaryAsync(g => g.Currency, g => g.Sum, ct);
        return Result("Payouts pending equals the payouts waiting for an operator, per currency", Mismatches(accounts, "account", pending, "pending payouts"));
    }

    /// <summary>The currencies in which an account's balance and what it should hold differ.</summary>
    static IEnumerable<string> Mismatches(Dictionary<string, long> balances, string balanceName, Dictionary<string, long> expected, string expectedName) =>
        balances.Keys.Union(expected.Keys).Order(StringComparer.Ordinal)
            .Where(c => balances.GetValueOrDefault(c) != expected.GetValueOrDefault(c))
            .Select(c => $"{c}: {balanceName} {balances.GetValueOrDefault(c)}, {expectedName} {expected.GetValueOrDefault(c)}");

    async Task<LedgerCheckResult> VouchersCreditedOnceAsync(CancellationToken ct)
    {
        var bad = await db.Vouchers.Where(v => v.RedeemedAt != null)
            .Select(v => new { v.Id, TopUps = db.LedgerTransactions.Count(t => t.UniqueKey == "voucher:" + v.Id.ToString()) })
            .Where(v => v.TopUps != 1).OrderBy(v => v.Id).Take(Shown).ToListAsync(ct);
        var unredeemed = await db.Vouchers.Where(v => v.RedeemedAt == null && v.TransactionId != null).OrderBy(v => v.Id).Select(v => v.Id).Take(Shown).ToListAsync(ct);
        return Result("Every redeemed voucher topped up a wallet exactly once, and no other did",
            bad.Select(v => $"voucher {v.Id}: {v.TopUps} top-ups").Concat(unredeemed.Select(id => $"voucher {id}: credited but not redeemed")));
    }

    async Task<LedgerCheckResult> OrdersHaveTheirHoldsAsync(CancellationToken ct)
    {
        // Each order state has one hold state: open orders keep the money held; completed ones released it (a partial
        // refund in a dispute is a release with a refund part); cancelled and refunded ones gave it back.
        var bad = await (
                from o in db.Orders
                join h in db.EscrowHolds on o.Id equals h.OrderId into holds
                from h in holds.DefaultIfEmpty()
                where h == null || h.Amount.Amount != o.Total.Amount
                    || ((o.State == OrderState.Paid || o.State == OrderState.AwaitingTeam || o.State == OrderState.Accepted || o.State == OrderState.Shipped
                        || o.State == OrderState.Disputed) && h.State != EscrowHoldState.Held)
                    || (o.State == OrderState.Completed && h.State != EscrowHoldState.Released)
                    || ((o.State == OrderState.Cancelled || o.State == OrderState.Refunded) && h.State != EscrowHoldState.Refunded)
                orderby o.Id
                select new { o.Id, o.State, Total = o.Total.Amount, HoldId = (long?)h.Id, HoldState = (EscrowHoldState?)h.State, Held = (long?)h.Amount.Amount })
            .Take(Shown).ToListAsync(ct);
        var orphans = await db.EscrowHolds.Where(h => !db.Orders.Any(o => o.Id == h.OrderId)).OrderBy(h => h.Id).Select(h => h.Id).Take(Shown).ToListAsync(ct);
        return Result("Every order has exactly one hold of its total, in the state its own state needs, and every hold has its order",
            bad.Select(o => o.HoldId is null ? $"order {o.Id} ({o.State}): no hold" : $"order {o.Id} ({o.State}, total {o.Total}): hold {o.HoldId} is {o.HoldState} with {o.Held}")
                .Concat(orphans.Select(h => $"hold {h}: no order")));
    }

    async Task<LedgerCheckResult> OrdersHaveTheirStockAsync(CancellationToken ct)
    {
        // Per SKU: the Sale movements took exactly the units of every order line, and the SaleCancelled ones returned exactly
        // those of cancelled orders (a refund after a dispute does not restock: the goods went out).
        var sold = await db.OrderLines.Where(l => l.SkuId != null).GroupBy(l => l.SkuId!.Value)
            .Select(g => new { Sku = g.Key, Units = g.Sum(l => l.Quantity) }).ToDictionaryAsync(g => g.Sku, g => g.Units, ct);
        var returned = await (from l in db.OrderLines
                              join o in db.Orders on l.OrderId equals o.Id
                              where l.SkuId != null && o.State == OrderState.Cancelled
                              group l by l.SkuId!.Value into g
                              select new { Sku = g.Key, Units = g.Sum(l => l.Quantity) }).ToDictionaryAsync(g => g.Sku, g => g.Units, ct);
        var moved = await db.StockMovements.Where(m => m.Reason == StockReason.Sale || m.Reason == StockReason.SaleCancelled)
            .GroupBy(m => new { m.SkuId, m.Reason }).Select(g => new { g.Key.SkuId, g.Key.Reason, Delta = g.Sum(m => m.Delta) }).ToListAsync(ct);
        var taken = moved.Where(m => m.Reason == StockReason.Sale).ToDictionary(m => m.SkuId, m => -m.Delta);
        var restocked = moved.Where(m => m.Reason == StockReason.SaleCancelled).ToDictionary(m => m.SkuId, m => m.Delta);
        var problems = sold.Keys.Union(taken.Keys).Order().Where(s => sold.GetValueOrDefault(s) != taken.GetValueOrDefault(s))
            .Select(s => $"SKU {s}: orders hold {sold.GetValueOrDefault(s)} units, sales took {taken.GetValueOrDefault(s)}")
            .Concat(returned.Keys.Union(restocked.Keys).Order().Where(s => returned.GetValueOrDefault(s) != restocked.GetValueOrDefault(s))
                .Select(s => $"SKU {s}: cancelled orders hold {returned.GetValueOrDefault(s)} units, {restocked.GetValueOrDefault(s)} went back"));
        var listings = await (from l in db.OrderLines
                              join o in db.Orders on l.OrderId equals o.Id
                              join li in db.Listings on l.ListingId equals li.Id
                              where o.State != OrderState.Cancelled && li.State != ListingState.Sold
                              orderby l.Id
                              select new { l.ListingId, li.State, Order = o.Id }).Take(Shown).ToListAsync(ct);
        return Result("Every order took its stock once (SKUs and listings), and cancelled orders gave it back",
            problems.Concat(listings.Select(l => $"listing {l.ListingId}: order {l.Order} bought it but it is {l.State}")));
    }
}
