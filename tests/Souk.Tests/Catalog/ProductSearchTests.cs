using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Souk.Tests.Infrastructure;
using Souk.Web.Data;
using Souk.Web.Modules.Catalog;
using static Souk.Tests.Catalog.SearchApi;

namespace Souk.Tests.Catalog;

/// <summary>
/// Shop products in search, on both providers: findable while published with an active SKU in stock, at the lowest in-stock
/// price; the entry follows every create, edit, publish and unpublish, and every stock change that empties or refills a SKU,
/// and nobody but the owner can move it. Each test marks its products with its own word (<see cref="SearchApi.Marker"/>).
/// </summary>
public abstract class ProductSearchTests(SoukAppFactory factory)
{
    readonly HttpClient anonymous = factory.Anonymous();

    [Fact]
    public async Task A_published_product_is_found_by_Chinese_Russian_Italian_and_English_words()
    {
        var m = Marker();
        var shop = await factory.NewSearchShopAsync();
        var chinese = await shop.AddIdAsync($"手工真皮相機背帶 {m}", "意大利植鞣牛皮，手工縫製。");
        var russian = await shop.AddIdAsync($"Кожаный ремень для фотоаппарата {m}", "Ручная работа, натуральная кожа.");
        var italian = await shop.AddIdAsync($"Borsa in pelle color caffè {m}", "Cucita a mano a Milano.");
        var english = await shop.AddIdAsync($"Leather camera strap {m}", "Vegetable-tanned, hand-stitched.");

        Assert.Equal([chinese], (await anonymous.SearchAsync(Q($"相機 {m}"))).Ids());
        Assert.Equal([chinese], (await anonymous.SearchAsync(Q($"縫製 {m}"))).Ids());
        Assert.Equal([russian], (await anonymous.SearchAsync(Q($"фотоаппараты {m}"))).Ids());
        Assert.Equal([italian], (await anonymous.SearchAsync(Q($"caffe {m}"))).Ids());
        Assert.Equal([italian], (await anonymous.SearchAsync(Q($"borse {m}"))).Ids());
        Assert.Equal([english], (await anonymous.SearchAsync(Q($"straps {m}"))).Ids());
        Assert.Equal([english], (await anonymous.SearchAsync(Q($"{m} stit"))).Ids());
    }

    [Fact]
    public async Task A_product_card_links_to_the_product_page_at_its_lowest_in_stock_price()
    {
        var m = Marker();
        var shop = await factory.NewSearchShopAsync();
        // The cheapest size is sold out: the card shows the cheapest one that can be bought.
        var id = await shop.AddIdAsync($"Linen shirt {m}", skus: [(9000, 0), (12000, 3), (15000, 1)]);

        var card = (await anonymous.SearchAsync(Q(m))).GetProperty("items").EnumerateArray().Single();

        Assert.Equal("product", card.GetProperty("kind").GetString());
        Assert.Equal(id, card.GetProperty("id").GetInt64());
        Assert.EndsWith($"/p/{id}", card.GetProperty("url").GetString());
        Assert.Equal(12000, card.GetProperty("price").GetProperty("amount").GetInt64());
        Assert.Equal("HKD", card.GetProperty("price").GetProperty("currency").GetString());
        Assert.Equal(shop.Session.Account.Handle, card.GetProperty("sellerHandle").GetString());
        Assert.False(card.GetProperty("sellerVerified").GetBoolean());
        Assert.EndsWith("/thumbnail.webp", card.GetProperty("cover").GetProperty("thumbnail").GetString());
        Assert.Equal(JsonValueKind.Null, card.GetProperty("condition").ValueKind);
        Assert.Equal(JsonValueKind.Null, card.GetProperty("district").ValueKind);
    }

    [Fact]
    public async Task A_draft_is_not_found_publishing_brings_it_in_and_unpublishing_takes_it_out()
    {
        var m = Marker();
        var shop = await factory.NewSearchShopAsync();
        var id = await shop.AddIdAsync($"Silk scarf {m}", status: "draft");
        Assert.Empty((await anonymous.SearchAsync(Q(m))).Ids());
        Assert.Empty((await shop.Session.Client.SearchAsync(Q(m))).Ids());

        await shop.PatchAsync(id, new { status = "published" });
        Assert.Equal([id], (await anonymous.SearchAsync(Q(m))).Ids());

        await shop.PatchAsync(id, new { status = "draft" });
        Assert.Empty((await anonymous.SearchAsync(Q(m))).Ids());
        // An edit while it is a draft does not bring it back.
        await shop.PatchAsync(id, new { title = $"Silk scarf, blue {m}" });
        Assert.Empty((await anonymous.SearchAsync(Q(m))).Ids());
        await shop.PatchAsync(id, new { status = "published" });
        Assert.Equal([$"Silk scarf, blue {m}"], (await anonymous.SearchAsync(Q(m))).Titles());
    }

