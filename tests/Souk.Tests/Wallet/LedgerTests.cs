using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Souk.Tests.Infrastructure;
using Souk.Tests.Notes;
using Souk.Web.Data;
using Souk.Web.Modules.Wallet;
using Xunit;

namespace Souk.Tests.Wallet;

/// <summary>The ledger's own guards and escrow's resolve-once rule, against a real database on both providers.</summary>
public abstract class LedgerTests(SoukAppFactory factory)
{
    [Fact]
    public async Task Funding_then_a_hold_and_a_release_move_every_cent_to_the_right_account()
    {
        var buyer = await factory.UserIdAsync(await factory.NewSessionAsync());
        var seller = await factory.UserIdAsync(await factory.NewSessionAsync());
        await factory.FundAsync(buyer, 10_000);
        var orderId = Random.Shared.NextInt64(1, long.MaxValue);

        long holdId;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<SoukDb>();
            await using var tx = await db.Database.BeginTransactionAsync();
            (holdId, var failure) = await scope.ServiceProvider.GetRequiredService<Escrow>().HoldAsync(orderId, buyer, seller, new(7_000, "HKD"), default);
            Assert.Equal(EscrowFailure.None, failure);
            await tx.CommitAsync();
        }
        Assert.Equal(3_000, await factory.AvailableAsync(buyer));

        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<SoukDb>();
            await using var tx = await db.Database.BeginTransactionAsync();
            Assert.Equal(EscrowFailure.None, await scope.ServiceProvider.GetRequiredService<Escrow>().ReleaseAsync(holdId, 1_000, 300, null, default));
            await tx.CommitAsync();
        }
        Assert.Equal(4_000, await factory.AvailableAsync(buyer));
        Assert.Equal(5_700, await factory.AvailableAsync(seller));

        // Resolved once: a second release (or a refund) moves nothing.
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<SoukDb>();
            await using var tx = await db.Database.BeginTransactionAsync();
            Assert.Equal(EscrowFailure.AlreadyResolved, await scope.ServiceProvider.GetRequiredService<Escrow>().RefundAsync(holdId, null, default));
            await tx.CommitAsync();
        }
        Assert.Equal(4_000, await factory.AvailableAsync(buyer));
        var entries = await factory.QueryAsync(db => db.LedgerEntries.AsNoTracking().ToListAsync());
        Assert.All(entries.GroupBy(e => e.TransactionId), t => Assert.Equal(0, t.Sum(e => e.Amount)));
    }

    [Fact]
    public async Task A_hold_larger_than_the_balance_is_refused_and_the_rollback_leaves_nothing()
    {
        var buyer = await factory.UserIdAsync(await factory.NewSessionAsync());
        var seller = await factory.UserIdAsync(await factory.NewSessionAsync());
        await factory.FundAsync(buyer, 500);
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<SoukDb>();
            await using var tx = await db.Database.BeginTransactionAsync();
            var (_, failure) = await scope.ServiceProvider.GetRequiredService<Escrow>().HoldAsync(Random.Shared.NextInt64(1, long.MaxValue), buyer, seller, new(501, "HKD"), default);
            Assert.Equal(EscrowFailure.InsufficientFunds, failure);
            await tx.RollbackAsync();
        }
        Assert.Equal(500, await factory.AvailableAsync(buyer));
    }

    [Fact]
    public async Task An_unbalanced_transaction_is_refused_before_it_touches_anything()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SoukDb>();
        var ledger = scope.ServiceProvider.GetRequiredService<Ledger>();
        await using var tx = await db.Database.BeginTransactionAsync();
        var a = await ledger.AccountIdAsync(LedgerAccountKind.External, null, "HKD", default);
        var b = await ledger.AccountIdAsync(LedgerAccountKind.PlatformFees, null, "HKD", default);
        await Assert.ThrowsAsync<ArgumentException>(() => ledger.PostAsync(LedgerTransactionKind.Correction, $"bad:{Guid.NewGuid()}", "HKD", [new(a, -5), new(b, 4)], null, null, null, default));
    }
}

public sealed class SqliteLedgerTests(SqliteAppFactory factory) : LedgerTests(factory), IClassFixture<SqliteAppFactory>;

public sealed class PostgresLedgerTests(PostgresAppFactory factory) : LedgerTests(factory), IClassFixture<PostgresAppFactory>;
