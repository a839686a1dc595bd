using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Souk.Tests.Infrastructure;
using static Souk.Tests.Catalog.SearchApi;

namespace Souk.Tests.Catalog;

/// <summary>
/// GET /api/v1/search on both providers: words in Chinese (Traditional and Simplified), Russian, Italian and English,
/// prefixes, title-first ranking, filters, distance, every sort, cursor paging, the index following every state change,
/// facets, and a 400 naming the field for every bad input. Each test marks its listings with its own word (see
/// <see cref="SearchApi.Marker"/>) because the tests of a class share one database.
/// </summary>
public abstract class SearchTests(SoukAppFactory factory)
{
    readonly HttpClient anonymous = factory.Anonymous();

    [Fact]
    public async Task A_two_character_Chinese_query_finds_a_longer_Traditional_word()
    {
        var m = Marker();
        var seller = await factory.NewSearchSellerAsync();
        await seller.ListAsync(new($"二手相機 Fujifilm X100V {m}"));
        await seller.ListAsync(new($"相機袋 全新 {m}"));
        await seller.ListAsync(new($"二手手機 {m}", Category: "phones"));

        Assert.Equal(["相機袋 全新 " + m, "二手相機 Fujifilm X100V " + m], (await anonymous.SearchAsync(Q($"相機 {m}") + "&sort=newest")).Titles());
        // Four characters are a phrase of three bigrams: the camera bag has 相機 but not 二手相機.
        Assert.Equal(["二手相機 Fujifilm X100V " + m], (await anonymous.SearchAsync(Q($"二手相機 {m}"))).Titles());
        // 二手 is in the camera and the phone, never split across words.
        Assert.Equal(2, (await anonymous.SearchAsync(Q($"二手 {m}"))).Titles().Count);
        // One character matches every word it is part of, at any position.
        Assert.Equal(3, (await anonymous.SearchAsync(Q($"機 {m}"))).Titles().Count);
    }

    [Fact]
    public async Task Simplified_Chinese_is_found_the_same_way_and_in_the_description()
    {
        var m = Marker();
        var seller = await factory.NewSearchSellerAsync();
        await seller.ListAsync(new($"黑胶唱片机 九成新 {m}", "全自动皮带驱动，自带唱放。送两张唱片。", Category: "audio"));
        await seller.ListAsync(new($"蓝牙音箱 {m}", "音质很好", Category: "audio"));

        Assert.Equal([$"黑胶唱片机 九成新 {m}"], (await anonymous.SearchAsync(Q($"唱片 {m}"))).Titles());
        Assert.Equal([$"黑胶唱片机 九成新 {m}"], (await anonymous.SearchAsync(Q($"唱放 {m}"))).Titles());
        Assert.Equal([$"蓝牙音箱 {m}"], (await anonymous.SearchAsync(Q($"音质 {m}"))).Titles());
        Assert.Empty((await anonymous.SearchAsync(Q($"相机 {m}"))).Titles());
    }

    [Fact]
    public async Task Traditional_and_Simplified_Chinese_find_each_other()
    {
        var m = Marker();
        var seller = await factory.NewSearchSellerAsync();
        var traditional = await seller.ListAsync(new($"二手相機 {m}", "連原裝鏡頭。"));
        var simplified = await seller.ListAsync(new($"全新相机 {m}", "带原装镜头。"));

        Assert.Equal([simplified, traditional], (await anonymous.SearchAsync(Q($"相機 {m}") + "&sort=newest")).Ids());
        Assert.Equal([simplified, traditional], (await anonymous.SearchAsync(Q($"相机 {m}") + "&sort=newest")).Ids());
        Assert.Equal([simplified, traditional], (await anonymous.SearchAsync(Q($"镜头 {m}") + "&sort=newest")).Ids());
        Assert.Equal([traditional], (await anonymous.SearchAsync(Q($"二手相机 {m}"))).Ids());
        // Titles are shown as their sellers wrote them.
        Assert.Contains($"二手相機 {m}", (await anonymous.SearchAsync(Q($"二手 {m}"))).Titles());
    }

