using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Souk.Tests.Infrastructure;
using Souk.Web.Modules.Catalog;

namespace Souk.Tests.Catalog;

/// <summary>Products with options and SKUs: creating, the SKU matrix rules, drafts, reading and listing, and other people trying to edit.</summary>
public abstract class ProductTests(SoukAppFactory factory)
{
    Task<int> ProductCountAsync(string slug) => factory.QueryAsync(db => db.Products.CountAsync(p => db.Shops.Any(s => s.Id == p.ShopId && s.Slug == slug)));

    Task<string> AnonymousProductAsync(long id) => factory.Anonymous().SnapshotAsync($"/api/v1/products/{id}");

    [Fact]
    public async Task Creating_a_product_is_201_with_its_location_options_skus_and_price_range()
    {
        var (seller, slug) = await factory.NewShopAsync();
        var photos = await seller.UploadPhotosAsync(3);
        var skuPhoto = photos[2];
        var body = ShopApi.ValidProduct([photos[1], photos[0]]);
        body["skus"]![1]!["photoId"] = skuPhoto.ToString();
        body["skus"]![1]!["code"] = " TOTE-S-BLUE ";
        // Option names and values match case-insensitively and come back as the options spell them.
        body["skus"]![3]!["options"] = new JsonObject { ["colour"] = "blue", ["SIZE"] = "m" };

        using var response = await seller.Client.PostJsonAsync($"/api/v1/shops/{slug}/products", body);

        await response.ShouldBeAsync(HttpStatusCode.Created);
        var created = await response.JsonAsync();
        var id = created.GetProperty("id").GetInt64();
        Assert.Equal($"/api/v1/products/{id}", response.Headers.Location?.OriginalString);
        Assert.EndsWith($"/p/{id}", created.GetProperty("url").GetString(), StringComparison.Ordinal);
        Assert.Equal(slug, created.GetProperty("shop").GetProperty("slug").GetString());
        Assert.Equal("Kowloon Tea House 九龍茶莊", created.GetProperty("shop").GetProperty("name").GetString());
        Assert.False(created.GetProperty("shop").GetProperty("verified").GetBoolean());
        Assert.Equal(body["title"]!.GetValue<string>(), created.GetProperty("title").GetString());
        Assert.Equal("Full-grain leather, hand-stitched.", created.GetProperty("description").GetString());
        Assert.Equal([photos[1], photos[0]], created.GetProperty("photos").EnumerateArray().Select(p => p.GetProperty("id").GetGuid()));
        Assert.All(created.GetProperty("photos").EnumerateArray(), p => Assert.EndsWith("/medium.jpg", p.GetProperty("urls").GetProperty("medium").GetString(), StringComparison.Ordinal));
        Assert.Equal("""[{"name":"Size","values":["S","M"]},{"name":"Colour","values":["Red","Blue"]}]""", created.GetProperty("options").GetRawText());
        var skus = created.GetProperty("skus").EnumerateArray().ToList();
        Assert.Equal(4, skus.Count);
        Assert.Equal("""{"Size":"S","Colour":"Red"}""", skus[0].GetProperty("options").GetRawText());
        Assert.Equal("""{"Size":"M","Colour":"Blue"}""", skus[3].GetProperty("options").GetRawText());
        Assert.Equal("""{"amount":12000,"currency":"HKD"}""", skus[0].GetProperty("price").GetRawText());
        Assert.Equal([1, 2, 3, 4], skus.Select(s => s.GetProperty("stock").GetInt32()));
        Assert.All(skus, s => Assert.True(s.GetProperty("inStock").GetBoolean()));
        Assert.Equal(skuPhoto, skus[1].GetProperty("photo").GetProperty("id").GetGuid());
        Assert.Equal(JsonValueKind.Null, skus[0].GetProperty("photo").ValueKind);
        Assert.Equal("TOTE-S-BLUE", skus[1].GetProperty("code").GetString());
        Assert.Equal(12000, created.GetProperty("priceRange").GetProperty("min").GetProperty("amount").GetInt64());
        Assert.Equal(15000, created.GetProperty("priceRange").GetProperty("max").GetProperty("amount").GetInt64());
        Assert.Equal("HKD", created.GetProperty("priceRange").GetProperty("max").GetProperty("currency").GetString());
        Assert.True(created.GetProperty("inStock").GetBoolean());
        Assert.Equal("published", created.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, created.GetProperty("section").ValueKind);

        var read = await factory.Anonymous().GetJsonAsync($"/api/v1/products/{id}");
        Assert.Equal(created.GetRawText(), read.GetRawText());
        // Every SKU's first stock is logged, by its seller.
        var skuIds = skus.Select(s => s.GetProperty("id").GetInt64()).ToList();
        var movements = await factory.QueryAsync(db => db.StockMovements.AsNoTracking().Where(m => skuIds.Contains(m.SkuId)).OrderBy(m => m.SkuId).ToListAsync());
        Assert.Equal([1, 2, 3, 4], movements.Select(m => m.Delta));
        Assert.All(movements, m => Assert.Equal(StockReason.Initial, m.Reason));
        Assert.All(movements, m => Assert.Equal(m.Delta, m.StockAfter));
        var sellerId = (await seller.Client.GetJsonAsync("/api/v1/me")).GetProperty("id").GetGuid();
        Assert.All(movements, m => Assert.Equal(sellerId, m.ActorId));
    }

