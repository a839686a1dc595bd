using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Souk.BrowserTests;

/// <summary>
/// Group buying on three phones: the first person (after making three prepaid vouchers as the demo operator) starts a team for
/// the demo tea house's Tieguanyin at the team price, sends the team as a card into a group chat with two friends; the friends
/// (one reading Italian, one Russian) open the card in the chat and join; the last seat completes the team, and all three
/// see it complete. axe-core checks the team pages.
/// </summary>
public abstract class TeamJourneyTests(ITestOutputHelper log)
{
    protected abstract Provider Provider { get; }

    /// <summary>One provider writes the docs' screenshot of a team page.</summary>
    protected virtual bool TakeScreenshots => false;

    protected Task RunJourneyAsync() => Journey.RunAsync(Provider, "team-journey", log, [_ => { }, _ => { }, _ => { }], JourneyAsync);

    static async Task RedeemAsync(IPage page, string code)
    {
        await page.GotoAsync("/wallet");
        await page.FillAsync("#code", code);
        await page.ClickAsync("[data-testid=redeem-form] button[type=submit]");
        await Expect(page.Locator("[data-testid=balance-HKD]")).ToBeVisibleAsync();
    }

    static async Task SpeakAsync(IPage page, string culture)
    {
        await page.ClickAsync("details.language-picker > summary");
        await page.ClickAsync($"details.language-picker a[hreflang='{culture}']");
        await page.WaitForLoadStateAsync();
    }

    static async Task PaySeatAsync(IPage page, string name)
    {
        await page.FillAsync("#name", name);
        await page.FillAsync("#address", "Flat 5A, 12 Nathan Road, Tsim Sha Tsui");
        await page.FillAsync("#phone", "+852 5123 4567");
        await page.ClickAsync("[data-testid=team-pay]");
        await page.WaitForURLAsync(new Regex(@"/teams/\d+$"));
    }