    [Fact]
    public async Task A_product_leaves_search_when_its_last_stock_runs_out_and_comes_back_when_restocked()
    {
        var m = Marker();
        var shop = await factory.NewSearchShopAsync();
        var product = await shop.AddAsync($"Canvas tote {m}", skus: [(12000, 1), (15000, 1)]);
        var id = product.GetProperty("id").GetInt64();
        var small = ShopApi.SkuId(product, "S");
        var medium = ShopApi.SkuId(product, "M");
        Assert.Equal([12000L], Prices(await anonymous.SearchAsync(Q(m))));

        // The cheaper size sells out (a level): still findable, at the price of what is left.
        await shop.PatchAsync(id, new { skus = new[] { new { id = small, stock = 0 } } });
        Assert.Equal([15000L], Prices(await anonymous.SearchAsync(Q(m))));
        // The last unit goes (a delta, as an order will take it): out of search.
        await shop.PatchAsync(id, new { skus = new[] { new { id = medium, stockDelta = -1 } } });
        Assert.Empty((await anonymous.SearchAsync(Q(m))).Ids());
        Assert.Empty((await anonymous.SearchAsync(Q(m) + "&type=product&currency=HKD&sort=price_asc")).Ids());
        // Restocked: back, at its lowest in-stock price again.
        await shop.PatchAsync(id, new { skus = new[] { new { id = small, stockDelta = 4 } } });
        Assert.Equal([12000L], Prices(await anonymous.SearchAsync(Q(m))));
        // New options retire every SKU (their stock is written off) and the new ones start empty: out again.
        await shop.PatchAsync(id, new
        {
            options = new[] { new { name = "Colour", values = new[] { "Red" } } },
            skus = new[] { ShopApi.Sku(13000, 0, "HKD", ("Colour", "Red")) },
        });
        Assert.Empty((await anonymous.SearchAsync(Q(m))).Ids());
    }

    [Fact]
    public async Task Stock_taken_and_returned_through_Inventory_alone_as_an_order_will_moves_the_product_out_of_and_back_into_search()
    {
        var m = Marker();
        var shop = await factory.NewSearchShopAsync();
        var product = await shop.AddAsync($"Ceramic vase {m}", skus: [(30000, 1)]);
        var sku = ShopApi.SkuId(product);

        await InventoryAsync(inventory => inventory.AdjustAsync(sku, -1, StockReason.Adjustment, null, CancellationToken.None));
        Assert.Empty((await anonymous.SearchAsync(Q(m))).Ids());
        await InventoryAsync(inventory => inventory.AdjustAsync(sku, 2, StockReason.Adjustment, null, CancellationToken.None));
        Assert.Equal([product.GetProperty("id").GetInt64()], (await anonymous.SearchAsync(Q(m))).Ids());
        await InventoryAsync(inventory => inventory.SetAsync(sku, 0, StockReason.Adjustment, null, CancellationToken.None));
        Assert.Empty((await anonymous.SearchAsync(Q(m))).Ids());
    }