    [Fact]
    public async Task Russian_is_found_in_any_case_by_other_forms_and_by_prefix()
    {
        var m = Marker();
        var seller = await factory.NewSearchSellerAsync();
        await seller.ListAsync(new($"Фотоаппарат Зенит-Е {m}", "Плёночный, с объективом Гелиос. Всё работает.", 350000, "RUB"));
        await seller.ListAsync(new($"Книга «Мастер и Маргарита» {m}", "Подарочное издание.", 120000, "RUB", Category: "fiction"));

        string[] camera = [$"Фотоаппарат Зенит-Е {m}"];
        Assert.Equal(camera, (await anonymous.SearchAsync(Q($"фотоаппарат {m}"))).Titles());
        Assert.Equal(camera, (await anonymous.SearchAsync(Q($"ФОТОАППАРАТЫ {m}"))).Titles());
        Assert.Equal(camera, (await anonymous.SearchAsync(Q($"фото {m}"))).Titles());
        Assert.Equal(camera, (await anonymous.SearchAsync(Q($"зенит {m}"))).Titles());
        // ё and е are the same letter to a searcher.
        Assert.Equal(camera, (await anonymous.SearchAsync(Q($"пленочный {m}"))).Titles());
        Assert.Equal([$"Книга «Мастер и Маргарита» {m}"], (await anonymous.SearchAsync(Q($"книгу {m}"))).Titles());
        Assert.Empty((await anonymous.SearchAsync(Q($"фотоаппарат книга {m}"))).Titles());
    }

    [Fact]
    public async Task Italian_accents_fold_both_ways_and_plurals_find_singulars()
    {
        var m = Marker();
        var seller = await factory.NewSearchSellerAsync();
        await seller.ListAsync(new($"Macchina da caffè espresso {m}", "Perfetta, più di dieci anni.", 8000, "EUR", Category: "kitchen"));
        await seller.ListAsync(new($"Borsa in pelle cognac {m}", "Cuciture a mano.", 39000, "EUR", Category: "bags"));

        string[] coffee = [$"Macchina da caffè espresso {m}"];
        Assert.Equal(coffee, (await anonymous.SearchAsync(Q($"caffe {m}"))).Titles());
        Assert.Equal(coffee, (await anonymous.SearchAsync(Q($"CAFFÈ {m}"))).Titles());
        Assert.Equal(coffee, (await anonymous.SearchAsync(Q($"piu {m}"))).Titles());
        Assert.Equal([$"Borsa in pelle cognac {m}"], (await anonymous.SearchAsync(Q($"borse {m}"))).Titles());
        Assert.Empty((await anonymous.SearchAsync(Q($"caffè borsa {m}"))).Titles());
    }

    [Fact]
    public async Task English_words_match_as_prefixes_while_typing()
    {
        var m = Marker();
        var seller = await factory.NewSearchSellerAsync();
        await seller.ListAsync(new($"Fujifilm X100V silver {m}"));
        await seller.ListAsync(new($"Vintage Levi's denim jacket {m}", Category: "mens-clothing"));

        string[] fuji = [$"Fujifilm X100V silver {m}"];
        foreach (var typed in new[] { "fu", "fuji", "Fujif", "FUJIFILM", "x100", "x100v" })
            Assert.Equal(fuji, (await anonymous.SearchAsync(Q($"{m} {typed}"))).Titles());
        Assert.Empty((await anonymous.SearchAsync(Q($"{m} fujix"))).Titles());
        Assert.Equal([$"Vintage Levi's denim jacket {m}"], (await anonymous.SearchAsync(Q($"levis {m}"))).Titles());
        Assert.Equal([$"Vintage Levi's denim jacket {m}"], (await anonymous.SearchAsync(Q($"jackets {m}"))).Titles());
    }

    [Fact]
    public async Task A_title_match_ranks_above_a_description_only_match()
    {
        var m = Marker();
        var seller = await factory.NewSearchSellerAsync();
        // Titles and descriptions of the same lengths; without the title weight the description that says "leica" three
        // times would win (BM25 and ts_rank both count repetitions).
        var inDescription = await seller.ListAsync(new($"Old film body {m}", "leica leica leica works well with all original parts"));
        var inTitle = await seller.ListAsync(new($"Leica M6 body {m}", "serviced camera works well with all original parts and box"));

        var page = await anonymous.SearchAsync(Q($"leica {m}"));

        Assert.Equal([inTitle, inDescription], page.Ids());
    }

