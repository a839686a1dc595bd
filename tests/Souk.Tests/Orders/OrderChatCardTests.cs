using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Souk.Tests.Accounts;
using Souk.Tests.Catalog;
using Souk.Tests.Chat;
using Souk.Tests.Infrastructure;
using Souk.Tests.Notes;
using Souk.Tests.Wallet;
using Souk.Web.Modules.Orders;
using Xunit;

namespace Souk.Tests.Orders;

/// <summary>Order steps posted as cards into the buyer–seller conversation: where, once each, by requests and by the sweeper.</summary>
public abstract class OrderChatCardTests(SoukAppFactory factory)
{
    sealed record Sale(Session Buyer, Session Seller, long OrderId, long ListingId);

    async Task<Sale> ListingSaleAsync()
    {
        var seller = await factory.NewSessionAsync();
        var listing = await seller.CreateListingIdAsync(OrdersApi.Listing(await seller.UploadPhotoAsync(), 30_000));
        var buyer = await factory.NewSessionAsync();
        await factory.FundAsync(await factory.UserIdAsync(buyer), 100_000);
        await buyer.AddLineAsync(listingId: listing);
        var order = (await buyer.PayAsync())[0];
        return new(buyer, seller, order.GetProperty("id").GetInt64(), listing);
    }

    static async Task StepAsync(Session who, long orderId, string step, object? body = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/orders/{orderId}/{step}") { Content = JsonContent.Create(body ?? new { }, options: Api.Json) };
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        using var response = await who.Client.SendAsync(request);
        await response.ShouldBeAsync(HttpStatusCode.OK);
    }

    /// <summary>The order cards of a conversation as a member reads them, oldest first.</summary>
    static async Task<List<JsonElement>> CardsAsync(Session who, long conversationId) =>
        [.. (await who.MessagesAsync(conversationId, limit: 50)).GetProperty("items").EnumerateArray()
            .Where(m => m.GetProperty("order").ValueKind == JsonValueKind.Object).Reverse()];

    static string[] Events(List<JsonElement> cards) => [.. cards.Select(c => c.GetProperty("order").GetProperty("event").GetString()!)];