    [Fact]
    public async Task A_product_without_options_has_exactly_one_sku()
    {
        var (seller, slug) = await factory.NewShopAsync();
        var photos = await seller.UploadPhotosAsync(1);

        var simple = await seller.CreateProductAsync(slug, ShopApi.SimpleProduct(photos, amount: 88000, stock: 0));
        var two = ShopApi.SimpleProduct(photos);
        ((JsonArray)two["skus"]!).Add(new JsonObject { ["price"] = ShopApi.Money(100), ["stock"] = 1 });
        using var twoResponse = await seller.Client.PostJsonAsync($"/api/v1/shops/{slug}/products", two);
        var none = ShopApi.SimpleProduct(photos);
        none["skus"] = new JsonArray();
        using var noneResponse = await seller.Client.PostJsonAsync($"/api/v1/shops/{slug}/products", none);

        Assert.Equal("[]", simple.GetProperty("options").GetRawText());
        var sku = simple.GetProperty("skus").EnumerateArray().Single();
        Assert.Equal("{}", sku.GetProperty("options").GetRawText());
        Assert.False(sku.GetProperty("inStock").GetBoolean());
        Assert.False(simple.GetProperty("inStock").GetBoolean());
        Assert.Equal(88000, simple.GetProperty("priceRange").GetProperty("min").GetProperty("amount").GetInt64());
        await twoResponse.ShouldBeValidationProblemAsync("skus");
        await noneResponse.ShouldBeValidationProblemAsync("skus");
        Assert.Equal(1, await ProductCountAsync(slug));
    }

    public static TheoryData<string, string> Guards => new()
    {
        { "missing combination", "skus" },
        { "duplicate combination", "skus" },
        { "unknown option value", "skus[1].options" },
        { "unknown option name", "skus[0].options" },
        { "an option left out of a sku", "skus[2].options" },
        { "mixed currencies", "skus[2].price.currency" },
        { "zero price", "skus[0].price.amount" },
        { "negative price", "skus[0].price.amount" },
        { "absurd price", "skus[3].price.amount" },
        { "absurd JPY price", "skus[0].price.amount" },
        { "unknown currency", "skus[0].price.currency" },
        { "no price", "skus[0].price" },
        { "negative stock", "skus[1].stock" },
        { "stock over a million", "skus[1].stock" },
        { "no stock", "skus[1].stock" },
        { "stockDelta on a new sku", "skus[0].stockDelta" },
        { "41-character code", "skus[0].code" },
        { "two skus with one code", "skus[1].code" },
        { "no skus", "skus" },
        { "four options", "options" },
        { "two options with one name", "options[1].name" },
        { "an option without values", "options[0].values" },
        { "21 values", "options[0].values" },
        { "a value twice", "options[1].values" },
        { "a 31-character value", "options[0].values" },
        { "more than 100 combinations", "options" },
        { "no title", "title" },
        { "81-character title", "title" },
        { "4001-character description", "description" },
        { "no photos", "photoIds" },
        { "11 photos", "photoIds" },
        { "the same photo twice", "photoIds" },
        { "unknown section", "section" },
        { "section that is not a number", "section" },
        { "unknown status", "status" },
    };