    [Fact]
    public async Task Symbols_and_query_syntax_are_plain_text()
    {
        var m = Marker();
        var seller = await factory.NewSearchSellerAsync();
        await seller.ListAsync(new($"Nikon F3 {m}"));

        foreach (var q in new[] { $"\"nikon {m}", $"nikon* {m} OR x", $"nikon & {m} | !x", $"nikon:* {m} (", $"'{m}' -- ;", "*", "\"\"", "NEAR(a b)" })
        {
            using var response = await anonymous.GetAsync("/api/v1/search?" + Q(q));
            await response.ShouldBeAsync(HttpStatusCode.OK);
        }
        Assert.Equal([$"Nikon F3 {m}"], (await anonymous.SearchAsync(Q($"\"nikon* & {m}:*"))).Titles());
        using var tooLong = await anonymous.GetAsync("/api/v1/search?" + Q(new string('a', 201)));
        await tooLong.ShouldBeValidationProblemAsync("q");
    }

    [Fact]
    public async Task A_category_filter_includes_its_descendants()
    {
        var m = Marker();
        var seller = await factory.NewSearchSellerAsync();
        var camera = await seller.ListAsync(new($"Camera {m}", Category: "cameras"));
        var phone = await seller.ListAsync(new($"Phone {m}", Category: "phones"));
        var bag = await seller.ListAsync(new($"Bag {m}", Category: "bags"));

        Assert.Equal([camera, phone], (await anonymous.SearchAsync(Q(m) + "&category=electronics&sort=newest")).Ids().Order());
        Assert.Equal([camera], (await anonymous.SearchAsync(Q(m) + "&category=cameras")).Ids());
        Assert.Equal([bag], (await anonymous.SearchAsync(Q(m) + "&category=fashion")).Ids());
        Assert.Empty((await anonymous.SearchAsync(Q(m) + "&category=home")).Ids());
    }

    [Fact]
    public async Task A_price_range_applies_in_the_given_currency_only()
    {
        var m = Marker();
        var seller = await factory.NewSearchSellerAsync();
        var cheap = await seller.ListAsync(new($"Lens cheap {m}", Amount: 10000, Currency: "HKD"));
        var mid = await seller.ListAsync(new($"Lens mid {m}", Amount: 50000, Currency: "HKD"));
        var dear = await seller.ListAsync(new($"Lens dear {m}", Amount: 90000, Currency: "HKD"));
        var euro = await seller.ListAsync(new($"Lens euro {m}", Amount: 50000, Currency: "EUR"));

        Assert.Equal([mid], (await anonymous.SearchAsync(Q(m) + "&currency=HKD&minPrice=20000&maxPrice=60000")).Ids());
        // Bounds are inclusive.
        Assert.Equal([cheap, mid], (await anonymous.SearchAsync(Q(m) + "&currency=HKD&minPrice=10000&maxPrice=50000&sort=price_asc")).Ids());
        Assert.Equal([mid, dear], (await anonymous.SearchAsync(Q(m) + "&currency=hkd&minPrice=50000&sort=price_asc")).Ids());
        Assert.Equal([euro], (await anonymous.SearchAsync(Q(m) + "&currency=EUR")).Ids());
        Assert.Equal([cheap], (await anonymous.SearchAsync(Q(m) + "&currency=HKD&maxPrice=10000")).Ids());
    }

    [Fact]
    public async Task Price_sorts_keep_to_one_currency_and_never_mix_amounts_of_different_currencies()
    {
        var m = Marker();
        var seller = await factory.NewSearchSellerAsync();
        var hkd = await seller.ListAsync(new($"Tripod hkd {m}", Amount: 50000, Currency: "HKD"));
        var cheapHkd = await seller.ListAsync(new($"Tripod cheap hkd {m}", Amount: 20000, Currency: "HKD"));
        // 100.00 EUR is more than 200.00 HKD, but a smaller amount: mixed, the amounts would order them the wrong way.
        await seller.ListAsync(new($"Tripod eur {m}", Amount: 10000, Currency: "EUR"));

        Assert.Equal([cheapHkd, hkd], (await anonymous.SearchAsync(Q(m) + "&sort=price_asc&currency=HKD")).Ids());
        Assert.Equal([hkd, cheapHkd], (await anonymous.SearchAsync(Q(m) + "&sort=price_desc&currency=hkd")).Ids());
        using var mixed = await anonymous.GetAsync("/api/v1/search?" + Q(m) + "&sort=price_asc");
        var problem = await mixed.ShouldBeValidationProblemAsync("currency");
        Assert.Single(problem.GetProperty("errors").EnumerateObject());
    }

