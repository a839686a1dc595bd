using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Souk.BrowserTests;

/// <summary>
/// The inbox on a phone: someone follows a new member through the API, the Inbox tab shows an unread badge, the inbox says
/// who followed and the badge is gone afterwards; the inbox is also checked at desktop width. axe-core checks each view.
/// </summary>
public abstract class InboxJourneyTests(ITestOutputHelper log)
{
    protected abstract Provider Provider { get; }

    protected Task RunJourneyAsync() => Journey.RunAsync(Provider, "inbox-journey", log, JourneyAsync);

    async Task JourneyAsync(IPage page, Action<string> step)
    {
        step("member signs up");
        var handle = await Journey.SignUpAsync(page, "star");

        step("a fan follows them through the API");
        using var fan = new HttpClient { BaseAddress = new Uri(new Uri(page.Url).GetLeftPart(UriPartial.Authority)) };
        var id = Guid.NewGuid().ToString("N")[..10];
        var email = $"fan.{id}@example.test";
        var password = $"Quiet-harbor-{id}-lamp";
        (await fan.PostAsJsonAsync("/api/v1/auth/register", new { email, password, handle = $"fan_{id}", displayName = $"Fan {id}" })).EnsureSuccessStatusCode();
        using var login = await fan.PostAsJsonAsync("/api/v1/auth/login", new { email, password });
        login.EnsureSuccessStatusCode();
        var token = (await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        fan.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        (await fan.PutAsync($"/api/v1/users/{handle}/follow", null)).EnsureSuccessStatusCode();

        step("the Inbox tab shows one unread");
        await page.GotoAsync("/");
        await Expect(page.Locator("nav.tabbar a[href='/inbox'] .tab-badge")).ToHaveTextAsync("1");
        await Axe.CheckAsync(page, "home with an unread badge");

        step("the inbox says who followed");
        await page.ClickAsync("nav.tabbar a[href='/inbox']");
        await page.WaitForURLAsync(new Regex("/inbox$"));
        await page.ClickAsync("[data-testid=tab-notifications]");
        await page.WaitForURLAsync(new Regex("/inbox\\?tab=notifications$"));
        await Expect(page.Locator(".notification-unread .notification-sentence")).ToHaveTextAsync($"@fan_{id} started following you");
        await Expect(page.Locator(".notification-link")).ToHaveAttributeAsync("href", $"/u/fan_{id}");
        await Axe.CheckAsync(page, "inbox on a phone");

        step("read now: no badge");
        await page.GotoAsync("/");
        await Expect(page.Locator(".tab-badge")).ToHaveCountAsync(0);

        step("the inbox at desktop width");
        await page.SetViewportSizeAsync(1280, 800);
        await page.GotoAsync("/inbox?tab=notifications");
        await Expect(page.Locator(".notification")).ToHaveCountAsync(1);
        await Expect(page.Locator(".notification-unread")).ToHaveCountAsync(0);
        await Axe.CheckAsync(page, "inbox on a desktop");
    }
}

public sealed class SqliteInboxJourney(ITestOutputHelper log) : InboxJourneyTests(log)
{
    protected override Provider Provider => Provider.Sqlite;

    [Fact]
    public Task Followed_member_sees_the_badge_reads_the_inbox_and_the_badge_goes() => RunJourneyAsync();
}

/// <summary>Needs SOUK_TEST_PG (scripts/test.sh starts a throwaway server); fails, never skips, without it.</summary>
public sealed class PostgresInboxJourney(ITestOutputHelper log) : InboxJourneyTests(log)
{
    protected override Provider Provider => Provider.Postgres;

    [Fact]
    public Task Followed_member_sees_the_badge_reads_the_inbox_and_the_badge_goes() => RunJourneyAsync();
}
