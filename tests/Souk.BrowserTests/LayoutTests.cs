using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Souk.BrowserTests;

/// <summary>Bottom tab bar on phones, side rail on desktops; also refreshes the README screenshots.</summary>
public sealed class LayoutTests
{
    static string ScreenshotDir => Path.Combine(SoukApp.RepoRoot, "docs", "screenshots");

    [Fact]
    public async Task Desktop_shows_the_side_rail_with_all_five_tabs_and_home_screenshots_are_saved()
    {
        await using var app = await SoukApp.StartAsync(Provider.Sqlite);
        var (playwright, browser) = await Browser.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        Directory.CreateDirectory(ScreenshotDir);

        var desktop = await browser.NewContextAsync(Browser.Desktop(app.BaseUrl));
        var page = await desktop.NewPageAsync();
        await page.GotoAsync("/");
        await Expect(page.Locator("section.hero")).ToBeVisibleAsync();
        var tabs = page.Locator("nav.tabbar a.tab");
        await Expect(tabs).ToHaveCountAsync(5);
        for (var i = 0; i < 5; i++) await Expect(tabs.Nth(i)).ToBeInViewportAsync();
        // A rail: a tall column on the left, the tabs stacked one above the other.
        var rail = await page.Locator("nav.tabbar").BoundingBoxAsync();
        Assert.NotNull(rail);
        Assert.True(rail.X < 1 && rail.Width <= 260 && rail.Height > 400, $"tab bar is not a left rail: {rail.X},{rail.Y} {rail.Width}×{rail.Height}");
        var first = await tabs.Nth(0).BoundingBoxAsync();
        var last = await tabs.Nth(4).BoundingBoxAsync();
        Assert.True(last!.Y > first!.Y + 100, "tabs are not stacked vertically on the desktop");
        await Axe.CheckAsync(page, "home on desktop");
        await page.EvaluateAsync("() => document.activeElement?.blur()");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotDir, "home-desktop.png") });
        await desktop.CloseAsync();

        var phone = await browser.NewContextAsync(Browser.Phone(app.BaseUrl));
        page = await phone.NewPageAsync();
        await page.GotoAsync("/");
        await Expect(page.Locator("section.hero")).ToBeVisibleAsync();
        var bar = await page.Locator("nav.tabbar").BoundingBoxAsync();
        Assert.NotNull(bar);
        Assert.True(bar.Y + bar.Height >= 843 && bar.Width >= 389, $"tab bar is not at the bottom on a phone: {bar.X},{bar.Y} {bar.Width}×{bar.Height}");
        await Axe.CheckAsync(page, "home on phone");
        await page.EvaluateAsync("() => document.activeElement?.blur()");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotDir, "home-mobile.png") });
        await phone.CloseAsync();
    }
}
