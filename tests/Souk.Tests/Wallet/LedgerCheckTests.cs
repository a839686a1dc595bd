using System.Net;
using Microsoft.EntityFrameworkCore;
using Souk.Tests.Catalog;
using Souk.Tests.Infrastructure;
using Souk.Tests.Notes;
using Souk.Tests.Orders;
using Souk.Web.Modules.Wallet;
using Xunit;

namespace Souk.Tests.Wallet;

/// <summary>The ledger check proves a healthy ledger and names what a broken one breaks, on both providers.</summary>
public abstract class LedgerCheckTests(SoukAppFactory factory)
{
    async Task<(int Code, string Output)> VerifyAsync()
    {
        using var output = new StringWriter();
        var code = await LedgerCheck.VerifyAsync(factory.Services, output, CancellationToken.None);
        return (code, output.ToString());
    }

    [Fact]
    public async Task A_ledger_after_checkouts_verifies_and_a_tampered_balance_or_stock_does_not()
    {
        var (_, _, sku) = await factory.NewShopSkuAsync(price: 8800, stock: 5);
        var buyer = await factory.NewSessionAsync();
        var buyerId = await factory.UserIdAsync(buyer);
        await factory.FundAsync(buyerId, 50_000);
        await buyer.AddLineAsync(skuId: sku);
        await buyer.PayAsync();

        var (healthy, report) = await VerifyAsync();
        Assert.True(healthy == 0, report);
        Assert.Contains("The ledger holds.", report);
        var op = await factory.NewOperatorAsync();
        using (var api = await op.Client.GetAsync("/api/v1/admin/ledger/verify"))
        {
            await api.ShouldBeAsync(HttpStatusCode.OK);
            Assert.True((await api.JsonAsync()).GetProperty("allHold").GetBoolean());
        }
        using (var forbidden = await buyer.Client.GetAsync("/api/v1/admin/ledger/verify")) Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);

        var key = LedgerAccount.KeyFor(LedgerAccountKind.Available, buyerId, "HKD");
        await factory.QueryAsync(db => db.LedgerAccounts.Where(a => a.Key == key).ExecuteUpdateAsync(u => u.SetProperty(a => a.Balance, a => a.Balance + 1)));
        var (broken, brokenReport) = await VerifyAsync();
        Assert.Equal(1, broken);
        Assert.Contains($"FAIL  Every account's balance equals the sum of its entries", brokenReport);
        Assert.Contains($"{key}: balance 41201, entries 41200", brokenReport);
        await factory.QueryAsync(db => db.LedgerAccounts.Where(a => a.Key == key).ExecuteUpdateAsync(u => u.SetProperty(a => a.Balance, a => a.Balance - 1)));

        // A sale whose stock movement went missing (what a half-written checkout would leave).
        await factory.QueryAsync(db => db.StockMovements.Where(m => m.SkuId == sku && m.Reason == Souk.Web.Modules.Catalog.StockReason.Sale).ExecuteDeleteAsync());
        var (noStock, stockReport) = await VerifyAsync();
        Assert.Equal(1, noStock);
        Assert.Contains($"SKU {sku}: orders hold 1 units, sales took 0", stockReport);
    }
}

public sealed class SqliteLedgerCheckTests(SqliteAppFactory factory) : LedgerCheckTests(factory), IClassFixture<SqliteAppFactory>;

public sealed class PostgresLedgerCheckTests(PostgresAppFactory factory) : LedgerCheckTests(factory), IClassFixture<PostgresAppFactory>;
