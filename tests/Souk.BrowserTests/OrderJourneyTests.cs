using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Souk.BrowserTests;

/// <summary>
/// Buying with buyer protection, on three phones: the operator makes a prepaid voucher; a new buyer (in Traditional Chinese)
/// redeems it, buys a tea from the demo shop with "Buy now" and pays from the wallet; the shop's owner accepts and ships;
/// the buyer confirms receipt and the owner sees the money in the wallet. Then a second order goes wrong: the buyer reports
/// a problem and the owner settles it with a partial refund, which the buyer sees in the wallet statement. axe-core checks
/// every new page.
/// </summary>
public abstract class OrderJourneyTests(ITestOutputHelper log)
{
    /// <summary>On the checkout page: a Hong Kong address, pay, and wait for the new order's page.</summary>
    static async Task PayWithShippingAsync(IPage buyer)
    {
        await buyer.FillAsync("#name", "陳小明");
        await buyer.FillAsync("#address", "九龍旺角彌敦道 600 號 12 樓 A 室");
        await buyer.FillAsync("#phone", "+852 5123 4567");
        await buyer.ClickAsync("[data-testid=pay]");
        await buyer.WaitForURLAsync(new Regex(@"/orders/\d+\?paid=1"));
    }

    protected abstract Provider Provider { get; }

    /// <summary>One provider writes the docs' screenshot of the order cards in chat.</summary>
    protected virtual bool TakeScreenshots => false;

    protected Task RunJourneyAsync() => Journey.RunAsync(Provider, "order-journey", log,
        [_ => { }, _ => { }, _ => { }],
        JourneyAsync);

