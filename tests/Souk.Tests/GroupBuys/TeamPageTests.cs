using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Souk.Tests.Catalog;
using Souk.Tests.Infrastructure;
using Souk.Tests.Notes;
using Souk.Tests.Orders;
using Souk.Tests.Wallet;
using Souk.Web.Modules.GroupBuys;
using Xunit;

namespace Souk.Tests.GroupBuys;

/// <summary>The seller's team-offer form, the product page's team panel and the team page's start and join forms, on both providers.</summary>
public abstract partial class TeamPageTests(SoukAppFactory factory)
{
    [GeneratedRegex(@"name=""Token"" value=""([0-9a-f]{32})""")]
    private static partial Regex FormToken();

    static (string, string)[] Shipping(string page) =>
        [("Name", "Amy Chan"), ("Address", "12 Nathan Road"), ("Phone", "+852 5123 4567"), ("Token", FormToken().Match(page).Groups[1].Value)];

    [Fact]
    public async Task A_seller_sets_a_team_price_a_buyer_starts_a_team_and_a_friend_completes_it_through_the_pages()
    {
        var (seller, product, sku) = await factory.NewShopSkuAsync(price: 8_800, stock: 5);
        using var sellerBrowser = factory.Browser(seller, "it");
        var stranger = await factory.NewSessionAsync();
        await factory.Browser(stranger).PageAsync($"/p/{product}/team-offer", HttpStatusCode.NotFound);

        var form = await sellerBrowser.PageAsync($"/p/{product}/team-offer");
        using (var refused = await sellerBrowser.PostFormAsync($"/p/{product}/team-offer", "team-offer", form,
                   [("SkuId", sku.ToString()), ("TeamPrice", "99"), ("TeamSize", "2"), ("WindowHours", "24")]))
            Assert.Contains("field-error", await refused.Content.ReadAsStringAsync());
        using (var saved = await sellerBrowser.PostFormAsync($"/p/{product}/team-offer", "team-offer", form,
                   [("SkuId", sku.ToString()), ("TeamPrice", "60"), ("TeamSize", "2"), ("WindowHours", "12"), ("MaxTeams", ""), ("MaxUnits", "2")]))
            Assert.Equal($"/p/{product}?sku={sku}", PageTesting.LocationPath(saved));
        var offer = await factory.QueryAsync(db => db.TeamOffers.SingleAsync(o => o.ProductId == product));
        Assert.Equal(6_000, offer.TeamPrice.Amount);
        Assert.Equal((null, 2), (offer.MaxTeams, offer.MaxUnits));

        var amy = await factory.NewSessionAsync();
        await factory.FundAsync(amy, 10_000);
        using var amyBrowser = factory.Browser(amy, "it");
        var productPage = await amyBrowser.PageAsync($"/p/{product}");
        Assert.Contains("data-testid=\"team-offers\"", productPage);
        Assert.Contains("In squadra da 2", productPage);
        Assert.Contains($"href=\"/team-offers/{offer.Id}/start\"", productPage);
        Assert.Contains("Ancora 2 al prezzo di gruppo", productPage);
        var start = await amyBrowser.PageAsync($"/team-offers/{offer.Id}/start");
        string teamPath;
        using (var started = await amyBrowser.PostFormAsync($"/team-offers/{offer.Id}/start", "seat", start, Shipping(start)))
            teamPath = PageTesting.LocationPath(started);
        Assert.Matches(@"^/teams/\d+$", teamPath);
        using (var again = await amyBrowser.PostFormAsync($"/team-offers/{offer.Id}/start", "seat", start, Shipping(start)))
            Assert.Contains("data-testid=\"team-problem\"", await again.Content.ReadAsStringAsync());
        var amyView = await amyBrowser.PageAsync(teamPath);
        Assert.Contains("data-testid=\"team-mine\"", amyView);
        Assert.Contains("Ne servono ancora 1", amyView);
        Assert.Contains("data-countdown", amyView);
        Assert.DoesNotContain("data-testid=\"team-form\"", amyView);

        var ben = await factory.NewSessionAsync();
        await factory.FundAsync(ben, 10_000);
        using var benBrowser = factory.Browser(ben, "zh-Hans-CN");
        // Amy's team holds both units the seller allows: Ben can join it, but not start another.
        var benProduct = await benBrowser.PageAsync($"/p/{product}");
        Assert.Contains("data-testid=\"open-team\"", benProduct);
        Assert.Contains("此优惠暂时不能再开新团，请加入已开的团。", benProduct);
        Assert.DoesNotContain("data-testid=\"start-team\"", benProduct);
        Assert.DoesNotContain("data-testid=\"team-form\"", await benBrowser.PageAsync($"/team-offers/{offer.Id}/start"));
        var join = await benBrowser.PageAsync(teamPath);
        Assert.Contains("还差 1 人", join);
        var carl = await factory.NewSessionAsync();
        using var carlBrowser = factory.Browser(carl);
        var carlJoin = await carlBrowser.PageAsync(teamPath); // before Ben takes the last seat
        using (var joined = await benBrowser.PostFormAsync(teamPath, "seat", join, Shipping(join)))
            Assert.Equal(teamPath, PageTesting.LocationPath(joined));
        // Carl's form was shown while a seat was free: posting it now answers why, and charges nothing.
        using (var late = await carlBrowser.PostFormAsync(teamPath, "seat", carlJoin, Shipping(carlJoin)))
        {
            Assert.Equal(HttpStatusCode.OK, late.StatusCode);
            Assert.Contains("This team is already complete; nothing was charged.", await late.Content.ReadAsStringAsync());
        }
        var done = await benBrowser.PageAsync(teamPath);
        Assert.Contains("已成团", done);
        Assert.Equal(TeamState.Complete, await factory.QueryAsync(db => db.Teams.Select(t => new { t.Id, t.State }).Where(t => teamPath == "/teams/" + t.Id).Select(t => t.State).SingleAsync()));
        Assert.Contains("data-testid=\"my-team\"", await benBrowser.PageAsync("/me/teams"));
        Assert.Equal(10_000 - 6_000, await factory.AvailableAsync(await factory.UserIdAsync(ben)));
    }