    [Fact]
    public async Task Condition_and_type_filter()
    {
        var m = Marker();
        var seller = await factory.NewSearchSellerAsync();
        var brandNew = await seller.ListAsync(new($"Tripod new {m}", Condition: "new"));
        var good = await seller.ListAsync(new($"Tripod good {m}", Condition: "good"));
        await seller.ListAsync(new($"Tripod for parts {m}", Condition: "forParts"));

        Assert.Equal([brandNew], (await anonymous.SearchAsync(Q(m) + "&condition=new")).Ids());
        Assert.Equal([brandNew, good], (await anonymous.SearchAsync(Q(m) + "&condition=new,good&sort=newest")).Ids().Order());
        var first = (await anonymous.SearchAsync(Q(m) + "&condition=new")).GetProperty("items")[0];
        Assert.Equal("listing", first.GetProperty("kind").GetString());
        Assert.Equal("new", first.GetProperty("condition").GetString());
        Assert.Equal(3, (await anonymous.SearchAsync(Q(m) + "&type=listing")).Ids().Count);
        Assert.Empty((await anonymous.SearchAsync(Q(m) + "&type=product")).Ids());
    }

    [Fact]
    public async Task Near_keeps_what_is_inside_the_radius_with_its_distance()
    {
        var m = Marker();
        var seller = await factory.NewSearchSellerAsync();
        // From (22.30, 114.17): about 3.1 km east, about 11.1 km north, and about 9,300 km away in Milan.
        var east = await seller.ListAsync(new($"Flash east {m}", Lat: 22.30, Lng: 114.20));
        var north = await seller.ListAsync(new($"Flash north {m}", Lat: 22.40, Lng: 114.17));
        await seller.ListAsync(new($"Flash Milan {m}", Lat: 45.46, Lng: 9.19));
        var eastKm = HaversineKm(22.30, 114.17, 22.30, 114.20);
        var northKm = HaversineKm(22.30, 114.17, 22.40, 114.17);
        Assert.InRange(eastKm, 3.0, 3.2);
        Assert.InRange(northKm, 11.0, 11.2);

        var five = await anonymous.SearchAsync(Q(m) + "&near=22.30,114.17&radiusKm=5");
        Assert.Equal([east], five.Ids());
        Assert.Equal(Math.Round(eastKm, 1), five.GetProperty("items")[0].GetProperty("distanceKm").GetDouble());
        // Facets count what the radius keeps (they group by location and test each location's distance once).
        Assert.Equal(1, CategoryCount(five, "cameras"));
        Assert.Equal(2, CategoryCount(await anonymous.SearchAsync(Q(m) + "&near=22.30,114.17&radiusKm=12"), "electronics"));
        Assert.Empty((await anonymous.SearchAsync(Q(m) + "&near=22.30,114.17&radiusKm=3")).Ids());
        Assert.Equal([east, north], (await anonymous.SearchAsync(Q(m) + "&near=22.30,114.17&radiusKm=12&sort=nearest")).Ids());
        // The default radius is 10 km.
        Assert.Equal([east], (await anonymous.SearchAsync(Q(m) + "&near=22.30,114.17")).Ids());
        // Without near there is no distance.
        var all = await anonymous.SearchAsync(Q(m));
        Assert.Equal(3, all.Ids().Count);
        Assert.All(all.GetProperty("items").EnumerateArray(), i => Assert.Equal(JsonValueKind.Null, i.GetProperty("distanceKm").ValueKind));
    }