    async Task JourneyAsync(SoukApp app, IReadOnlyList<IPage> phones, Action<string> step)
    {
        var (operatorEmail, password) = Journey.DemoCredentials(app);
        var (op, seller, buyer) = (phones[0], phones[1], phones[2]);

        step("the operator makes a HK$2,000 voucher");
        await Journey.SignInAsync(op, operatorEmail, password);
        await op.GotoAsync("/admin/vouchers");
        await op.FillAsync("#amount", "2000");
        await op.FillAsync("#count", "1");
        await op.ClickAsync("[data-testid=batch-form] button[type=submit]");
        var code = (await op.Locator("[data-testid=codes] li").First.TextContentAsync())!.Trim();
        Assert.Matches("^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$", code);
        await Axe.CheckAsync(op, "operator vouchers with the new code");

        step("a buyer signs up and redeems it (繁體中文)");
        await Journey.SignUpAsync(buyer, "buyer");
        await buyer.GotoAsync("/wallet");
        await buyer.ClickAsync("details.language-picker > summary");
        await buyer.ClickAsync("details.language-picker a[hreflang='zh-Hant-HK']");
        await buyer.WaitForURLAsync(new Regex("/wallet"));
        await Expect(buyer.Locator("h1")).ToHaveTextAsync("錢包");
        await buyer.FillAsync("#code", code.ToLowerInvariant());
        await buyer.ClickAsync("[data-testid=redeem-form] button[type=submit]");
        await Expect(buyer.Locator("[data-testid=balance-HKD] .wallet-available strong")).ToHaveTextAsync(new Regex("2,000"));
        await Axe.CheckAsync(buyer, "wallet after redeeming");

        step("the buyer buys a tea from the demo shop with Buy now");
        await buyer.GotoAsync("/s/kowloon-tea");
        await buyer.Locator("main a[href^='/p/']").First.ClickAsync();
        await buyer.WaitForURLAsync(new Regex(@"/p/\d+"));
        var productPath = new Uri(buyer.Url).PathAndQuery;
        // First into the cart and out again (Remove submits the cart's one remove form).
        await buyer.ClickAsync("[data-testid=add-to-cart]");
        await buyer.WaitForURLAsync(new Regex(@"/cart"));
        await Expect(buyer.Locator("[data-testid=cart-line]")).ToHaveCountAsync(1);
        await Axe.CheckAsync(buyer, "cart with a line");
        await buyer.ClickAsync("[data-testid=remove-line]");
        await Expect(buyer.Locator("[data-testid=cart-empty]")).ToBeVisibleAsync();
        await buyer.GotoAsync(productPath);
        await buyer.ClickAsync("[data-testid=buy-now]");
        await buyer.WaitForURLAsync(new Regex(@"/checkout\?items=\d+"));
        await Axe.CheckAsync(buyer, "checkout");
        await PayWithShippingAsync(buyer);
        var orderPath = new Uri(buyer.Url).AbsolutePath;
        await Expect(buyer.Locator("[data-testid=order-state]")).ToHaveTextAsync("已付款");
        await Axe.CheckAsync(buyer, "order page after paying");

        step("the shop's owner accepts and ships");
        await Journey.SignInAsync(seller, "kowloon.tea@demo.souk.local", password);
        await seller.GotoAsync("/sell/orders");
        await seller.Locator($"[data-testid=order-row][href='{orderPath}']").ClickAsync();
        await seller.ClickAsync("[data-testid=action-accept]");
        await Expect(seller.Locator("[data-testid=order-state]")).ToHaveTextAsync("Accepted");
        await seller.FillAsync("#tracking", "SF Express SF1234567890");
        await seller.ClickAsync("[data-testid=action-ship]");
        await Expect(seller.Locator("[data-testid=tracking]")).ToContainTextAsync("SF1234567890");
        await Axe.CheckAsync(seller, "seller's order page, shipped");

        step("the buyer follows the order in the chat with the shop");
        await buyer.GotoAsync("/inbox");
        await buyer.Locator("[data-testid=conversation-row] a").First.ClickAsync();
        await buyer.WaitForURLAsync(new Regex(@"/chat/\d+"));
        await Expect(buyer.Locator("[data-testid=chat-order-card]")).ToHaveCountAsync(3);
        await Expect(buyer.Locator("[data-testid=chat-order-card][data-order-event=Shipped]")).ToContainTextAsync("已發貨");
        await Expect(buyer.Locator("[data-testid=chat-order-card][data-order-event=Shipped]")).ToContainTextAsync("SF1234567890");
        await Axe.CheckAsync(buyer, "chat with the order's cards");
        if (TakeScreenshots)
        {
            var shots = Path.Combine(SoukApp.RepoRoot, "docs", "screenshots");
            Directory.CreateDirectory(shots);
            await buyer.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(shots, "order-chat-mobile.png") });
        }

        step("the buyer confirms receipt; the owner sees the money");
        await buyer.GotoAsync(orderPath);
        await buyer.ClickAsync("[data-testid=action-confirm]");
        await Expect(buyer.Locator("[data-testid=order-state]")).ToHaveTextAsync("已完成");
        await seller.GotoAsync("/wallet");
        await Expect(seller.Locator("[data-testid=balance-HKD] .wallet-available strong")).Not.ToHaveTextAsync(new Regex(@"^HK\$0\.00$"));
        await Expect(seller.Locator("[data-testid=statement] li").First).ToContainTextAsync("From an order");

        step("a second order goes wrong: the buyer reports a problem, the owner refunds part");
        await buyer.GotoAsync(productPath);
        await buyer.ClickAsync("[data-testid=buy-now]");
        await buyer.WaitForURLAsync(new Regex(@"/checkout\?items=\d+"));
        await PayWithShippingAsync(buyer);
        var secondPath = new Uri(buyer.Url).AbsolutePath;
        await buyer.Locator(".order-actions details summary").ClickAsync();
        await buyer.SelectOptionAsync("#reason", "Damaged");
        await buyer.FillAsync("#details", "茶葉罐到貨時凹陷，封口破了。");
        await buyer.SetInputFilesAsync("#dispute-photos", new FilePayload { Name = "dent.png", MimeType = "image/png", Buffer = TestPng.Gradient(400, 300) });
        await buyer.ClickAsync("[data-testid=action-dispute]");
        await Expect(buyer.Locator("[data-testid=dispute]")).ToBeVisibleAsync();
        await Expect(buyer.Locator("[data-testid=dispute-evidence] img")).ToHaveCountAsync(1);
        await Axe.CheckAsync(buyer, "order in dispute");
        await seller.GotoAsync(secondPath);
        await seller.FillAsync("#refund", "20");
        await seller.ClickAsync("[data-testid=action-refund]");
        await Expect(seller.Locator("[data-testid=dispute-refunded]")).ToContainTextAsync("20.00");
        await Expect(seller.Locator("[data-testid=order-state]")).ToHaveTextAsync("Completed");

        step("the buyer sees the refund in the wallet statement");
        await buyer.GotoAsync("/wallet");
        await Expect(buyer.Locator("[data-testid=statement] li").First).ToContainTextAsync("20.00");
        await Axe.CheckAsync(buyer, "wallet statement with the refund");
    }
}

public sealed class SqliteOrderJourney(ITestOutputHelper log) : OrderJourneyTests(log)
{
    protected override Provider Provider => Provider.Sqlite;

    protected override bool TakeScreenshots => true;

    [Fact]
    public Task A_buyer_redeems_a_voucher_buys_the_seller_ships_the_buyer_confirms_and_a_dispute_ends_in_a_partial_refund_on_phones() => RunJourneyAsync();
}

public sealed class PostgresOrderJourney(ITestOutputHelper log) : OrderJourneyTests(log)
{
    protected override Provider Provider => Provider.Postgres;

    [Fact]
    public Task A_buyer_redeems_a_voucher_buys_the_seller_ships_the_buyer_confirms_and_a_dispute_ends_in_a_partial_refund_on_phones() => RunJourneyAsync();
}