    static void Break(JsonObject body, string guard)
    {
        JsonArray Skus() => (JsonArray)body["skus"]!;
        JsonObject Sku(int i) => (JsonObject)Skus()[i]!;
        JsonArray Options() => (JsonArray)body["options"]!;
        switch (guard)
        {
            case "missing combination": Skus().RemoveAt(2); break;
            case "duplicate combination": Sku(3)["options"] = new JsonObject { ["Size"] = "S", ["Colour"] = "Red" }; break;
            case "unknown option value": Sku(1)["options"]!["Colour"] = "Green"; break;
            case "unknown option name": ((JsonObject)Sku(0)["options"]!)["Material"] = "Leather"; break;
            case "an option left out of a sku": ((JsonObject)Sku(2)["options"]!).Remove("Colour"); break;
            case "mixed currencies": Sku(2)["price"] = ShopApi.Money(1500, "EUR"); break;
            case "zero price": Sku(0)["price"]!["amount"] = 0; break;
            case "negative price": Sku(0)["price"]!["amount"] = -1; break;
            case "absurd price": Sku(3)["price"]!["amount"] = 1_000_000_001; break; // HK$10,000,000.01
            case "absurd JPY price":
                foreach (var s in Skus()) s!["price"] = ShopApi.Money(1000, "JPY");
                Sku(0)["price"]!["amount"] = 190_000_001;
                break;
            case "unknown currency": Sku(0)["price"]!["currency"] = "XYZ"; break;
            case "no price": Sku(0).Remove("price"); break;
            case "negative stock": Sku(1)["stock"] = -1; break;
            case "stock over a million": Sku(1)["stock"] = 1_000_001; break;
            case "no stock": Sku(1).Remove("stock"); break;
            case "stockDelta on a new sku": Sku(0)["stockDelta"] = 5; break;
            case "41-character code": Sku(0)["code"] = new string('c', 41); break;
            case "two skus with one code": Sku(0)["code"] = "TOTE-1"; Sku(1)["code"] = "tote-1"; break;
            case "no skus": body.Remove("skus"); break;
            case "four options":
                foreach (var name in new[] { "Material", "Strap" }) Options().Add(new JsonObject { ["name"] = name, ["values"] = new JsonArray("A") });
                break;
            case "two options with one name": Options()[1]!["name"] = "size"; break;
            case "an option without values": Options()[0]!["values"] = new JsonArray(); break;
            case "21 values": Options()[0]!["values"] = new JsonArray([.. Enumerable.Range(0, 21).Select(i => (JsonNode)JsonValue.Create($"V{i}"))]); break;
            case "a value twice": ((JsonArray)Options()[1]!["values"]!).Add("RED"); break;
            case "a 31-character value": ((JsonArray)Options()[0]!["values"]!).Add(new string('v', 31)); break;
            case "more than 100 combinations":
                body["options"] = new JsonArray(
                    new JsonObject { ["name"] = "A", ["values"] = new JsonArray([.. Enumerable.Range(0, 11).Select(i => (JsonNode)JsonValue.Create($"a{i}"))]) },
                    new JsonObject { ["name"] = "B", ["values"] = new JsonArray([.. Enumerable.Range(0, 10).Select(i => (JsonNode)JsonValue.Create($"b{i}"))]) });
                break;
            case "no title": body.Remove("title"); break;
            case "81-character title": body["title"] = new string('t', 81); break;
            case "4001-character description": body["description"] = new string('d', 4001); break;
            case "no photos": body["photoIds"] = new JsonArray(); break;
            case "11 photos": body["photoIds"] = new JsonArray([.. Enumerable.Range(0, 11).Select(_ => (JsonNode)JsonValue.Create(Guid.NewGuid().ToString()))]); break;
            case "the same photo twice": ((JsonArray)body["photoIds"]!).Add(((JsonArray)body["photoIds"]!)[0]!.GetValue<string>()); break;
            case "unknown section": body["section"] = 987654321; break;
            case "section that is not a number": body["section"] = "Bags"; break;
            case "unknown status": body["status"] = "live"; break;
            default: throw new ArgumentOutOfRangeException(nameof(guard), guard, null);
        }
    }

    [Theory]
    [MemberData(nameof(Guards))]
    public async Task A_broken_field_is_400_naming_it_and_writes_nothing(string guard, string field)
    {
        var (seller, slug) = await factory.NewShopAsync();
        var body = ShopApi.ValidProduct(await seller.UploadPhotosAsync(1));
        Break(body, guard);

        using var response = await seller.Client.PostJsonAsync($"/api/v1/shops/{slug}/products", body);

        var problem = await response.ShouldBeValidationProblemAsync(field);
        Assert.Single(problem.GetProperty("errors").EnumerateObject());
        Assert.Equal(0, await ProductCountAsync(slug));
    }