    [Fact]
    public async Task Every_sort_order()
    {
        var m = Marker();
        var seller = await factory.NewSearchSellerAsync();
        // Created in this order; prices and distances deliberately in another order.
        var a = await seller.ListAsync(new($"Strap {m} leather", "", 30000, Lat: 22.35, Lng: 114.17));
        var b = await seller.ListAsync(new($"Strap {m}", "leather", 10000, Lat: 22.31, Lng: 114.17));
        var c = await seller.ListAsync(new($"Strap {m} canvas", "", 20000, Lat: 22.40, Lng: 114.17));

        Assert.Equal([c, b, a], (await anonymous.SearchAsync(Q(m) + "&sort=newest")).Ids());
        // Browsing (no words) is newest first by default; these are the newest listings of this class's database.
        Assert.Equal([c, b, a], (await anonymous.SearchAsync("currency=HKD&limit=3")).Ids());
        Assert.Equal([b, c, a], (await anonymous.SearchAsync(Q(m) + "&sort=price_asc&currency=HKD")).Ids());
        Assert.Equal([a, c, b], (await anonymous.SearchAsync(Q(m) + "&sort=price_desc&currency=HKD")).Ids());
        Assert.Equal([b, a, c], (await anonymous.SearchAsync(Q(m) + "&near=22.30,114.17&radiusKm=20&sort=nearest")).Ids());
        // Relevance: "leather" in a title beats it in a description; the canvas strap does not match at all.
        Assert.Equal([a, b], (await anonymous.SearchAsync(Q($"{m} leather") + "&sort=relevance")).Ids());
    }

    [Theory]
    [InlineData("newest")]
    [InlineData("relevance")]
    [InlineData("price_asc")]
    [InlineData("price_desc")]
    [InlineData("nearest")]
    public async Task Pages_follow_each_other_without_duplicates_or_gaps(string sort)
    {
        var m = Marker();
        var seller = await factory.NewSearchSellerAsync();
        var ids = new List<long>();
        // Ties on purpose: equal prices, equal coordinates and equal texts, so only the id tie-breaker orders them.
        for (var i = 0; i < 7; i++)
            ids.Add(await seller.ListAsync(new($"Filter {m} n{i}", Amount: 10000 + i % 2 * 500, Lat: 22.31 + i % 3 * 0.01, Lng: 114.17)));

        var query = Q(m) + $"&sort={sort}&limit=3&near=22.30,114.17&radiusKm=20&currency=HKD";
        var pages = await anonymous.AllPagesAsync(query);

        Assert.Equal([3, 3, 1], pages.Select(p => p.Ids().Count));
        var seen = pages.SelectMany(p => p.Ids()).ToList();
        Assert.Equal(seen.Count, seen.Distinct().Count());
        Assert.Equal(ids.Order(), seen.Order());
        // One request for everything gives the same order as the pages together.
        Assert.Equal((await anonymous.SearchAsync(Q(m) + $"&sort={sort}&limit=100&near=22.30,114.17&radiusKm=20&currency=HKD")).Ids(), seen);
    }

    [Fact]
    public async Task A_cursor_works_only_for_its_own_search()
    {
        var m = Marker();
        var seller = await factory.NewSearchSellerAsync();
        for (var i = 0; i < 3; i++) await seller.ListAsync(new($"Bulb {m} {i}"));
        var cursor = (await anonymous.SearchAsync(Q(m) + "&limit=1")).NextCursor();
        Assert.NotNull(cursor);
        var c = Uri.EscapeDataString(cursor);

        using var ok = await anonymous.GetAsync("/api/v1/search?" + Q(m) + "&limit=1&cursor=" + c);
        await ok.ShouldBeAsync(HttpStatusCode.OK);
        foreach (var other in new[] { Q(m) + "&sort=price_asc&currency=HKD", Q(m + " bulb"), Q(m) + "&category=electronics", Q(m) + "&currency=HKD" })
        {
            using var response = await anonymous.GetAsync($"/api/v1/search?{other}&limit=1&cursor={c}");
            await response.ShouldBeValidationProblemAsync("cursor");
        }
    }

    [Fact]
    public async Task Reserved_sold_and_hidden_listings_leave_search_and_active_ones_return()
    {
        var m = Marker();
        var seller = await factory.NewSearchSellerAsync();
        var reserved = await seller.ListAsync(new($"Lamp reserved {m}"));
        var sold = await seller.ListAsync(new($"Lamp sold {m}"));
        var hidden = await seller.ListAsync(new($"Lamp hidden {m}"));
        var stays = await seller.ListAsync(new($"Lamp stays {m}"));
        Assert.Equal(4, (await anonymous.SearchAsync(Q(m))).Ids().Count);

        await Move(seller.Session, reserved, "reserved");
        await Move(seller.Session, sold, "sold");
        await Move(seller.Session, hidden, "hidden");
        Assert.Equal([stays], (await anonymous.SearchAsync(Q(m))).Ids());
        Assert.Equal([stays], (await anonymous.SearchAsync(Q(m) + "&sort=newest&near=22.32,114.17")).Ids());

        await Move(seller.Session, reserved, "active");
        await Move(seller.Session, hidden, "active");
        Assert.Equal(new[] { reserved, hidden, stays }.Order(), (await anonymous.SearchAsync(Q(m) + "&sort=newest")).Ids().Order());
        // Hidden → reserved never passes through search.
        await Move(seller.Session, hidden, "hidden");
        await Move(seller.Session, hidden, "reserved");
        Assert.DoesNotContain(hidden, (await anonymous.SearchAsync(Q(m))).Ids());
    }

