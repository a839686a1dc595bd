using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Souk.Tests.Infrastructure;
using Souk.Tests.Notes;
using Souk.Web.Data;
using Souk.Web.Modules.Wallet;

namespace Souk.Tests.Wallet;

/// <summary>
/// Puts money in a test user's wallet through the real ledger (a balanced Correction from the External account), so tests of
/// checkout, orders and payouts start from a funded buyer without going through vouchers.
/// </summary>
public static class WalletFunding
{
    public static async Task FundAsync(this SoukAppFactory factory, Guid userId, long amount, string currency = "HKD")
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SoukDb>();
        var ledger = scope.ServiceProvider.GetRequiredService<Ledger>();
        await using var tx = await db.Database.BeginTransactionAsync();
        var external = await ledger.AccountIdAsync(LedgerAccountKind.External, null, currency, default);
        var available = await ledger.AccountIdAsync(LedgerAccountKind.Available, userId, currency, default);
        var (outcome, _) = await ledger.PostAsync(LedgerTransactionKind.Correction, $"test-fund:{Guid.NewGuid():N}", currency,
            [new(external, -amount), new(available, amount)], null, null, "test funding", default);
        if (outcome != PostOutcome.Posted) throw new InvalidOperationException($"Funding failed: {outcome}");
        await tx.CommitAsync();
    }

    public static async Task FundAsync(this SoukAppFactory factory, Session session, long amount, string currency = "HKD") =>
        await factory.FundAsync(await factory.UserIdAsync(session), amount, currency);

    /// <summary>A user's available balance in a currency, read from the ledger account.</summary>
    public static Task<long> AvailableAsync(this SoukAppFactory factory, Guid userId, string currency = "HKD") =>
        factory.QueryAsync(db => db.LedgerAccounts.Where(a => a.Key == LedgerAccount.KeyFor(LedgerAccountKind.Available, userId, currency))
            .Select(a => a.Balance).FirstOrDefaultAsync());
}
