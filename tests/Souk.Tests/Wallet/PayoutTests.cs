using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Souk.Tests.Catalog;
using Souk.Tests.Infrastructure;
using Souk.Tests.Notes;
using Souk.Tests.Orders;
using Xunit;

namespace Souk.Tests.Wallet;

/// <summary>Payouts and the wallet statement over HTTP, on both providers.</summary>
public abstract class PayoutTests(SoukAppFactory factory)
{
    static async Task<HttpResponseMessage> PostAsync(Session who, string url, object body, string? key = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent.Create(body, options: Api.Json) };
        request.Headers.Add("Idempotency-Key", key ?? Guid.NewGuid().ToString());
        return await who.Client.SendAsync(request);
    }

    static object Payout(long amount) => new { amount = ShopApi.Money(amount), destination = "HSBC 004-123-456789-001" };

    async Task LedgerHoldsAsync()
    {
        using var output = new StringWriter();
        Assert.True(await Souk.Web.Modules.Wallet.LedgerCheck.VerifyAsync(factory.Services, output, CancellationToken.None) == 0, output.ToString());
    }

    [Fact]
    public async Task A_payout_moves_money_to_pending_and_an_operator_pays_or_rejects_it_once()
    {
        var seller = await factory.NewSessionAsync();
        var sellerId = await factory.UserIdAsync(seller);
        await factory.FundAsync(sellerId, 50_000);

        using (var tooMuch = await PostAsync(seller, "/api/v1/wallet/payouts", Payout(50_001))) await tooMuch.ShouldBeValidationProblemAsync("amount");
        using (var noWhere = await PostAsync(seller, "/api/v1/wallet/payouts", new { amount = ShopApi.Money(100), destination = "" })) await noWhere.ShouldBeValidationProblemAsync("destination");
        Assert.Equal(50_000, await factory.AvailableAsync(sellerId));
        Assert.Empty((await seller.Client.GetJsonAsync("/api/v1/wallet/payouts")).EnumerateArray());

        long first, second;
        using (var ok = await PostAsync(seller, "/api/v1/wallet/payouts", Payout(30_000))) { await ok.ShouldBeAsync(HttpStatusCode.Created); first = (await ok.JsonAsync()).GetProperty("id").GetInt64(); }
        using (var ok = await PostAsync(seller, "/api/v1/wallet/payouts", Payout(20_000))) { await ok.ShouldBeAsync(HttpStatusCode.Created); second = (await ok.JsonAsync()).GetProperty("id").GetInt64(); }
        Assert.Equal(0, await factory.AvailableAsync(sellerId));
        var wallet = await seller.Client.GetJsonAsync("/api/v1/wallet");
        Assert.Equal(50_000, wallet.GetProperty("balances")[0].GetProperty("payoutsPending").GetProperty("amount").GetInt64());

        using (var notOperator = await PostAsync(seller, $"/api/v1/admin/payouts/{first}/paid", new { note = "x" })) Assert.Equal(HttpStatusCode.Forbidden, notOperator.StatusCode);
        var op = await factory.NewOperatorAsync();
        var pending = await op.Client.GetJsonAsync("/api/v1/admin/payouts?state=pending");
        Assert.Contains(pending.EnumerateArray(), p => p.GetProperty("id").GetInt64() == first && p.GetProperty("handle").GetString() == seller.Account.Handle);
        using (var paid = await PostAsync(op, $"/api/v1/admin/payouts/{first}/paid", new { note = "FPS ref 20261124-001" })) await paid.ShouldBeAsync(HttpStatusCode.OK);
        using (var twice = await PostAsync(op, $"/api/v1/admin/payouts/{first}/reject", new { note = "changed my mind" })) await twice.ShouldBeProblemAsync(HttpStatusCode.Conflict);
        using (var rejected = await PostAsync(op, $"/api/v1/admin/payouts/{second}/reject", new { note = "The account name does not match." })) await rejected.ShouldBeAsync(HttpStatusCode.OK);

        Assert.Equal(20_000, await factory.AvailableAsync(sellerId));
        var mine = (await seller.Client.GetJsonAsync("/api/v1/wallet/payouts")).EnumerateArray().ToList();
        Assert.Equal(["rejected", "paid"], mine.Select(p => p.GetProperty("state").GetString()));
        var other = await factory.NewSessionAsync();
        Assert.Empty((await other.Client.GetJsonAsync("/api/v1/wallet/payouts")).EnumerateArray());
        await LedgerHoldsAsync();
    }

    [Fact]
    public async Task The_statement_pages_through_my_own_entries_only_with_the_order_they_belong_to()
    {
        var (_, _, sku) = await factory.NewShopSkuAsync(price: 1_000, stock: 10);
        var buyer = await factory.NewSessionAsync();
        var buyerId = await factory.UserIdAsync(buyer);
        await factory.FundAsync(buyerId, 10_000);
        for (var i = 0; i < 3; i++)
        {
            await buyer.AddLineAsync(skuId: sku);
            await buyer.PayAsync();
        }
        var stranger = await factory.NewSessionAsync();
        await factory.FundAsync(stranger, 777);

        var first = await buyer.Client.GetJsonAsync("/api/v1/wallet/transactions?limit=2");
        var items = first.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(2, items.Count);
        Assert.Equal("escrowHold", items[0].GetProperty("kind").GetString());
        Assert.Equal(-1_000, items[0].GetProperty("amount").GetProperty("amount").GetInt64());
        Assert.Equal(7_000, items[0].GetProperty("balanceAfter").GetProperty("amount").GetInt64());
        Assert.True(items[0].GetProperty("orderId").GetInt64() > 0);
        var rest = await buyer.Client.GetJsonAsync($"/api/v1/wallet/transactions?limit=2&cursor={first.GetProperty("nextCursor").GetString()}");
        var later = rest.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(["escrowHold", "correction"], later.Select(i => i.GetProperty("kind").GetString()));
        Assert.Equal(JsonValueKind.Null, rest.GetProperty("nextCursor").ValueKind);
        var theirs = await stranger.Client.GetJsonAsync("/api/v1/wallet/transactions");
        Assert.Equal(777, Assert.Single(theirs.GetProperty("items").EnumerateArray()).GetProperty("amount").GetProperty("amount").GetInt64());
        using (var bad = await buyer.Client.GetAsync("/api/v1/wallet/transactions?cursor=nope")) await bad.ShouldBeValidationProblemAsync("cursor");
    }
}

public sealed class SqlitePayoutTests(SqliteAppFactory factory) : PayoutTests(factory), IClassFixture<SqliteAppFactory>;

public sealed class PostgresPayoutTests(PostgresAppFactory factory) : PayoutTests(factory), IClassFixture<PostgresAppFactory>;