    [Fact]
    public async Task Several_matrix_problems_are_all_named_at_once()
    {
        var (seller, slug) = await factory.NewShopAsync();
        var body = ShopApi.ValidProduct(await seller.UploadPhotosAsync(1));
        body["skus"]![0]!["price"]!["amount"] = 0;
        body["skus"]![1]!["stock"] = -5;
        body["skus"]![2]!["price"] = ShopApi.Money(100, "CNY");
        ((JsonArray)body["skus"]!).RemoveAt(3);

        using var response = await seller.Client.PostJsonAsync($"/api/v1/shops/{slug}/products", body);

        var problem = await response.ShouldBeValidationProblemAsync("skus[0].price.amount", "skus[1].stock", "skus", "skus[2].price.currency");
        Assert.Contains("Size M / Colour Blue", problem.GetProperty("errors").GetProperty("skus")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Someone_elses_photos_are_400_on_the_field_that_uses_them_and_write_nothing()
    {
        var (seller, slug) = await factory.NewShopAsync();
        var other = await factory.NewSessionAsync();
        var mine = await seller.UploadPhotoAsync();
        var theirs = await other.UploadPhotoAsync();
        var productPhoto = ShopApi.ValidProduct([mine, theirs]);
        var skuPhoto = ShopApi.ValidProduct([mine]);
        skuPhoto["skus"]![2]!["photoId"] = theirs.ToString();

        using var product = await seller.Client.PostJsonAsync($"/api/v1/shops/{slug}/products", productPhoto);
        using var sku = await seller.Client.PostJsonAsync($"/api/v1/shops/{slug}/products", skuPhoto);

        await product.ShouldBeValidationProblemAsync("photoIds");
        var problem = await sku.ShouldBeValidationProblemAsync("skus[2].photoId");
        Assert.Single(problem.GetProperty("errors").EnumerateObject());
        Assert.Equal(0, await ProductCountAsync(slug));
    }

    [Fact]
    public async Task Only_the_owner_adds_products_to_a_shop()
    {
        var (_, slug) = await factory.NewShopAsync();
        var intruder = await factory.NewSellerAsync();
        var body = ShopApi.ValidProduct(await intruder.UploadPhotosAsync(1));

        using var foreign = await intruder.Client.PostJsonAsync($"/api/v1/shops/{slug}/products", body);
        using var unknown = await intruder.Client.PostJsonAsync($"/api/v1/shops/{ShopApi.NewSlug("ghost")}/products", body);
        using var anonymous = await factory.Anonymous().PostJsonAsync($"/api/v1/shops/{slug}/products", body);

        await foreign.ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await unknown.ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await anonymous.ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Equal(0, await ProductCountAsync(slug));
    }

    [Fact]
    public async Task A_draft_is_404_to_everyone_but_the_owner_who_sees_it_in_the_shop_too()
    {
        var (seller, slug) = await factory.NewShopAsync();
        var other = await factory.NewSellerAsync();
        var published = await seller.CreateProductIdAsync(slug);
        var draft = await seller.CreateProductIdAsync(slug, ShopApi.ValidProduct(await seller.UploadPhotosAsync(1), status: "draft"));
        // A product sent without a status is a draft: nothing goes public by accident.
        var body = ShopApi.ValidProduct(await seller.UploadPhotosAsync(1));
        body.Remove("status");
        var unstated = await seller.CreateProductAsync(slug, body);
        Assert.Equal("draft", unstated.GetProperty("status").GetString());
        var before = await seller.Client.SnapshotAsync($"/api/v1/products/{draft}");

        using var anonymous = await factory.Anonymous().GetAsync($"/api/v1/products/{draft}");
        using var otherGet = await other.Client.GetAsync($"/api/v1/products/{draft}");
        using var otherPatch = await other.Client.PatchJsonAsync($"/api/v1/products/{draft}", new { title = "Mine", status = "published" });

        foreach (var r in new[] { anonymous, otherGet, otherPatch }) await r.ShouldBeProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal(before, await seller.Client.SnapshotAsync($"/api/v1/products/{draft}"));
        Assert.Equal("draft", (await seller.Client.GetJsonAsync($"/api/v1/products/{draft}")).GetProperty("status").GetString());

        var publicList = (await factory.Anonymous().GetJsonAsync($"/api/v1/shops/{slug}/products")).GetProperty("items").EnumerateArray().Select(p => p.GetProperty("id").GetInt64());
        var ownList = (await seller.Client.GetJsonAsync($"/api/v1/shops/{slug}/products")).GetProperty("items").EnumerateArray().Select(p => p.GetProperty("id").GetInt64());
        Assert.Equal([published], publicList);
        Assert.Equal([unstated.GetProperty("id").GetInt64(), draft, published], ownList);
        Assert.Equal(1, (await factory.Anonymous().GetJsonAsync($"/api/v1/shops/{slug}")).GetProperty("productCount").GetInt32());
        Assert.Equal(3, (await seller.Client.GetJsonAsync($"/api/v1/shops/{slug}")).GetProperty("productCount").GetInt32());

        // Publishing makes it public.
        using (var publish = await seller.Client.PatchJsonAsync($"/api/v1/products/{draft}", new { status = "published" })) await publish.ShouldBeAsync(HttpStatusCode.OK);
        Assert.StartsWith("200 ", await AnonymousProductAsync(draft), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_shops_products_are_paged_newest_first_and_filtered_by_section()
    {
        var (seller, slug) = await factory.NewShopAsync();
        var shop = await seller.Client.GetJsonAsync($"/api/v1/shops/{slug}");
        var bags = shop.GetProperty("sections")[0].GetProperty("id").GetInt64();
        var photo = await seller.UploadPhotoAsync();
        var ids = new List<long>();
        for (var i = 0; i < 5; i++)
        {
            var body = ShopApi.ValidProduct([photo], title: $"Bag {i}");
            if (i % 2 == 0) body["section"] = bags;
            ids.Add(await seller.CreateProductIdAsync(slug, body));
        }
        var url = $"/api/v1/shops/{slug}/products";

        var seen = new List<long>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = await factory.Anonymous().GetJsonAsync($"{url}?limit=2" + (cursor is null ? "" : $"&cursor={Uri.EscapeDataString(cursor)}"));
            seen.AddRange(page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetInt64()));
            cursor = page.GetProperty("nextCursor").GetString();
            Assert.True(++pages <= 5, "The cursor never ended");
        }
        while (cursor is not null);
        var inBags = (await factory.Anonymous().GetJsonAsync($"{url}?section={bags}")).GetProperty("items").EnumerateArray().ToList();
        using var badSection = await factory.Anonymous().GetAsync($"{url}?section=987654321");
        using var wordSection = await factory.Anonymous().GetAsync($"{url}?section=bags");
        using var badCursor = await factory.Anonymous().GetAsync($"{url}?cursor=bm90LWEtbnVtYmVy");
        using var unknownShop = await factory.Anonymous().GetAsync($"/api/v1/shops/{ShopApi.NewSlug("ghost")}/products");

        Assert.Equal(Enumerable.Reverse(ids), seen);
        Assert.Equal([ids[4], ids[2], ids[0]], inBags.Select(i => i.GetProperty("id").GetInt64()));
        var card = inBags[0];
        Assert.Equal("Bag 4", card.GetProperty("title").GetString());
        Assert.Equal(bags, card.GetProperty("sectionId").GetInt64());
        Assert.EndsWith("/thumbnail.webp", card.GetProperty("cover").GetProperty("thumbnail").GetString(), StringComparison.Ordinal);
        Assert.Equal(12000, card.GetProperty("priceRange").GetProperty("min").GetProperty("amount").GetInt64());
        Assert.True(card.GetProperty("inStock").GetBoolean());
        await badSection.ShouldBeValidationProblemAsync("section");
        await wordSection.ShouldBeValidationProblemAsync("section");
        await badCursor.ShouldBeValidationProblemAsync("cursor");
        await unknownShop.ShouldBeProblemAsync(HttpStatusCode.NotFound);
        var sections = (await factory.Anonymous().GetJsonAsync($"/api/v1/shops/{slug}")).GetProperty("sections");
        Assert.Equal(3, sections[0].GetProperty("productCount").GetInt32());
        Assert.Equal(0, sections[1].GetProperty("productCount").GetInt32());
    }

    [Fact]
    public async Task The_owner_patches_photos_section_and_sku_photos_and_the_rest_stays()
    {
        var (seller, slug) = await factory.NewShopAsync();
        var wallets = (await seller.Client.GetJsonAsync($"/api/v1/shops/{slug}")).GetProperty("sections")[1].GetProperty("id").GetInt64();
        var photos = await seller.UploadPhotosAsync(3);
        var created = await seller.CreateProductAsync(slug, ShopApi.ValidProduct(photos[..2]));
        var id = created.GetProperty("id").GetInt64();
        var sku = ShopApi.SkuId(created, "M", "Red");

        using (var first = await seller.Client.PatchJsonAsync($"/api/v1/products/{id}", new
        {
            photoIds = new[] { photos[2], photos[0] },
            section = wallets,
            skus = new object[] { new { id = sku, photoId = photos[1] } },
        }))
            await first.ShouldBeAsync(HttpStatusCode.OK);
        var read = await factory.Anonymous().GetJsonAsync($"/api/v1/products/{id}");
        Assert.Equal([photos[2], photos[0]], read.GetProperty("photos").EnumerateArray().Select(p => p.GetProperty("id").GetGuid()));
        Assert.Equal(wallets, read.GetProperty("section").GetProperty("id").GetInt64());
        Assert.Equal("Wallets", read.GetProperty("section").GetProperty("name").GetString());
        Assert.Equal(photos[1], read.GetProperty("skus").EnumerateArray().Single(s => s.GetProperty("id").GetInt64() == sku).GetProperty("photo").GetProperty("id").GetGuid());
        foreach (var unchanged in new[] { "title", "description", "options", "priceRange", "status", "createdAt" })
            Assert.Equal(created.GetProperty(unchanged).GetRawText(), read.GetProperty(unchanged).GetRawText());
        var rows = await factory.QueryAsync(db => db.ProductPhotos.Where(p => p.ProductId == id).OrderBy(p => p.Position).Select(p => p.MediaId).ToListAsync());
        Assert.Equal([photos[2], photos[0]], rows);

        // Explicit nulls remove; fields left out stay.
        using (var second = await seller.Client.PatchJsonAsync($"/api/v1/products/{id}", new { section = (long?)null, skus = new object[] { new { id = sku, photoId = (Guid?)null } } }))
            await second.ShouldBeAsync(HttpStatusCode.OK);
        read = await factory.Anonymous().GetJsonAsync($"/api/v1/products/{id}");
        Assert.Equal(JsonValueKind.Null, read.GetProperty("section").ValueKind);
        Assert.Equal(JsonValueKind.Null, read.GetProperty("skus").EnumerateArray().Single(s => s.GetProperty("id").GetInt64() == sku).GetProperty("photo").ValueKind);
        Assert.Equal(2, read.GetProperty("photos").GetArrayLength());
    }

    [Fact]
    public async Task Another_user_cannot_patch_a_product_and_nothing_changes()
    {
        var (seller, slug) = await factory.NewShopAsync();
        var intruder = await factory.NewSellerAsync();
        var product = await seller.CreateProductAsync(slug);
        var id = product.GetProperty("id").GetInt64();
        var sku = ShopApi.SkuId(product, "S", "Red");
        var before = await AnonymousProductAsync(id);
        var movements = await factory.QueryAsync(db => db.StockMovements.CountAsync());

        using var patch = await intruder.Client.PatchJsonAsync($"/api/v1/products/{id}", new
        {
            title = "Stolen",
            status = "draft",
            skus = new object[] { new { id = sku, price = new { amount = 1, currency = "HKD" }, stockDelta = -1 } },
        });
        using var anonymous = await factory.Anonymous().PatchJsonAsync($"/api/v1/products/{id}", new { title = "x" });
        using var unknown = await intruder.Client.PatchJsonAsync("/api/v1/products/987654321", new { title = "x" });
        using var unknownGet = await factory.Anonymous().GetAsync("/api/v1/products/987654321");

        await patch.ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await anonymous.ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        await unknown.ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await unknownGet.ShouldBeProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal(before, await AnonymousProductAsync(id));
        Assert.StartsWith("200 ", before, StringComparison.Ordinal);
        Assert.Equal(1, await factory.QueryAsync(db => db.Skus.Where(s => s.Id == sku).Select(s => s.Stock).SingleAsync()));
        Assert.Equal(movements, await factory.QueryAsync(db => db.StockMovements.CountAsync()));
    }

    [Fact]
    public async Task A_sku_price_is_money_in_minor_units_with_its_currency()
    {
        var (seller, slug) = await factory.NewShopAsync();
        var product = await seller.CreateProductAsync(slug);

        var sku = product.GetProperty("skus")[0];

        Assert.Equal(["amount", "currency"], sku.GetProperty("price").EnumerateObject().Select(p => p.Name));
        Assert.Equal(JsonValueKind.Number, sku.GetProperty("price").GetProperty("amount").ValueKind);
    }
}

public sealed class SqliteProductTests(SqliteAppFactory factory) : ProductTests(factory), IClassFixture<SqliteAppFactory>;

public sealed class PostgresProductTests(PostgresAppFactory factory) : ProductTests(factory), IClassFixture<PostgresAppFactory>;
