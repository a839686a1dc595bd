using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Souk.Tests.Infrastructure;
using Souk.Web.Common;
using Souk.Web.Modules.Catalog;

using static Souk.Tests.Catalog.PageTesting;

namespace Souk.Tests.Catalog;

/// <summary>
/// The server-rendered listing pages: the listing page (price per culture, JSON-LD, Open Graph, escaping, who sees what),
/// the sell and edit forms posted as a browser without JavaScript would, saving, and the lists of cards.
/// </summary>
public abstract partial class ListingPageTests(SoukAppFactory factory)
{
    const string ScriptTitle = "Camera </script><script>alert(1)</script> \"quoted\" & more";

    [GeneratedRegex(@"name=""keep"" value=""([0-9a-f-]{36})""")]
    private static partial Regex KeptPhoto();

    Task<string> PageAsync(HttpClient client, string path, HttpStatusCode expected = HttpStatusCode.OK) => client.PageAsync(path, expected);

    HttpClient Browser(Session session, string? acceptLanguage = null) => factory.Browser(session, acceptLanguage);

    static Task<HttpResponseMessage> PostFormAsync(HttpClient client, string path, string formName, string pageHtml,
        IEnumerable<(string Name, string Value)> fields, IEnumerable<(string Name, byte[] Bytes)>? files = null) =>
        client.PostFormAsync(path, formName, pageHtml, fields, files);

    static (string, string)[] SellFields(string? title, string price = "120.50", string district = "Mong Kok") =>
    [
        ("Input.Title", title ?? ""), ("Input.Price", price), ("Input.Currency", "HKD"), ("Input.Condition", "good"),
        ("Input.Category", "cameras"), ("Input.Description", "Works well.\nBox included."), ("Input.MeetUp", "true"),
        ("Input.MeetUpPlace", ""), ("Input.ShippingFee", ""), ("Input.District", district), ("Input.Lat", ""), ("Input.Lng", ""),
    ];

    async Task<Guid> IdOfAsync(Session session) =>
        (await (await session.Client.GetAsync("/api/v1/me")).JsonAsync()).GetProperty("id").GetGuid();

    [Fact]
    public async Task A_listing_page_shows_the_price_in_the_viewers_culture_with_json_ld_and_open_graph_and_escapes_user_text()
    {
        var seller = await factory.NewSessionAsync();
        var body = CatalogApi.ValidListing(await seller.UploadPhotosAsync(2), ScriptTitle);
        body["description"] = "Line one\n<b>Line two</b> </script><img src=x onerror=alert(2)>";
        var id = await seller.CreateListingIdAsync(body);
        using var client = factory.Anonymous();
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("zh-Hant-HK");

        var html = await PageAsync(client, $"/l/{id}");

        // Nothing the seller typed comes out as markup.
        Assert.DoesNotContain("<script>alert(1)", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<img src=x", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>Line two", html, StringComparison.Ordinal);
        Assert.Contains("&lt;b&gt;Line two", html, StringComparison.Ordinal);
        var text = WebUtility.HtmlDecode(html);
        Assert.Contains(ScriptTitle, text, StringComparison.Ordinal);
        Assert.Contains(new Money(980000, "HKD").Format(CultureInfo.GetCultureInfo("zh-Hant-HK")), text, StringComparison.Ordinal);
        Assert.Contains("HK$9,800.00", text, StringComparison.Ordinal);
        Assert.Contains("近乎全新", text, StringComparison.Ordinal); // likeNew, in the viewer's language
        Assert.Contains("相機", text, StringComparison.Ordinal);

        // One JSON-LD block; the script element is not closed early by the title, and the JSON parses.
        var scripts = JsonLdScript().Matches(html);
        var script = Assert.Single(scripts);
        var json = script.Groups[1].Value;
        Assert.DoesNotContain("<", json, StringComparison.Ordinal);
        using var doc = JsonDocument.Parse(json);
        var product = doc.RootElement;
        Assert.Equal("https://schema.org", product.GetProperty("@context").GetString());
        Assert.Equal("Product", product.GetProperty("@type").GetString());
        Assert.Equal(ScriptTitle, product.GetProperty("name").GetString());
        Assert.Equal("Line one\n<b>Line two</b> </script><img src=x onerror=alert(2)>", product.GetProperty("description").GetString());
        var images = product.GetProperty("image").EnumerateArray().Select(i => i.GetString()!).ToList();
        Assert.Equal(2, images.Count);
        Assert.All(images, i => Assert.Matches("^http://localhost/.+/large\\.jpg$", i));
        var offer = product.GetProperty("offers");
        Assert.Equal("Offer", offer.GetProperty("@type").GetString());
        Assert.Equal("9800.00", offer.GetProperty("price").GetString());
        Assert.Equal("HKD", offer.GetProperty("priceCurrency").GetString());
        Assert.Equal("https://schema.org/InStock", offer.GetProperty("availability").GetString());
        Assert.Equal("https://schema.org/UsedCondition", offer.GetProperty("itemCondition").GetString());
        Assert.EndsWith($"/l/{id}", offer.GetProperty("url").GetString(), StringComparison.Ordinal);

        // Open Graph: an absolute photo URL and the price, so a shared link shows both.
        var meta = Meta(html);
        Assert.Equal("product", meta["og:type"]);
        Assert.Equal(images[0], meta["og:image"]);
        Assert.StartsWith(ScriptTitle, meta["og:title"], StringComparison.Ordinal);
        Assert.Contains("HK$9,800.00", meta["og:title"], StringComparison.Ordinal);
        Assert.Equal("9800.00", meta["product:price:amount"]);
        Assert.Equal("HKD", meta["product:price:currency"]);
        Assert.Equal("summary_large_image", meta["twitter:card"]);
    }

