using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Souk.BrowserTests;

/// <summary>
/// Offers and blocking on a phone: a visitor is asked to sign in to make an offer; a new member sees the reserve setting in
/// the profile editor, makes an offer on a demo listing from its page and lands in the conversation; a second offer points to
/// the open one; then they block and unblock the seller on the seller's profile. The listing page is also checked at desktop
/// width. axe-core checks every view.
/// </summary>
public abstract class OfferJourneyTests(ITestOutputHelper log)
{
    protected abstract Provider Provider { get; }

    protected Task RunJourneyAsync() => Journey.RunAsync(Provider, "offer-journey", log, JourneyAsync);

    async Task JourneyAsync(IPage page, Action<string> step)
    {
        step("a visitor opens a listing from Home");
        await page.GotoAsync("/");
        await page.Locator("main a[href^='/l/']").First.ClickAsync();
        await page.WaitForURLAsync(new Regex(@"/l/\d+$"));
        var listingPath = new Uri(page.Url).AbsolutePath;
        await Expect(page.Locator("[data-testid=offer-signin]")).ToHaveAttributeAsync("href", $"/signin?ReturnUrl={Uri.EscapeDataString(listingPath)}");
        await Axe.CheckAsync(page, "listing page, signed out");

        step("a buyer signs up; the profile editor has the reserve setting, on");
        await Journey.SignUpAsync(page, "buyer");
        await Expect(page.Locator("#reserveOnAcceptedOffer")).ToBeCheckedAsync();
        await Axe.CheckAsync(page, "profile editor with the reserve setting");

        step("make an offer from the listing page");
        await page.GotoAsync(listingPath);
        var amount = page.Locator("#offer-amount");
        await Expect(amount).Not.ToHaveValueAsync("");
        await Axe.CheckAsync(page, "listing page with Make offer");
        await amount.FillAsync("abc");
        await page.ClickAsync("[data-testid=offer-submit]");
        await Expect(page.Locator("#amount-error")).ToBeVisibleAsync();
        await Axe.CheckAsync(page, "Make offer with a field error");
        await page.Locator("#offer-amount").FillAsync("1");
        await page.ClickAsync("[data-testid=offer-submit]");
        await page.WaitForURLAsync(new Regex(@"/chat/\d+$"));
        var chatPath = new Uri(page.Url).AbsolutePath;

        step("a second offer points to the open one");
        await page.GotoAsync(listingPath);
        await page.Locator("#offer-amount").FillAsync("2");
        await page.ClickAsync("[data-testid=offer-submit]");
        await Expect(page.Locator($"[data-testid=make-offer] a[href='{chatPath}']")).ToBeVisibleAsync();
        await Axe.CheckAsync(page, "Make offer with an open offer already");

        step("in Italian, withdraw the offer in the chat: the card and the system line say so, and a new offer is possible");
        await page.GotoAsync($"/culture/it?returnUrl={Uri.EscapeDataString(chatPath)}");
        await page.WaitForURLAsync(new Regex(Regex.Escape(chatPath) + "$"));
        await Expect(page.Locator("html")).ToHaveAttributeAsync("data-chat", "Connected");
        await page.Locator("[data-testid=offer-card]").Last.Locator("[data-testid=offer-withdraw]").ClickAsync();
        await Expect(page.Locator("[data-testid=offer-card] [data-testid=offer-state]").Last).ToHaveTextAsync("Ritirata");
        await Expect(page.Locator("[data-testid=chat-system] .chat-system").Last).ToContainTextAsync("ha ritirato l'offerta");
        await page.GotoAsync(listingPath);
        await Expect(page.Locator("[data-testid=offer-submit]")).ToBeVisibleAsync();
        await page.GotoAsync("/culture/en?returnUrl=" + Uri.EscapeDataString(listingPath));

        step("block and unblock the seller on their profile");
        await page.ClickAsync(".seller-card a.user-row-link");
        await page.WaitForURLAsync(new Regex(@"/u/[^/]+$"));
        var block = page.Locator("button[data-testid=block]");
        await Expect(block).ToHaveAttributeAsync("aria-pressed", "false");
        await block.ClickAsync();
        await Expect(page.Locator("[data-testid=blocked-notice]")).ToBeVisibleAsync();
        await Expect(block).ToHaveAttributeAsync("aria-pressed", "true");
        await Axe.CheckAsync(page, "profile of a blocked seller");
        await block.ClickAsync();
        await Expect(page.Locator("[data-testid=blocked-notice]")).ToHaveCountAsync(0);

        step("the listing page with Make offer on a desktop");
        var desktop = await page.Context.Browser!.NewContextAsync(Browser.Desktop(new Uri(page.Url).GetLeftPart(UriPartial.Authority)));
        try
        {
            var wide = await desktop.NewPageAsync();
            await wide.GotoAsync(listingPath);
            await Expect(wide.Locator("[data-testid=make-offer]")).ToBeVisibleAsync();
            Assert.True(await wide.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), "the listing page is wider than the window");
            await Axe.CheckAsync(wide, "listing page on a desktop");
        }
        finally
        {
            await desktop.CloseAsync();
        }
    }
}

public sealed class SqliteOfferJourney(ITestOutputHelper log) : OfferJourneyTests(log)
{
    protected override Provider Provider => Provider.Sqlite;

    [Fact]
    public Task A_buyer_makes_an_offer_from_a_listing_page_and_blocks_the_seller_on_a_phone() => RunJourneyAsync();
}

/// <summary>Needs SOUK_TEST_PG (scripts/test.sh starts a throwaway server); fails, never skips, without it.</summary>
public sealed class PostgresOfferJourney(ITestOutputHelper log) : OfferJourneyTests(log)
{
    protected override Provider Provider => Provider.Postgres;

    [Fact]
    public Task A_buyer_makes_an_offer_from_a_listing_page_and_blocks_the_seller_on_a_phone() => RunJourneyAsync();
}
