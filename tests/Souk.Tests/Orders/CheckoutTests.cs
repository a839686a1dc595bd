using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Souk.Tests.Catalog;
using Souk.Tests.Chat;
using Souk.Tests.Infrastructure;
using Souk.Tests.Notes;
using Souk.Tests.Wallet;
using Souk.Web.Modules.Catalog;
using Souk.Web.Modules.Orders;
using Souk.Web.Modules.Wallet;
using Xunit;

namespace Souk.Tests.Orders;

/// <summary>The cart and paying for it from the wallet, over HTTP, on both providers.</summary>
public abstract class CheckoutTests(SoukAppFactory factory)
{
    Task<int> StockAsync(long skuId) => factory.QueryAsync(db => db.Skus.Where(s => s.Id == skuId).Select(s => s.Stock).SingleAsync());

    Task<int> OrderCountAsync(Guid buyer) => factory.QueryAsync(db => db.Orders.CountAsync(o => o.BuyerId == buyer));

    async Task<JsonElement> CartAsync(Session who)
    {
        using var response = await who.Client.GetAsync("/api/v1/cart");
        await response.ShouldBeAsync(HttpStatusCode.OK);
        return await response.JsonAsync();
    }

    [Fact]
    public async Task A_cart_groups_lines_by_seller_adds_to_a_line_and_changes_only_its_owners_lines()
    {
        var (_, _, teapot) = await factory.NewShopSkuAsync(price: 8800, stock: 5);
        var (_, _, cup) = await factory.NewShopSkuAsync(price: 1200, stock: 5);
        var buyer = await factory.NewSessionAsync();
        var line = await buyer.AddLineAsync(skuId: teapot);
        Assert.Equal(line, await buyer.AddLineAsync(skuId: teapot, quantity: 2));
        await buyer.AddLineAsync(skuId: cup);

        var cart = await CartAsync(buyer);
        Assert.Equal(2, cart.GetProperty("groups").GetArrayLength());
        var first = cart.GetProperty("groups")[0].GetProperty("lines")[0];
        Assert.Equal(3, first.GetProperty("quantity").GetInt32());
        Assert.Equal(26_400, first.GetProperty("lineTotal").GetProperty("amount").GetInt64());
        Assert.Equal(27_600, cart.GetProperty("totals")[0].GetProperty("amount").GetInt64());
        Assert.Equal(0, cart.GetProperty("groups")[0].GetProperty("delivery").GetProperty("shipping").GetProperty("amount").GetInt64());
        Assert.False(cart.GetProperty("groups")[0].GetProperty("delivery").GetProperty("meetUp").GetBoolean());

        using var patch = await buyer.Client.PatchJsonAsync($"/api/v1/cart/items/{line}", new { quantity = 5 });
        await patch.ShouldBeAsync(HttpStatusCode.OK);
        var stranger = await factory.NewSessionAsync();
        using var theirs = await stranger.Client.PatchJsonAsync($"/api/v1/cart/items/{line}", new { quantity = 1 });
        await theirs.ShouldBeProblemAsync(HttpStatusCode.NotFound);
        using var theirDelete = await stranger.Client.DeleteAsync($"/api/v1/cart/items/{line}");
        await theirDelete.ShouldBeProblemAsync(HttpStatusCode.NotFound);
        using var delete = await buyer.Client.DeleteAsync($"/api/v1/cart/items/{line}");
        Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        Assert.Equal(1, (await CartAsync(buyer)).GetProperty("count").GetInt32());
        Assert.Equal(0, (await CartAsync(stranger)).GetProperty("count").GetInt32());
    }

