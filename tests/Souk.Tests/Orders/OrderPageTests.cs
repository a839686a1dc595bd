using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Souk.Tests.Catalog;
using Souk.Tests.Infrastructure;
using Souk.Tests.Notes;
using Souk.Tests.Wallet;
using Xunit;

namespace Souk.Tests.Orders;

/// <summary>The cart, checkout and order pages through their HTML forms, on both providers.</summary>
public abstract partial class OrderPageTests(SoukAppFactory factory)
{
    [GeneratedRegex(@"name=""Token"" value=""([0-9a-f]{32})""")]
    private static partial Regex FormToken();

    [Fact]
    public async Task Checkout_pays_once_per_form_and_the_order_page_is_for_its_two_sides_only()
    {
        var (seller, _, sku) = await factory.NewShopSkuAsync(price: 8_800, stock: 5);
        var buyer = await factory.NewSessionAsync();
        var buyerId = await factory.UserIdAsync(buyer);
        await factory.FundAsync(buyerId, 50_000);
        await buyer.AddLineAsync(skuId: sku);
        using var browser = factory.Browser(buyer);

        var cart = await browser.PageAsync("/cart");
        Assert.Contains("data-testid=\"cart-line\"", cart);
        var checkout = await browser.PageAsync("/checkout");
        var fields = new[] { ("Method", "shipping"), ("Name", "Amy Chan"), ("Address", "12 Nathan Road"), ("Phone", "+852 5123 4567"), ("Token", FormToken().Match(checkout).Groups[1].Value) };
        string orderPath;
        using (var paid = await browser.PostFormAsync("/checkout", "pay", checkout, fields))
        {
            orderPath = PageTesting.LocationPath(paid);
            Assert.Matches(@"^/orders/\d+\?paid=1$", orderPath);
        }
        using (var again = await browser.PostFormAsync("/checkout", "pay", checkout, fields))
            Assert.Contains("This form was already sent.", await again.Content.ReadAsStringAsync());
        Assert.Equal(50_000 - 8_800, await factory.AvailableAsync(buyerId));
        Assert.Equal(1, await factory.QueryAsync(db => db.Orders.CountAsync(o => o.BuyerId == buyerId)));

        var order = await browser.PageAsync(orderPath);
        Assert.Contains("data-testid=\"order-paid\"", order);
        Assert.DoesNotContain("data-testid=\"action-accept\"", order);
        var path = orderPath.Split('?')[0];
        using var sellerBrowser = factory.Browser(seller);
        var sellerView = await sellerBrowser.PageAsync(path);
        Assert.Contains("data-testid=\"action-accept\"", sellerView);
        using (var accepted = await sellerBrowser.PostFormAsync(path, "accept", sellerView, []))
            Assert.Equal(path, PageTesting.LocationPath(accepted));
        // A second tap on the same Accept (the page as it was): the order has moved on, and the page says so.
        using (var again = await sellerBrowser.PostFormAsync(path, "accept", sellerView, []))
        {
            Assert.Equal(HttpStatusCode.OK, again.StatusCode);
            Assert.Contains("This order has just changed. Here it is as it is now.", await again.Content.ReadAsStringAsync());
        }
        Assert.Contains("data-testid=\"action-ship\"", await sellerBrowser.PageAsync(path));
        var stranger = await factory.NewSessionAsync();
        using var strangerBrowser = factory.Browser(stranger);
        await strangerBrowser.PageAsync(path, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_cart_marks_a_sold_out_line_and_checkout_says_what_is_missing()
    {
        var (_, _, last) = await factory.NewShopSkuAsync(price: 1_000, stock: 1);
        var (_, _, dear) = await factory.NewShopSkuAsync(price: 90_000, stock: 3);
        var buyer = await factory.NewSessionAsync();
        var other = await factory.NewSessionAsync();
        await factory.FundAsync(other, 5_000);
        await buyer.AddLineAsync(skuId: last);
        await buyer.AddLineAsync(skuId: dear);
        await other.AddLineAsync(skuId: last);
        await other.PayAsync();
        using var browser = factory.Browser(buyer, "it");

        var cart = await browser.PageAsync("/cart");
        Assert.Contains("data-testid=\"sold-out\"", cart);
        Assert.Contains("Esaurito", cart);
        var checkout = await browser.PageAsync("/checkout");
        Assert.Contains("data-testid=\"not-enough\"", checkout);

        // Remove a line, and tap Remove again on the page as it was: the cart is reloaded, not an error page.
        var lineId = System.Text.RegularExpressions.Regex.Match(cart, @"name=""LineId"" value=""(\d+)""").Groups[1].Value;
        for (var tap = 0; tap < 2; tap++)
        {
            using var removed = await browser.PostFormAsync("/cart", "remove", cart, [("LineId", lineId)]);
            Assert.Equal(HttpStatusCode.OK, removed.StatusCode);
            Assert.Single(System.Text.RegularExpressions.Regex.Matches(await removed.Content.ReadAsStringAsync(), "data-testid=\"cart-line\""));
        }
        // And its quantity changed from the page as it was: the cart says the item is gone, not an error page.
        Assert.Contains($"qty-{lineId}", cart);
        using var stale = await browser.PostFormAsync("/cart", $"qty-{lineId}", cart, [("Quantity", "2")]);
        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
        var after = await stale.Content.ReadAsStringAsync();
        Assert.Contains("Questo articolo non è più nel tuo carrello.", after);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(after, "data-testid=\"cart-line\""));
    }

    [Fact]
    public async Task A_dispute_opened_on_the_page_keeps_its_photos_and_a_file_that_is_no_photo_opens_nothing()
    {
        var (_, _, sku) = await factory.NewShopSkuAsync(price: 8_800, stock: 5);
        var buyer = await factory.NewSessionAsync();
        await factory.FundAsync(buyer, 50_000);
        await buyer.AddLineAsync(skuId: sku);
        var orderId = (await buyer.PayAsync())[0].GetProperty("id").GetInt64();
        using var browser = factory.Browser(buyer, "ru");
        var path = $"/orders/{orderId}";
        var page = await browser.PageAsync(path);
        Assert.Contains("data-testid=\"dispute-photos\"", page);
        var fields = new[] { ("Reason", "Damaged"), ("Note", "The lid arrived in pieces.") };

        using (var refused = await browser.PostFormAsync(path, "dispute", page, fields, [("photos", "not a photo"u8.ToArray())]))
        {
            var html = await refused.Content.ReadAsStringAsync();
            Assert.Contains("data-testid=\"order-problem\"", html);
            Assert.Contains("не фото", html);
        }
        Assert.False(await factory.QueryAsync(db => db.Disputes.AnyAsync(d => d.OrderId == orderId)));

        using (var opened = await browser.PostFormAsync(path, "dispute", page, fields, [("photos", TestImages.Png(90, 60)), ("photos", TestImages.Png(60, 90))]))
            Assert.Equal(path, PageTesting.LocationPath(opened));
        var dispute = await factory.QueryAsync(db => db.Disputes.SingleAsync(d => d.OrderId == orderId));
        Assert.Equal(2, dispute.PhotoIds.Count);
        var after = await browser.PageAsync(path);
        Assert.Contains("data-testid=\"dispute-evidence\"", after);
        Assert.Equal(2, Regex.Matches(after, "alt=\"Фото проблемы от покупателя\"").Count);
    }
}

public sealed class SqliteOrderPageTests(SqliteAppFactory factory) : OrderPageTests(factory), IClassFixture<SqliteAppFactory>;

public sealed class PostgresOrderPageTests(PostgresAppFactory factory) : OrderPageTests(factory), IClassFixture<PostgresAppFactory>;