    async Task<int> SweepAsync()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<OrderSweeper>().SweepOnceAsync(CancellationToken.None);
    }

    [Fact]
    public async Task Each_step_of_a_listing_order_is_a_card_in_the_listing_conversation_before_the_answer_arrives()
    {
        var sale = await ListingSaleAsync();
        // The conversation about the listing is the one "Chat with seller" opens: the cards are already there.
        var conversation = await sale.Buyer.DirectAsync(sale.Seller, listingId: sale.ListingId);
        Assert.Equal(["paid"], Events(await CardsAsync(sale.Buyer, conversation)));

        await StepAsync(sale.Seller, sale.OrderId, "accept");
        await StepAsync(sale.Seller, sale.OrderId, "ship", new { trackingNote = "SF Express SF1234567890" });
        await StepAsync(sale.Buyer, sale.OrderId, "confirm");

        var cards = await CardsAsync(sale.Seller, conversation);
        Assert.Equal(["paid", "accepted", "shipped", "confirmed"], Events(cards));
        var shipped = cards[2];
        Assert.Equal("system", shipped.GetProperty("kind").GetString());
        Assert.Equal("orderUpdate", shipped.GetProperty("event").GetString());
        Assert.Equal(sale.OrderId, shipped.GetProperty("order").GetProperty("orderId").GetInt64());
        Assert.Equal("SF Express SF1234567890", shipped.GetProperty("order").GetProperty("note").GetString());
        Assert.Equal(sale.Seller.Account.Handle, shipped.GetProperty("actor").GetProperty("handle").GetString());
        // Every card shows where the order stands now, whichever step it tells of.
        Assert.All(cards, c => Assert.Equal("completed", c.GetProperty("order").GetProperty("state").GetString()));
        // The seller has unread cards from the buyer's steps; the buyer's own last step counts as read for them.
        Assert.True(await sale.Seller.UnreadInAsync(conversation) >= 1);

        var stranger = await factory.NewSessionAsync();
        using var peek = await stranger.Client.GetAsync($"/api/v1/conversations/{conversation}/messages");
        Assert.Equal(HttpStatusCode.Forbidden, peek.StatusCode);
    }

    [Fact]
    public async Task An_offer_order_posts_into_the_offer_conversation_and_a_shop_order_into_the_plain_one()
    {
        var seller = await factory.NewSessionAsync();
        var listing = await seller.CreateListingIdAsync(OrdersApi.Listing(await seller.UploadPhotoAsync(), 60_000));
        var buyer = await factory.NewSessionAsync();
        await factory.FundAsync(await factory.UserIdAsync(buyer), 100_000);
        var offer = await buyer.MakeOfferAsync(listing, 45_000);
        using (var accept = await seller.StepAsync(offer.Id(), "accept")) await accept.ShouldBeAsync(HttpStatusCode.OK);
        var offerOrder = (await buyer.PayAsync(new { delivery = OrdersApi.Shipping, offerId = offer.Id() }))[0].GetProperty("id").GetInt64();

        var offerCards = await CardsAsync(seller, offer.GetProperty("conversationId").GetInt64());
        Assert.Equal(offerOrder, Assert.Single(offerCards).GetProperty("order").GetProperty("orderId").GetInt64());

        var (shop, _, sku) = await factory.NewShopSkuAsync(price: 8_800, stock: 5);
        await buyer.AddLineAsync(skuId: sku, quantity: 2);
        var shopOrder = (await buyer.PayAsync())[0].GetProperty("id").GetInt64();
        var plain = await buyer.DirectAsync(shop);
        var card = Assert.Single(await CardsAsync(shop, plain)).GetProperty("order");
        Assert.Equal(shopOrder, card.GetProperty("orderId").GetInt64());
        Assert.Equal(17_600, card.GetProperty("total").GetProperty("amount").GetInt64());
        Assert.Equal(0, card.GetProperty("moreItems").GetInt32());
    }

    [Fact]
    public async Task The_sweeper_posts_its_own_steps_and_the_cards_a_crash_left_behind_once_each()
    {
        var sale = await ListingSaleAsync();
        var conversation = await sale.Buyer.DirectAsync(sale.Seller, listingId: sale.ListingId);

        // A crash between the payment's commit and its card: the card is gone and the event still pending.
        await factory.QueryAsync(async db =>
        {
            await db.ChatMessages.Where(m => m.ConversationId == conversation && m.OrderEventId != null).ExecuteDeleteAsync();
            return await db.OrderEvents.Where(e => e.OrderId == sale.OrderId).ExecuteUpdateAsync(s => s.SetProperty(e => e.ChatPending, true));
        });
        Assert.Empty(await CardsAsync(sale.Buyer, conversation));

        // Left alone for the accept deadline: the sweeper cancels, and posts the lost card and its own, once.
        factory.Clock!.Advance(TimeSpan.FromDays(3) + TimeSpan.FromMinutes(1));
        Assert.True(await SweepAsync() >= 1);
        await SweepAsync();
        // Three days on the access token has expired: sign in again, as the app would with its refresh token.
        var buyer = await factory.SignInAsync(sale.Buyer.Account);
        var cards = await CardsAsync(buyer, conversation);
        Assert.Equal(["paid", "acceptDeadlineMissed"], Events(cards));
        Assert.Equal(0, await factory.QueryAsync(db => db.OrderEvents.CountAsync(e => e.OrderId == sale.OrderId && e.ChatPending)));
        var refunded = cards[1].GetProperty("order"); // HK$300 and HK$30 shipping, all back
        Assert.Equal(33_000, refunded.GetProperty("refunded").GetProperty("amount").GetInt64());
    }

    [Fact]
    public async Task The_conversation_page_shows_the_cards_in_the_readers_language()
    {
        var sale = await ListingSaleAsync();
        await StepAsync(sale.Seller, sale.OrderId, "accept");
        var conversation = await sale.Buyer.DirectAsync(sale.Seller, listingId: sale.ListingId);

        var english = await sale.Buyer.Client.GetStringAsync($"/chat/{conversation}");
        Assert.Contains("data-testid=\"chat-order-card\"", english);
        Assert.Contains($"href=\"/orders/{sale.OrderId}\"", english);
        Assert.Contains($"Order #{sale.OrderId}", english);

        using var italian = new HttpRequestMessage(HttpMethod.Get, $"/chat/{conversation}");
        italian.Headers.AcceptLanguage.ParseAdd("it");
        using var response = await sale.Seller.Client.SendAsync(italian);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains($"Ordine n. {sale.OrderId}", html);
    }
}

public sealed class SqliteOrderChatCardTests(SqliteFakeClockFactory factory) : OrderChatCardTests(factory), IClassFixture<SqliteFakeClockFactory>;

public sealed class PostgresOrderChatCardTests(PostgresFakeClockFactory factory) : OrderChatCardTests(factory), IClassFixture<PostgresFakeClockFactory>;