    async Task JourneyAsync(SoukApp app, IReadOnlyList<IPage> phones, Action<string> step)
    {
        var (operatorEmail, password) = Journey.DemoCredentials(app);
        var (amy, ben, cat) = (phones[0], phones[1], phones[2]);

        step("the operator makes three HK$200 vouchers, then signs out");
        await Journey.SignInAsync(amy, operatorEmail, password);
        await amy.GotoAsync("/admin/vouchers");
        await amy.FillAsync("#amount", "200");
        await amy.FillAsync("#count", "3");
        await amy.ClickAsync("[data-testid=batch-form] button[type=submit]");
        var codes = (await amy.Locator("[data-testid=codes] li").AllTextContentsAsync()).Select(c => c.Trim()).ToArray();
        Assert.Equal(3, codes.Length);
        await amy.ClickAsync("form[action='/signout'] button[type=submit]");

        step("three friends sign up and top up (English, Italian, Russian)");
        await Journey.SignUpAsync(amy, "amy");
        var benHandle = await Journey.SignUpAsync(ben, "ben");
        var catHandle = await Journey.SignUpAsync(cat, "cat");
        await SpeakAsync(ben, "it");
        await SpeakAsync(cat, "ru");
        await RedeemAsync(amy, codes[0]);
        await RedeemAsync(ben, codes[1]);
        await RedeemAsync(cat, codes[2]);

        step("Amy starts a team for the Tieguanyin from the product page");
        await amy.GotoAsync("/s/kowloon-tea");
        await amy.Locator("main a[href^='/p/']", new() { HasText = "Tieguanyin" }).First.ClickAsync();
        await Expect(amy.Locator("[data-testid=team-offers]")).ToBeVisibleAsync();
        await Expect(amy.Locator("[data-testid=team-price]").First).ToContainTextAsync("98.00");
        await Expect(amy.Locator("[data-testid=team-units-left]")).ToHaveTextAsync("60 left at the team price"); // the seller's limit
        var productUrl = amy.Url;
        await amy.ClickAsync("[data-testid=start-team]");
        await amy.WaitForURLAsync(new Regex(@"/team-offers/\d+/start$"));
        await Axe.CheckAsync(amy, "start a team");
        await PaySeatAsync(amy, "Amy Chan");
        var teamUrl = amy.Url;
        await Expect(amy.Locator("[data-testid=team-needed]")).ToHaveTextAsync("2 more needed");
        await Expect(amy.Locator("[data-testid=team-members] li:not(.team-seat-empty)")).ToHaveCountAsync(1);
        await Axe.CheckAsync(amy, "team page, waiting for two");
        if (TakeScreenshots)
        {
            var shots = Path.Combine(SoukApp.RepoRoot, "docs", "screenshots");
            Directory.CreateDirectory(shots);
            await amy.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(shots, "team-mobile.png") });
        }

        step("Amy opens a group chat with Ben and Cat and sends the team into it as a card");
        await amy.GotoAsync("/chat/new");
        await amy.FillAsync("#group-title", "Tea team");
        await amy.FillAsync("#group-handles", $"@{benHandle} @{catHandle}");
        await amy.ClickAsync("[data-testid=create-group]");
        await amy.WaitForURLAsync(new Regex(@"/chat/\d+$"));
        var chatPath = new Uri(amy.Url).AbsolutePath;
        await amy.GotoAsync(teamUrl);
        await amy.SelectOptionAsync("#share-chat", new SelectOptionValue { Label = "Tea team" });
        await amy.ClickAsync("[data-testid=share-in-chat-send]");
        await amy.WaitForURLAsync(new Regex(@"/chat/\d+$"));
        Assert.Equal(chatPath, new Uri(amy.Url).AbsolutePath);
        await Expect(amy.Locator("[data-testid=chat-team-card]")).ToContainTextAsync("2 more needed");

        foreach (var (friend, name, needed) in new[] { (ben, "Ben Rossi", "Ne servono ancora 1"), (cat, "Катя Иванова", "Собрана") })
        {
            step($"{name} opens the team's card in the chat and joins");
            await friend.GotoAsync(chatPath);
            if (friend == ben) await Axe.CheckAsync(ben, "conversation with the team card (Italian)");
            await friend.Locator("[data-testid=chat-team-card]").Last.ClickAsync();
            await friend.WaitForURLAsync(new Regex(@"/teams/\d+$"));
            Assert.Equal(teamUrl, friend.Url);
            await Expect(friend.Locator("[data-testid=team-form]")).ToBeVisibleAsync();
            await PaySeatAsync(friend, name);
            await Expect(friend.Locator("[data-testid=team-mine]")).ToBeVisibleAsync();
            await Expect(friend.Locator("[data-testid=team]")).ToContainTextAsync(needed);
        }
        await Axe.CheckAsync(cat, "complete team (Russian)");

        step("all three see the team complete");
        await amy.GotoAsync(teamUrl);
        await Expect(amy.Locator("[data-testid=team-state]")).ToHaveTextAsync("Complete");
        await ben.GotoAsync(teamUrl);
        await Expect(ben.Locator("[data-testid=team-state]")).ToHaveTextAsync("Completa");
        await Expect(cat.Locator("[data-testid=team-state]")).ToHaveTextAsync("Собрана");
        await Expect(amy.Locator("[data-testid=team-members] li:not(.team-seat-empty)")).ToHaveCountAsync(3);
        await amy.ClickAsync("[data-testid=team-mine] a");
        await Expect(amy.Locator("[data-testid=order-state]")).ToHaveTextAsync("Paid");
        await cat.GotoAsync(productUrl);
        await Expect(cat.Locator("[data-testid=team-units-left]")).ToHaveTextAsync("По цене команды осталось: 57");
    }
}

public sealed class SqliteTeamJourney(ITestOutputHelper log) : TeamJourneyTests(log)
{
    protected override Provider Provider => Provider.Sqlite;

    protected override bool TakeScreenshots => true;

    [Fact]
    public Task Three_friends_fill_a_team_from_a_link_shared_in_chat_on_phones() => RunJourneyAsync();
}

public sealed class PostgresTeamJourney(ITestOutputHelper log) : TeamJourneyTests(log)
{
    protected override Provider Provider => Provider.Postgres;

    [Fact]
    public Task Three_friends_fill_a_team_from_a_link_shared_in_chat_on_phones() => RunJourneyAsync();
}