    [Fact]
    public async Task Removal_by_an_operator_and_deletion_by_the_seller_leave_search()
    {
        var m = Marker();
        var seller = await factory.NewSearchSellerAsync();
        var removed = await seller.ListAsync(new($"Kettle removed {m}"));
        var deleted = await seller.ListAsync(new($"Kettle deleted {m}"));
        var op = await factory.NewOperatorAsync();

        await Move(op, removed, "removed");
        using (var delete = await seller.Session.Client.DeleteAsync($"/api/v1/listings/{deleted}")) await delete.ShouldBeAsync(HttpStatusCode.NoContent);

        Assert.Empty((await anonymous.SearchAsync(Q(m))).Ids());
        await Move(op, removed, "active");
        Assert.Equal([removed], (await anonymous.SearchAsync(Q(m))).Ids());
    }

    [Fact]
    public async Task An_edit_is_searchable_at_once_and_the_old_words_are_gone()
    {
        var m = Marker();
        var seller = await factory.NewSearchSellerAsync();
        var id = await seller.ListAsync(new($"Walkman {m}", "Cassette player", 30000));

        using (var edit = await seller.Session.Client.PatchJsonAsync($"/api/v1/listings/{id}", new
        {
            title = $"Discman {m}",
            description = "CD player",
            price = new { amount = 25000, currency = "HKD" },
            category = "audio",
            location = new { district = "Mong Kok", lat = 22.40, lng = 114.17 },
        }))
        {
            await edit.ShouldBeAsync(HttpStatusCode.OK);
        }

        Assert.Equal([id], (await anonymous.SearchAsync(Q($"discman {m}"))).Ids());
        Assert.Empty((await anonymous.SearchAsync(Q($"walkman {m}"))).Ids());
        Assert.Empty((await anonymous.SearchAsync(Q($"cassette {m}"))).Ids());
        var card = (await anonymous.SearchAsync(Q(m) + "&category=audio&currency=HKD&maxPrice=25000&near=22.40,114.17&radiusKm=1")).GetProperty("items")[0];
        Assert.Equal($"Discman {m}", card.GetProperty("title").GetString());
        Assert.Equal(25000, card.GetProperty("price").GetProperty("amount").GetInt64());

        // An edit while hidden does not bring it back into search.
        await Move(seller.Session, id, "hidden");
        using (var edit = await seller.Session.Client.PatchJsonAsync($"/api/v1/listings/{id}", new { title = $"Minidisc {m}" }))
            await edit.ShouldBeAsync(HttpStatusCode.OK);
        Assert.Empty((await anonymous.SearchAsync(Q(m))).Ids());
        await Move(seller.Session, id, "active");
        Assert.Equal([$"Minidisc {m}"], (await anonymous.SearchAsync(Q(m))).Titles());
    }

    [Fact]
    public async Task A_card_has_what_a_result_list_shows()
    {
        var m = Marker();
        var seller = await factory.NewSearchSellerAsync();
        var id = await seller.ListAsync(new($"Polaroid SX-70 {m}", Amount: 150000, Condition: "likeNew"));

        var card = (await anonymous.SearchAsync(Q(m) + "&near=22.32,114.17")).GetProperty("items")[0];

        Assert.Equal(id, card.GetProperty("id").GetInt64());
        Assert.Equal("listing", card.GetProperty("kind").GetString());
        Assert.EndsWith($"/l/{id}", card.GetProperty("url").GetString());
        Assert.Equal(150000, card.GetProperty("price").GetProperty("amount").GetInt64());
        Assert.Equal("HKD", card.GetProperty("price").GetProperty("currency").GetString());
        Assert.Equal("likeNew", card.GetProperty("condition").GetString());
        Assert.Equal("Somewhere", card.GetProperty("district").GetString());
        Assert.Equal(0, card.GetProperty("distanceKm").GetDouble());
        Assert.Equal(seller.Session.Account.Handle, card.GetProperty("sellerHandle").GetString());
        Assert.EndsWith("/thumbnail.webp", card.GetProperty("cover").GetProperty("thumbnail").GetString());
        Assert.True(card.GetProperty("createdAt").GetDateTime() > DateTime.UtcNow.AddMinutes(-5));
    }