    [Fact]
    public async Task What_cannot_be_bought_is_refused_when_it_is_added()
    {
        var (seller, _, sku) = await factory.NewShopSkuAsync(stock: 2);
        var listing = await seller.CreateListingIdAsync();
        var buyer = await factory.NewSessionAsync();

        using (var own = await seller.AddToCartAsync(skuId: sku)) await own.ShouldBeValidationProblemAsync("skuId");
        using (var ownListing = await seller.AddToCartAsync(listingId: listing)) await ownListing.ShouldBeValidationProblemAsync("listingId");
        using (var both = await buyer.AddToCartAsync(skuId: sku, listingId: listing)) await both.ShouldBeValidationProblemAsync("skuId");
        using (var zero = await buyer.AddToCartAsync(skuId: sku, quantity: 0)) await zero.ShouldBeValidationProblemAsync("quantity");
        using (var two = await buyer.AddToCartAsync(listingId: listing, quantity: 2)) await two.ShouldBeValidationProblemAsync("quantity");
        using (var unknown = await buyer.AddToCartAsync(skuId: 999_999_999)) await unknown.ShouldBeProblemAsync(HttpStatusCode.NotFound);
        using (var tooMany = await buyer.AddToCartAsync(skuId: sku, quantity: 3)) await tooMany.ShouldBeProblemAsync(HttpStatusCode.Conflict);
        using (var reserved = await seller.SetStateAsync(listing, "reserved")) await reserved.ShouldBeAsync(HttpStatusCode.OK);
        using (var notForSale = await buyer.AddToCartAsync(listingId: listing)) await notForSale.ShouldBeProblemAsync(HttpStatusCode.Conflict);
        using (var anonymous = await factory.Anonymous().PostJsonAsync("/api/v1/cart/items", new { skuId = sku }))
            Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(0, (await CartAsync(buyer)).GetProperty("count").GetInt32());
    }

    [Fact]
    public async Task Checkout_makes_one_order_per_seller_takes_the_stock_holds_the_money_and_empties_the_cart()
    {
        var (shopA, _, teapot) = await factory.NewShopSkuAsync(price: 8800, stock: 5);
        var (_, _, cup) = await factory.NewShopSkuAsync(price: 1200, stock: 5);
        var person = await factory.NewSessionAsync();
        var camera = await person.CreateListingIdAsync(OrdersApi.Listing(await person.UploadPhotoAsync(), price: 50_000));
        var buyer = await factory.NewSessionAsync();
        var buyerId = await factory.UserIdAsync(buyer);
        await factory.FundAsync(buyerId, 100_000);
        await buyer.AddLineAsync(skuId: teapot, quantity: 2);
        await buyer.AddLineAsync(skuId: cup);
        await buyer.AddLineAsync(listingId: camera);

        var orders = await buyer.PayAsync();

        Assert.Equal(3, orders.Count);
        Assert.All(orders, o => Assert.Equal("paid", o.GetProperty("state").GetString()));
        var totals = orders.Select(o => o.GetProperty("total").GetProperty("amount").GetInt64()).ToList();
        Assert.Equal([17_600, 1_200, 53_000], totals); // the camera ships for HK$30
        Assert.Equal(100_000 - 71_800, await factory.AvailableAsync(buyerId));
        Assert.Equal(3, await StockAsync(teapot));
        Assert.Equal(4, await StockAsync(cup));
        var listing = await buyer.Client.GetListingAsync(camera);
        Assert.Equal("sold", listing.GetProperty("state").GetString());
        Assert.Equal(2, await factory.QueryAsync(db => db.StockMovements.CountAsync(m => m.Reason == StockReason.Sale && (m.SkuId == teapot || m.SkuId == cup))));
        var ids = orders.Select(o => o.GetProperty("id").GetInt64()).ToList();
        var holds = await factory.QueryAsync(db => db.EscrowHolds.Where(h => ids.Contains(h.OrderId)).OrderBy(h => h.OrderId).ToListAsync());
        Assert.Equal(totals, holds.Select(h => h.Amount.Amount));
        Assert.All(holds, h => Assert.Equal(EscrowHoldState.Held, h.State));
        var stored = await factory.QueryAsync(db => db.Orders.Include(o => o.Lines).Where(o => ids.Contains(o.Id)).OrderBy(o => o.Id).ToListAsync());
        Assert.Equal(await factory.UserIdAsync(shopA), stored[0].SellerId);
        Assert.All(stored, o => Assert.Equal(OrderState.Paid, o.State));
        Assert.All(stored, o => Assert.NotNull(o.HoldId));
        Assert.Equal("Amy Chan", stored[0].ShippingName);
        Assert.Equal(3, await factory.QueryAsync(db => db.OrderEvents.CountAsync(e => ids.Contains(e.OrderId) && e.Kind == OrderEventKind.Paid)));
        Assert.Equal(0, (await CartAsync(buyer)).GetProperty("count").GetInt32());
    }

