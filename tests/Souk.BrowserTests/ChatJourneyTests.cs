using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Souk.BrowserTests;

/// <summary>
/// Buyer and seller on two phones (two browser contexts, the seller reading 繁體中文): the buyer opens a listing and chats
/// with the seller, sends a text and a photo; the seller sees them arrive without reloading, and the Inbox badge counts a
/// message on another page. The buyer makes an offer, the seller counters on the offer card, the buyer accepts: the listing
/// shows reserved. axe-core checks the chat pages; the Sqlite run saves the README screenshot of the conversation.
/// </summary>
public abstract class ChatJourneyTests(ITestOutputHelper log)
{
    protected abstract Provider Provider { get; }
    protected virtual bool TakeScreenshots => false;

    static string ScreenshotDir => Path.Combine(SoukApp.RepoRoot, "docs", "screenshots");

    protected Task RunJourneyAsync() => Journey.RunAsync(Provider, "chat-journey", log, [_ => { }, _ => { }],
        (pages, step) => JourneyAsync(pages[0], pages[1], step));

    async Task JourneyAsync(IPage buyer, IPage seller, Action<string> step)
    {
        var title = $"Leica M6 {Guid.NewGuid().ToString("N")[..6]}";

        step("seller picks 繁體中文, signs up and lists a camera");
        await seller.GotoAsync("/culture/zh-Hant-HK");
        await Expect(seller.Locator("html")).ToHaveAttributeAsync("lang", "zh-Hant-HK");
        var sellerHandle = await Journey.SignUpAsync(seller, "seller");
        var listingId = await NoteJourneyTests.CreateListingAsync(seller, title);

        step("buyer: the listing, Chat with seller");
        await Journey.SignUpAsync(buyer, "buyer");
        await buyer.GotoAsync($"/l/{listingId}");
        await buyer.ClickAsync("[data-testid=chat-with-seller]");
        await buyer.WaitForURLAsync(new Regex(@"/chat/\d+$"));
        var chatPath = new Uri(buyer.Url).AbsolutePath;
        await Expect(buyer.Locator("[data-testid=chat-item]")).ToContainTextAsync(title);
        await WaitConnectedAsync(buyer);
        await Axe.CheckAsync(buyer, "empty conversation (buyer)");

        step("the seller does not see Chat with seller on their own listing");
        await seller.GotoAsync($"/l/{listingId}");
        await Expect(seller.Locator("[data-testid=listing]")).ToBeVisibleAsync();
        await Expect(seller.Locator("[data-testid=chat-with-seller]")).ToHaveCountAsync(0);

        step("seller: waits on Home; a message from the buyer lights the Inbox badge without reload");
        await seller.GotoAsync("/");
        await WaitConnectedAsync(seller);
        await seller.EvaluateAsync("() => { window.__sameDocument = true; }");
        var firstTypedAt = DateTime.UtcNow;
        await SendTextAsync(buyer, "Hi! Is the shutter accurate?");
        await Expect(seller.Locator("nav.tabbar a[href='/inbox'] .tab-badge")).ToHaveTextAsync("1");
        Assert.True(await seller.EvaluateAsync<bool>("() => window.__sameDocument === true"), "the seller's page reloaded");

        step("seller: the Inbox lists the conversation with its unread count; open it");
        await seller.ClickAsync("nav.tabbar a[href='/inbox']");
        await seller.WaitForURLAsync(new Regex("/inbox$"));
        var row = seller.Locator("[data-testid=conversation-row]");
        await Expect(row).ToHaveCountAsync(1);
        await Expect(row.Locator("[data-testid=unread-count]")).ToContainTextAsync("1");
        await Expect(row).ToContainTextAsync("Hi! Is the shutter accurate?");
        await Axe.CheckAsync(seller, "inbox chats (seller, zh-Hant-HK)");
        await row.Locator("a").ClickAsync();
        await seller.WaitForURLAsync(new Regex(Regex.Escape(chatPath) + "$"));
        await Expect(seller.Locator(".chat-msg-theirs .chat-text")).ToHaveTextAsync("Hi! Is the shutter accurate?");
        await WaitConnectedAsync(seller);
        await Expect(seller.Locator("nav.tabbar a[href='/inbox'] .tab-badge")).ToHaveCountAsync(0); // read by opening it
        await seller.EvaluateAsync("() => { window.__sameDocument = true; }");

        step("buyer types: the seller sees it; then a text and a photo arrive without reloading");
        // Typing is sent at most once per 2 s (chat.js and ChatHub.Typing); the buyer typed the first message moments ago.
        var throttleLeft = TimeSpan.FromSeconds(2.2) - (DateTime.UtcNow - firstTypedAt);
        if (throttleLeft > TimeSpan.Zero) await Task.Delay(throttleLeft);
        await buyer.FillAsync("[data-testid=chat-text]", "Could you do HK$1,000?");
        await Expect(seller.Locator("[data-chat-typing]")).ToContainTextAsync("正在輸入");
        await SendTextAsync(buyer, "Could you do HK$1,000?");
        await Expect(seller.Locator(".chat-msg-theirs .chat-text").Last).ToHaveTextAsync("Could you do HK$1,000?");
        await buyer.SetInputFilesAsync("[data-testid=chat-photo-input]", new FilePayload { Name = "scratch.png", MimeType = "image/png", Buffer = TestPng.Gradient(300, 400) });
        await Expect(buyer.Locator(".chat-msg-mine [data-testid=chat-photo]")).ToHaveCountAsync(1);
        var photo = seller.Locator(".chat-msg-theirs [data-testid=chat-photo]");
        await Expect(photo).ToHaveCountAsync(1);
        await Journey.WaitImageLoadedAsync(photo);
        await Expect(buyer.Locator("[data-read-marker]")).ToHaveCountAsync(1); // the seller has read it, live
        Assert.True(await seller.EvaluateAsync<bool>("() => window.__sameDocument === true"), "the seller's page reloaded");

        step("buyer makes an offer on the listing page; the seller's offer card arrives live with the seller's buttons");
        await buyer.GotoAsync($"/l/{listingId}");
        await buyer.FillAsync("#offer-amount", "1000");
        await buyer.ClickAsync("[data-testid=offer-submit]");
        await buyer.WaitForURLAsync(new Regex(Regex.Escape(chatPath) + "$"));
        var sellerCard = seller.Locator("[data-testid=offer-card]").Last;
        await Expect(sellerCard.Locator("[data-testid=offer-amount]")).ToContainTextAsync("1,000.00");
        await Expect(sellerCard.Locator("[data-testid=offer-accept]")).ToHaveTextAsync("接受");
        await Expect(buyer.Locator("[data-testid=offer-card] [data-testid=offer-accept]")).ToHaveCountAsync(0);
        await Axe.CheckAsync(seller, "conversation with an offer (seller, zh-Hant-HK)");

        step("seller counters with HK$1,100");
        await sellerCard.Locator("[data-testid=offer-counter]").ClickAsync();
        await sellerCard.Locator("[data-testid=offer-counter-amount]").FillAsync("1100");
        await sellerCard.Locator("[data-testid=offer-counter-send]").ClickAsync();
        var buyerCard = buyer.Locator("[data-testid=offer-card]").Last;
        await Expect(buyerCard.Locator("[data-testid=offer-amount]")).ToContainTextAsync("1,100.00");
        await Expect(buyerCard.Locator("[data-testid=offer-state]")).ToHaveTextAsync("Waiting for the buyer");
        await Axe.CheckAsync(buyer, "conversation with a counter-offer (buyer)");
        if (TakeScreenshots)
        {
            await buyer.EvaluateAsync("() => document.activeElement?.blur()");
            Directory.CreateDirectory(ScreenshotDir);
            await buyer.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotDir, "chat-mobile.png") });
        }

        step("buyer accepts; both see it accepted");
        await buyerCard.Locator("[data-testid=offer-accept]").ClickAsync();
        await Expect(buyerCard.Locator("[data-testid=offer-state]")).ToHaveTextAsync("Accepted");
        await Expect(seller.Locator("[data-testid=offer-card] [data-testid=offer-state]").Last).ToHaveTextAsync("已接受");

        step("the listing shows reserved, and the conversation's item card too");
        await buyer.GotoAsync($"/l/{listingId}");
        await Expect(buyer.Locator("[data-testid=state-badge]")).ToHaveTextAsync("Reserved");
        await buyer.GotoAsync(chatPath);
        await Expect(buyer.Locator("[data-testid=chat-item-state]")).ToHaveTextAsync("Reserved");
        await Axe.CheckAsync(buyer, "conversation after the accept (buyer)");

        step("buyer blocks the seller; the seller's next message is refused in the seller's language, and nothing is sent");
        await seller.GotoAsync(chatPath);
        await WaitConnectedAsync(seller);
        await buyer.GotoAsync($"/u/{sellerHandle}");
        await buyer.ClickAsync("button[data-testid=block]");
        await Expect(buyer.Locator("[data-testid=blocked-notice]")).ToBeVisibleAsync();
        var sentBefore = await seller.Locator(".chat-msg-mine").CountAsync();
        await seller.FillAsync("[data-testid=chat-text]", "還在嗎？");
        await seller.ClickAsync("[data-testid=chat-send]");
        await Expect(seller.Locator("[data-chat-error]")).ToHaveTextAsync("你無法向此人發送訊息。");
        await Expect(seller.Locator(".chat-msg-mine")).ToHaveCountAsync(sentBefore);

        step("a stranger gets 403 for the conversation");
        await buyer.ClickAsync("form[action='/signout'] button[type=submit]");
        await Journey.SignUpAsync(buyer, "stranger");
        var response = await buyer.GotoAsync(chatPath);
        Assert.Equal(403, response!.Status);
        await Expect(buyer.Locator("[data-testid=forbidden]")).ToBeVisibleAsync();
    }

    static async Task SendTextAsync(IPage page, string text)
    {
        await page.FillAsync("[data-testid=chat-text]", text);
        await page.ClickAsync("[data-testid=chat-send]");
        await Expect(page.Locator(".chat-msg-mine .chat-text").Last).ToHaveTextAsync(text);
    }

    static Task WaitConnectedAsync(IPage page) => Expect(page.Locator("html")).ToHaveAttributeAsync("data-chat", "Connected");
}

public sealed class SqliteChatJourney(ITestOutputHelper log) : ChatJourneyTests(log)
{
    protected override Provider Provider => Provider.Sqlite;
    protected override bool TakeScreenshots => true;

    [Fact]
    public Task Buyer_and_seller_chat_send_a_photo_and_agree_on_an_offer_live_on_two_phones() => RunJourneyAsync();
}

/// <summary>Needs SOUK_TEST_PG (scripts/test.sh starts a throwaway server); fails, never skips, without it.</summary>
public sealed class PostgresChatJourney(ITestOutputHelper log) : ChatJourneyTests(log)
{
    protected override Provider Provider => Provider.Postgres;

    [Fact]
    public Task Buyer_and_seller_chat_send_a_photo_and_agree_on_an_offer_live_on_two_phones() => RunJourneyAsync();
}