    [Fact]
    public async Task Facets_count_every_category_up_the_tree_whatever_the_category_filter()
    {
        var m = Marker();
        var seller = await factory.NewSearchSellerAsync();
        await seller.ListAsync(new($"Item one {m}", Category: "cameras"));
        await seller.ListAsync(new($"Item two {m}", Category: "cameras"));
        await seller.ListAsync(new($"Item three {m}", Category: "phones"));
        await seller.ListAsync(new($"Item four {m}", Category: "bags"));
        // In tree order: each root, then its children in their order (phones come before cameras).
        var expected = new[] { ("electronics", 3L), ("phones", 1L), ("cameras", 2L), ("fashion", 1L), ("bags", 1L) };

        foreach (var filter in new[] { "", "&category=cameras", "&category=fashion&sort=newest" })
        {
            var facets = (await anonymous.SearchAsync(Q(m) + filter)).GetProperty("facets").GetProperty("categories").EnumerateArray()
                .Select(f => (f.GetProperty("slug").GetString()!, f.GetProperty("count").GetInt64())).ToArray();
            Assert.Equal(expected, facets);
        }

        using var client = factory.Anonymous();
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("zh-Hant-HK");
        var first = (await client.SearchAsync(Q(m) + "&category=cameras")).GetProperty("facets").GetProperty("categories")[2];
        Assert.Equal("相機", first.GetProperty("name").GetString());
        Assert.Equal("electronics", first.GetProperty("parent").GetString());
    }

    [Fact]
    public async Task Browse_facets_kept_by_triggers_equal_a_count_of_the_entries_after_every_kind_of_write()
    {
        var m = Marker();
        var seller = await factory.NewSearchSellerAsync();
        var a = await seller.ListAsync(new($"Counted a {m}", Category: "cameras"));
        var b = await seller.ListAsync(new($"Counted b {m}", Category: "phones"));
        var c = await seller.ListAsync(new($"Counted c {m}", Category: "bags"));
        var d = await seller.ListAsync(new($"Counted d {m}", Category: "kitchen"));
        await Move(seller.Session, a, "reserved");
        await Move(seller.Session, a, "active");
        await Move(seller.Session, b, "sold");
        using (var edit = await seller.Session.Client.PatchJsonAsync($"/api/v1/listings/{c}", new { category = "shoes" })) await edit.ShouldBeAsync(HttpStatusCode.OK);
        using (var edit = await seller.Session.Client.PatchJsonAsync($"/api/v1/listings/{a}", new { title = $"Counted a2 {m}" })) await edit.ShouldBeAsync(HttpStatusCode.OK);
        using (var delete = await seller.Session.Client.DeleteAsync($"/api/v1/listings/{d}")) await delete.ShouldBeAsync(HttpStatusCode.NoContent);

        // Without filters the counts come from SearchCounts; a filter every listing passes makes the database count the entries.
        static string Facets(JsonElement page) => string.Join(", ", page.GetProperty("facets").GetProperty("categories").EnumerateArray()
            .Select(f => $"{f.GetProperty("slug").GetString()}={f.GetProperty("count").GetInt64()}"));
        var kept = Facets(await anonymous.SearchAsync("sort=newest"));
        var counted = Facets(await anonymous.SearchAsync("condition=new,likeNew,good,fair,forParts"));

        Assert.Equal(counted, kept);
        Assert.Contains("shoes=", kept);
        Assert.Equal(Facets(await anonymous.SearchAsync("type=listing&category=home")), kept);
    }