    [Fact]
    public async Task A_sold_out_line_refuses_the_whole_checkout_with_409_and_writes_nothing()
    {
        var (_, _, plenty) = await factory.NewShopSkuAsync(stock: 5);
        var (_, _, last) = await factory.NewShopSkuAsync(stock: 1);
        var buyer = await factory.NewSessionAsync();
        var other = await factory.NewSessionAsync();
        var buyerId = await factory.UserIdAsync(buyer);
        await factory.FundAsync(buyerId, 100_000);
        await factory.FundAsync(other, 100_000);
        await buyer.AddLineAsync(skuId: plenty, quantity: 2);
        await buyer.AddLineAsync(skuId: last);
        await other.AddLineAsync(skuId: last);
        await other.PayAsync();

        using var response = await buyer.CheckoutAsync();

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(last, problem.GetProperty("soldOut")[0].GetProperty("skuId").GetInt64());
        Assert.Equal(5, await StockAsync(plenty));
        Assert.Equal(100_000, await factory.AvailableAsync(buyerId));
        Assert.Equal(0, await OrderCountAsync(buyerId));
        Assert.Equal(2, (await CartAsync(buyer)).GetProperty("count").GetInt32());
        Assert.Equal(0, await factory.QueryAsync(db => db.IdempotencyRecords.CountAsync(r => r.UserId == buyerId)));
    }

    [Fact]
    public async Task Not_enough_money_is_422_with_what_is_missing_and_writes_nothing()
    {
        var (_, _, sku) = await factory.NewShopSkuAsync(price: 8800, stock: 5);
        var buyer = await factory.NewSessionAsync();
        var buyerId = await factory.UserIdAsync(buyer);
        await factory.FundAsync(buyerId, 5_000);
        await buyer.AddLineAsync(skuId: sku);

        using var response = await buyer.CheckoutAsync();

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal(3_800, problem.GetProperty("missing")[0].GetProperty("amount").GetInt64());
        Assert.Equal("/wallet", problem.GetProperty("topUp").GetString());
        Assert.Equal(5, await StockAsync(sku));
        Assert.Equal(5_000, await factory.AvailableAsync(buyerId));
        Assert.Equal(0, await OrderCountAsync(buyerId));
    }

    [Fact]
    public async Task A_repeat_with_the_same_key_returns_the_same_orders_and_charges_once()
    {
        var (_, _, sku) = await factory.NewShopSkuAsync(price: 8800, stock: 5);
        var buyer = await factory.NewSessionAsync();
        var buyerId = await factory.UserIdAsync(buyer);
        await factory.FundAsync(buyerId, 50_000);
        await buyer.AddLineAsync(skuId: sku);
        var key = Guid.NewGuid().ToString();

        var first = await buyer.PayAsync(key: key);
        using var again = await buyer.CheckoutAsync(key: key);
        await again.ShouldBeAsync(HttpStatusCode.Created);
        Assert.Equal("true", again.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal(first[0].GetProperty("id").GetInt64(), (await again.JsonAsync()).GetProperty("orders")[0].GetProperty("id").GetInt64());
        using var otherBody = await buyer.CheckoutAsync(new { delivery = new { method = "meetUp" } }, key);
        await otherBody.ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity);
        var missingKey = new HttpRequestMessage(HttpMethod.Post, "/api/v1/checkout") { Content = System.Net.Http.Json.JsonContent.Create(new { delivery = OrdersApi.Shipping }) };
        using var noKey = await buyer.Client.SendAsync(missingKey);
        await noKey.ShouldBeValidationProblemAsync("Idempotency-Key");

        Assert.Equal(50_000 - 8_800, await factory.AvailableAsync(buyerId));
        Assert.Equal(4, await StockAsync(sku));
        Assert.Equal(1, await OrderCountAsync(buyerId));
    }

