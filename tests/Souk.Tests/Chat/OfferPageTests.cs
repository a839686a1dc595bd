using System.Net;
using Microsoft.EntityFrameworkCore;
using Souk.Tests.Catalog;
using Souk.Tests.Infrastructure;
using Souk.Web.Modules.Chat;

using static Souk.Tests.Catalog.PageTesting;

namespace Souk.Tests.Chat;

/// <summary>
/// "Make offer" on the listing page and the reserve setting on the profile editor, posted as a browser without JavaScript would.
/// </summary>
public abstract class OfferPageTests(SoukAppFactory factory)
{
    Task<List<Offer>> OffersAsync(long listingId) =>
        factory.QueryAsync(db => db.Offers.AsNoTracking().Where(o => o.ListingId == listingId).ToListAsync());

    [Fact]
    public async Task A_buyer_makes_an_offer_from_the_listing_page_and_lands_in_the_conversation()
    {
        var seller = await factory.NewSessionAsync();
        var listingId = await seller.CreateListingIdAsync();
        var buyer = await factory.NewSessionAsync();
        using var browser = factory.Browser(buyer);
        var path = $"/l/{listingId}";

        var page = await browser.PageAsync(path);
        Assert.Contains("data-testid=\"make-offer\"", page, StringComparison.Ordinal);
        // Prefilled with the price (HK$9,800.00), the currency fixed.
        Assert.Contains("value=\"9800\"", page, StringComparison.Ordinal);

        using var response = await browser.PostFormAsync(path, "offer", page, [("OfferAmount", "8,000.50")]);

        var offer = Assert.Single(await OffersAsync(listingId));
        Assert.Equal($"/chat/{offer.ConversationId}", LocationPath(response));
        Assert.Equal(800050, offer.Amount.Amount);
        Assert.Equal("HKD", offer.Amount.Currency);
        Assert.Equal(OfferState.Open, offer.State);
    }

    [Theory]
    [InlineData("abc", "Enter the amount as a number, like 120 or 99.50.")]
    [InlineData("0", "The offer must be more than 0 and within the highest price Souk allows.")]
    [InlineData("999999999", "The offer must be more than 0 and within the highest price Souk allows.")]
    public async Task A_bad_amount_shows_a_field_error_and_makes_no_offer(string typed, string message)
    {
        var seller = await factory.NewSessionAsync();
        var listingId = await seller.CreateListingIdAsync();
        using var browser = factory.Browser(await factory.NewSessionAsync());
        var path = $"/l/{listingId}";

        using var response = await browser.PostFormAsync(path, "offer", await browser.PageAsync(path), [("OfferAmount", typed)]);

        await response.ShouldBeAsync(HttpStatusCode.OK);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("id=\"amount-error\"", html, StringComparison.Ordinal);
        Assert.Contains(message, WebUtility.HtmlDecode(html), StringComparison.Ordinal);
        Assert.Empty(await OffersAsync(listingId));
    }

    [Fact]
    public async Task A_second_offer_from_the_page_points_to_the_open_one_in_the_buyers_language()
    {
        var seller = await factory.NewSessionAsync();
        var listingId = await seller.CreateListingIdAsync();
        var buyer = await factory.NewSessionAsync();
        var first = await buyer.MakeOfferAsync(listingId);
        using var browser = factory.Browser(buyer, "zh-Hans-CN");
        var path = $"/l/{listingId}";

        using var response = await browser.PostFormAsync(path, "offer", await browser.PageAsync(path), [("OfferAmount", "8500")]);

        await response.ShouldBeAsync(HttpStatusCode.OK);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("你已经对这件商品有一个未完成的出价。", html, StringComparison.Ordinal);
        Assert.Contains($"href=\"/chat/{first.GetProperty("conversationId").GetInt64()}\"", html, StringComparison.Ordinal);
        Assert.Single(await OffersAsync(listingId));
    }

    [Fact]
    public async Task Visitors_are_sent_to_sign_in_and_the_seller_and_reserved_listings_get_no_offer_form()
    {
        var seller = await factory.NewSessionAsync();
        var listingId = await seller.CreateListingIdAsync();
        var path = $"/l/{listingId}";
        using var anonymous = factory.Anonymous();

        var visitorPage = await anonymous.PageAsync(path);
        Assert.Contains($"href=\"/signin?ReturnUrl=%2Fl%2F{listingId}\" data-testid=\"offer-signin\"", visitorPage, StringComparison.Ordinal);
        Assert.DoesNotContain("name=\"OfferAmount\"", visitorPage, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"make-offer\"", await factory.Browser(seller).PageAsync(path), StringComparison.Ordinal);

        using (var reserve = await seller.SetStateAsync(listingId, "reserved")) await reserve.ShouldBeAsync(HttpStatusCode.OK);
        Assert.DoesNotContain("data-testid=\"make-offer\"", await factory.Browser(await factory.NewSessionAsync()).PageAsync(path), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_profile_editor_turns_the_reserve_setting_off_and_on()
    {
        var seller = await factory.NewSessionAsync();
        using var browser = factory.Browser(seller, "it");
        var page = await browser.PageAsync("/me/edit");
        Assert.Contains("Riserva l&#x27;annuncio quando accetto un&#x27;offerta", page, StringComparison.Ordinal);
        Assert.Matches("<input[^>]*id=\"reserveOnAcceptedOffer\"[^>]*checked", page);
        (string, string)[] fields = [("Input.DisplayName", seller.Account.DisplayName), ("Input.Handle", seller.Account.Handle), ("Input.Bio", ""), ("Input.Kind", "Seller")];

        // An unticked box posts nothing.
        using (var off = await browser.PostFormAsync("/me/edit", "profile", page, fields)) Assert.Equal("/me/edit?saved=1", LocationPath(off));
        Assert.False(await ReserveAsync(seller));
        var saved = await browser.PageAsync("/me/edit?saved=1");
        Assert.DoesNotMatch("<input[^>]*id=\"reserveOnAcceptedOffer\"[^>]*checked", saved);

        using (var on = await browser.PostFormAsync("/me/edit", "profile", saved, [.. fields, ("Input.ReserveOnAcceptedOffer", "true")]))
            Assert.Equal("/me/edit?saved=1", LocationPath(on));
        Assert.True(await ReserveAsync(seller));
    }

    static async Task<bool> ReserveAsync(Session who) =>
        (await (await who.Client.GetAsync("/api/v1/me")).JsonAsync()).GetProperty("reserveOnAcceptedOffer").GetBoolean();
}

public sealed class SqliteOfferPageTests(SqliteAppFactory factory) : OfferPageTests(factory), IClassFixture<SqliteAppFactory>;

public sealed class PostgresOfferPageTests(PostgresAppFactory factory) : OfferPageTests(factory), IClassFixture<PostgresAppFactory>;
