using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Souk.Tests.Infrastructure;
using Souk.Web.Modules.Catalog.Pages;
using static Souk.Tests.Catalog.SearchApi;

namespace Souk.Tests.Catalog;

/// <summary>
/// The search page /search as a browser without JavaScript uses it (GET form, links), on both providers: listings and
/// products found by words, the filters (the API's own parser behind them), prices typed in the viewer's currency, facet
/// counts, distance, paging through the cursor, the empty state, friendly messages for bad values, and the search boxes on
/// Home and Discover.
/// </summary>
public abstract partial class SearchPageTests(SoukAppFactory factory)
{
    [GeneratedRegex("""<meta (?:property|name)="([^"]+)" content="([^"]*)"\s*/?>""")]
    private static partial Regex MetaTag();

    [GeneratedRegex("""<li class="tile" data-kind="(listing|product)">\s*<a class="tile-link" href="/(?:l|p)/(\d+)">""")]
    private static partial Regex Tile();

    [GeneratedRegex("""<a class="button button-secondary" href="([^"]+)" rel="next">""")]
    private static partial Regex NextLink();

    [GeneratedRegex("""<p class="field-error" id="([a-z]+)-error" role="alert">([^<]*)</p>""")]
    private static partial Regex FieldErrorTag();

    static async Task<string> PageAsync(HttpClient client, string path, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var response = await client.GetAsync(path);
        await response.ShouldBeAsync(expected);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadAsStringAsync();
    }

    static HttpClient Client(SoukAppFactory factory, string? acceptLanguage = null)
    {
        var client = factory.Anonymous();
        if (acceptLanguage is not null) client.DefaultRequestHeaders.AcceptLanguage.ParseAdd(acceptLanguage);
        return client;
    }

    static string Search(string query) => "/search?" + query;

    /// <summary>The results on the page as "kind:id", in order.</summary>
    static List<string> Results(string html) => [.. Tile().Matches(html).Select(m => $"{m.Groups[1].Value}:{m.Groups[2].Value}")];

    static Dictionary<string, string> FieldErrors(string html) =>
        FieldErrorTag().Matches(html).ToDictionary(m => m.Groups[1].Value, m => WebUtility.HtmlDecode(m.Groups[2].Value));

    [Fact]
    public async Task A_two_character_Chinese_word_finds_a_listing_and_a_product_and_their_cards_link_to_their_pages()
    {
        var m = Marker();
        var seller = await factory.NewSearchSellerAsync();
        var listing = await seller.ListAsync(new($"二手相機 Fujifilm X100V {m}"));
        var shop = await factory.NewSearchShopAsync("brand");
        await factory.VerifyAsync(shop.Session);
        var product = await shop.AddIdAsync($"真皮相機背帶 {m}", category: "cameras", skus: [(45000, 3)]);
        await seller.ListAsync(new($"二手手機 {m}", Category: "phones"));

        var html = await PageAsync(Client(factory), Search(Q($"相機 {m}") + "&sort=newest"));

        Assert.Equal([$"product:{product}", $"listing:{listing}"], Results(html));
        Assert.Contains($"href=\"/p/{product}\"", html);
        Assert.Contains($"href=\"/l/{listing}\"", html);
        Assert.Contains("HK$450.00", html);
        Assert.Contains("class=\"badge badge-shop\">Shop<", html);
        // The brand's official shop shows its verified badge on the product card; the person selling the camera is not verified.
        Assert.Equal(1, Regex.Count(html, "class=\"verified\""));
        Assert.Contains($"value=\"相機 {m}\"", html);
    }

