using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Souk.Tests.Infrastructure;

namespace Souk.Tests.Catalog;

/// <summary>Opening, reading and editing shops: who may, the slug rules, and other people trying to change one.</summary>
public abstract class ShopTests(SoukAppFactory factory)
{
    async Task<Guid> IdOfAsync(Session session) =>
        (await session.Client.GetJsonAsync("/api/v1/me")).GetProperty("id").GetGuid();

    Task<int> ShopCountAsync(Guid ownerId) => factory.QueryAsync(db => db.Shops.CountAsync(s => s.OwnerId == ownerId));

    Task<string> AnonymousShopAsync(string slug) => factory.Anonymous().SnapshotAsync($"/api/v1/shops/{slug}");

    [Theory]
    [InlineData("seller")]
    [InlineData("brand")]
    [InlineData("creator")]
    public async Task A_seller_brand_or_creator_opens_a_shop_201_with_its_location_and_everything_it_was_given(string kind)
    {
        var seller = await factory.NewSellerAsync(kind);
        var logo = await seller.UploadPhotoAsync();
        var banner = await seller.UploadPhotoAsync();
        var slug = ShopApi.NewSlug("tea");
        var body = ShopApi.ValidShop($"  {slug.ToUpperInvariant()} ", "Oolong 烏龍", "Pu'er 普洱", "Teaware");
        body["logoId"] = logo.ToString();
        body["bannerId"] = banner.ToString();

        using var response = await seller.Client.PostJsonAsync("/api/v1/shops", body);

        await response.ShouldBeAsync(HttpStatusCode.Created);
        Assert.Equal($"/api/v1/shops/{slug}", response.Headers.Location?.OriginalString);
        var shop = await response.JsonAsync();
        Assert.Equal(slug, shop.GetProperty("slug").GetString());
        Assert.EndsWith($"/s/{slug}", shop.GetProperty("url").GetString(), StringComparison.Ordinal);
        Assert.Equal("Kowloon Tea House 九龍茶莊", shop.GetProperty("name").GetString());
        Assert.Equal("Hand-roasted oolong and pu'er since 1962.\nSham Shui Po.", shop.GetProperty("description").GetString());
        Assert.Equal(logo, shop.GetProperty("logo").GetProperty("id").GetGuid());
        Assert.EndsWith("/thumbnail.webp", shop.GetProperty("logo").GetProperty("urls").GetProperty("thumbnail").GetString(), StringComparison.Ordinal);
        Assert.Equal(banner, shop.GetProperty("banner").GetProperty("id").GetGuid());
        Assert.Equal(["Oolong 烏龍", "Pu'er 普洱", "Teaware"], shop.GetProperty("sections").EnumerateArray().Select(s => s.GetProperty("name").GetString()));
        Assert.All(shop.GetProperty("sections").EnumerateArray(), s => Assert.Equal(0, s.GetProperty("productCount").GetInt32()));
        Assert.Equal(0, shop.GetProperty("productCount").GetInt32());
        Assert.False(shop.GetProperty("verified").GetBoolean());
        var owner = shop.GetProperty("owner");
        Assert.Equal(seller.Account.Handle, owner.GetProperty("handle").GetString());
        Assert.Equal(kind, owner.GetProperty("kind").GetString());
        Assert.False(owner.GetProperty("isVerified").GetBoolean());

        // Public, and the address is case-insensitive.
        var read = await factory.Anonymous().GetJsonAsync($"/api/v1/shops/{slug.ToUpperInvariant()}");
        Assert.Equal(shop.GetRawText(), read.GetRawText());
        var row = await factory.QueryAsync(db => db.Shops.AsNoTracking().Include(s => s.Sections).SingleAsync(s => s.Slug == slug));
        Assert.Equal(await IdOfAsync(seller), row.OwnerId);
        Assert.Equal([0, 1, 2], row.Sections.OrderBy(s => s.Position).Select(s => s.Position));
    }