    [Theory]
    [InlineData("en", "HK$9,800.00")]
    [InlineData("it", "9.800,00 HK$")]
    public async Task The_price_follows_the_viewers_culture(string culture, string expectedStart)
    {
        var seller = await factory.NewSessionAsync();
        var id = await seller.CreateListingIdAsync();
        using var client = factory.Anonymous();
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd(culture);

        var text = WebUtility.HtmlDecode(await PageAsync(client, $"/l/{id}"));

        var expected = new Money(980000, "HKD").Format(CultureInfo.GetCultureInfo(culture));
        Assert.Contains(expected, text, StringComparison.Ordinal);
        Assert.StartsWith(expectedStart.Replace(" ", "", StringComparison.Ordinal), expected.Replace("\u00A0", "", StringComparison.Ordinal).Replace(" ", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("reserved", "https://schema.org/Reserved")]
    [InlineData("sold", "https://schema.org/SoldOut")]
    public async Task Json_ld_availability_follows_the_state(string state, string availability)
    {
        var seller = await factory.NewSessionAsync();
        var id = await seller.CreateListingIdAsync();
        using (var changed = await seller.SetStateAsync(id, state)) await changed.ShouldBeAsync(HttpStatusCode.OK);
        using var client = factory.Anonymous();

        var html = await PageAsync(client, $"/l/{id}");

        using var doc = JsonDocument.Parse(JsonLdScript().Match(html).Groups[1].Value);
        Assert.Equal(availability, doc.RootElement.GetProperty("offers").GetProperty("availability").GetString());
        Assert.Contains("data-testid=\"state-badge\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_hidden_listing_is_404_for_everyone_but_its_seller()
    {
        var seller = await factory.NewSessionAsync();
        var stranger = await factory.NewSessionAsync();
        var id = await seller.CreateListingIdAsync();
        using (var hidden = await seller.SetStateAsync(id, "hidden")) await hidden.ShouldBeAsync(HttpStatusCode.OK);
        using var anonymous = factory.Anonymous();
        using var strangerClient = Browser(stranger);
        using var sellerClient = Browser(seller);

        var anonymousHtml = await PageAsync(anonymous, $"/l/{id}", HttpStatusCode.NotFound);
        var strangerHtml = await PageAsync(strangerClient, $"/l/{id}", HttpStatusCode.NotFound);
        var sellerHtml = await PageAsync(sellerClient, $"/l/{id}");

        Assert.DoesNotContain("Fujifilm", anonymousHtml, StringComparison.Ordinal);
        Assert.DoesNotContain("Fujifilm", strangerHtml, StringComparison.Ordinal);
        Assert.DoesNotContain("application/ld+json", strangerHtml, StringComparison.Ordinal);
        Assert.Contains("og:title", strangerHtml, StringComparison.Ordinal);
        Assert.Contains("Fujifilm", sellerHtml, StringComparison.Ordinal);
        Assert.Contains("banner-hidden", sellerHtml, StringComparison.Ordinal);
        using var qr = await anonymous.GetAsync($"/l/{id}/qr.svg");
        Assert.Equal(HttpStatusCode.NotFound, qr.StatusCode);
        using var edit = await strangerClient.GetAsync($"/l/{id}/edit");
        Assert.Equal(HttpStatusCode.NotFound, edit.StatusCode);
    }

    [Fact]
    public async Task The_seller_sees_edit_and_state_actions_and_nobody_else_does()
    {
        var seller = await factory.NewSessionAsync();
        var stranger = await factory.NewSessionAsync();
        var id = await seller.CreateListingIdAsync();
        using var anonymous = factory.Anonymous();
        using var strangerClient = Browser(stranger);
        using var sellerClient = Browser(seller);

        var sellerHtml = await PageAsync(sellerClient, $"/l/{id}");
        var strangerHtml = await PageAsync(strangerClient, $"/l/{id}");
        var anonymousHtml = await PageAsync(anonymous, $"/l/{id}");

        Assert.Contains($"href=\"/l/{id}/edit\"", sellerHtml, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"owner-tools\"", sellerHtml, StringComparison.Ordinal);
        Assert.Contains("name=\"State\" value=\"sold\"", sellerHtml, StringComparison.Ordinal);
        foreach (var html in new[] { strangerHtml, anonymousHtml })
        {
            Assert.DoesNotContain($"/l/{id}/edit", html, StringComparison.Ordinal);
            Assert.DoesNotContain("owner-tools", html, StringComparison.Ordinal);
            Assert.DoesNotContain("name=\"State\"", html, StringComparison.Ordinal);
        }
        // Signed out, saving asks to sign in first and comes back here.
        Assert.Contains($"/signin?ReturnUrl=%2Fl%2F{id}", anonymousHtml, StringComparison.Ordinal);
        using var qr = await anonymous.GetAsync($"/l/{id}/qr.svg");
        await qr.ShouldBeAsync(HttpStatusCode.OK);
        Assert.Equal("image/svg+xml", qr.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task The_sell_form_without_a_title_shows_the_field_error_keeps_the_photo_and_creates_nothing()
    {
        var seller = await factory.NewSessionAsync();
        var sellerId = await IdOfAsync(seller);
        using var client = Browser(seller);
        var page = await PageAsync(client, "/sell");
        Assert.Contains("enctype=\"multipart/form-data\"", page, StringComparison.Ordinal);
        Assert.Contains("capture=\"environment\"", page, StringComparison.Ordinal);

        using var response = await PostFormAsync(client, "/sell", "listing", page, SellFields(title: ""), [("photos", TestImages.Png(120, 90))]);

        await response.ShouldBeAsync(HttpStatusCode.OK);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("id=\"title-error\"", html, StringComparison.Ordinal);
        Assert.Contains("Title is required.", html, StringComparison.Ordinal);
        Assert.Equal(0, await factory.QueryAsync(db => db.Listings.CountAsync(l => l.SellerId == sellerId)));
        // The photo was stored once and comes back as a kept thumbnail, with everything else the seller typed.
        var kept = Guid.Parse(Assert.Single(KeptPhoto().Matches(html)).Groups[1].Value);
        Assert.Equal(kept, Assert.Single(await factory.QueryAsync(db => db.MediaAssets.Where(m => m.OwnerId == sellerId).Select(m => m.Id).ToListAsync())));
        Assert.Contains("value=\"120.50\"", html, StringComparison.Ordinal);
        Assert.Contains("<option value=\"cameras\" selected", html, StringComparison.Ordinal);

        // The same seller, now with a title and the kept photo: listed, and no photo asked for again.
        using var second = await PostFormAsync(client, "/sell", "listing", html,
            [.. SellFields(title: "Ricoh GR III"), ("keep", kept.ToString())]);
        var path = LocationPath(second);
        Assert.Matches("^/l/[0-9]+$", path);
        var id = long.Parse(path[3..], CultureInfo.InvariantCulture);
        var listing = await factory.QueryAsync(db => db.Listings.AsNoTracking().Include(l => l.Photos).SingleAsync(l => l.Id == id));
        Assert.Equal(sellerId, listing.SellerId);
        Assert.Equal("Ricoh GR III", listing.Title);
        Assert.Equal(new Money(12050, "HKD"), listing.Price);
        Assert.Equal(ListingCondition.Good, listing.Condition);
        Assert.Equal(kept, Assert.Single(listing.Photos).MediaId);
        Assert.Equal("Works well.\nBox included.", listing.Description);
        // A known district gives its centre; a meet-up with no place is a meet-up in the district.
        Assert.Equal((22.32, 114.17), (listing.Latitude, listing.Longitude));
        Assert.True(listing.MeetUp);
        Assert.Equal("Mong Kok", listing.MeetUpPlace);
        Assert.Null(listing.ShippingFeeAmount);
        Assert.Equal(1, await factory.QueryAsync(db => db.MediaAssets.CountAsync(m => m.OwnerId == sellerId)));
    }

    [Fact]
    public async Task The_sell_form_rounds_the_browsers_coordinates_and_takes_two_photos_and_shipping()
    {
        var seller = await factory.NewSessionAsync();
        using var client = Browser(seller, "it");
        var page = await PageAsync(client, "/sell");
        Assert.Contains("<option value=\"EUR\" selected", page, StringComparison.Ordinal); // Italian UI: euros by default
        (string, string)[] fields =
        [
            ("Input.Title", "Borsa in pelle"), ("Input.Price", "1.200,50"), ("Input.Currency", "EUR"), ("Input.Condition", "likeNew"),
            ("Input.Category", "bags"), ("Input.Shipping", "true"), ("Input.ShippingFee", "7,5"), ("Input.District", "Porta Venezia"),
            ("Input.Lat", "45.474612"), ("Input.Lng", "9.205188"),
        ];

        using var response = await PostFormAsync(client, "/sell", "listing", page, fields, [("photos", TestImages.Png(80, 60)), ("photos", TestImages.Png(60, 80))]);

        var id = long.Parse(LocationPath(response)[3..], CultureInfo.InvariantCulture);
        var listing = await factory.QueryAsync(db => db.Listings.AsNoTracking().Include(l => l.Photos).SingleAsync(l => l.Id == id));
        Assert.Equal(new Money(120050, "EUR"), listing.Price);
        Assert.Equal(2, listing.Photos.Count);
        Assert.Equal((45.47, 9.21), (listing.Latitude, listing.Longitude));
        Assert.Equal("Porta Venezia", listing.District);
        Assert.False(listing.MeetUp);
        Assert.Equal(new Money(750, "EUR"), listing.ShippingFee);
    }

    [Fact]
    public async Task An_unknown_district_without_coordinates_is_a_field_error()
    {
        var seller = await factory.NewSessionAsync();
        var sellerId = await IdOfAsync(seller);
        using var client = Browser(seller);
        var page = await PageAsync(client, "/sell");

        using var response = await PostFormAsync(client, "/sell", "listing", page, SellFields("Old lens", district: "Atlantis"), [("photos", TestImages.Png(40, 40))]);

        await response.ShouldBeAsync(HttpStatusCode.OK);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("id=\"district-error\"", html, StringComparison.Ordinal);
        Assert.Contains(WebUtility.HtmlEncode("Choose a district from the list, or use your location."), html, StringComparison.Ordinal);
        Assert.Equal(0, await factory.QueryAsync(db => db.Listings.CountAsync(l => l.SellerId == sellerId)));
    }

    [Fact]
    public async Task Field_errors_are_shown_in_the_viewers_language()
    {
        var seller = await factory.NewSessionAsync();
        using var client = Browser(seller, "ru");
        var page = await PageAsync(client, "/sell");

        using var response = await PostFormAsync(client, "/sell", "listing", page, SellFields(title: "", price: "abc"));

        var text = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains("Укажите название.", text, StringComparison.Ordinal);
        Assert.Contains("Введите цену числом", text, StringComparison.Ordinal);
        Assert.Contains("Добавьте от 1 до 10 фотографий.", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Signed_out_the_sell_and_saved_pages_ask_to_sign_in()
    {
        using var client = factory.Anonymous();

        foreach (var path in new[] { "/sell", "/me/saved" })
        {
            using var response = await client.GetAsync(path);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal("/signin", LocationPath(response).Split('?')[0]);
        }
    }

    [Fact]
    public async Task Saving_from_the_listing_page_puts_it_on_the_saved_page()
    {
        var seller = await factory.NewSessionAsync();
        var fan = await factory.NewSessionAsync();
        var id = await seller.CreateListingIdAsync();
        using var client = Browser(fan);
        var page = await PageAsync(client, $"/l/{id}");
        Assert.DoesNotContain($"href=\"/l/{id}\"", await PageAsync(client, "/me/saved"), StringComparison.Ordinal);

        using var saved = await PostFormAsync(client, $"/l/{id}", "save", page, [("SaveAction", "save")]);

        Assert.Equal($"/l/{id}", LocationPath(saved));
        Assert.Equal(1, await factory.QueryAsync(db => db.Listings.Where(l => l.Id == id).Select(l => l.SavesCount).SingleAsync()));
        var after = await PageAsync(client, $"/l/{id}");
        Assert.Contains("aria-pressed=\"true\"", after, StringComparison.Ordinal);
        Assert.Contains("Saved by 1", after, StringComparison.Ordinal);
        Assert.Contains($"href=\"/l/{id}\"", await PageAsync(client, "/me/saved"), StringComparison.Ordinal);

        using var unsaved = await PostFormAsync(client, $"/l/{id}", "save", after, [("SaveAction", "unsave")]);
        Assert.Equal(0, await factory.QueryAsync(db => db.Listings.Where(l => l.Id == id).Select(l => l.SavesCount).SingleAsync()));
    }

    [Fact]
    public async Task The_seller_edits_the_listing_and_marks_it_sold_from_the_pages()
    {
        var seller = await factory.NewSessionAsync();
        var id = await seller.CreateListingIdAsync();
        using var client = Browser(seller);
        var editPage = await PageAsync(client, $"/l/{id}/edit");
        Assert.Contains("value=\"9800\"", editPage, StringComparison.Ordinal);
        var photo = KeptPhoto().Match(editPage).Groups[1].Value;
        (string, string)[] fields =
        [
            ("Input.Title", "Fujifilm X100V, price drop"), ("Input.Price", "9500"), ("Input.Currency", "HKD"), ("Input.Condition", "likeNew"),
            ("Input.Category", "cameras"), ("Input.Description", "Now cheaper."), ("Input.MeetUp", "true"), ("Input.MeetUpPlace", "Mong Kok MTR exit E2"),
            ("Input.District", "Mong Kok"), ("keep", photo),
        ];

        using var edited = await PostFormAsync(client, $"/l/{id}/edit", "edit-listing", editPage, fields);

        Assert.Equal($"/l/{id}?saved=1", LocationPath(edited));
        var listing = await factory.QueryAsync(db => db.Listings.AsNoTracking().SingleAsync(l => l.Id == id));
        Assert.Equal("Fujifilm X100V, price drop", listing.Title);
        Assert.Equal(new Money(950000, "HKD"), listing.Price);
        Assert.Null(listing.ShippingFeeAmount);
        // The district did not change, so the listing keeps its own point (22.32, 114.17 from the API) rather than a centre.
        Assert.Equal((22.32, 114.17), (listing.Latitude, listing.Longitude));

        var page = await PageAsync(client, $"/l/{id}");
        using var sold = await PostFormAsync(client, $"/l/{id}", "state", page, [("State", "sold")]);
        Assert.Equal($"/l/{id}", LocationPath(sold));
        Assert.Equal(ListingState.Sold, await factory.QueryAsync(db => db.Listings.Where(l => l.Id == id).Select(l => l.State).SingleAsync()));
        // A second tap on the page as it was: sold has no moves left, so the form is gone from the page, yet the post still
        // reaches its handler (already sold: back to the listing) instead of Blazor's error page.
        using var again = await PostFormAsync(client, $"/l/{id}", "state", page, [("State", "sold")]);
        Assert.Equal($"/l/{id}", LocationPath(again));
    }

    [Fact]
    public async Task Someone_else_cannot_post_the_edit_or_state_forms()
    {
        var seller = await factory.NewSessionAsync();
        var stranger = await factory.NewSessionAsync();
        var id = await seller.CreateListingIdAsync();
        using var client = Browser(stranger);
        var page = await PageAsync(client, $"/l/{id}");

        using var state = await PostFormAsync(client, $"/l/{id}", "state", page, [("State", "hidden")]);
        using var edit = await PostFormAsync(client, $"/l/{id}/edit", "edit-listing", page, [("Input.Title", "Mine now")]);

        // Neither form is on the page for them: Blazor refuses the post (400), or the page answers 404; nothing changes.
        Assert.NotEqual(HttpStatusCode.Redirect, state.StatusCode);
        Assert.True((int)edit.StatusCode is 400 or 404, $"edit answered {(int)edit.StatusCode}");
        var listing = await factory.QueryAsync(db => db.Listings.AsNoTracking().SingleAsync(l => l.Id == id));
        Assert.Equal(ListingState.Active, listing.State);
        Assert.StartsWith("Fujifilm", listing.Title, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Home_and_profile_with_listings_render_for_a_signed_in_person_every_time()
    {
        // The page and its listing components query at the same time; sharing one DbContext failed now and then (500).
        var seller = await factory.NewSessionAsync();
        var viewer = await factory.NewSessionAsync();
        var id = await seller.CreateListingIdAsync();
        using (var follow = await viewer.Client.PutAsync($"/api/v1/users/{seller.Account.Handle}/follow", null)) await follow.ShouldBeAsync(HttpStatusCode.OK);
        using var client = Browser(viewer);

        for (var i = 0; i < 15; i++)
        {
            Assert.Contains($"href=\"/l/{id}\"", await PageAsync(client, "/"), StringComparison.Ordinal);
            Assert.Contains($"href=\"/l/{id}\"", await PageAsync(client, $"/u/{seller.Account.Handle}"), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Listing_cards_show_on_home_the_category_pages_and_the_sellers_profile()
    {
        var seller = await factory.NewSessionAsync();
        var id = await seller.CreateListingIdAsync();
        var card = $"href=\"/l/{id}\"";
        using var client = factory.Anonymous();

        foreach (var path in new[] { "/", "/listings", "/c/electronics", "/c/cameras", $"/u/{seller.Account.Handle}" })
            Assert.Contains(card, await PageAsync(client, path), StringComparison.Ordinal);
        Assert.DoesNotContain(card, await PageAsync(client, "/c/bags"), StringComparison.Ordinal);
        Assert.Contains("href=\"/c/cameras\"", await PageAsync(client, "/c"), StringComparison.Ordinal);
        await PageAsync(client, "/c/no-such-category", HttpStatusCode.NotFound);
        await PageAsync(client, "/listings?cursor=!!", HttpStatusCode.BadRequest);

        // Sold listings leave the fresh and category lists but stay on the profile, with their badge.
        using (var sold = await seller.SetStateAsync(id, "sold")) await sold.ShouldBeAsync(HttpStatusCode.OK);
        Assert.DoesNotContain(card, await PageAsync(client, "/c/cameras"), StringComparison.Ordinal);
        Assert.Contains("badge-sold", await PageAsync(client, $"/u/{seller.Account.Handle}"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_category_page_pages_with_a_cursor()
    {
        var seller = await factory.NewSessionAsync();
        var photo = await seller.UploadPhotoAsync();
        var ids = new List<long>();
        for (var i = 0; i < 26; i++)
        {
            var body = CatalogApi.ValidListing([photo], $"Comic {i}");
            body["category"] = "comics-manga";
            ids.Add(await seller.CreateListingIdAsync(body));
        }
        using var client = factory.Anonymous();

        var first = await PageAsync(client, "/c/comics-manga");
        var next = Regex.Match(first, "href=\"(/c/comics-manga\\?cursor=[^\"]+)\" rel=\"next\"");
        Assert.True(next.Success, "no next page link");
        var second = await PageAsync(client, WebUtility.HtmlDecode(next.Groups[1].Value));

        Assert.Contains($"href=\"/l/{ids[^1]}\"", first, StringComparison.Ordinal);
        Assert.DoesNotContain($"href=\"/l/{ids[0]}\"", first, StringComparison.Ordinal);
        Assert.Contains($"href=\"/l/{ids[0]}\"", second, StringComparison.Ordinal);
        Assert.DoesNotContain($"href=\"/l/{ids[^1]}\"", second, StringComparison.Ordinal);
        Assert.DoesNotContain("rel=\"next\"", second, StringComparison.Ordinal);
    }
}

public sealed class SqliteListingPageTests(SqliteAppFactory factory) : ListingPageTests(factory), IClassFixture<SqliteAppFactory>;

public sealed class PostgresListingPageTests(PostgresAppFactory factory) : ListingPageTests(factory), IClassFixture<PostgresAppFactory>;