    [Fact]
    public async Task The_starter_buys_alone_from_the_team_page_in_russian()
    {
        var (seller, product, sku) = await factory.NewShopSkuAsync(price: 8_800, stock: 5);
        using (var offered = await seller.Client.PostJsonAsync($"/api/v1/products/{product}/team-offers",
                   new { skuId = sku, teamPrice = new { amount = 6_000, currency = "HKD" }, teamSize = 3, fallback = "soloPrice" }))
            await offered.ShouldBeAsync(HttpStatusCode.Created);
        var offer = await factory.QueryAsync(db => db.TeamOffers.Where(o => o.ProductId == product).Select(o => o.Id).SingleAsync());
        var amy = await factory.NewSessionAsync();
        await factory.FundAsync(amy, 10_000);
        using var browser = factory.Browser(amy, "ru");
        Assert.Contains("data-testid=\"team-fallback-offered\"", await browser.PageAsync($"/p/{product}"));
        var start = await browser.PageAsync($"/team-offers/{offer}/start");
        string teamPath;
        using (var started = await browser.PostFormAsync($"/team-offers/{offer}/start", "seat", start, Shipping(start)))
            teamPath = PageTesting.LocationPath(started);

        var team = await browser.PageAsync(teamPath);
        Assert.Contains("data-testid=\"buy-solo\"", team);
        Assert.Contains("Купить одному", team);
        using (var solo = await browser.PostFormAsync(teamPath, "fallback", team, [("Choice", "solo"), ("Token", FormToken().Match(team).Groups[1].Value)]))
            Assert.Equal(teamPath, PageTesting.LocationPath(solo));

        Assert.Contains("Куплено в одиночку", await browser.PageAsync(teamPath));
        Assert.Equal(10_000 - 8_800, await factory.AvailableAsync(await factory.UserIdAsync(amy)));
    }
}

public sealed class SqliteTeamPageTests(SqliteAppFactory factory) : TeamPageTests(factory), IClassFixture<SqliteAppFactory>;

public sealed class PostgresTeamPageTests(PostgresAppFactory factory) : TeamPageTests(factory), IClassFixture<PostgresAppFactory>;