    [Fact]
    public async Task A_personal_account_gets_403_telling_it_to_switch_account_kind_and_nothing_is_written()
    {
        var person = await factory.NewSessionAsync();
        var slug = ShopApi.NewSlug();

        using var response = await person.Client.PostJsonAsync("/api/v1/shops", ShopApi.ValidShop(slug));

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        var detail = problem.GetProperty("detail").GetString()!;
        Assert.Contains("Personal accounts cannot open a shop", detail, StringComparison.Ordinal);
        Assert.Contains("\"kind\"", detail, StringComparison.Ordinal);
        Assert.Equal(0, await ShopCountAsync(await IdOfAsync(person)));
        Assert.StartsWith("404 ", await AnonymousShopAsync(slug), StringComparison.Ordinal);

        // After switching the account kind, the same request works.
        using (var patch = await person.Client.PatchJsonAsync("/api/v1/me", new { kind = "creator" })) await patch.ShouldBeAsync(HttpStatusCode.OK);
        await person.OpenShopAsync(ShopApi.ValidShop(slug));
    }

    [Fact]
    public async Task A_second_shop_is_409_linking_to_the_first()
    {
        var (seller, slug) = await factory.NewShopAsync();
        var other = ShopApi.NewSlug();

        using var response = await seller.Client.PostJsonAsync("/api/v1/shops", ShopApi.ValidShop(other));

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(slug, problem.GetProperty("shop").GetProperty("slug").GetString());
        Assert.EndsWith($"/s/{slug}", problem.GetProperty("shop").GetProperty("url").GetString(), StringComparison.Ordinal);
        Assert.EndsWith($"/api/v1/shops/{slug}", problem.GetProperty("shop").GetProperty("apiUrl").GetString(), StringComparison.Ordinal);
        Assert.Equal(1, await ShopCountAsync(await IdOfAsync(seller)));
        Assert.StartsWith("404 ", await AnonymousShopAsync(other), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Two_concurrent_first_shops_of_one_account_make_one_shop()
    {
        var seller = await factory.NewSellerAsync();

        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => seller.Client.PostJsonAsync("/api/v1/shops", ShopApi.ValidShop())));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created);
        Assert.All(responses.Where(r => r.StatusCode != HttpStatusCode.Created), r => Assert.Equal(HttpStatusCode.Conflict, r.StatusCode));
        Assert.Equal(1, await ShopCountAsync(await IdOfAsync(seller)));
        foreach (var r in responses) r.Dispose();
    }

    [Fact]
    public async Task A_taken_slug_is_409_on_field_slug_whatever_its_case()
    {
        var (_, slug) = await factory.NewShopAsync();
        var late = await factory.NewSellerAsync();

        using var response = await late.Client.PostJsonAsync("/api/v1/shops", ShopApi.ValidShop(slug.ToUpperInvariant()));

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("slug", problem.GetProperty("field").GetString());
        Assert.Equal(0, await ShopCountAsync(await IdOfAsync(late)));
    }

    public static TheoryData<string, string> Guards => new()
    {
        { "no slug", "slug" },
        { "two-character slug", "slug" },
        { "41-character slug", "slug" },
        { "slug with a space", "slug" },
        { "slug with an underscore", "slug" },
        { "slug with a leading hyphen", "slug" },
        { "slug with a trailing hyphen", "slug" },
        { "slug with a double hyphen", "slug" },
        { "slug with an accent", "slug" },
        { "reserved slug admin", "slug" },
        { "reserved slug shops", "slug" },
        { "no name", "name" },
        { "61-character name", "name" },
        { "2001-character description", "description" },
        { "21 sections", "sections" },
        { "two sections with one name", "sections[1].name" },
        { "blank section name", "sections[0].name" },
        { "a section id on a new shop", "sections[0].id" },
        { "logo that is not an id", "logoId" },
        { "someone else's logo", "logoId" },
        { "unknown banner", "bannerId" },
    };

    static async Task BreakAsync(JsonObject body, string guard, Func<Task<Guid>> foreignPhoto)
    {
        JsonArray Sections() => (JsonArray)body["sections"]!;
        switch (guard)
        {
            case "no slug": body.Remove("slug"); break;
            case "two-character slug": body["slug"] = "ab"; break;
            case "41-character slug": body["slug"] = new string('a', 41); break;
            case "slug with a space": body["slug"] = "tea house"; break;
            case "slug with an underscore": body["slug"] = "tea_house"; break;
            case "slug with a leading hyphen": body["slug"] = "-teahouse"; break;
            case "slug with a trailing hyphen": body["slug"] = "teahouse-"; break;
            case "slug with a double hyphen": body["slug"] = "tea--house"; break;
            case "slug with an accent": body["slug"] = "caffè-roma"; break;
            case "reserved slug admin": body["slug"] = "admin"; break;
            case "reserved slug shops": body["slug"] = "SHOPS"; break;
            case "no name": body.Remove("name"); break;
            case "61-character name": body["name"] = new string('n', 61); break;
            case "2001-character description": body["description"] = new string('d', 2001); break;
            case "21 sections": body["sections"] = new JsonArray([.. Enumerable.Range(0, 21).Select(i => (JsonNode)new JsonObject { ["name"] = $"S{i}" })]); break;
            case "two sections with one name": Sections().Add(new JsonObject { ["name"] = "Bags" }); Sections().Add(new JsonObject { ["name"] = " BAGS " }); break;
            case "blank section name": Sections().Add(new JsonObject { ["name"] = "  " }); break;
            case "a section id on a new shop": Sections().Add(new JsonObject { ["id"] = 1, ["name"] = "Bags" }); break;
            case "logo that is not an id": body["logoId"] = 42; break;
            case "someone else's logo": body["logoId"] = (await foreignPhoto()).ToString(); break;
            case "unknown banner": body["bannerId"] = Guid.CreateVersion7().ToString(); break;
            default: throw new ArgumentOutOfRangeException(nameof(guard), guard, null);
        }
    }

    [Theory]
    [MemberData(nameof(Guards))]
    public async Task A_broken_field_is_400_naming_it_and_writes_nothing(string guard, string field)
    {
        var seller = await factory.NewSellerAsync();
        var body = ShopApi.ValidShop();
        await BreakAsync(body, guard, async () => await (await factory.NewSessionAsync()).UploadPhotoAsync());

        using var response = await seller.Client.PostJsonAsync("/api/v1/shops", body);

        var problem = await response.ShouldBeValidationProblemAsync(field);
        Assert.Single(problem.GetProperty("errors").EnumerateObject());
        Assert.Equal(0, await ShopCountAsync(await IdOfAsync(seller)));
    }

    [Fact]
    public async Task The_owner_patches_some_fields_and_the_rest_stays()
    {
        var (seller, slug) = await factory.NewShopAsync();
        var before = await seller.Client.GetJsonAsync($"/api/v1/shops/{slug}");
        var logo = await seller.UploadPhotoAsync();

        using var response = await seller.Client.PatchJsonAsync($"/api/v1/shops/{slug}", new { name = "  Atelier Milano  ", logoId = logo });

        await response.ShouldBeAsync(HttpStatusCode.OK);
        var read = await factory.Anonymous().GetJsonAsync($"/api/v1/shops/{slug}");
        Assert.Equal("Atelier Milano", read.GetProperty("name").GetString());
        Assert.Equal(logo, read.GetProperty("logo").GetProperty("id").GetGuid());
        foreach (var unchanged in new[] { "id", "slug", "description", "banner", "sections", "owner", "createdAt" })
            Assert.Equal(before.GetProperty(unchanged).GetRawText(), read.GetProperty(unchanged).GetRawText());
        Assert.True(read.GetProperty("updatedAt").GetDateTime() >= before.GetProperty("updatedAt").GetDateTime());

        // An explicit null removes the logo; leaving it out keeps it.
        using (var keep = await seller.Client.PatchJsonAsync($"/api/v1/shops/{slug}", new { description = "New words" })) await keep.ShouldBeAsync(HttpStatusCode.OK);
        Assert.Equal(logo, (await factory.Anonymous().GetJsonAsync($"/api/v1/shops/{slug}")).GetProperty("logo").GetProperty("id").GetGuid());
        using (var remove = await seller.Client.PatchJsonAsync($"/api/v1/shops/{slug}", new { logoId = (Guid?)null })) await remove.ShouldBeAsync(HttpStatusCode.OK);
        Assert.Equal(JsonValueKind.Null, (await factory.Anonymous().GetJsonAsync($"/api/v1/shops/{slug}")).GetProperty("logo").ValueKind);
    }

    [Fact]
    public async Task Patching_sections_renames_reorders_adds_and_removes_and_products_of_a_removed_section_stay_in_the_shop()
    {
        var (seller, slug) = await factory.NewShopAsync();
        var shop = await seller.Client.GetJsonAsync($"/api/v1/shops/{slug}");
        var bags = shop.GetProperty("sections")[0].GetProperty("id").GetInt64();
        var wallets = shop.GetProperty("sections")[1].GetProperty("id").GetInt64();
        var body = ShopApi.ValidProduct(await seller.UploadPhotosAsync(1));
        body["section"] = wallets;
        var product = await seller.CreateProductIdAsync(slug, body);

        using var response = await seller.Client.PatchJsonAsync($"/api/v1/shops/{slug}", new
        {
            sections = new object[] { new { name = "Belts" }, new { id = bags, name = "Handbags" } },
        });

        await response.ShouldBeAsync(HttpStatusCode.OK);
        var read = await factory.Anonymous().GetJsonAsync($"/api/v1/shops/{slug}");
        var sections = read.GetProperty("sections").EnumerateArray().ToList();
        Assert.Equal(["Belts", "Handbags"], sections.Select(s => s.GetProperty("name").GetString()));
        Assert.Equal(bags, sections[1].GetProperty("id").GetInt64());
        Assert.DoesNotContain(sections, s => s.GetProperty("id").GetInt64() == wallets);
        Assert.Equal(1, read.GetProperty("productCount").GetInt32());
        var p = await factory.Anonymous().GetJsonAsync($"/api/v1/products/{product}");
        Assert.Equal(JsonValueKind.Null, p.GetProperty("section").ValueKind);
        Assert.Equal(0, await factory.QueryAsync(db => db.ShopSections.CountAsync(s => s.Id == wallets)));
    }

    [Fact]
    public async Task A_section_id_of_another_shop_is_400_and_changes_nothing()
    {
        var (seller, slug) = await factory.NewShopAsync();
        var (_, otherSlug) = await factory.NewShopAsync();
        var foreign = (await factory.Anonymous().GetJsonAsync($"/api/v1/shops/{otherSlug}")).GetProperty("sections")[0].GetProperty("id").GetInt64();
        var before = await AnonymousShopAsync(slug);

        using var response = await seller.Client.PatchJsonAsync($"/api/v1/shops/{slug}", new { name = "Renamed", sections = new object[] { new { id = foreign, name = "Mine" } } });

        await response.ShouldBeValidationProblemAsync("sections[0].id");
        Assert.Equal(before, await AnonymousShopAsync(slug));
    }

    [Fact]
    public async Task Changing_the_slug_moves_the_shop_and_a_taken_slug_is_409_and_changes_nothing()
    {
        var (seller, slug) = await factory.NewShopAsync();
        var (_, taken) = await factory.NewShopAsync();
        var moved = ShopApi.NewSlug("moved");

        using var conflict = await seller.Client.PatchJsonAsync($"/api/v1/shops/{slug}", new { name = "Renamed", slug = taken });
        var problem = await conflict.ShouldBeProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("slug", problem.GetProperty("field").GetString());
        Assert.NotEqual("Renamed", (await factory.Anonymous().GetJsonAsync($"/api/v1/shops/{slug}")).GetProperty("name").GetString());

        using var move = await seller.Client.PatchJsonAsync($"/api/v1/shops/{slug}", new { slug = moved });
        await move.ShouldBeAsync(HttpStatusCode.OK);
        Assert.Equal(moved, (await move.JsonAsync()).GetProperty("slug").GetString());
        Assert.StartsWith("404 ", await AnonymousShopAsync(slug), StringComparison.Ordinal);
        Assert.StartsWith("200 ", await AnonymousShopAsync(moved), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Another_user_cannot_patch_a_shop_and_nothing_changes()
    {
        var (_, slug) = await factory.NewShopAsync();
        var intruder = await factory.NewSellerAsync();
        var photo = await intruder.UploadPhotoAsync();
        var before = await AnonymousShopAsync(slug);

        using var patch = await intruder.Client.PatchJsonAsync($"/api/v1/shops/{slug}", new { name = "Stolen", slug = ShopApi.NewSlug("stolen"), logoId = photo, sections = Array.Empty<object>() });
        using var unknown = await intruder.Client.PatchJsonAsync($"/api/v1/shops/{ShopApi.NewSlug("ghost")}", new { name = "x" });
        using var anonymous = await factory.Anonymous().PatchJsonAsync($"/api/v1/shops/{slug}", new { name = "x" });

        await patch.ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await unknown.ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await anonymous.ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Equal(before, await AnonymousShopAsync(slug));
        Assert.StartsWith("200 ", before, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Anonymous_opening_is_401_and_an_unknown_shop_is_404()
    {
        using var client = factory.Anonymous();

        using var post = await client.PostJsonAsync("/api/v1/shops", ShopApi.ValidShop());
        using var get = await client.GetAsync($"/api/v1/shops/{ShopApi.NewSlug("ghost")}");
        using var tooLong = await client.GetAsync($"/api/v1/shops/{new string('x', 300)}");

        await post.ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        await get.ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await tooLong.ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Only_a_verified_brand_shows_the_verified_badge_on_its_shop_and_products()
    {
        var (brand, brandSlug) = await factory.NewShopAsync("brand");
        var (unverifiedBrand, unverifiedSlug) = await factory.NewShopAsync("brand");
        var (seller, sellerSlug) = await factory.NewShopAsync("seller");
        await factory.VerifyAsync(brand);
        await factory.VerifyAsync(seller);
        var brandProduct = await brand.CreateProductIdAsync(brandSlug);
        var unverifiedProduct = await unverifiedBrand.CreateProductIdAsync(unverifiedSlug);
        var sellerProduct = await seller.CreateProductIdAsync(sellerSlug);
        using var client = factory.Anonymous();

        var official = await client.GetJsonAsync($"/api/v1/shops/{brandSlug}");
        Assert.True(official.GetProperty("verified").GetBoolean());
        Assert.True(official.GetProperty("owner").GetProperty("isVerified").GetBoolean());
        var product = await client.GetJsonAsync($"/api/v1/products/{brandProduct}");
        Assert.True(product.GetProperty("verified").GetBoolean());
        Assert.True(product.GetProperty("shop").GetProperty("verified").GetBoolean());

        Assert.False((await client.GetJsonAsync($"/api/v1/shops/{unverifiedSlug}")).GetProperty("verified").GetBoolean());
        Assert.False((await client.GetJsonAsync($"/api/v1/products/{unverifiedProduct}")).GetProperty("verified").GetBoolean());
        // A verified seller is a verified person, not a brand's official shop.
        var sellerShop = await client.GetJsonAsync($"/api/v1/shops/{sellerSlug}");
        Assert.False(sellerShop.GetProperty("verified").GetBoolean());
        Assert.True(sellerShop.GetProperty("owner").GetProperty("isVerified").GetBoolean());
        Assert.False((await client.GetJsonAsync($"/api/v1/products/{sellerProduct}")).GetProperty("shop").GetProperty("verified").GetBoolean());
    }

    [Fact]
    public async Task The_openapi_document_lists_the_shop_routes_with_tags()
    {
        using var client = factory.Anonymous();

        var paths = (await client.GetJsonAsync("/openapi/v1.json")).GetProperty("paths");

        var expected = new (string Path, string Method, string Tag)[]
        {
            ("/api/v1/shops", "post", "Shops"),
            ("/api/v1/shops/{slug}", "get", "Shops"),
            ("/api/v1/shops/{slug}", "patch", "Shops"),
            ("/api/v1/shops/{slug}/products", "post", "Products"),
            ("/api/v1/shops/{slug}/products", "get", "Products"),
            ("/api/v1/products/{id}", "get", "Products"),
            ("/api/v1/products/{id}", "patch", "Products"),
        };
        foreach (var (path, method, tag) in expected)
        {
            Assert.True(paths.TryGetProperty(path, out var item), $"{path} missing");
            Assert.True(item.TryGetProperty(method, out var operation), $"{method} {path} missing");
            Assert.Contains(tag, operation.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
        }
    }
}

public sealed class SqliteShopTests(SqliteAppFactory factory) : ShopTests(factory), IClassFixture<SqliteAppFactory>;

public sealed class PostgresShopTests(PostgresAppFactory factory) : ShopTests(factory), IClassFixture<PostgresAppFactory>;