    [Fact]
    public async Task Delivery_is_checked_against_what_each_seller_offers()
    {
        var (_, _, sku) = await factory.NewShopSkuAsync();
        var person = await factory.NewSessionAsync();
        var meetUpOnly = await person.CreateListingIdAsync(OrdersApi.Listing(await person.UploadPhotoAsync(), 20_000, shipping: false));
        var buyer = await factory.NewSessionAsync();
        await factory.FundAsync(buyer, 100_000);
        await buyer.AddLineAsync(skuId: sku);
        var listingLine = await buyer.AddLineAsync(listingId: meetUpOnly);

        using (var none = await buyer.CheckoutAsync(new { delivery = new { method = "pigeon" } })) await none.ShouldBeValidationProblemAsync("delivery.method");
        using (var noAddress = await buyer.CheckoutAsync(new { delivery = new { method = "shipping", name = "Amy" } }))
            await noAddress.ShouldBeValidationProblemAsync("delivery.address", "delivery.phone");
        using (var ships = await buyer.CheckoutAsync()) await ships.ShouldBeValidationProblemAsync("delivery.method");
        using (var meets = await buyer.CheckoutAsync(new { delivery = new { method = "meetUp" } })) await meets.ShouldBeValidationProblemAsync("delivery.method");
        using (var notMine = await buyer.CheckoutAsync(new { delivery = new { method = "meetUp" }, items = new[] { listingLine + 1_000_000 } }))
            await notMine.ShouldBeValidationProblemAsync("items");

        var orders = await buyer.PayAsync(new { delivery = new { method = "meetUp" }, items = new[] { listingLine } });
        Assert.Equal("meetUp", Assert.Single(orders).GetProperty("delivery").GetString());
        Assert.Equal(20_000, orders[0].GetProperty("total").GetProperty("amount").GetInt64());
        Assert.Equal(1, (await CartAsync(buyer)).GetProperty("count").GetInt32());
    }

    [Fact]
    public async Task An_accepted_offer_is_bought_at_its_price_by_its_buyer_only_and_once()
    {
        var seller = await factory.NewSessionAsync();
        var listing = await seller.CreateListingIdAsync(OrdersApi.Listing(await seller.UploadPhotoAsync(), 60_000));
        var buyer = await factory.NewSessionAsync();
        var buyerId = await factory.UserIdAsync(buyer);
        await factory.FundAsync(buyerId, 100_000);
        var offer = (await buyer.MakeOfferAsync(listing, 45_000)).Id();
        using (var accept = await seller.StepAsync(offer, "accept")) await accept.ShouldBeAsync(HttpStatusCode.OK);
        var other = await factory.NewSessionAsync();
        await factory.FundAsync(other, 100_000);

        using (var notTheirs = await other.CheckoutAsync(new { delivery = OrdersApi.Shipping, offerId = offer })) await notTheirs.ShouldBeProblemAsync(HttpStatusCode.NotFound);
        using (var reserved = await other.AddToCartAsync(listingId: listing)) await reserved.ShouldBeProblemAsync(HttpStatusCode.Conflict);
        var orders = await buyer.PayAsync(new { delivery = OrdersApi.Shipping, offerId = offer });
        using var twice = await buyer.CheckoutAsync(new { delivery = OrdersApi.Shipping, offerId = offer });

        await twice.ShouldBeProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(48_000, Assert.Single(orders).GetProperty("total").GetProperty("amount").GetInt64()); // HK$450 + HK$30 shipping
        Assert.Equal(100_000 - 48_000, await factory.AvailableAsync(buyerId));
        Assert.Equal("sold", (await buyer.Client.GetListingAsync(listing)).GetProperty("state").GetString());
        Assert.Equal(offer, await factory.QueryAsync(db => db.Orders.Where(o => o.BuyerId == buyerId).Select(o => o.OfferId).SingleAsync()));
    }