    [Fact]
    public async Task The_page_has_open_graph_tags_and_a_title_with_the_words()
    {
        var html = await PageAsync(Client(factory), Search(Q("leica")));

        var meta = MetaTag().Matches(html).GroupBy(x => x.Groups[1].Value).ToDictionary(g => g.Key, g => WebUtility.HtmlDecode(g.First().Groups[2].Value));
        Assert.Equal("leica – search · Souk", meta["og:title"]);
        Assert.False(string.IsNullOrWhiteSpace(meta["og:description"]));
        Assert.StartsWith("http", meta["og:image"]);
        Assert.Contains("/search", meta["og:url"]);
        Assert.Contains("<title>leica – search · Souk</title>", html);
    }

    [Fact]
    public async Task Type_category_and_condition_filters_narrow_the_results_and_the_categories_show_their_counts()
    {
        var m = Marker();
        var seller = await factory.NewSearchSellerAsync();
        var camera = await seller.ListAsync(new($"Lens {m} a", Category: "cameras", Condition: "likeNew"));
        var phone = await seller.ListAsync(new($"Lens {m} b", Category: "phones", Condition: "fair"));
        var shop = await factory.NewSearchShopAsync();
        var product = await shop.AddIdAsync($"Lens cap {m}", category: "cameras");
        using var client = Client(factory);

        Assert.Equal([$"product:{product}"], Results(await PageAsync(client, Search(Q(m) + "&type=product"))));
        Assert.Equal([$"listing:{phone}", $"listing:{camera}"], Results(await PageAsync(client, Search(Q(m) + "&type=listing&sort=newest"))));
        var cameras = await PageAsync(client, Search(Q(m) + "&category=cameras&sort=newest"));
        Assert.Equal([$"product:{product}", $"listing:{camera}"], Results(cameras));
        Assert.Equal([$"listing:{camera}"], Results(await PageAsync(client, Search(Q(m) + "&condition=likeNew&condition=new"))));
        Assert.Empty(Results(await PageAsync(client, Search(Q(m) + "&condition=new"))));

        // Facet counts beside the categories, whatever category is chosen; the chosen one stays selected.
        Assert.Matches("""<option value="electronics">Electronics \(3\)</option>""", cameras);
        Assert.Matches("""<option value="cameras" selected>(&#xA0;)+Cameras \(2\)</option>""", cameras);
        Assert.Matches("""<option value="phones">(&#xA0;)+Phones \(1\)</option>""", cameras);
        Assert.Contains("<option value>Any category (3)</option>", cameras);
        Assert.Contains("Items found: 2", cameras);
    }

    [Fact]
    public async Task Prices_are_typed_in_major_units_and_price_sorts_keep_to_the_viewers_currency()
    {
        var m = Marker();
        var seller = await factory.NewSearchSellerAsync();
        var cheap = await seller.ListAsync(new($"Kettle {m} cheap", Amount: 12000, Currency: "GBP"));
        var dear = await seller.ListAsync(new($"Kettle {m} dear", Amount: 30000, Currency: "GBP"));
        var hkd = await seller.ListAsync(new($"Kettle {m} hkd", Amount: 5000, Currency: "HKD"));

        // A British browser: pounds, without choosing them.
        using var british = Client(factory, "en-GB");
        var sorted = await PageAsync(british, Search(Q(m) + "&sort=price_desc"));
        Assert.Equal([$"listing:{dear}", $"listing:{cheap}"], Results(sorted));
        Assert.Contains("<option value=\"GBP\" selected>GBP</option>", sorted);
        Assert.Equal([$"listing:{cheap}"], Results(await PageAsync(british, Search(Q(m) + "&min=100&max=150.50"))));
        // Another currency, chosen: typed amounts are in it.
        Assert.Equal([$"listing:{hkd}"], Results(await PageAsync(british, Search(Q(m) + "&min=50&currency=HKD&sort=price_asc"))));
        // Without a price range or a price sort the currency is no filter at all.
        Assert.Equal(3, Results(await PageAsync(british, Search(Q(m) + "&currency=HKD"))).Count);
    }