    /// <summary>One stock change in its own transaction, the way the orders module will call Inventory.</summary>
    async Task InventoryAsync(Func<Inventory, Task<int?>> change)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SoukDb>();
        await using var tx = await db.Database.BeginTransactionAsync();
        Assert.NotNull(await change(scope.ServiceProvider.GetRequiredService<Inventory>()));
        await db.SaveChangesAsync();
        await tx.CommitAsync();
    }

    [Fact]
    public async Task A_price_change_moves_the_product_in_price_filters_and_sorts()
    {
        var m = Marker();
        var shop = await factory.NewSearchShopAsync();
        var first = await shop.AddAsync($"Teacup {m} one", skus: [(10000, 2)]);
        var one = first.GetProperty("id").GetInt64();
        var two = await shop.AddIdAsync($"Teacup {m} two", skus: [(20000, 2)]);
        var euro = await shop.AddIdAsync($"Teacup {m} euro", currency: "EUR", skus: [(1000, 2)]);
        Assert.Equal([one, two], (await anonymous.SearchAsync(Q(m) + "&currency=HKD&sort=price_asc")).Ids());
        Assert.Equal([one], (await anonymous.SearchAsync(Q(m) + "&currency=HKD&maxPrice=15000")).Ids());

        await shop.PatchAsync(one, new { skus = new[] { new { id = ShopApi.SkuId(first), price = new { amount = 30000, currency = "HKD" } } } });

        Assert.Equal([two, one], (await anonymous.SearchAsync(Q(m) + "&currency=HKD&sort=price_asc")).Ids());
        Assert.Equal([one, two], (await anonymous.SearchAsync(Q(m) + "&currency=HKD&sort=price_desc")).Ids());
        Assert.Empty((await anonymous.SearchAsync(Q(m) + "&currency=HKD&maxPrice=15000")).Ids());
        Assert.Equal([one], (await anonymous.SearchAsync(Q(m) + "&currency=HKD&minPrice=25000")).Ids());
        Assert.Equal([euro], (await anonymous.SearchAsync(Q(m) + "&currency=EUR&sort=price_asc")).Ids());
    }

    [Fact]
    public async Task Type_filter_keeps_products_or_listings()
    {
        var m = Marker();
        var shop = await factory.NewSearchShopAsync();
        var product = await shop.AddIdAsync($"Walnut tray {m}", category: "decor");
        var seller = await factory.NewSearchSellerAsync();
        var listing = await seller.ListAsync(new($"Walnut tray, used {m}", Category: "decor"));

        Assert.Equal([$"product:{product}"], (await anonymous.SearchAsync(Q(m) + "&type=product")).Keys());
        Assert.Equal([$"listing:{listing}"], (await anonymous.SearchAsync(Q(m) + "&type=listing")).Keys());
        Assert.Equal([$"listing:{listing}", $"product:{product}"], (await anonymous.SearchAsync(Q(m) + "&sort=newest")).Keys());
        // Both kinds count in the facets and fall under the category filter.
        var facets = (await anonymous.SearchAsync(Q(m))).GetProperty("facets").GetProperty("categories").EnumerateArray()
            .ToDictionary(f => f.GetProperty("slug").GetString()!, f => f.GetProperty("count").GetInt64());
        Assert.Equal(2, facets["decor"]);
        Assert.Equal(2, facets["home"]);
        Assert.Equal(2, (await anonymous.SearchAsync(Q(m) + "&category=home")).Ids().Count);
        Assert.Equal([$"product:{product}"], (await anonymous.SearchAsync(Q(m) + "&category=decor&type=product")).Keys());
    }

    [Fact]
    public async Task Edits_of_words_category_and_photos_show_in_search_at_once()
    {
        var m = Marker();
        var shop = await factory.NewSearchShopAsync();
        var id = await shop.AddIdAsync($"Oolong tea {m}", "Roasted over charcoal.", category: "everything-else");
        var photo = await shop.Session.UploadPhotoAsync(TestImages.Png(200, 100));
        var before = (await anonymous.SearchAsync(Q(m))).GetProperty("items")[0].GetProperty("cover").GetProperty("thumbnail").GetString();

        await shop.PatchAsync(id, new { title = $"Jasmine tea {m}", description = "Scented with fresh flowers.", category = "kitchen", photoIds = new[] { photo } });

        Assert.Equal([id], (await anonymous.SearchAsync(Q($"jasmine {m}"))).Ids());
        Assert.Equal([id], (await anonymous.SearchAsync(Q($"flowers {m}"))).Ids());
        Assert.Empty((await anonymous.SearchAsync(Q($"oolong {m}"))).Ids());
        Assert.Empty((await anonymous.SearchAsync(Q($"charcoal {m}"))).Ids());
        Assert.Equal([id], (await anonymous.SearchAsync(Q(m) + "&category=kitchen")).Ids());
        Assert.Empty((await anonymous.SearchAsync(Q(m) + "&category=everything-else")).Ids());
        var after = (await anonymous.SearchAsync(Q(m))).GetProperty("items")[0].GetProperty("cover").GetProperty("thumbnail").GetString();
        Assert.NotEqual(before, after);

        // "" takes the category away: the product stays findable by its words, outside every category.
        await shop.PatchAsync(id, new { category = "" });
        Assert.Equal([id], (await anonymous.SearchAsync(Q(m))).Ids());
        Assert.Empty((await anonymous.SearchAsync(Q(m) + "&category=kitchen")).Ids());
    }

    [Fact]
    public async Task Another_users_patch_changes_nothing_in_the_index()
    {
        var m = Marker();
        var shop = await factory.NewSearchShopAsync();
        var product = await shop.AddAsync($"Brass lamp {m}", category: "decor", skus: [(50000, 2)]);
        var id = product.GetProperty("id").GetInt64();
        var sku = ShopApi.SkuId(product);
        Assert.Equal([id], (await anonymous.SearchAsync(Q(m))).Ids());
        var before = await anonymous.SnapshotAsync("/api/v1/search?" + Q(m));
        var intruder = await factory.NewSellerAsync();

        foreach (var body in new object[]
        {
            new { title = $"Stolen {m}" },
            new { status = "draft" },
            new { category = "phones" },
            new { skus = new[] { new { id = sku, stock = 0 } } },
            new { skus = new[] { new { id = sku, price = new { amount = 100, currency = "HKD" } } } },
        })
        {
            using var response = await intruder.Client.PatchJsonAsync($"/api/v1/products/{id}", body);
            await response.ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        }

        Assert.Equal(before, await anonymous.SnapshotAsync("/api/v1/search?" + Q(m)));
        Assert.Empty((await anonymous.SearchAsync(Q($"stolen {m}"))).Ids());
    }

    [Fact]
    public async Task A_verified_brand_shows_the_verified_badge_on_its_product_cards_and_a_verified_person_on_their_listings()
    {
        var m = Marker();
        var brand = await factory.NewSearchShopAsync("brand");
        var plainShop = await factory.NewSearchShopAsync("seller");
        await factory.VerifyAsync(brand.Session);
        // A verified seller account is a verified person, not a brand's official shop.
        await factory.VerifyAsync(plainShop.Session);
        var official = await brand.AddIdAsync($"Official bag {m}");
        var other = await plainShop.AddIdAsync($"Other bag {m}");
        var person = await factory.NewSearchSellerAsync();
        await factory.VerifyAsync(person.Session);
        var listing = await person.ListAsync(new($"Used bag {m}"));

        var badges = (await anonymous.SearchAsync(Q(m))).GetProperty("items").EnumerateArray()
            .ToDictionary(i => $"{i.GetProperty("kind").GetString()}:{i.GetProperty("id").GetInt64()}", i => i.GetProperty("sellerVerified").GetBoolean());

        Assert.True(badges[$"product:{official}"]);
        Assert.False(badges[$"product:{other}"]);
        Assert.True(badges[$"listing:{listing}"]);
    }

    [Theory]
    [InlineData("no-such-category")]
    [InlineData("electronics")]
    public async Task A_product_category_must_be_a_leaf_of_the_tree(string category)
    {
        var shop = await factory.NewSearchShopAsync();
        var body = ShopApi.SimpleProduct([shop.Photo]);
        body["category"] = category;

        using var response = await shop.Session.Client.PostJsonAsync($"/api/v1/shops/{shop.Slug}/products", body);

        await response.ShouldBeValidationProblemAsync("category");
    }

    [Fact]
    public async Task A_product_answers_with_its_category_in_the_viewers_language()
    {
        var shop = await factory.NewSearchShopAsync();
        var id = await shop.AddIdAsync($"Teapot {Marker()}", category: "kitchen");
        using var client = factory.Anonymous();
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("zh-Hant-HK");

        var product = await client.GetJsonAsync($"/api/v1/products/{id}");

        Assert.Equal("kitchen", product.GetProperty("category").GetProperty("slug").GetString());
        Assert.Equal("廚具", product.GetProperty("category").GetProperty("name").GetString());
        var plain = await shop.AddIdAsync($"Teapot {Marker()}");
        Assert.Equal(JsonValueKind.Null, (await client.GetJsonAsync($"/api/v1/products/{plain}")).GetProperty("category").ValueKind);
    }

    static List<long> Prices(JsonElement page) =>
        [.. page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("price").GetProperty("amount").GetInt64())];
}

public sealed class SqliteProductSearchTests(SqliteSearchAppFactory factory) : ProductSearchTests(factory), IClassFixture<SqliteSearchAppFactory>;

public sealed class PostgresProductSearchTests(PostgresSearchAppFactory factory) : ProductSearchTests(factory), IClassFixture<PostgresSearchAppFactory>;
