using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Souk.Tests.Infrastructure;
using Souk.Web.Common;
using Souk.Web.Modules.Catalog;
using static Souk.Tests.Catalog.PageTesting;

namespace Souk.Tests.Catalog;

/// <summary>
/// The shop and product pages (what everyone sees, in their culture, with JSON-LD and Open Graph; drafts for the owner only)
/// and the shop management pages posted as a browser without JavaScript would: open a shop, add and edit a product, who may.
/// </summary>
public abstract partial class ShopPageTests(SoukAppFactory factory)
{
    [GeneratedRegex(@"name=""keep"" value=""([0-9a-f-]{36})""")]
    private static partial Regex KeptPhoto();

    [GeneratedRegex(@"href=""/s/[a-z0-9-]+\?section=(\d+)""")]
    private static partial Regex SectionChip();

    /// <summary>A tote in Size S (HK$120, 3 left) and M (HK$150.50, sold out), published unless asked.</summary>
    static JsonObject TwoSizes(Guid[] photos, string status = "published") => new()
    {
        ["title"] = $"Canvas tote {Guid.NewGuid().ToString("N")[..6]}",
        ["description"] = "Heavy canvas </script><b>bold</b>",
        ["photoIds"] = new JsonArray([.. photos.Select(p => (JsonNode)JsonValue.Create(p.ToString()))]),
        ["category"] = "bags",
        ["options"] = new JsonArray(new JsonObject { ["name"] = "Size", ["values"] = new JsonArray("S", "M") }),
        ["skus"] = new JsonArray(ShopApi.Sku(12000, 3, "HKD", ("Size", "S")), ShopApi.Sku(15050, 0, "HKD", ("Size", "M"))),
        ["status"] = status,
    };

    /// <summary>A seller's shop with the published two-size tote.</summary>
    async Task<(Session Seller, string Slug, JsonElement Product, long Id)> NewToteAsync(int photos = 1)
    {
        var (seller, slug) = await factory.NewShopAsync();
        var product = await seller.CreateProductAsync(slug, TwoSizes(await seller.UploadPhotosAsync(photos)));
        return (seller, slug, product, product.GetProperty("id").GetInt64());
    }

    static JsonElement JsonLd(string html)
    {
        var script = Assert.Single(JsonLdScript().Matches(html));
        Assert.DoesNotContain("<", script.Groups[1].Value, StringComparison.Ordinal);
        using var doc = JsonDocument.Parse(script.Groups[1].Value);
        return doc.RootElement.Clone();
    }

