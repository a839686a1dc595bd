using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Souk.Tests.Accounts;
using Souk.Tests.Catalog;
using Souk.Tests.Infrastructure;
using Souk.Tests.Notes;
using Souk.Tests.Wallet;
using Souk.Web.Modules.Orders;
using Souk.Web.Modules.Wallet;
using Xunit;

namespace Souk.Tests.Orders;

/// <summary>Every step of an order after payment, its deadlines, disputes and races, over HTTP on both providers.</summary>
public abstract class OrderFlowTests(SoukAppFactory factory)
{
    sealed record Deal(Session Buyer, Session Seller, Guid BuyerId, Guid SellerId, long OrderId, long SkuId, long Total);

    /// <summary>A buyer with HK$1,000 who paid for 2 teapots at HK$88 from a shop with 5: order total 17,600.</summary>
    async Task<Deal> PaidOrderAsync(object? delivery = null)
    {
        var (seller, _, sku) = await factory.NewShopSkuAsync(price: 8_800, stock: 5);
        var buyer = await factory.NewSessionAsync();
        var buyerId = await factory.UserIdAsync(buyer);
        await factory.FundAsync(buyerId, 100_000);
        await buyer.AddLineAsync(skuId: sku, quantity: 2);
        var order = (await buyer.PayAsync(delivery is null ? null : new { delivery }))[0];
        return new(buyer, seller, buyerId, await factory.UserIdAsync(seller), order.GetProperty("id").GetInt64(), sku, order.GetProperty("total").GetProperty("amount").GetInt64());
    }

    async Task<Deal> ListingOrderAsync()
    {
        var seller = await factory.NewSessionAsync();
        var listing = await seller.CreateListingIdAsync(OrdersApi.Listing(await seller.UploadPhotoAsync(), 30_000));
        var buyer = await factory.NewSessionAsync();
        var buyerId = await factory.UserIdAsync(buyer);
        await factory.FundAsync(buyerId, 100_000);
        await buyer.AddLineAsync(listingId: listing);
        var order = (await buyer.PayAsync())[0];
        return new(buyer, seller, buyerId, await factory.UserIdAsync(seller), order.GetProperty("id").GetInt64(), listing, order.GetProperty("total").GetProperty("amount").GetInt64());
    }

