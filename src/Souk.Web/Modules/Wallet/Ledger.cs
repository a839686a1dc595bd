using Microsoft.EntityFrameworkCore;
using Souk.Web.Data;

namespace Souk.Web.Modules.Wallet;

public enum PostOutcome
{
    Posted,
    /// <summary>A transaction with this unique key exists already: nothing moved (a repeat of the same business event).</summary>
    AlreadyPosted,
    /// <summary>A leg would take an account below zero. Some legs may have been applied: the caller must roll back.</summary>
    InsufficientFunds,
}

/// <summary>One leg of a transaction: a signed amount (positive raises the balance) on one account.</summary>
public readonly record struct Leg(long AccountId, long Amount);

/// <summary>
/// The double-entry ledger: the only code that writes ledger rows (module Wallet moves money; other modules ask it to).
/// Every call runs inside the caller's database transaction, so a ledger transaction commits with the business change it
/// pays for (an order, a voucher, a payout) or not at all.
/// <para>
/// Posting: (1) claim the transaction's unique key with INSERT … ON CONFLICT DO NOTHING (a repeat of the same event, even a
/// concurrent one, moves nothing); (2) apply each leg with one conditional UPDATE that cannot take a balance below zero,
/// in account-id order so two transactions never lock accounts in opposite orders (no deadlocks on PostgreSQL);
/// (3) write the entries with each account's balance after them. SQLite runs writers one at a time (IMMEDIATE).
/// </para>
/// Hand-written SQL because EF Core has no INSERT … ON CONFLICT or UPDATE … RETURNING; both providers accept this SQL.
/// </summary>
public sealed class Ledger(SoukDb db, TimeProvider clock)
{
    /// <summary>
    /// Escrow accounts keep no running balance: every checkout and every release touches the one escrow account of its
    /// currency, and updating its balance row made all of them queue on that row's lock until commit. Their balance is the
    /// sum of their entries (<see cref="LedgerCheck"/> proves it equals the open holds); their entries' BalanceAfter is 0.
    /// Known per instance (one per request scope) from <see cref="AccountIdAsync"/>, which every poster calls first; an id
    /// not seen here just gets its balance updated, which changes nothing that is read.
    /// </summary>
    readonly HashSet<long> DerivedBalance = [];

    public static bool KeepsNoRunningBalance(LedgerAccountKind kind) => kind == LedgerAccountKind.Escrow;

    /// <summary>The account's id, created on first use (concurrent first uses agree on one row).</summary>
    public async Task<long> AccountIdAsync(LedgerAccountKind kind, Guid? owner, string currency, CancellationToken ct)
    {
        var key = LedgerAccount.KeyFor(kind, owner, currency);
        var existing = await db.LedgerAccounts.Where(a => a.Key == key).Select(a => (long?)a.Id).FirstOrDefaultAsync(ct);
        if (existing is { } id)
        {
            if (KeepsNoRunningBalance(kind)) DerivedBalance.Add(id);
            return id;
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var kindValue = (int)kind;
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO "LedgerAccounts" ("Key", "Kind", "OwnerId", "Currency", "Balance", "CreatedAt")
            VALUES ({key}, {kindValue}, {owner}, {currency}, 0, {now})
            ON CONFLICT ("Key") DO NOTHING
            """, ct);
        var created = await db.LedgerAccounts.Where(a => a.Key == key).Select(a => a.Id).SingleAsync(ct);
        if (KeepsNoRunningBalance(kind)) DerivedBalance.Add(created);
        return created;
    }

    /// <summary>A user's available balance in a currency (0 when they never had that currency).</summary>
    public Task<long> AvailableAsync(Guid userId, string currency, CancellationToken ct)
    {
        var key = LedgerAccount.KeyFor(LedgerAccountKind.Available, userId, currency);
        return db.LedgerAccounts.Where(a => a.Key == key).Select(a => a.Balance).FirstOrDefaultAsync(ct);
    }

    /// <summary>
    /// Posts a balanced transaction. Must run inside a database transaction; on <see cref="PostOutcome.InsufficientFunds"/>
    /// the caller must roll it back. The transaction's id comes back with <see cref="PostOutcome.Posted"/>.
    /// </summary>
    public async Task<(PostOutcome Outcome, long TransactionId)> PostAsync(LedgerTransactionKind kind, string uniqueKey, string currency,
        IReadOnlyList<Leg> legs, long? holdId, Guid? actorId, string? memo, CancellationToken ct)
    {
        if (db.Database.CurrentTransaction is null) throw new InvalidOperationException("Ledger.PostAsync must run inside a database transaction.");
        if (legs.Count < 2) throw new ArgumentException("A transaction has at least two legs.", nameof(legs));
        if (legs.Any(l => l.Amount == 0)) throw new ArgumentException("A leg of zero moves nothing; leave it out.", nameof(legs));
        if (legs.Select(l => l.AccountId).Distinct().Count() != legs.Count) throw new ArgumentException("One leg per account.", nameof(legs));
        if (legs.Sum(l => l.Amount) != 0) throw new ArgumentException("A transaction's legs must sum to zero.", nameof(legs));

        var now = clock.GetUtcNow().UtcDateTime;
        var kindValue = (int)kind;
        var claimed = await db.Database.SqlQuery<long>($"""
            INSERT INTO "LedgerTransactions" ("Kind", "UniqueKey", "Currency", "HoldId", "ActorId", "Memo", "CreatedAt")
            VALUES ({kindValue}, {uniqueKey}, {currency}, {holdId}, {actorId}, {memo}, {now})
            ON CONFLICT ("UniqueKey") DO NOTHING
            RETURNING "Id" AS "Value"
            """).ToListAsync(ct);
        if (claimed.Count == 0) return (PostOutcome.AlreadyPosted, 0);
        var transactionId = claimed[0];

        foreach (var leg in legs.OrderBy(l => l.AccountId))
        {
            var amount = leg.Amount;
            var accountId = leg.AccountId;
            if (DerivedBalance.Contains(accountId))
            {
                db.LedgerEntries.Add(new LedgerEntry { TransactionId = transactionId, AccountId = accountId, Amount = amount, BalanceAfter = 0 });
                continue;
            }
            var after = await db.Database.SqlQuery<long>($"""
                UPDATE "LedgerAccounts" SET "Balance" = "Balance" + {amount}
                WHERE "Id" = {accountId} AND "Currency" = {currency} AND ("Kind" = 4 OR "Balance" + {amount} >= 0)
                RETURNING "Balance" AS "Value"
                """).ToListAsync(ct);
            if (after.Count == 0) return (PostOutcome.InsufficientFunds, 0);
            db.LedgerEntries.Add(new LedgerEntry { TransactionId = transactionId, AccountId = accountId, Amount = amount, BalanceAfter = after[0] });
        }
        await db.SaveChangesAsync(ct);
        return (PostOutcome.Posted, transactionId);
    }
}
