using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Souk.BrowserTests;

/// <summary>
/// Opening a shop on a phone: a new account becomes a brand, opens its shop, adds a product in two sizes (each its own price
/// and stock) with a photo, publishes it, finds it on the shop page, picks size M on the product page (price and stock change
/// without a reload), then reads the page in 繁體中文 and in Italiano. axe-core checks every page on the way.
/// </summary>
public abstract class ShopJourneyTests(ITestOutputHelper log)
{
    protected abstract Provider Provider { get; }

    /// <summary>Only one provider refreshes the README screenshots, so two runs never write the same file at once.</summary>
    protected virtual bool TakeScreenshots => false;

    static string ScreenshotDir => Path.Combine(SoukApp.RepoRoot, "docs", "screenshots");

    protected Task RunJourneyAsync() => Journey.RunAsync(Provider, "shop-journey", log, JourneyAsync);

    /// <summary>A README screenshot with the element at the top of the phone's screen, just under the top bar.</summary>
    async Task ScreenshotAsync(IPage page, string name, string top)
    {
        if (!TakeScreenshots) return;
        await page.EvaluateAsync("""
            selector => {
              const el = document.querySelector(selector);
              window.scrollTo(0, el ? el.getBoundingClientRect().top + window.scrollY - 72 : 0);
              document.activeElement?.blur();
            }
            """, top);
        Directory.CreateDirectory(ScreenshotDir);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotDir, name) });
    }

    async Task JourneyAsync(IPage page, Action<string> step)
    {
        var id = Guid.NewGuid().ToString("N")[..8];
        var slug = $"atelier-{id}";
        var title = $"Linen shirt {id}";

        step("sign up; a personal account is asked to switch before opening a shop");
        await Journey.SignUpAsync(page, "brand");
        await page.GotoAsync("/shops/new");
        await Expect(page.Locator("[data-testid=personal]")).ToBeVisibleAsync();
        await Axe.CheckAsync(page, "open a shop (personal account)");
        await page.ClickAsync("[data-testid=switch-kind]");
        await page.WaitForURLAsync(new Regex(@"/sell\?kind=1$"));
        await page.CheckAsync("input[name=Kind][value=Brand]");
        await page.ClickAsync("form.kind-picker button[type=submit]");
        await Expect(page.Locator("input[name=Kind][value=Brand]")).ToBeCheckedAsync();

        step("open the shop from the Sell tab");
        await page.ClickAsync("[data-testid=open-shop]");
        await page.WaitForURLAsync(new Regex("/shops/new$"));
        await Axe.CheckAsync(page, "open a shop");
        await page.FillAsync("#name", "Atelier Lino");
        await page.FillAsync("#slug", slug);
        await page.FillAsync("#description", "Linen shirts cut and sewn in Como.");
        await page.FillAsync("#section-0", "Shirts");
        await page.SetInputFilesAsync("#logo", new FilePayload { Name = "logo.png", MimeType = "image/png", Buffer = TestPng.Gradient(200, 200) });
        await page.ClickAsync("[data-submit]");
        await page.WaitForURLAsync(new Regex($"/s/{slug}$"));
        await Expect(page.Locator("h1.shop-name")).ToContainTextAsync("Atelier Lino");
        await Expect(page.Locator("[data-testid=add-product]")).ToBeVisibleAsync();
        await Axe.CheckAsync(page, "own shop page, empty");

        step("add a product: a photo, two sizes with their own price and stock, published");
        await page.ClickAsync("[data-testid=add-product]");
        await page.WaitForURLAsync(new Regex($"/s/{slug}/products/new$"));
        await Axe.CheckAsync(page, "add a product");
        await page.SetInputFilesAsync("#photos", new FilePayload { Name = "shirt.png", MimeType = "image/png", Buffer = TestPng.Gradient(400, 500) });
        await page.FillAsync("#title", title);
        await page.SelectOptionAsync("#category", "mens-clothing");
        await page.FillAsync("#option-0-name", "Size");
        await page.FillAsync("#option-0-values", "S, M");
        await page.ClickAsync("[data-testid=update-variants]");
        await Expect(page.Locator("[data-testid=variant]")).ToHaveCountAsync(2);
        await Expect(page.Locator("[data-testid=variant] .variant-name")).ToHaveTextAsync(["S", "M"]);
        await Expect(page.Locator("input[name=keep]")).ToHaveCountAsync(1); // the photo is stored already
        await page.SelectOptionAsync("#currency", "EUR");
        await page.FillAsync("#sku-0-price", "1280");
        await page.FillAsync("#sku-0-stock", "8");
        await page.FillAsync("#sku-1-price", "1350.50");
        await page.FillAsync("#sku-1-stock", "2");
        await page.CheckAsync("input[name='Input.Status'][value=published]");
        await Axe.CheckAsync(page, "add a product, variants filled in");
        await page.ClickAsync("[data-submit]");
        await page.WaitForURLAsync(new Regex(@"/p/\d+$"), new PageWaitForURLOptions { Timeout = 30_000 });
        var productPath = new Uri(page.Url).AbsolutePath;

        step("the product page, as its owner");
        await Expect(page.Locator("h1.listing-title")).ToHaveTextAsync(title);
        await Expect(page.Locator("[data-testid=price]")).ToHaveTextAsync("€1,280.00");
        await Expect(page.Locator("[data-testid=owner-tools]")).ToBeVisibleAsync();
        await Expect(page.Locator("[data-testid=draft-banner]")).ToHaveCountAsync(0);
        await Journey.WaitImageLoadedAsync(page.Locator(".gallery-slide img").First);
        await Axe.CheckAsync(page, "product page (owner)");

        step("sign out: the product is on the shop page for everyone");
        await page.ClickAsync("form[action='/signout'] button[type=submit]");
        await Expect(page.Locator(".topbar a[href='/signin']")).ToBeVisibleAsync();
        await page.GotoAsync($"/s/{slug}");
        var card = page.Locator($"[data-testid=product-grid] a[href='{productPath}']");
        await Expect(card).ToContainTextAsync(title);
        await Expect(card).ToContainTextAsync("from €1,280.00");
        await Expect(page.Locator("[data-testid=add-product]")).ToHaveCountAsync(0);
        await Axe.CheckAsync(page, "shop page");
        await ScreenshotAsync(page, "shop-mobile.png", "body");

        step("pick size M: its price and stock, without a reload");
        await card.ClickAsync();
        await page.WaitForURLAsync(new Regex(Regex.Escape(productPath) + "$"));
        await Expect(page.Locator("[data-testid=stock]")).ToHaveTextAsync("In stock");
        await page.EvaluateAsync("() => { window.soukJourneyMarker = 'still here'; }");
        await page.ClickAsync("[data-sku-picker] a[data-value=M]");
        await Expect(page.Locator("[data-testid=price]")).ToHaveTextAsync("€1,350.50");
        await Expect(page.Locator("[data-testid=stock]")).ToHaveTextAsync("Only 2 left");
        await Expect(page.Locator("[data-sku-picker] a[data-value=M]")).ToHaveAttributeAsync("aria-current", "true");
        await page.WaitForURLAsync(new Regex(Regex.Escape(productPath) + @"\?sku=\d+$"));
        Assert.Equal("still here", await page.EvaluateAsync<string>("() => window.soukJourneyMarker"));
        await Axe.CheckAsync(page, "product page, size M");
        await ScreenshotAsync(page, "product-mobile.png", ".listing-main");

        step("the product page in 繁體中文");
        await page.ClickAsync("details.language-picker > summary");
        await page.ClickAsync("details.language-picker a[hreflang='zh-Hant-HK']");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "zh-Hant-HK");
        await Expect(page.Locator("[data-testid=price]")).ToHaveTextAsync(new Regex("^€1,(280\\.00|350\\.50)$"));
        await Expect(page.Locator("#shop-card-title")).ToHaveTextAsync("網店");
        await page.ClickAsync("[data-sku-picker] a[data-value=M]");
        await Expect(page.Locator("[data-testid=price]")).ToHaveTextAsync("€1,350.50");
        await Expect(page.Locator("[data-testid=stock]")).ToHaveTextAsync("只剩 2 件");
        await Axe.CheckAsync(page, "product page in zh-Hant-HK");

        step("and in Italiano: the euro after the amount, a comma for the cents");
        await page.ClickAsync("details.language-picker > summary");
        await page.ClickAsync("details.language-picker a[hreflang='it']");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "it");
        await page.ClickAsync("[data-sku-picker] a[data-value=S]");
        await Expect(page.Locator("[data-testid=price]")).ToHaveTextAsync(new Regex("^1\\.280,00\\s€$"));
        await Expect(page.Locator("[data-testid=stock]")).ToHaveTextAsync("Disponibile");
        await Axe.CheckAsync(page, "product page in it");

        step("the shop and product pages at desktop width");
        await page.SetViewportSizeAsync(1280, 800);
        await Axe.CheckAsync(page, "product page on a desktop");
        var picker = await page.Locator("[data-sku-picker]").BoundingBoxAsync();
        Assert.True(picker is { Width: > 300 and < 800 }, $"the picker is {picker?.Width}px wide at 1280px");
        await page.GotoAsync($"/s/{slug}");
        await Axe.CheckAsync(page, "shop page on a desktop");
        if (TakeScreenshots) await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Path.GetTempPath(), "souk-shop-desktop.png") });
    }
}

public sealed class SqliteShopJourney(ITestOutputHelper log) : ShopJourneyTests(log)
{
    protected override Provider Provider => Provider.Sqlite;

    protected override bool TakeScreenshots => true;

    [Fact]
    public Task A_brand_opens_a_shop_adds_a_product_in_two_sizes_and_a_buyer_picks_size_M_on_a_phone() => RunJourneyAsync();
}

/// <summary>Needs SOUK_TEST_PG (scripts/test.sh starts a throwaway server); fails, never skips, without it.</summary>
public sealed class PostgresShopJourney(ITestOutputHelper log) : ShopJourneyTests(log)
{
    protected override Provider Provider => Provider.Postgres;

    [Fact]
    public Task A_brand_opens_a_shop_adds_a_product_in_two_sizes_and_a_buyer_picks_size_M_on_a_phone() => RunJourneyAsync();
}