    static async Task<HttpResponseMessage> PostAsync(Session who, string url, object? body = null, string? key = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent.Create(body ?? new { }, options: Api.Json) };
        request.Headers.Add("Idempotency-Key", key ?? Guid.NewGuid().ToString());
        return await who.Client.SendAsync(request);
    }

    static async Task<JsonElement> StepAsync(Session who, long orderId, string step, object? body = null)
    {
        using var response = await PostAsync(who, $"/api/v1/orders/{orderId}/{step}", body);
        await response.ShouldBeAsync(HttpStatusCode.OK);
        return await response.JsonAsync();
    }

    Task<int> StockAsync(long skuId) => factory.QueryAsync(db => db.Skus.Where(s => s.Id == skuId).Select(s => s.Stock).SingleAsync());

    Task<EscrowHold> HoldAsync(long orderId) => factory.QueryAsync(db => db.EscrowHolds.SingleAsync(h => h.OrderId == orderId));

    async Task<int> SweepAsync()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<OrderSweeper>().SweepOnceAsync(CancellationToken.None);
    }

    async Task LedgerHoldsAsync()
    {
        using var output = new StringWriter();
        Assert.True(await LedgerCheck.VerifyAsync(factory.Services, output, CancellationToken.None) == 0, output.ToString());
    }

    [Fact]
    public async Task Accept_ship_confirm_releases_the_money_to_the_seller_minus_the_fee()
    {
        var deal = await PaidOrderAsync();

        var accepted = await StepAsync(deal.Seller, deal.OrderId, "accept");
        Assert.Equal("accepted", accepted.GetProperty("state").GetString());
        Assert.Equal(["ship", "cancel"], accepted.GetProperty("actions").EnumerateArray().Select(a => a.GetString()));
        await StepAsync(deal.Seller, deal.OrderId, "ship", new { trackingNote = "SF Express SF1234567890" });
        var buyerView = await deal.Buyer.Client.GetJsonAsync($"/api/v1/orders/{deal.OrderId}");
        Assert.Equal(["confirm", "dispute"], buyerView.GetProperty("actions").EnumerateArray().Select(a => a.GetString()));
        Assert.Equal("SF Express SF1234567890", buyerView.GetProperty("trackingNote").GetString());
        var done = await StepAsync(deal.Buyer, deal.OrderId, "confirm");

        Assert.Equal("completed", done.GetProperty("state").GetString());
        Assert.Equal(["paid", "accepted", "shipped", "confirmed"], done.GetProperty("timeline").EnumerateArray().Select(e => e.GetProperty("kind").GetString()));
        Assert.Equal(17_600 - 880, await factory.AvailableAsync(deal.SellerId)); // 5 % platform fee
        Assert.Equal(100_000 - 17_600, await factory.AvailableAsync(deal.BuyerId));
        Assert.Equal(EscrowHoldState.Released, (await HoldAsync(deal.OrderId)).State);
        await LedgerHoldsAsync();
    }

    [Fact]
    public async Task Only_the_right_side_takes_each_step_and_a_stranger_sees_no_order_at_all()
    {
        var deal = await PaidOrderAsync();
        var stranger = await factory.NewSessionAsync();

        using (var read = await stranger.Client.GetAsync($"/api/v1/orders/{deal.OrderId}")) await read.ShouldBeProblemAsync(HttpStatusCode.NotFound);
        foreach (var step in new[] { "accept", "ship", "confirm", "cancel" })
        {
            using var response = await PostAsync(stranger, $"/api/v1/orders/{deal.OrderId}/{step}", new { trackingNote = "x" });
            await response.ShouldBeProblemAsync(HttpStatusCode.NotFound);
        }
        using (var dispute = await PostAsync(stranger, $"/api/v1/orders/{deal.OrderId}/dispute", new { reason = "damaged", details = "x" }))
            await dispute.ShouldBeProblemAsync(HttpStatusCode.NotFound);
        using (var list = await stranger.Client.GetAsync("/api/v1/orders?role=seller"))
            Assert.Equal(0, (await list.JsonAsync()).GetProperty("items").GetArrayLength());
        using (var buyerAccepts = await PostAsync(deal.Buyer, $"/api/v1/orders/{deal.OrderId}/accept")) await buyerAccepts.ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        using (var noTracking = await PostAsync(deal.Seller, $"/api/v1/orders/{deal.OrderId}/ship", new { })) await noTracking.ShouldBeProblemAsync(HttpStatusCode.Conflict);
        await StepAsync(deal.Seller, deal.OrderId, "accept");
        using (var twice = await PostAsync(deal.Seller, $"/api/v1/orders/{deal.OrderId}/accept")) await twice.ShouldBeProblemAsync(HttpStatusCode.Conflict);
        using (var emptyNote = await PostAsync(deal.Seller, $"/api/v1/orders/{deal.OrderId}/ship", new { trackingNote = " " })) await emptyNote.ShouldBeValidationProblemAsync("trackingNote");
        using (var sellerConfirms = await PostAsync(deal.Seller, $"/api/v1/orders/{deal.OrderId}/confirm")) await sellerConfirms.ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        using (var early = await PostAsync(deal.Buyer, $"/api/v1/orders/{deal.OrderId}/confirm")) await early.ShouldBeProblemAsync(HttpStatusCode.Conflict);
        using (var late = await PostAsync(deal.Buyer, $"/api/v1/orders/{deal.OrderId}/cancel")) await late.ShouldBeProblemAsync(HttpStatusCode.Conflict);

        var seller = await deal.Seller.Client.GetJsonAsync("/api/v1/orders?role=seller");
        Assert.Equal(deal.OrderId, seller.GetProperty("items")[0].GetProperty("id").GetInt64());
        var purchases = await deal.Buyer.Client.GetJsonAsync("/api/v1/orders");
        Assert.Equal(deal.OrderId, purchases.GetProperty("items")[0].GetProperty("id").GetInt64());
        var op = await factory.NewOperatorAsync();
        Assert.Equal("operator", (await op.Client.GetJsonAsync($"/api/v1/orders/{deal.OrderId}")).GetProperty("role").GetString());
    }

    [Fact]
    public async Task Cancelling_before_shipping_refunds_in_full_and_puts_the_stock_and_the_listing_back()
    {
        var byBuyer = await PaidOrderAsync();
        var cancelled = await StepAsync(byBuyer.Buyer, byBuyer.OrderId, "cancel", new { reason = "Ordered the wrong size" });
        Assert.Equal("cancelled", cancelled.GetProperty("state").GetString());
        Assert.Equal(100_000, await factory.AvailableAsync(byBuyer.BuyerId));
        Assert.Equal(5, await StockAsync(byBuyer.SkuId));

        var bySeller = await ListingOrderAsync();
        await StepAsync(bySeller.Seller, bySeller.OrderId, "accept");
        await StepAsync(bySeller.Seller, bySeller.OrderId, "cancel", new { reason = "Broke it while packing, sorry" });
        Assert.Equal(100_000, await factory.AvailableAsync(bySeller.BuyerId));
        Assert.Equal("active", (await bySeller.Seller.Client.GetListingAsync(bySeller.SkuId)).GetProperty("state").GetString());
        Assert.Equal(EscrowHoldState.Refunded, (await HoldAsync(bySeller.OrderId)).State);
        await LedgerHoldsAsync();
    }

    [Fact]
    public async Task Missed_deadlines_cancel_or_release_once_and_a_restart_misses_none()
    {
        var clock = factory.Clock!;
        var notAccepted = await PaidOrderAsync();
        var notShipped = await PaidOrderAsync();
        await StepAsync(notShipped.Seller, notShipped.OrderId, "accept");
        var notConfirmed = await PaidOrderAsync();
        await StepAsync(notConfirmed.Seller, notConfirmed.OrderId, "accept");
        await StepAsync(notConfirmed.Seller, notConfirmed.OrderId, "ship", new { trackingNote = "HK Post EE123456789HK" });

        clock.Advance(TimeSpan.FromDays(3) - TimeSpan.FromMinutes(1));
        await SweepAsync();
        Assert.Equal(OrderState.Paid, await factory.QueryAsync(db => db.Orders.Where(o => o.Id == notAccepted.OrderId).Select(o => o.State).SingleAsync()));
        clock.Advance(TimeSpan.FromMinutes(2));
        Assert.True(await SweepAsync() >= 2);
        Assert.Equal(OrderState.Cancelled, await factory.QueryAsync(db => db.Orders.Where(o => o.Id == notAccepted.OrderId).Select(o => o.State).SingleAsync()));
        Assert.Equal(OrderState.Cancelled, await factory.QueryAsync(db => db.Orders.Where(o => o.Id == notShipped.OrderId).Select(o => o.State).SingleAsync()));
        Assert.Equal(100_000, await factory.AvailableAsync(notAccepted.BuyerId));
        Assert.Equal(5, await StockAsync(notAccepted.SkuId));
        Assert.Equal(OrderState.Shipped, await factory.QueryAsync(db => db.Orders.Where(o => o.Id == notConfirmed.OrderId).Select(o => o.State).SingleAsync()));

        clock.Advance(TimeSpan.FromDays(7));
        Assert.True(await SweepAsync() >= 1);
        Assert.Equal(0, await SweepAsync());
        var released = await deal(notConfirmed.OrderId);
        Assert.Equal("completed", released.GetProperty("state").GetString());
        Assert.Equal("autoReleased", released.GetProperty("timeline").EnumerateArray().Last().GetProperty("kind").GetString());
        Assert.Equal(17_600 - 880, await factory.AvailableAsync(notConfirmed.SellerId));
        await LedgerHoldsAsync();

        // A week later the access token has expired: sign in again, as the app would with its refresh token.
        async Task<JsonElement> deal(long id) => await (await factory.SignInAsync(notConfirmed.Buyer.Account)).Client.GetJsonAsync($"/api/v1/orders/{id}");
    }

    [Fact]
    public async Task Disputes_end_in_a_partial_refund_by_the_seller_or_an_operators_decision()
    {
        var partial = await PaidOrderAsync();
        await StepAsync(partial.Seller, partial.OrderId, "accept");
        await StepAsync(partial.Seller, partial.OrderId, "ship", new { trackingNote = "SF1" });
        var photo = await partial.Buyer.UploadPhotoAsync();
        var disputed = await StepAsync(partial.Buyer, partial.OrderId, "dispute", new { reason = "damaged", details = "The lid arrived cracked.", photoIds = new[] { photo } });
        Assert.Equal("disputed", disputed.GetProperty("state").GetString());
        Assert.Null(disputed.GetProperty("deadlineAt").GetString());
        var disputeId = disputed.GetProperty("dispute").GetProperty("id").GetInt64();
        using (var notTheirs = await PostAsync(partial.Buyer, $"/api/v1/disputes/{disputeId}/refund", new { amount = ShopApi.Money(5_000) }))
            await notTheirs.ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        using (var tooMuch = await PostAsync(partial.Seller, $"/api/v1/disputes/{disputeId}/refund", new { amount = ShopApi.Money(17_601) }))
            await tooMuch.ShouldBeValidationProblemAsync("amount");
        using (var refund = await PostAsync(partial.Seller, $"/api/v1/disputes/{disputeId}/refund", new { amount = ShopApi.Money(5_000) }))
            await refund.ShouldBeAsync(HttpStatusCode.OK);
        Assert.Equal(100_000 - 17_600 + 5_000, await factory.AvailableAsync(partial.BuyerId));
        Assert.Equal(12_600 - 630, await factory.AvailableAsync(partial.SellerId));

        var decided = await PaidOrderAsync();
        var opened = await StepAsync(decided.Buyer, decided.OrderId, "dispute", new { reason = "notReceived", details = "Nothing came." });
        var id = opened.GetProperty("dispute").GetProperty("id").GetInt64();
        using (var escalate = await PostAsync(decided.Seller, $"/api/v1/disputes/{id}/escalate")) await escalate.ShouldBeAsync(HttpStatusCode.OK);
        using (var sellerTooLate = await PostAsync(decided.Seller, $"/api/v1/disputes/{id}/refund", new { amount = ShopApi.Money(1_000) }))
            await sellerTooLate.ShouldBeProblemAsync(HttpStatusCode.Conflict);
        using (var notOperator = await PostAsync(decided.Buyer, $"/api/v1/disputes/{id}/resolve", new { refundAmount = ShopApi.Money(17_600) }))
            Assert.Equal(HttpStatusCode.Forbidden, notOperator.StatusCode);
        var op = await factory.NewOperatorAsync();
        var queue = await op.Client.GetJsonAsync("/api/v1/disputes?state=escalated");
        Assert.Contains(queue.EnumerateArray(), d => d.GetProperty("id").GetInt64() == id);
        using (var resolve = await PostAsync(op, $"/api/v1/disputes/{id}/resolve", new { refundAmount = ShopApi.Money(17_600), note = "No tracking was ever given." }))
            await resolve.ShouldBeAsync(HttpStatusCode.OK);
        var after = await decided.Buyer.Client.GetJsonAsync($"/api/v1/orders/{decided.OrderId}");
        Assert.Equal("refunded", after.GetProperty("state").GetString());
        Assert.Equal(17_600, after.GetProperty("dispute").GetProperty("refunded").GetProperty("amount").GetInt64());
        Assert.Equal(100_000, await factory.AvailableAsync(decided.BuyerId));
        // The sweeper leaves disputed and finished orders alone, however much time passes.
        factory.Clock!.Advance(TimeSpan.FromDays(30));
        await SweepAsync();
        Assert.Equal(100_000, await factory.AvailableAsync(decided.BuyerId));
        await LedgerHoldsAsync();
    }

    [Fact]
    public async Task A_meet_up_is_confirmed_with_the_code_of_the_sellers_qr_and_a_repeat_confirm_replays()
    {
        var deal = await ListingOrderAsync();
        // Re-buy as a meet-up: cancel the shipping order first.
        await StepAsync(deal.Buyer, deal.OrderId, "cancel");
        await deal.Buyer.AddLineAsync(listingId: deal.SkuId);
        var orderId = (await deal.Buyer.PayAsync(new { delivery = new { method = "meetUp" } }))[0].GetProperty("id").GetInt64();
        var sellerView = await StepAsync(deal.Seller, orderId, "accept");
        Assert.Equal($"/orders/{orderId}/qr.svg", sellerView.GetProperty("meetUpQrUrl").GetString());
        using (var qr = await deal.Seller.Client.GetAsync($"/orders/{orderId}/qr.svg"))
        {
            await qr.ShouldBeAsync(HttpStatusCode.OK);
            Assert.Equal("image/svg+xml", qr.Content.Headers.ContentType?.MediaType);
        }
        using (var buyerQr = await deal.Buyer.Client.GetAsync($"/orders/{orderId}/qr.svg")) Assert.Equal(HttpStatusCode.NotFound, buyerQr.StatusCode);
        var code = await factory.QueryAsync(db => db.Orders.Where(o => o.Id == orderId).Select(o => o.MeetUpCode).SingleAsync());

        using (var wrong = await PostAsync(deal.Buyer, $"/api/v1/orders/{orderId}/confirm", new { meetUpCode = "0000" })) await wrong.ShouldBeValidationProblemAsync("meetUpCode");
        var key = Guid.NewGuid().ToString();
        using (var right = await PostAsync(deal.Buyer, $"/api/v1/orders/{orderId}/confirm", new { meetUpCode = code }, key)) await right.ShouldBeAsync(HttpStatusCode.OK);
        using (var again = await PostAsync(deal.Buyer, $"/api/v1/orders/{orderId}/confirm", new { meetUpCode = code }, key))
        {
            await again.ShouldBeAsync(HttpStatusCode.OK);
            Assert.Equal("true", again.Headers.GetValues("Idempotent-Replayed").Single());
        }
        Assert.Equal(30_000 - 1_500, await factory.AvailableAsync(deal.SellerId));
        await LedgerHoldsAsync();
    }

    [Fact]
    public async Task Confirm_auto_release_and_a_dispute_at_the_same_moment_move_the_money_exactly_once()
    {
        var clock = factory.Clock!;
        for (var round = 0; round < 8; round++)
        {
            var deal = await PaidOrderAsync();
            await StepAsync(deal.Seller, deal.OrderId, "accept");
            await StepAsync(deal.Seller, deal.OrderId, "ship", new { trackingNote = "SF" + round });
            clock.Advance(TimeSpan.FromDays(7) + TimeSpan.FromMinutes(1));
            var buyer = await factory.SignInAsync(deal.Buyer.Account); // a week on, with a fresh token

            var confirm = PostAsync(buyer, $"/api/v1/orders/{deal.OrderId}/confirm");
            var dispute = PostAsync(buyer, $"/api/v1/orders/{deal.OrderId}/dispute", new { reason = "notAsDescribed", details = "Wrong colour." });
            var sweep = SweepAsync();
            await Task.WhenAll(confirm, dispute, sweep);
            using var confirmed = await confirm;
            using var disputed = await dispute;

            var state = await factory.QueryAsync(db => db.Orders.Where(o => o.Id == deal.OrderId).Select(o => o.State).SingleAsync());
            var hold = await HoldAsync(deal.OrderId);
            var resolutions = await factory.QueryAsync(db => db.LedgerTransactions.CountAsync(t => t.HoldId == hold.Id
                && (t.Kind == LedgerTransactionKind.EscrowRelease || t.Kind == LedgerTransactionKind.EscrowRefund)));
            Assert.True(confirmed.StatusCode is HttpStatusCode.OK or HttpStatusCode.Conflict, $"confirm answered {confirmed.StatusCode}");
            Assert.True(disputed.StatusCode is HttpStatusCode.OK or HttpStatusCode.Conflict, $"dispute answered {disputed.StatusCode}");
            if (state == OrderState.Disputed)
            {
                Assert.Equal(EscrowHoldState.Held, hold.State);
                Assert.Equal(0, resolutions);
                Assert.Equal(HttpStatusCode.Conflict, confirmed.StatusCode);
            }
            else
            {
                Assert.Equal(OrderState.Completed, state);
                Assert.Equal(EscrowHoldState.Released, hold.State);
                Assert.Equal(1, resolutions);
                Assert.Equal(HttpStatusCode.Conflict, disputed.StatusCode);
                Assert.Equal(17_600 - 880, await factory.AvailableAsync(deal.SellerId));
            }
        }
        await LedgerHoldsAsync();
    }
}

public sealed class SqliteOrderFlowTests(SqliteFakeClockFactory factory) : OrderFlowTests(factory), IClassFixture<SqliteFakeClockFactory>;

public sealed class PostgresOrderFlowTests(PostgresFakeClockFactory factory) : OrderFlowTests(factory), IClassFixture<PostgresFakeClockFactory>;