    public static TheoryData<string, string> BadInputs => new()
    {
        { "category=no-such-thing", "category" },
        { "minPrice=-1&currency=HKD", "minPrice" },
        { "maxPrice=-100&currency=HKD", "maxPrice" },
        { "minPrice=abc&currency=HKD", "minPrice" },
        { "maxPrice=1.5&currency=HKD", "maxPrice" },
        { "minPrice=5000&maxPrice=100&currency=HKD", "minPrice" },
        { "minPrice=100", "currency" },
        { "maxPrice=100", "currency" },
        { "currency=XYZ", "currency" },
        { "near=22.3", "near" },
        { "near=abc,def", "near" },
        { "near=91,0", "near" },
        { "near=0,181", "near" },
        { "near=22.3,114.1,5", "near" },
        { "near=22.3,114.1&radiusKm=101", "radiusKm" },
        { "near=22.3,114.1&radiusKm=0", "radiusKm" },
        { "near=22.3,114.1&radiusKm=-5", "radiusKm" },
        { "near=22.3,114.1&radiusKm=ten", "radiusKm" },
        { "radiusKm=5", "near" },
        { "sort=nearest", "near" },
        { "sort=cheapest", "sort" },
        { "sort=price_asc", "currency" },
        { "sort=price_desc&q=lamp", "currency" },
        { "sort=Newest", "sort" },
        { "type=shop", "type" },
        { "condition=mint", "condition" },
        { "condition=new,mint", "condition" },
        { "condition=1", "condition" },
        { "cursor=not-a-cursor", "cursor" },
        { "cursor=%21%21%21", "cursor" },
        { "cursor=czF8bmV3ZXN0fDB8MXwx", "cursor" },
        { "limit=lots", "limit" },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public async Task Bad_input_is_400_naming_the_field(string query, string field)
    {
        using var response = await anonymous.GetAsync("/api/v1/search?" + query);

        await response.ShouldBeValidationProblemAsync(field);
    }

    [Fact]
    public async Task Several_bad_fields_are_named_together()
    {
        using var response = await anonymous.GetAsync("/api/v1/search?category=nope&minPrice=-1&near=x&sort=up");

        await response.ShouldBeValidationProblemAsync("category", "minPrice", "currency", "near", "sort");
    }

    static long CategoryCount(JsonElement page, string slug) =>
        page.GetProperty("facets").GetProperty("categories").EnumerateArray().Where(f => f.GetProperty("slug").GetString() == slug)
            .Select(f => f.GetProperty("count").GetInt64()).SingleOrDefault();

    static async Task Move(Session session, long id, string state)
    {
        using var response = await session.SetStateAsync(id, state);
        await response.ShouldBeAsync(HttpStatusCode.OK);
    }
}

public sealed class SqliteSearchTests(SqliteSearchAppFactory factory) : SearchTests(factory), IClassFixture<SqliteSearchAppFactory>;

public sealed class PostgresSearchTests(PostgresSearchAppFactory factory) : SearchTests(factory), IClassFixture<PostgresSearchAppFactory>;

/// <summary>
/// The search caches as configured by default (10 s): anonymous answers are shared until the next write to the index on
/// this node; signed-in searchers always read the index.
/// </summary>
public abstract class SearchCacheTests(SoukAppFactory factory)
{
    [Fact]
    public async Task Anonymous_answers_are_reused_until_the_next_index_write_and_signed_in_searchers_read_afresh()
    {
        var m = Marker();
        var seller = await factory.NewSearchSellerAsync();
        var id = await seller.ListAsync(new($"Gramophone {m}"));
        using var anonymous = factory.Anonymous();
        Assert.Equal([$"Gramophone {m}"], (await anonymous.SearchAsync(Q(m))).Titles());

        // A change behind the index's back (no write through SearchIndex): the cached anonymous answer stays.
        await factory.QueryAsync(db => db.SearchEntries.Where(e => e.ItemId == id).ExecuteUpdateAsync(s => s.SetProperty(e => e.Title, $"Phonograph {m}")));
        Assert.Equal([$"Gramophone {m}"], (await anonymous.SearchAsync(Q(m))).Titles());
        Assert.Equal([$"Phonograph {m}"], (await seller.Session.Client.SearchAsync(Q(m))).Titles());

        // Any write through the index drops this node's cached answers at once.
        using (var r = await seller.Session.SetStateAsync(id, "reserved")) Assert.True(r.IsSuccessStatusCode);
        Assert.Empty((await anonymous.SearchAsync(Q(m))).Titles());
    }
}

public sealed class SqliteSearchCacheTests(SqliteAppFactory factory) : SearchCacheTests(factory), IClassFixture<SqliteAppFactory>;

public sealed class PostgresSearchCacheTests(PostgresAppFactory factory) : SearchCacheTests(factory), IClassFixture<PostgresAppFactory>;