    [Fact]
    public async Task The_shop_page_shows_the_verified_brand_its_sections_and_published_products_with_json_ld_and_open_graph()
    {
        var (brand, slug) = await factory.NewShopAsync("brand");
        await factory.VerifyAsync(brand);
        var pictures = await brand.UploadPhotosAsync(2);
        using (var patch = await brand.Client.PatchJsonAsync($"/api/v1/shops/{slug}", new { logoId = pictures[0], bannerId = pictures[1] }))
            await patch.ShouldBeAsync(HttpStatusCode.OK);
        var shop = await factory.Anonymous().GetJsonAsync($"/api/v1/shops/{slug}");
        var bags = shop.GetProperty("sections")[0].GetProperty("id").GetInt64();
        var wallets = shop.GetProperty("sections")[1].GetProperty("id").GetInt64();
        var photo = await brand.UploadPhotosAsync(1);
        var tote = TwoSizes(photo);
        tote["section"] = bags;
        var toteId = await brand.CreateProductIdAsync(slug, tote);
        var wallet = ShopApi.SimpleProduct(photo, amount: 9900, stock: 0);
        wallet["section"] = wallets;
        var walletId = await brand.CreateProductIdAsync(slug, wallet);
        var draftId = await brand.CreateProductIdAsync(slug, ShopApi.SimpleProduct(photo, status: "draft"));
        using var anonymous = factory.Anonymous();
        anonymous.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");

        var html = await anonymous.PageAsync($"/s/{slug}");

        var text = WebUtility.HtmlDecode(html);
        Assert.Contains("Kowloon Tea House 九龍茶莊", text, StringComparison.Ordinal);
        Assert.Contains("Hand-roasted oolong", text, StringComparison.Ordinal);
        Assert.Contains("class=\"verified\"", html, StringComparison.Ordinal);
        Assert.Contains($"href=\"/u/{brand.Account.Handle}\"", html, StringComparison.Ordinal);
        Assert.Contains($"href=\"/p/{toteId}\"", html, StringComparison.Ordinal);
        Assert.Contains("from HK$120.00", text, StringComparison.Ordinal);
        Assert.Contains($"href=\"/p/{walletId}\"", html, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"sold-out-badge\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain($"href=\"/p/{draftId}\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("/edit\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("/products/new", html, StringComparison.Ordinal);
        Assert.Equal([bags, wallets], SectionChip().Matches(html).Select(m => long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)));

        var store = JsonLd(html);
        Assert.Equal("Store", store.GetProperty("@type").GetString());
        Assert.Equal("Kowloon Tea House 九龍茶莊", store.GetProperty("name").GetString());
        Assert.Equal($"http://localhost/s/{slug}", store.GetProperty("url").GetString());
        Assert.Matches("^http://localhost/.+/large\\.jpg$", store.GetProperty("logo").GetString());
        var meta = Meta(html);
        Assert.StartsWith("Kowloon Tea House", meta["og:title"], StringComparison.Ordinal);
        Assert.Equal(store.GetProperty("image").GetString(), meta["og:image"]);
        Assert.Equal("summary_large_image", meta["twitter:card"]);

        // A section chip shows that section's products only; the QR code is the shop's address.
        var walletsPage = await anonymous.PageAsync($"/s/{slug}?section={wallets}");
        Assert.Contains($"href=\"/p/{walletId}\"", walletsPage, StringComparison.Ordinal);
        Assert.DoesNotContain($"href=\"/p/{toteId}\"", walletsPage, StringComparison.Ordinal);
        using var qr = await anonymous.GetAsync($"/s/{slug.ToUpperInvariant()}/qr.svg");
        await qr.ShouldBeAsync(HttpStatusCode.OK);
        Assert.Equal("image/svg+xml", qr.Content.Headers.ContentType?.MediaType);

        // The owner also sees the draft, marked, and the buttons to add products and edit the shop.
        var own = await factory.Browser(brand).PageAsync($"/s/{slug}");
        Assert.Contains($"href=\"/p/{draftId}\"", own, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"draft-badge\"", own, StringComparison.Ordinal);
        Assert.Contains($"href=\"/s/{slug}/products/new\"", own, StringComparison.Ordinal);
        Assert.Contains($"href=\"/s/{slug}/edit\"", own, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("en")]
    [InlineData("it")]
    [InlineData("zh-Hant-HK")]
    public async Task The_product_page_shows_the_price_in_the_viewers_culture(string culture)
    {
        var (seller, slug) = await factory.NewShopAsync();
        var id = await seller.CreateProductIdAsync(slug, TwoSizes(await seller.UploadPhotosAsync(1)));
        using var client = factory.Anonymous();
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd(culture);

        var text = WebUtility.HtmlDecode(await client.PageAsync($"/p/{id}"));

        var viewer = CultureInfo.GetCultureInfo(culture);
        Assert.Contains($"data-sku-price>{new Money(12000, "HKD").Format(viewer)}</p>", text, StringComparison.Ordinal);
        Assert.Contains(new Money(15050, "HKD").Format(viewer), text, StringComparison.Ordinal); // in the picker's data
        if (culture == "it") Assert.Contains("120,00", text, StringComparison.Ordinal);
        else Assert.Contains("HK$120.00", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_product_page_has_an_offer_per_sku_open_graph_and_a_picker_that_works_with_links()
    {
        var (seller, slug, product, id) = await NewToteAsync(2);
        var small = ShopApi.SkuId(product, "S");
        var medium = ShopApi.SkuId(product, "M");
        using var client = factory.Anonymous();

        var html = await client.PageAsync($"/p/{id}");

        // Nothing the seller typed comes out as markup.
        Assert.DoesNotContain("<b>bold", html, StringComparison.Ordinal);
        var ld = JsonLd(html);
        Assert.Equal("Product", ld.GetProperty("@type").GetString());
        Assert.Equal("Heavy canvas </script><b>bold</b>", ld.GetProperty("description").GetString());
        Assert.Equal("Bags", ld.GetProperty("category").GetString());
        Assert.Equal(2, ld.GetProperty("image").GetArrayLength());
        var offers = ld.GetProperty("offers").EnumerateArray().ToList();
        Assert.Equal(2, offers.Count);
        Assert.Equal(["120.00", "150.50"], offers.Select(o => o.GetProperty("price").GetString()));
        Assert.All(offers, o => Assert.Equal("HKD", o.GetProperty("priceCurrency").GetString()));
        Assert.Equal(["https://schema.org/InStock", "https://schema.org/OutOfStock"], offers.Select(o => o.GetProperty("availability").GetString()));
        Assert.Equal($"http://localhost/p/{id}?sku={medium}", offers[1].GetProperty("url").GetString());
        var meta = Meta(html);
        Assert.Equal("product", meta["og:type"]);
        Assert.Equal(ld.GetProperty("image")[0].GetString(), meta["og:image"]);
        Assert.Contains("from HK$120.00", meta["og:title"], StringComparison.Ordinal);
        Assert.Equal("120.00", meta["product:price:amount"]);
        Assert.Equal("HKD", meta["product:price:currency"]);
        Assert.Equal("instock", meta["product:availability"]);

        // S is chosen (in stock, 3 left); M is sold out, so it is not offered as a link.
        var text = WebUtility.HtmlDecode(html);
        Assert.Contains("Only 3 left", text, StringComparison.Ordinal);
        Assert.Contains($"href=\"/p/{id}?sku={small}\" aria-current=\"true\"", html, StringComparison.Ordinal);
        Assert.Contains("<a class=\"sku-value\" role=\"link\" aria-disabled=\"true\" data-option=\"0\" data-value=\"M\">", html, StringComparison.Ordinal);
        Assert.Contains($"href=\"/s/{slug}\" data-testid=\"shop-card\"", html, StringComparison.Ordinal);
        // Signed out or someone else: no owner tools. The owner: edit and unpublish.
        Assert.DoesNotContain("owner-tools", html, StringComparison.Ordinal);
        Assert.DoesNotContain("owner-tools", await factory.Browser(await factory.NewSessionAsync()).PageAsync($"/p/{id}"), StringComparison.Ordinal);
        var own = await factory.Browser(seller).PageAsync($"/p/{id}");
        Assert.Contains($"href=\"/p/{id}/edit\"", own, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"unpublish\"", own, StringComparison.Ordinal);

        // The link a browser without JavaScript follows: ?sku= shows that SKU, here sold out.
        var mediumText = WebUtility.HtmlDecode(await client.PageAsync($"/p/{id}?sku={medium}"));
        Assert.Contains("data-sku-price>HK$150.50</p>", mediumText, StringComparison.Ordinal);
        Assert.Contains("Sold out", mediumText, StringComparison.Ordinal);
        using var qr = await client.GetAsync($"/p/{id}/qr.svg");
        await qr.ShouldBeAsync(HttpStatusCode.OK);
        Assert.Equal("image/svg+xml", qr.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_draft_product_is_404_for_everyone_but_its_owner()
    {
        var (seller, slug) = await factory.NewShopAsync();
        var stranger = await factory.NewSessionAsync();
        var id = await seller.CreateProductIdAsync(slug, TwoSizes(await seller.UploadPhotosAsync(1), status: "draft"));
        using var anonymous = factory.Anonymous();
        using var strangerClient = factory.Browser(stranger);

        var anonymousHtml = await anonymous.PageAsync($"/p/{id}", HttpStatusCode.NotFound);
        var strangerHtml = await strangerClient.PageAsync($"/p/{id}", HttpStatusCode.NotFound);
        var ownerHtml = await factory.Browser(seller).PageAsync($"/p/{id}");

        Assert.DoesNotContain("Canvas tote", anonymousHtml, StringComparison.Ordinal);
        Assert.DoesNotContain("Canvas tote", strangerHtml, StringComparison.Ordinal);
        Assert.DoesNotContain("application/ld+json", strangerHtml, StringComparison.Ordinal);
        Assert.Contains("og:title", strangerHtml, StringComparison.Ordinal);
        Assert.Contains("Canvas tote", ownerHtml, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"draft-banner\"", ownerHtml, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"publish\"", ownerHtml, StringComparison.Ordinal);
        using var qr = await anonymous.GetAsync($"/p/{id}/qr.svg");
        Assert.Equal(HttpStatusCode.NotFound, qr.StatusCode);
        await strangerClient.PageAsync($"/p/{id}/edit", HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Unknown_shops_and_products_are_404()
    {
        var someone = await factory.NewSessionAsync();
        using var anonymous = factory.Anonymous();
        using var client = factory.Browser(someone);

        Assert.Contains("og:title", await anonymous.PageAsync($"/s/{ShopApi.NewSlug("gone")}", HttpStatusCode.NotFound), StringComparison.Ordinal);
        await anonymous.PageAsync("/p/987654321", HttpStatusCode.NotFound);
        await client.PageAsync($"/s/{ShopApi.NewSlug("gone")}/edit", HttpStatusCode.NotFound);
        await client.PageAsync($"/s/{ShopApi.NewSlug("gone")}/products/new", HttpStatusCode.NotFound);
        await client.PageAsync("/p/987654321/edit", HttpStatusCode.NotFound);
        using var qr = await anonymous.GetAsync($"/s/{ShopApi.NewSlug("gone")}/qr.svg");
        Assert.Equal(HttpStatusCode.NotFound, qr.StatusCode);
    }

    [Fact]
    public async Task Signed_out_the_management_pages_ask_to_sign_in()
    {
        var (seller, slug) = await factory.NewShopAsync();
        var id = await seller.CreateProductIdAsync(slug);
        using var client = factory.Anonymous();

        foreach (var path in new[] { "/shops/new", $"/s/{slug}/edit", $"/s/{slug}/products/new", $"/p/{id}/edit" })
        {
            using var response = await client.GetAsync(path);
            Assert.Equal("/signin", LocationPath(response).Split('?')[0]);
        }
    }

    [Fact]
    public async Task Someone_else_cannot_open_or_post_the_management_forms_and_nothing_changes()
    {
        var (_, slug, _, id) = await NewToteAsync();
        var (stranger, _) = await factory.NewShopAsync();
        using var client = factory.Browser(stranger);
        var shopBefore = await factory.Anonymous().SnapshotAsync($"/api/v1/shops/{slug}");
        var productBefore = await factory.Anonymous().SnapshotAsync($"/api/v1/products/{id}");

        foreach (var path in new[] { $"/s/{slug}/edit", $"/s/{slug}/products/new", $"/p/{id}/edit" })
        {
            var html = await client.PageAsync(path, HttpStatusCode.Forbidden);
            Assert.Contains("data-testid=\"forbidden\"", html, StringComparison.Ordinal);
            Assert.DoesNotContain("<form method=\"post\" enctype", html, StringComparison.Ordinal);
        }

        // Their own antiforgery token (from a page they may use), posted at someone else's forms: refused, nothing changes.
        var own = await client.PageAsync("/sell");
        var posts = new (string Path, string Form, (string, string)[] Fields)[]
        {
            ($"/s/{slug}/edit", "edit-shop", [("Input.Name", "Mine now"), ("Input.Slug", slug)]),
            ($"/s/{slug}/products/new", "new-product", [("Input.Title", "Planted"), ("Input.Skus[0].Values", "[]"), ("Input.Skus[0].Price", "1"),
                ("Input.Skus[0].Stock", "1"), ("Input.Currency", "HKD"), ("Input.Status", "published")]),
            ($"/p/{id}/edit", "edit-product", [("Input.Title", "Mine now"), ("Input.Status", "draft")]),
            ($"/p/{id}", "status", [("Status", "draft")]),
        };
        foreach (var (path, form, fields) in posts)
        {
            using var response = await client.PostFormAsync(path, form, own, fields);
            Assert.True((int)response.StatusCode is 400 or 403 or 404, $"{path} answered {(int)response.StatusCode}");
        }
        Assert.Equal(shopBefore, await factory.Anonymous().SnapshotAsync($"/api/v1/shops/{slug}"));
        Assert.Equal(productBefore, await factory.Anonymous().SnapshotAsync($"/api/v1/products/{id}"));
    }

    [Fact]
    public async Task A_seller_opens_a_shop_and_adds_a_product_with_two_sizes_from_the_pages()
    {
        var seller = await factory.NewSellerAsync();
        using var client = factory.Browser(seller);
        var slug = ShopApi.NewSlug("pages");
        var newShop = await client.PageAsync("/shops/new");

        using var opened = await client.PostFormAsync("/shops/new", "new-shop", newShop,
            [("Input.Name", "Sham Shui Po Denim"), ("Input.Slug", slug), ("Input.Description", "Raw denim, hemmed while you wait."),
             ("Input.Sections[0].Name", "Jeans"), ("Input.Sections[1].Name", "Jackets"), ("Input.Sections[2].Name", "")],
            [("logo", TestImages.Png(64, 64))]);

        Assert.Equal($"/s/{slug}", LocationPath(opened));
        var shop = await factory.Anonymous().GetJsonAsync($"/api/v1/shops/{slug}");
        Assert.Equal("Sham Shui Po Denim", shop.GetProperty("name").GetString());
        Assert.Equal(["Jeans", "Jackets"], shop.GetProperty("sections").EnumerateArray().Select(s => s.GetProperty("name").GetString()));
        Assert.Equal(JsonValueKind.Object, shop.GetProperty("logo").ValueKind);
        var jeans = shop.GetProperty("sections")[0].GetProperty("id").GetInt64().ToString(CultureInfo.InvariantCulture);

        // Options typed, "update variants": one row per size comes back, the photo is kept, nothing is created yet.
        var form = await client.PageAsync($"/s/{slug}/products/new");
        Assert.Contains("<option value=\"USD\" selected", form, StringComparison.Ordinal);
        (string, string)[] fields =
        [
            ("Input.Title", "Selvedge jeans"), ("Input.Description", "14 oz."), ("Input.Category", "mens-clothing"), ("Input.Section", jeans),
            ("Input.Options[0].Name", "Size"), ("Input.Options[0].Values", "S, M"), ("Input.Currency", "HKD"), ("Input.Status", "published"),
            ("Input.Skus[0].Values", "[]"), ("Input.Skus[0].Price", "880"), ("Input.Skus[0].Stock", ""),
        ];
        using var variants = await client.PostFormAsync($"/s/{slug}/products/new", "new-product", form, [.. fields, ("Input.Action", "variants")], [("photos", TestImages.Png(90, 120))]);
        await variants.ShouldBeAsync(HttpStatusCode.OK);
        var rows = await variants.Content.ReadAsStringAsync();
        Assert.Contains("data-testid=\"variants-notice\"", rows, StringComparison.Ordinal);
        Assert.Contains("id=\"sku-0-price\"", rows, StringComparison.Ordinal);
        Assert.Contains("id=\"sku-1-stock\"", rows, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"sku-2-price\"", rows, StringComparison.Ordinal);
        var photo = Assert.Single(KeptPhoto().Matches(rows)).Groups[1].Value;
        Assert.Equal(0, await factory.QueryAsync(db => db.Products.CountAsync(p => db.Shops.Any(s => s.Id == p.ShopId && s.Slug == slug))));

        (string, string)[] sized =
        [
            .. fields.Where(f => !f.Item1.StartsWith("Input.Skus", StringComparison.Ordinal)), ("keep", photo),
            ("Input.Skus[0].Values", "[\"S\"]"), ("Input.Skus[0].Price", "880"), ("Input.Skus[0].Stock", "4"),
            ("Input.Skus[1].Values", "[\"M\"]"), ("Input.Skus[1].Price", "920.50"), ("Input.Skus[1].Stock", "2"),
        ];
        using var created = await client.PostFormAsync($"/s/{slug}/products/new", "new-product", rows, sized);

        var path = LocationPath(created);
        Assert.Matches("^/p/[0-9]+$", path);
        var product = await factory.Anonymous().GetJsonAsync($"/api/v1{path.Replace("/p/", "/products/", StringComparison.Ordinal)}");
        Assert.Equal("Selvedge jeans", product.GetProperty("title").GetString());
        Assert.Equal("published", product.GetProperty("status").GetString());
        Assert.Equal("mens-clothing", product.GetProperty("category").GetProperty("slug").GetString());
        Assert.Equal(jeans, product.GetProperty("section").GetProperty("id").GetInt64().ToString(CultureInfo.InvariantCulture));
        Assert.Equal(photo, product.GetProperty("photos")[0].GetProperty("id").GetString());
        var skus = product.GetProperty("skus").EnumerateArray().Select(s => (s.GetProperty("options").GetProperty("Size").GetString(),
            s.GetProperty("price").GetProperty("amount").GetInt64(), s.GetProperty("price").GetProperty("currency").GetString(), s.GetProperty("stock").GetInt32()));
        Assert.Equal([("S", 88000L, "HKD", 4), ("M", 92050L, "HKD", 2)], skus);
    }

    [Fact]
    public async Task The_owner_renames_the_shop_and_its_sections_from_the_edit_page_and_products_keep_their_section()
    {
        var (seller, slug) = await factory.NewShopAsync();
        var shop = await factory.Anonymous().GetJsonAsync($"/api/v1/shops/{slug}");
        var bags = shop.GetProperty("sections")[0].GetProperty("id").GetInt64().ToString(CultureInfo.InvariantCulture);
        var wallets = shop.GetProperty("sections")[1].GetProperty("id").GetInt64().ToString(CultureInfo.InvariantCulture);
        var tote = TwoSizes(await seller.UploadPhotosAsync(1));
        tote["section"] = long.Parse(bags, CultureInfo.InvariantCulture);
        var toteId = await seller.CreateProductIdAsync(slug, tote);
        using var client = factory.Browser(seller);
        var edit = await client.PageAsync($"/s/{slug}/edit");
        Assert.Contains($"name=\"Input.Sections[0].Id\" value=\"{bags}\"", edit, StringComparison.Ordinal);

        using var saved = await client.PostFormAsync($"/s/{slug}/edit", "edit-shop", edit,
        [
            ("Input.Name", "Kowloon Tea & Bags"), ("Input.Slug", slug), ("Input.Description", "Now with bags."),
            ("Input.Sections[0].Id", bags), ("Input.Sections[0].Name", "Handbags"), ("Input.Sections[1].Id", wallets), ("Input.Sections[1].Name", ""),
            ("Input.Sections[2].Name", "Belts"),
        ], [("banner", TestImages.Png(300, 100))]);

        Assert.Equal($"/s/{slug}?saved=1", LocationPath(saved));
        var after = await factory.Anonymous().GetJsonAsync($"/api/v1/shops/{slug}");
        Assert.Equal("Kowloon Tea & Bags", after.GetProperty("name").GetString());
        Assert.Equal(JsonValueKind.Object, after.GetProperty("banner").ValueKind);
        Assert.Equal([("Handbags", bags), ("Belts", null)], after.GetProperty("sections").EnumerateArray()
            .Select(x => (x.GetProperty("name").GetString(), x.GetProperty("id").GetInt64().ToString(CultureInfo.InvariantCulture)))
            .Select(x => (x.Item1, x.Item2 == bags ? bags : (string?)null)));
        var product = await factory.Anonymous().GetJsonAsync($"/api/v1/products/{toteId}");
        Assert.Equal("Handbags", product.GetProperty("section").GetProperty("name").GetString());
    }

    [Fact]
    public async Task The_owner_edits_stock_through_the_inventory_log_and_unpublishes_from_the_pages()
    {
        var (seller, slug, product, id) = await NewToteAsync();
        var small = ShopApi.SkuId(product, "S");
        using var client = factory.Browser(seller, "it");
        var edit = await client.PageAsync($"/p/{id}/edit");
        Assert.Contains("value=\"150,50\"", edit, StringComparison.Ordinal); // the owner's number format
        var photo = KeptPhoto().Match(edit).Groups[1].Value;

        using var saved = await client.PostFormAsync($"/p/{id}/edit", "edit-product", edit,
        [
            ("Input.Title", "Canvas tote, restocked"), ("Input.Category", "bags"), ("Input.Currency", "HKD"), ("Input.Status", "draft"), ("keep", photo),
            ("Input.Options[0].Name", "Size"), ("Input.Options[0].Values", "S, M"),
            ("Input.Skus[0].Values", "[\"S\"]"), ("Input.Skus[0].Id", small.ToString(CultureInfo.InvariantCulture)), ("Input.Skus[0].Price", "120"),
            ("Input.Skus[0].Stock", "10"), ("Input.Skus[0].Was", "3"),
            ("Input.Skus[1].Values", "[\"M\"]"), ("Input.Skus[1].Id", ShopApi.SkuId(product, "M").ToString(CultureInfo.InvariantCulture)),
            ("Input.Skus[1].Price", "150,50"), ("Input.Skus[1].Stock", "0"), ("Input.Skus[1].Was", "0"),
        ]);

        Assert.Equal($"/p/{id}?saved=1", LocationPath(saved));
        var after = await factory.Browser(seller).GetJsonAsync($"/api/v1/products/{id}");
        Assert.Equal("Canvas tote, restocked", after.GetProperty("title").GetString());
        Assert.Equal("draft", after.GetProperty("status").GetString());
        Assert.Equal(small, ShopApi.SkuId(after, "S")); // same SKU, by id: its history goes on
        Assert.Equal([10, 0], after.GetProperty("skus").EnumerateArray().Select(s => s.GetProperty("stock").GetInt32()));
        Assert.Equal([12000L, 15050L], after.GetProperty("skus").EnumerateArray().Select(s => s.GetProperty("price").GetProperty("amount").GetInt64()));
        var log = await factory.QueryAsync(db => db.StockMovements.Where(m => m.SkuId == small).OrderBy(m => m.Id).Select(m => new { m.Delta, m.StockAfter, m.Reason }).ToListAsync());
        Assert.Equal([(3, 3, StockReason.Initial), (7, 10, StockReason.Adjustment)], log.Select(m => (m.Delta, m.StockAfter, m.Reason)));
        await factory.Anonymous().PageAsync($"/p/{id}", HttpStatusCode.NotFound);

        // Publish again from the product page's owner tools.
        var page = await client.PageAsync($"/p/{id}");
        using var published = await client.PostFormAsync($"/p/{id}", "status", page, [("Status", "published")]);
        Assert.Equal($"/p/{id}?saved=1", LocationPath(published));
        await factory.Anonymous().PageAsync($"/p/{id}");
    }

    [Fact]
    public async Task Form_errors_are_shown_under_their_fields_in_the_viewers_language_and_nothing_is_created()
    {
        var (seller, slug) = await factory.NewShopAsync();
        var shopId = await factory.QueryAsync(db => db.Shops.Where(s => s.Slug == slug).Select(s => s.Id).SingleAsync());
        using var client = factory.Browser(seller, "ru");
        var form = await client.PageAsync($"/s/{slug}/products/new");

        using var response = await client.PostFormAsync($"/s/{slug}/products/new", "new-product", form,
        [
            ("Input.Title", ""), ("Input.Currency", "HKD"), ("Input.Status", "published"),
            ("Input.Skus[0].Values", "[]"), ("Input.Skus[0].Price", "abc"), ("Input.Skus[0].Stock", "lots"),
        ]);

        await response.ShouldBeAsync(HttpStatusCode.OK);
        var html = await response.Content.ReadAsStringAsync();
        var text = WebUtility.HtmlDecode(html);
        Assert.Contains("id=\"title-error\"", html, StringComparison.Ordinal);
        Assert.Contains("Укажите название.", text, StringComparison.Ordinal);
        Assert.Contains("id=\"sku0Price-error\"", html, StringComparison.Ordinal);
        Assert.Contains("Введите цену числом", text, StringComparison.Ordinal);
        Assert.Contains("id=\"sku0Stock-error\"", html, StringComparison.Ordinal);
        Assert.Contains("Укажите остаток целым числом", text, StringComparison.Ordinal);
        Assert.Contains("Добавьте от 1 до 10 фотографий.", text, StringComparison.Ordinal); // the rules' word on the rest, at once
        Assert.Equal(0, await factory.QueryAsync(db => db.Products.CountAsync(p => p.ShopId == shopId)));

        // The shop form in Traditional Chinese: a slug the rules refuse, and one that is taken.
        var other = await factory.NewSellerAsync();
        using var chinese = factory.Browser(other, "zh-Hant-HK");
        var newShop = await chinese.PageAsync("/shops/new");
        using var bad = await chinese.PostFormAsync("/shops/new", "new-shop", newShop, [("Input.Name", "茶"), ("Input.Slug", "No Spaces!")]);
        Assert.Contains("請使用 3 至 40 個小楷英文字母", WebUtility.HtmlDecode(await bad.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        using var taken = await chinese.PostFormAsync("/shops/new", "new-shop", newShop, [("Input.Name", "茶"), ("Input.Slug", slug)]);
        Assert.Contains("此網址已被使用", WebUtility.HtmlDecode(await taken.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        var otherId = (await (await other.Client.GetAsync("/api/v1/me")).JsonAsync()).GetProperty("id").GetGuid();
        Assert.False(await factory.QueryAsync(db => db.Shops.AnyAsync(s => s.OwnerId == otherId)));
    }

    [Fact]
    public async Task A_personal_account_is_asked_to_switch_and_an_open_shop_is_pointed_to()
    {
        var person = await factory.NewSessionAsync();
        var (seller, slug) = await factory.NewShopAsync();

        var personal = await factory.Browser(person).PageAsync("/shops/new");
        var owner = await factory.Browser(seller).PageAsync("/shops/new");

        Assert.Contains("data-testid=\"switch-kind\"", personal, StringComparison.Ordinal);
        Assert.DoesNotContain("name=\"Input.Slug\"", personal, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"has-shop\"", owner, StringComparison.Ordinal);
        Assert.Contains($"href=\"/s/{slug}\"", owner, StringComparison.Ordinal);
        // The Sell tab and the profile link to the shop, or to opening one.
        Assert.Contains($"href=\"/s/{slug}\" data-testid=\"shop-link\"", await factory.Browser(seller).PageAsync("/sell"), StringComparison.Ordinal);
        Assert.Contains("href=\"/shops/new\" data-testid=\"open-shop\"", await factory.Browser(person).PageAsync($"/u/{person.Account.Handle}"), StringComparison.Ordinal);
        Assert.Contains($"href=\"/s/{slug}\" data-testid=\"shop-link\"", await factory.Anonymous().PageAsync($"/u/{seller.Account.Handle}"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Home_shows_fresh_published_products_every_time()
    {
        // The page and its product component query at the same time: it needs its own DbContext (as FreshListings).
        var (seller, slug) = await factory.NewShopAsync();
        var photo = await seller.UploadPhotosAsync(1);
        var published = await seller.CreateProductIdAsync(slug, TwoSizes(photo));
        var draft = await seller.CreateProductIdAsync(slug, TwoSizes(photo, status: "draft"));
        var viewer = await factory.NewSessionAsync();
        using var client = factory.Browser(viewer);

        for (var i = 0; i < 10; i++)
        {
            var html = await client.PageAsync("/");
            Assert.Contains($"href=\"/p/{published}\"", html, StringComparison.Ordinal);
            Assert.DoesNotContain($"href=\"/p/{draft}\"", html, StringComparison.Ordinal);
        }
    }
}

public sealed class SqliteShopPageTests(SqliteAppFactory factory) : ShopPageTests(factory), IClassFixture<SqliteAppFactory>;

public sealed class PostgresShopPageTests(PostgresAppFactory factory) : ShopPageTests(factory), IClassFixture<PostgresAppFactory>;