    [Fact]
    public async Task Bad_filter_values_come_back_as_messages_under_their_fields_in_the_viewers_language()
    {
        using var english = Client(factory);
        var html = await PageAsync(english,
            Search("category=no-such&min=abc&max=-5&near=north&radius=500&sort=cheapest&condition=mint&type=shops"), HttpStatusCode.BadRequest);

        var errors = FieldErrors(html);
        Assert.Equal("Choose a category from the list.", errors["category"]);
        Assert.Equal("Enter the price as a number, like 120 or 99.50.", errors["min"]);
        Assert.Equal("A price cannot be below 0.", errors["max"]);
        Assert.Equal("Your location could not be read: use your location again.", errors["near"]);
        Assert.Equal("Choose a distance of up to 100 km.", errors["radius"]);
        Assert.Equal("Choose an order from the list.", errors["sort"]);
        Assert.Equal("Choose conditions from the list.", errors["condition"]);
        Assert.Equal("Choose everything, second-hand or shop products.", errors["type"]);
        Assert.Contains("data-testid=\"search-errors\"", html);
        Assert.DoesNotContain("data-testid=\"search-results\"", html);
        // What was typed stays in the form.
        Assert.Contains("value=\"abc\"", html);

        var order = FieldErrors(await PageAsync(english, Search("min=300&max=100"), HttpStatusCode.BadRequest));
        Assert.Equal("The lowest price must not be above the highest.", order["min"]);
        var nearest = FieldErrors(await PageAsync(english, Search("sort=nearest"), HttpStatusCode.BadRequest));
        Assert.Equal("Use your location to search nearby or sort by distance.", nearest["near"]);
        var decimals = FieldErrors(await PageAsync(english, Search("min=1.555&currency=JPY"), HttpStatusCode.BadRequest));
        Assert.Equal("This currency does not use that many decimal places.", decimals["min"]);

        using var chinese = Client(factory, "zh-Hant-HK");
        var zh = FieldErrors(await PageAsync(chinese, Search("category=no-such&sort=nearest"), HttpStatusCode.BadRequest));
        Assert.Equal("請從清單選擇類別。", zh["category"]);
        Assert.Equal("請先使用你的位置，才可以搜尋附近或按距離排序。", zh["near"]);
    }

    [Fact]
    public async Task More_results_follow_the_cursor_without_repeating_or_skipping()
    {
        var m = Marker();
        var seller = await factory.NewSearchSellerAsync();
        var ids = new List<long>();
        for (var i = 0; i < SearchForm.PageSize + 5; i++) ids.Add(await seller.ListAsync(new($"Postcard {m} {i}")));
        using var client = Client(factory);

        var first = await PageAsync(client, Search(Q(m) + "&sort=newest&type=listing"));
        var more = NextLink().Match(first);
        Assert.True(more.Success, "no link to more results");
        var next = WebUtility.HtmlDecode(more.Groups[1].Value);
        Assert.StartsWith("/search?", next);
        var second = await PageAsync(client, next);

        Assert.Equal(SearchForm.PageSize, Results(first).Count);
        Assert.Equal(5, Results(second).Count);
        Assert.DoesNotMatch(NextLink(), second);
        Assert.Equal(ids.AsEnumerable().Reverse().Select(id => $"listing:{id}"), Results(first).Concat(Results(second)));
        // The filters travel with the cursor, and a cursor from elsewhere is explained, not a crash.
        Assert.Contains("type=listing", more.Groups[1].Value);
        var stale = await PageAsync(client, Search(Q(m) + "&cursor=not-a-cursor"), HttpStatusCode.BadRequest);
        Assert.Contains("These results have changed since this page was made.", stale);
    }

