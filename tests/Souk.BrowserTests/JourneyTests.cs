using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Souk.BrowserTests;

/// <summary>
/// A newcomer's first minutes on a phone: sign up, set up the profile, switch language, follow someone,
/// open a QR card, sign out. axe-core checks every page on the way.
/// </summary>
public abstract class JourneyTests(ITestOutputHelper log)
{
    protected abstract Provider Provider { get; }

    protected Task RunJourneyAsync() => Journey.RunAsync(Provider, "journey", log, JourneyAsync);

    async Task JourneyAsync(IPage page, Action<string> step)
    {
        var id = Guid.NewGuid().ToString("N")[..10];
        var handle = $"b_{id}";
        var email = $"browser.{id}@example.test";
        var password = $"Tall-lamp-{id}-river";
        var bio = $"Collects teapots and old maps ({id}).";

        step("sign up");
        await page.GotoAsync("/signup");
        await Axe.CheckAsync(page, "sign up page");
        var englishTabs = await TabLabelsAsync(page);
        Assert.Equal(5, englishTabs.Count);
        await page.FillAsync("#email", email);
        await page.FillAsync("#handle", handle);
        await page.FillAsync("#displayName", $"Browser {id}");
        await page.FillAsync("#password", password);
        await page.ClickAsync("form:has(#password) button[type=submit]");
        await page.WaitForURLAsync(new Regex("/me/edit"));
        await Expect(page.Locator("#bio")).ToBeVisibleAsync();
        await Axe.CheckAsync(page, "edit profile (welcome)");

        step("upload avatar");
        await page.SetInputFilesAsync("#avatar", new FilePayload { Name = "avatar.png", MimeType = "image/png", Buffer = TestPng.Gradient() });
        await page.ClickAsync("form.avatar-form button[type=submit]");
        await page.WaitForURLAsync(new Regex(@"/me/edit\?saved=1"));
        var editAvatar = page.Locator("form.avatar-form img.avatar");
        await Expect(editAvatar).ToHaveAttributeAsync("src", new Regex("^/media/"));

        step("set bio");
        await page.FillAsync("#bio", bio);
        await page.ClickAsync("form:has(#bio) button[type=submit]");
        await Expect(page.Locator("p.notice[role=status]")).ToBeVisibleAsync();
        await Expect(page.Locator("#bio")).ToHaveValueAsync(bio);
        await Axe.CheckAsync(page, "edit profile (saved)");

        step("own profile");
        await page.GotoAsync($"/u/{handle}");
        await Expect(page.Locator("p.bio")).ToHaveTextAsync(bio);
        var avatar = page.Locator(".profile-head img.avatar");
        await Expect(avatar).ToHaveAttributeAsync("src", new Regex("^/media/.+\\.webp$"));
        await Journey.WaitImageLoadedAsync(avatar);
        await Axe.CheckAsync(page, "own profile");

        step("switch language to zh-Hant-HK");
        await page.ClickAsync("details.language-picker > summary");
        var zh = page.Locator("details.language-picker a[hreflang='zh-Hant-HK']");
        await Expect(zh).ToBeVisibleAsync();
        await zh.ClickAsync();
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "zh-Hant-HK");
        await page.WaitForURLAsync(new Regex($"/u/{handle}$"));
        var chineseTabs = await TabLabelsAsync(page);
        Assert.Equal(5, chineseTabs.Count);
        Assert.All(chineseTabs, label => Assert.False(string.IsNullOrWhiteSpace(label)));
        if (englishTabs.All(l => l.StartsWith("Nav.", StringComparison.Ordinal)))
        {
            // No string resources at all (the localizer echoes its keys): nothing can change yet.
            // Once Resources/*.resx exist the strict check below applies.
            log.WriteLine("note: tab labels are raw resource keys; only <html lang> was checked for the language switch");
        }
        else
        {
            Assert.NotEqual(englishTabs, chineseTabs);
            Assert.DoesNotContain("Home", chineseTabs);
        }
        await Axe.CheckAsync(page, "own profile in zh-Hant-HK");

        step("follow @amy_hk");
        await page.GotoAsync("/u/amy_hk");
        var count = page.Locator("[data-testid=followers-count]");
        var before = ParseCount(await count.InnerTextAsync());
        await Axe.CheckAsync(page, "amy_hk profile");
        var followForm = page.Locator(".profile .actions form:has(input[name=Action])");
        await Expect(followForm.Locator("input[name=Action]")).ToHaveValueAsync("follow");
        await followForm.Locator("button[type=submit]").ClickAsync();
        await Expect(count).ToHaveTextAsync((before + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
        // The button now offers to unfollow (its label is localized, so check the form's action and style).
        await Expect(followForm.Locator("input[name=Action]")).ToHaveValueAsync("unfollow");
        await Expect(followForm.Locator("button.button-secondary[type=submit]")).ToBeVisibleAsync();
        await Axe.CheckAsync(page, "amy_hk profile after follow");

        step("QR card");
        await page.ClickAsync("details.qr-card > summary");
        var qr = page.Locator("details.qr-card img");
        await Expect(qr).ToBeVisibleAsync();
        await Journey.WaitImageLoadedAsync(qr);
        await Axe.CheckAsync(page, "QR card open");

        step("sign out");
        await page.ClickAsync("form[action='/signout'] button[type=submit]");
        await Expect(page.Locator(".topbar a[href='/signin']")).ToBeVisibleAsync();
        await Expect(page.Locator("form[action='/signout']")).ToHaveCountAsync(0);
        await Axe.CheckAsync(page, "home after sign out");

        step("signed out: /me/edit asks to sign in");
        await page.GotoAsync("/me/edit");
        await page.WaitForURLAsync(new Regex("/signin"));
    }

    internal static async Task<List<string>> TabLabelsAsync(IPage page) =>
        [.. (await page.Locator("nav.tabbar a.tab span").AllInnerTextsAsync()).Select(s => s.Trim())];

    static int ParseCount(string text)
    {
        var digits = new string(text.Where(char.IsAsciiDigit).ToArray());
        Assert.False(string.IsNullOrEmpty(digits), $"no number in followers count '{text}'");
        return int.Parse(digits, System.Globalization.CultureInfo.InvariantCulture);
    }
}

public sealed class SqliteJourney(ITestOutputHelper log) : JourneyTests(log)
{
    protected override Provider Provider => Provider.Sqlite;

    [Fact]
    public Task Newcomer_signs_up_sets_profile_switches_language_follows_and_signs_out_on_a_phone() => RunJourneyAsync();
}

/// <summary>Needs SOUK_TEST_PG (scripts/test.sh starts a throwaway server); fails, never skips, without it.</summary>
public sealed class PostgresJourney(ITestOutputHelper log) : JourneyTests(log)
{
    protected override Provider Provider => Provider.Postgres;

    [Fact]
    public Task Newcomer_signs_up_sets_profile_switches_language_follows_and_signs_out_on_a_phone() => RunJourneyAsync();
}