    [Fact]
    public async Task Two_hundred_buyers_paying_at_once_for_fifty_units_get_exactly_fifty_orders()
    {
        var (_, _, sku) = await factory.NewShopSkuAsync(price: 1_000, stock: 50);
        var buyers = new Session[200];
        await Parallel.ForAsync(0, buyers.Length, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, _) =>
        {
            buyers[i] = await factory.NewSessionAsync();
            await factory.FundAsync(buyers[i], 5_000);
            await buyers[i].AddLineAsync(skuId: sku);
        });

        var statuses = await Task.WhenAll(buyers.Select(async b =>
        {
            using var response = await b.CheckoutAsync();
            return response.StatusCode;
        }));

        Assert.Equal(50, statuses.Count(s => s == HttpStatusCode.Created));
        Assert.Equal(150, statuses.Count(s => s == HttpStatusCode.Conflict));
        Assert.Equal(0, await StockAsync(sku));
        Assert.Equal(50, await factory.QueryAsync(db => db.OrderLines.CountAsync(l => l.SkuId == sku)));
        var held = await factory.QueryAsync(db => db.EscrowHolds.Where(h => h.State == EscrowHoldState.Held && h.Amount.Currency == "HKD").SumAsync(h => h.Amount.Amount));
        // Escrow keeps no running balance: its balance is the sum of its entries.
        var escrow = await factory.QueryAsync(db => db.LedgerEntries.Where(e => db.LedgerAccounts.Any(a => a.Id == e.AccountId && a.Kind == LedgerAccountKind.Escrow && a.Currency == "HKD")).SumAsync(e => e.Amount));
        Assert.Equal(held, escrow);
        Assert.Equal(-50, await factory.QueryAsync(db => db.StockMovements.Where(m => m.SkuId == sku && m.Reason == StockReason.Sale).SumAsync(m => m.Delta)));
    }

    [Fact]
    public async Task Two_checkouts_of_the_last_unit_of_a_listing_have_one_winner()
    {
        var seller = await factory.NewSessionAsync();
        var listing = await seller.CreateListingIdAsync(OrdersApi.Listing(await seller.UploadPhotoAsync(), 30_000));
        var a = await factory.NewSessionAsync();
        var b = await factory.NewSessionAsync();
        foreach (var buyer in new[] { a, b })
        {
            await factory.FundAsync(buyer, 100_000);
            await buyer.AddLineAsync(listingId: listing);
        }

        var statuses = await Task.WhenAll(new[] { a, b }.Select(async buyer =>
        {
            using var response = await buyer.CheckoutAsync();
            return response.StatusCode;
        }));

        Assert.Equal([HttpStatusCode.Created, HttpStatusCode.Conflict], statuses.Order());
        Assert.Equal(1, await factory.QueryAsync(db => db.OrderLines.CountAsync(l => l.ListingId == listing)));
        var balances = new[] { await factory.AvailableAsync(await factory.UserIdAsync(a)), await factory.AvailableAsync(await factory.UserIdAsync(b)) };
        Assert.Equal([100_000 - 33_000, 100_000], balances.Order());
    }
}

public sealed class SqliteCheckoutTests(SqliteAppFactory factory) : CheckoutTests(factory), IClassFixture<SqliteAppFactory>;

public sealed class PostgresCheckoutTests(PostgresAppFactory factory) : CheckoutTests(factory), IClassFixture<PostgresAppFactory>;