    [Fact]
    public async Task Nearby_keeps_what_is_within_the_radius_and_shows_each_distance()
    {
        var m = Marker();
        var seller = await factory.NewSearchSellerAsync();
        var east = await seller.ListAsync(new($"Lamp {m} east", Lat: 22.30, Lng: 114.20));
        var north = await seller.ListAsync(new($"Lamp {m} north", Lat: 22.40, Lng: 114.17));
        using var client = Client(factory);

        var five = await PageAsync(client, Search(Q(m) + "&near=22.30,114.17&radius=5"));
        Assert.Equal([$"listing:{east}"], Results(five));
        Assert.Contains("<span data-testid=\"distance\">3.1 km</span>", five);
        Assert.Contains("data-testid=\"clear-location\"", five);
        Assert.Contains("<option value=\"5\" selected>Within 5 km</option>", five);
        var nearest = await PageAsync(client, Search(Q(m) + "&near=22.30,114.17&radius=25&sort=nearest"));
        Assert.Equal([$"listing:{east}", $"listing:{north}"], Results(nearest));
        // The radius alone (the select always posts one) is no error without a point.
        Assert.Equal(2, Results(await PageAsync(client, Search(Q(m) + "&radius=5"))).Count);
    }

    [Fact]
    public async Task An_empty_result_suggests_what_to_try()
    {
        var m = Marker();
        using var client = Client(factory);

        var plain = await PageAsync(client, Search(Q($"nothing {m}")));
        Assert.Contains("data-testid=\"search-empty\"", plain);
        Assert.Contains($"Nothing matches “nothing {m}” yet.", plain);
        Assert.Contains("Check the spelling, or try fewer or shorter words.", plain);
        Assert.Contains("href=\"/c\"", plain);
        Assert.DoesNotContain("Search again without the filters", plain);

        var filtered = await PageAsync(client, Search(Q(m) + "&type=product&category=bags&sort=price_asc&currency=EUR"));
        Assert.Contains($"href=\"/search?q={m}\"", filtered);
        Assert.Contains("Search again without the filters", filtered);
        Assert.Contains("Only items priced in EUR are shown when you sort or filter by price: try another currency.", filtered);
    }

    [Fact]
    public async Task Home_and_Discover_each_have_a_box_that_searches_items_on_the_search_page()
    {
        using var client = Client(factory);
        foreach (var (path, id) in new[] { ("/", "home-search"), ("/discover", "discover-items") })
        {
            var html = await PageAsync(client, path);
            Assert.Matches($"""<form method="get" action="/search" role="search" class="search-form[^"]*" data-testid="{id}-form">""", html);
            Assert.Contains($"<input id=\"{id}\" name=\"q\" type=\"search\"", html);
        }
        // Discover still finds people.
        Assert.Contains("name=\"kind\"", await PageAsync(client, "/discover?kind=seller"));
    }

    [Fact]
    public void Every_message_the_page_shows_is_a_key_in_every_language()
    {
        foreach (var culture in new[] { "en", "zh-Hant-HK", "zh-Hans-CN", "it", "ru" })
        {
            var resources = new System.Resources.ResourceManager("Souk.Web.Resources.SharedResource", typeof(Souk.Web.SharedResource).Assembly);
            foreach (var key in SearchForm.PageMessages)
                Assert.False(string.IsNullOrWhiteSpace(resources.GetString(key, CultureInfo.GetCultureInfo(culture))), $"{key} in {culture}");
        }
    }

    [Fact]
    public async Task The_OpenAPI_description_says_price_sorts_need_a_currency()
    {
        using var client = Client(factory);
        var json = await (await client.GetAsync("/openapi/v1.json")).Content.ReadAsStringAsync();

        Assert.Contains("price_asc and price_desc (need currency", json);
        Assert.Contains("Required with minPrice, maxPrice and the price sorts.", json);
    }
}

public sealed class SqliteSearchPageTests(SqliteSearchAppFactory factory) : SearchPageTests(factory), IClassFixture<SqliteSearchAppFactory>;

public sealed class PostgresSearchPageTests(PostgresSearchAppFactory factory) : SearchPageTests(factory), IClassFixture<PostgresSearchAppFactory>;
