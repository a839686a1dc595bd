using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Souk.Tests.Infrastructure;
using Souk.Web.Modules.Catalog;

namespace Souk.Tests.Catalog;

/// <summary>Creating, reading, editing and deleting listings, every guard, and other people trying to touch them.</summary>
public abstract class ListingTests(SoukAppFactory factory)
{
    async Task<Guid> IdOfAsync(Session session) =>
        (await (await session.Client.GetAsync("/api/v1/me")).JsonAsync()).GetProperty("id").GetGuid();

    Task<int> ListingCountAsync(Guid sellerId) => factory.QueryAsync(db => db.Listings.CountAsync(l => l.SellerId == sellerId));

    async Task<string> AnonymousTextAsync(long id)
    {
        using var client = factory.Anonymous();
        using var response = await client.GetAsync($"/api/v1/listings/{id}");
        return $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}";
    }

    [Fact]
    public async Task Creating_a_listing_is_201_with_its_location_and_everything_it_was_given()
    {
        var seller = await factory.NewSessionAsync();
        var photos = await seller.UploadPhotosAsync(3);
        var ordered = new[] { photos[2], photos[0], photos[1] };
        var body = CatalogApi.ValidListing(ordered, title: "  二手相機 Fujifilm X100V  ");

        using var response = await seller.Client.PostJsonAsync("/api/v1/listings", body);

        await response.ShouldBeAsync(HttpStatusCode.Created);
        var created = await response.JsonAsync();
        var id = created.GetProperty("id").GetInt64();
        Assert.Equal($"/api/v1/listings/{id}", response.Headers.Location?.OriginalString);
        Assert.EndsWith($"/l/{id}", created.GetProperty("url").GetString(), StringComparison.Ordinal);
        Assert.Equal("二手相機 Fujifilm X100V", created.GetProperty("title").GetString());
        Assert.Equal(980000, created.GetProperty("price").GetProperty("amount").GetInt64());
        Assert.Equal("HKD", created.GetProperty("price").GetProperty("currency").GetString());
        Assert.Equal("likeNew", created.GetProperty("condition").GetString());
        Assert.Equal("cameras", created.GetProperty("category").GetProperty("slug").GetString());
        Assert.Equal("Cameras", created.GetProperty("category").GetProperty("name").GetString());
        Assert.Equal(ordered, created.GetProperty("photos").EnumerateArray().Select(p => p.GetProperty("id").GetGuid()));
        Assert.All(created.GetProperty("photos").EnumerateArray(), p => Assert.EndsWith("/thumbnail.webp", p.GetProperty("urls").GetProperty("thumbnail").GetString(), StringComparison.Ordinal));
        Assert.Equal("Mong Kok MTR exit E2", created.GetProperty("delivery").GetProperty("meetUp").GetProperty("place").GetString());
        Assert.Equal(3000, created.GetProperty("delivery").GetProperty("shipping").GetProperty("fee").GetProperty("amount").GetInt64());
        Assert.Equal("active", created.GetProperty("state").GetString());
        Assert.Equal(0, created.GetProperty("savesCount").GetInt32());
        Assert.Equal(seller.Account.Handle, created.GetProperty("seller").GetProperty("handle").GetString());
        // Rounded to about 1 km in the answer and in the database; the exact point is nowhere.
        Assert.Equal(22.32, created.GetProperty("location").GetProperty("lat").GetDouble());
        Assert.Equal(114.17, created.GetProperty("location").GetProperty("lng").GetDouble());
        var stored = await factory.QueryAsync(db => db.Listings.AsNoTracking().SingleAsync(l => l.Id == id));
        Assert.Equal((22.32, 114.17), (stored.Latitude, stored.Longitude));

        using var anonymous = factory.Anonymous();
        var read = await anonymous.GetListingAsync(id);
        Assert.Equal(created.GetProperty("title").GetString(), read.GetProperty("title").GetString());
        Assert.Equal(ordered, read.GetProperty("photos").EnumerateArray().Select(p => p.GetProperty("id").GetGuid()));
        Assert.Equal(JsonValueKind.Null, read.GetProperty("saved").ValueKind);
    }

    [Fact]
    public async Task The_category_name_follows_the_request_language()
    {
        var seller = await factory.NewSessionAsync();
        var id = await seller.CreateListingIdAsync();
        using var client = factory.Anonymous();
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("zh-Hant-HK");

        var read = await client.GetListingAsync(id);

        Assert.Equal("相機", read.GetProperty("category").GetProperty("name").GetString());
    }

    [Fact]
    public async Task A_lower_case_currency_is_accepted_as_its_iso_code()
    {
        var seller = await factory.NewSessionAsync();
        var body = CatalogApi.ValidListing(await seller.UploadPhotosAsync(1));
        body["price"]!["currency"] = "eur";
        body["price"]!["amount"] = 39000;
        body["delivery"] = new JsonObject { ["shipping"] = new JsonObject { ["fee"] = new JsonObject { ["amount"] = 0, ["currency"] = "EUR" } } };

        var created = await seller.CreateListingAsync(body);

        Assert.Equal("EUR", created.GetProperty("price").GetProperty("currency").GetString());
        Assert.Equal(JsonValueKind.Null, created.GetProperty("delivery").GetProperty("meetUp").ValueKind);
        Assert.Equal(0, created.GetProperty("delivery").GetProperty("shipping").GetProperty("fee").GetProperty("amount").GetInt64());
    }

    public static TheoryData<string, string> Guards => new()
    {
        { "zero price", "price.amount" },
        { "negative price", "price.amount" },
        { "absurd HKD price", "price.amount" },
        { "absurd JPY price", "price.amount" },
        { "unknown currency", "price.currency" },
        { "no price", "price" },
        { "unknown category", "category" },
        { "parent category", "category" },
        { "no title", "title" },
        { "blank title", "title" },
        { "81-character title", "title" },
        { "4001-character description", "description" },
        { "unknown condition", "condition" },
        { "numeric condition", "condition" },
        { "no photos", "photoIds" },
        { "11 photos", "photoIds" },
        { "the same photo twice", "photoIds" },
        { "no delivery", "delivery" },
        { "empty delivery", "delivery" },
        { "meet-up without a place", "delivery.meetUp.place" },
        { "shipping without a fee", "delivery.shipping.fee" },
        { "negative shipping fee", "delivery.shipping.fee.amount" },
        { "fee in another currency", "delivery.shipping.fee.currency" },
        { "no location", "location" },
        { "no district", "location.district" },
        { "latitude 91", "location.lat" },
        { "longitude -181", "location.lng" },
    };

    static void Break(JsonObject body, string guard)
    {
        JsonObject Price() => (JsonObject)body["price"]!;
        JsonObject Delivery() => (JsonObject)body["delivery"]!;
        JsonObject Location() => (JsonObject)body["location"]!;
        switch (guard)
        {
            case "zero price": Price()["amount"] = 0; break;
            case "negative price": Price()["amount"] = -100; break;
            case "absurd HKD price": Price()["amount"] = 1_000_000_001; break; // HK$10,000,000.01
            case "absurd JPY price": Price()["currency"] = "JPY"; Price()["amount"] = 190_000_001; Delivery().Remove("shipping"); break;
            case "unknown currency": Price()["currency"] = "XYZ"; break;
            case "no price": body.Remove("price"); break;
            case "unknown category": body["category"] = "spaceships"; break;
            case "parent category": body["category"] = "electronics"; break;
            case "no title": body.Remove("title"); break;
            case "blank title": body["title"] = "   "; break;
            case "81-character title": body["title"] = new string('a', 81); break;
            case "4001-character description": body["description"] = new string('b', 4001); break;
            case "unknown condition": body["condition"] = "mint"; break;
            case "numeric condition": body["condition"] = "1"; break;
            case "no photos": body["photoIds"] = new JsonArray(); break;
            case "11 photos": body["photoIds"] = new JsonArray([.. Enumerable.Range(0, 11).Select(_ => (JsonNode)JsonValue.Create(Guid.NewGuid().ToString()))]); break;
            case "the same photo twice": ((JsonArray)body["photoIds"]!).Add(((JsonArray)body["photoIds"]!)[0]!.GetValue<string>()); break;
            case "no delivery": body.Remove("delivery"); break;
            case "empty delivery": body["delivery"] = new JsonObject(); break;
            case "meet-up without a place": Delivery()["meetUp"] = new JsonObject { ["place"] = " " }; break;
            case "shipping without a fee": Delivery()["shipping"] = new JsonObject(); break;
            case "negative shipping fee": Delivery()["shipping"]!["fee"]!["amount"] = -1; break;
            case "fee in another currency": Delivery()["shipping"]!["fee"]!["currency"] = "EUR"; break;
            case "no location": body.Remove("location"); break;
            case "no district": Location().Remove("district"); break;
            case "latitude 91": Location()["lat"] = 91; break;
            case "longitude -181": Location()["lng"] = -181; break;
            default: throw new ArgumentOutOfRangeException(nameof(guard), guard, null);
        }
    }

    [Theory]
    [MemberData(nameof(Guards))]
    public async Task A_broken_field_is_400_naming_it_and_writes_nothing(string guard, string field)
    {
        var seller = await factory.NewSessionAsync();
        var body = CatalogApi.ValidListing(await seller.UploadPhotosAsync(1));
        Break(body, guard);

        using var response = await seller.Client.PostJsonAsync("/api/v1/listings", body);

        var problem = await response.ShouldBeValidationProblemAsync(field);
        Assert.Single(problem.GetProperty("errors").EnumerateObject());
        Assert.Equal(0, await ListingCountAsync(await IdOfAsync(seller)));
    }

    [Fact]
    public async Task Several_broken_fields_are_all_named_at_once()
    {
        var seller = await factory.NewSessionAsync();
        var body = CatalogApi.ValidListing(await seller.UploadPhotosAsync(1));
        body["title"] = "";
        body["price"]!["amount"] = 0;
        body["category"] = "nope";

        using var response = await seller.Client.PostJsonAsync("/api/v1/listings", body);

        var problem = await response.ShouldBeValidationProblemAsync("title", "price.amount", "category");
        Assert.Equal(3, problem.GetProperty("errors").EnumerateObject().Count());
    }

    [Fact]
    public async Task The_highest_allowed_price_is_accepted()
    {
        var seller = await factory.NewSessionAsync();
        var body = CatalogApi.ValidListing(await seller.UploadPhotosAsync(1));
        body["price"]!["amount"] = ListingRules.MaxAmount["HKD"];

        var created = await seller.CreateListingAsync(body);

        Assert.Equal(1_000_000_000, created.GetProperty("price").GetProperty("amount").GetInt64());
    }

    [Fact]
    public async Task Someone_elses_photos_or_unknown_ids_are_400_on_photoIds_and_write_nothing()
    {
        var seller = await factory.NewSessionAsync();
        var other = await factory.NewSessionAsync();
        var mine = await seller.UploadPhotoAsync();
        var theirs = await other.UploadPhotoAsync();

        using var foreign = await seller.Client.PostJsonAsync("/api/v1/listings", CatalogApi.ValidListing([mine, theirs]));
        using var unknown = await seller.Client.PostJsonAsync("/api/v1/listings", CatalogApi.ValidListing([Guid.CreateVersion7()]));

        var foreignProblem = await foreign.ShouldBeValidationProblemAsync("photoIds");
        var unknownProblem = await unknown.ShouldBeValidationProblemAsync("photoIds");
        // The same words either way: the answer does not reveal that the other id exists.
        Assert.Equal(foreignProblem.GetProperty("errors").GetRawText(), unknownProblem.GetProperty("errors").GetRawText());
        Assert.Equal(0, await ListingCountAsync(await IdOfAsync(seller)));
        Assert.Equal(0, await factory.QueryAsync(db => db.ListingPhotos.CountAsync(p => p.MediaId == mine || p.MediaId == theirs)));
    }

    [Fact]
    public async Task Anonymous_writes_are_401_and_change_nothing()
    {
        var seller = await factory.NewSessionAsync();
        var id = await seller.CreateListingIdAsync();
        var before = await AnonymousTextAsync(id);
        using var client = factory.Anonymous();
        var total = await factory.QueryAsync(db => db.Listings.CountAsync());

        using var post = await client.PostJsonAsync("/api/v1/listings", CatalogApi.ValidListing([Guid.NewGuid()]));
        using var patch = await client.PatchJsonAsync($"/api/v1/listings/{id}", new { title = "mine now" });
        using var state = await client.PostJsonAsync($"/api/v1/listings/{id}/state", new { state = "sold" });
        using var delete = await client.DeleteAsync($"/api/v1/listings/{id}");
        using var save = await client.PutAsync($"/api/v1/listings/{id}/save", null);
        using var saved = await client.GetAsync("/api/v1/me/saved");

        foreach (var r in new[] { post, patch, state, delete, save, saved }) await r.ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Equal(total, await factory.QueryAsync(db => db.Listings.CountAsync()));
        Assert.Equal(before, await AnonymousTextAsync(id));
    }

    [Fact]
    public async Task An_unknown_listing_is_404_problem()
    {
        var session = await factory.NewSessionAsync();
        using var client = factory.Anonymous();

        using var get = await client.GetAsync("/api/v1/listings/987654321");
        using var patch = await session.Client.PatchJsonAsync("/api/v1/listings/987654321", new { title = "x" });
        using var delete = await session.Client.DeleteAsync("/api/v1/listings/987654321");

        await get.ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await patch.ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await delete.ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_seller_patches_some_fields_and_the_rest_stays()
    {
        var seller = await factory.NewSessionAsync();
        var created = await seller.CreateListingAsync();
        var id = created.GetProperty("id").GetInt64();

        using var response = await seller.Client.PatchJsonAsync($"/api/v1/listings/{id}", new
        {
            title = "Fujifilm X100V — price drop",
            price = new { amount = 900000, currency = "HKD" },
            delivery = new { meetUp = new { place = "Prince Edward MTR" } },
        });

        await response.ShouldBeAsync(HttpStatusCode.OK);
        var read = await factory.Anonymous().GetListingAsync(id);
        Assert.Equal("Fujifilm X100V — price drop", read.GetProperty("title").GetString());
        Assert.Equal(900000, read.GetProperty("price").GetProperty("amount").GetInt64());
        Assert.Equal("Prince Edward MTR", read.GetProperty("delivery").GetProperty("meetUp").GetProperty("place").GetString());
        Assert.Equal(JsonValueKind.Null, read.GetProperty("delivery").GetProperty("shipping").ValueKind);
        foreach (var unchanged in new[] { "description", "condition", "category", "photos", "location", "state", "createdAt" })
            Assert.Equal(created.GetProperty(unchanged).GetRawText(), read.GetProperty(unchanged).GetRawText());
        Assert.True(read.GetProperty("updatedAt").GetDateTime() >= created.GetProperty("updatedAt").GetDateTime());
    }

    [Fact]
    public async Task Patching_photos_replaces_them_in_the_new_order()
    {
        var seller = await factory.NewSessionAsync();
        var photos = await seller.UploadPhotosAsync(3);
        var id = await seller.CreateListingIdAsync(CatalogApi.ValidListing(photos[..2]));

        using var response = await seller.Client.PatchJsonAsync($"/api/v1/listings/{id}", new { photoIds = new[] { photos[2], photos[1] } });

        await response.ShouldBeAsync(HttpStatusCode.OK);
        var read = await factory.Anonymous().GetListingAsync(id);
        Assert.Equal([photos[2], photos[1]], read.GetProperty("photos").EnumerateArray().Select(p => p.GetProperty("id").GetGuid()));
        var rows = await factory.QueryAsync(db => db.ListingPhotos.Where(p => p.ListingId == id).OrderBy(p => p.Position).Select(p => p.MediaId).ToListAsync());
        Assert.Equal([photos[2], photos[1]], rows);
    }

    [Theory]
    [InlineData("price", "price.amount")]
    [InlineData("photos", "photoIds")]
    [InlineData("currency", "price.currency")]
    public async Task A_bad_patch_is_400_and_changes_nothing(string what, string field)
    {
        var seller = await factory.NewSessionAsync();
        var other = await factory.NewSessionAsync();
        var id = await seller.CreateListingIdAsync();
        var before = await AnonymousTextAsync(id);
        object body = what switch
        {
            // A good title with a bad price: neither is written.
            "price" => new { title = "New title", price = new { amount = 0, currency = "HKD" } },
            "photos" => new { title = "New title", photoIds = new[] { await other.UploadPhotoAsync() } },
            // The listing ships for a HKD fee; switching the price to EUR alone would leave the fee in HKD.
            _ => new { title = "New title", price = new { amount = 1000, currency = "EUR" } },
        };

        using var response = await seller.Client.PatchJsonAsync($"/api/v1/listings/{id}", body);

        await response.ShouldBeValidationProblemAsync(field);
        Assert.Equal(before, await AnonymousTextAsync(id));
    }

    [Fact]
    public async Task Another_user_cannot_patch_restate_or_delete_and_nothing_changes()
    {
        var seller = await factory.NewSessionAsync();
        var intruder = await factory.NewSessionAsync();
        var id = await seller.CreateListingIdAsync();
        var before = await AnonymousTextAsync(id);

        using var patch = await intruder.Client.PatchJsonAsync($"/api/v1/listings/{id}", new { title = "Stolen", price = new { amount = 1, currency = "HKD" } });
        using var state = await intruder.SetStateAsync(id, "sold");
        using var hide = await intruder.SetStateAsync(id, "hidden");
        using var delete = await intruder.Client.DeleteAsync($"/api/v1/listings/{id}");

        foreach (var r in new[] { patch, state, hide, delete }) await r.ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal(before, await AnonymousTextAsync(id));
        Assert.StartsWith("200 ", before, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_hidden_listing_is_404_to_everyone_but_its_seller()
    {
        var seller = await factory.NewSessionAsync();
        var other = await factory.NewSessionAsync();
        var id = await seller.CreateListingIdAsync();
        using (var hide = await seller.SetStateAsync(id, "hidden")) await hide.ShouldBeAsync(HttpStatusCode.OK);

        using var anonymous = await factory.Anonymous().GetAsync($"/api/v1/listings/{id}");
        using var otherGet = await other.Client.GetAsync($"/api/v1/listings/{id}");
        using var otherPatch = await other.Client.PatchJsonAsync($"/api/v1/listings/{id}", new { title = "x" });
        using var otherState = await other.SetStateAsync(id, "active");
        using var otherDelete = await other.Client.DeleteAsync($"/api/v1/listings/{id}");
        using var otherSave = await other.Client.PutAsync($"/api/v1/listings/{id}/save", null);

        foreach (var r in new[] { anonymous, otherGet, otherPatch, otherState, otherDelete, otherSave }) await r.ShouldBeProblemAsync(HttpStatusCode.NotFound);
        var own = await seller.Client.GetListingAsync(id);
        Assert.Equal("hidden", own.GetProperty("state").GetString());
        Assert.NotEqual("x", own.GetProperty("title").GetString());
    }

    [Fact]
    public async Task Deleting_removes_the_listing_its_photo_links_and_saves_but_keeps_the_media()
    {
        var seller = await factory.NewSessionAsync();
        var fan = await factory.NewSessionAsync();
        var photo = await seller.UploadPhotoAsync();
        var id = await seller.CreateListingIdAsync(CatalogApi.ValidListing([photo]));
        using (var save = await fan.Client.PutAsync($"/api/v1/listings/{id}/save", null)) await save.ShouldBeAsync(HttpStatusCode.OK);

        using var delete = await seller.Client.DeleteAsync($"/api/v1/listings/{id}");
        using var again = await seller.Client.DeleteAsync($"/api/v1/listings/{id}");

        await delete.ShouldBeAsync(HttpStatusCode.NoContent);
        await again.ShouldBeProblemAsync(HttpStatusCode.NotFound);
        Assert.StartsWith("404 ", await AnonymousTextAsync(id), StringComparison.Ordinal);
        Assert.Equal(0, await factory.QueryAsync(db => db.ListingPhotos.CountAsync(p => p.ListingId == id)));
        Assert.Equal(0, await factory.QueryAsync(db => db.ListingSaves.CountAsync(s => s.ListingId == id)));
        Assert.Equal(1, await factory.QueryAsync(db => db.MediaAssets.CountAsync(m => m.Id == photo)));
        // The photo can go into a new listing.
        await seller.CreateListingIdAsync(CatalogApi.ValidListing([photo]));
    }

    [Fact]
    public async Task A_sellers_listings_are_paged_newest_first_and_hidden_ones_only_for_the_seller()
    {
        var seller = await factory.NewSessionAsync();
        var photo = await seller.UploadPhotoAsync();
        var ids = new List<long>();
        for (var i = 0; i < 5; i++) ids.Add(await seller.CreateListingIdAsync(CatalogApi.ValidListing([photo], title: $"Item {i}")));
        using (var hide = await seller.SetStateAsync(ids[3], "hidden")) await hide.ShouldBeAsync(HttpStatusCode.OK);
        using (var sold = await seller.SetStateAsync(ids[1], "sold")) await sold.ShouldBeAsync(HttpStatusCode.OK);
        var url = $"/api/v1/users/{seller.Account.Handle}/listings";

        async Task<List<long>> AllAsync(HttpClient client)
        {
            var seen = new List<long>();
            string? cursor = null;
            var pages = 0;
            do
            {
                using var page = await client.GetAsync($"{url}?limit=2" + (cursor is null ? "" : $"&cursor={Uri.EscapeDataString(cursor)}"));
                await page.ShouldBeAsync(HttpStatusCode.OK);
                var body = await page.JsonAsync();
                seen.AddRange(body.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetInt64()));
                cursor = body.GetProperty("nextCursor").GetString();
                Assert.True(++pages <= 5, "The cursor never ended");
            }
            while (cursor is not null);
            return seen;
        }

        var asOthers = await AllAsync(factory.Anonymous());
        var asSeller = await AllAsync(seller.Client);

        Assert.Equal(new[] { ids[4], ids[2], ids[1], ids[0] }, asOthers);
        Assert.Equal(Enumerable.Reverse(ids), asSeller);
        using var first = await factory.Anonymous().GetAsync($"{url}?limit=1");
        var card = (await first.JsonAsync()).GetProperty("items")[0];
        Assert.Equal("Item 4", card.GetProperty("title").GetString());
        Assert.Equal(seller.Account.Handle, card.GetProperty("sellerHandle").GetString());
        Assert.EndsWith("/thumbnail.webp", card.GetProperty("cover").GetProperty("thumbnail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Listings_of_an_unknown_handle_are_404_and_a_bad_cursor_is_400()
    {
        var seller = await factory.NewSessionAsync();
        using var client = factory.Anonymous();

        using var unknown = await client.GetAsync($"/api/v1/users/{Api.NewHandle("ghost")}/listings");
        using var badCursor = await client.GetAsync($"/api/v1/users/{seller.Account.Handle}/listings?cursor=bm90LWEtbnVtYmVy");

        await unknown.ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await badCursor.ShouldBeValidationProblemAsync("cursor");
    }

    [Fact]
    public async Task The_openapi_document_lists_the_catalog_routes_with_tags()
    {
        using var client = factory.Anonymous();

        using var response = await client.GetAsync("/openapi/v1.json");

        await response.ShouldBeAsync(HttpStatusCode.OK);
        var paths = (await response.JsonAsync()).GetProperty("paths");
        var expected = new (string Path, string Method, string Tag)[]
        {
            ("/api/v1/media", "post", "Media"),
            ("/api/v1/categories", "get", "Categories"),
            ("/api/v1/listings", "post", "Listings"),
            ("/api/v1/listings/{id}", "get", "Listings"),
            ("/api/v1/listings/{id}", "patch", "Listings"),
            ("/api/v1/listings/{id}", "delete", "Listings"),
            ("/api/v1/listings/{id}/state", "post", "Listings"),
            ("/api/v1/listings/{id}/save", "put", "Listings"),
            ("/api/v1/listings/{id}/save", "delete", "Listings"),
            ("/api/v1/users/{handle}/listings", "get", "Listings"),
            ("/api/v1/me/saved", "get", "Listings"),
        };
        foreach (var (path, method, tag) in expected)
        {
            Assert.True(paths.TryGetProperty(path, out var item), $"{path} missing");
            Assert.True(item.TryGetProperty(method, out var operation), $"{method} {path} missing");
            Assert.Contains(tag, operation.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
        }
    }
}

public sealed class SqliteListingTests(SqliteAppFactory factory) : ListingTests(factory), IClassFixture<SqliteAppFactory>;

public sealed class PostgresListingTests(PostgresAppFactory factory) : ListingTests(factory), IClassFixture<PostgresAppFactory>;

/// <summary>Rules that need no database.</summary>
public sealed class ListingRulesTests
{
    [Fact]
    public void Every_supported_currency_has_a_price_bound_of_about_ten_million_hkd()
    {
        Assert.Equal(Souk.Web.Common.Money.SupportedCurrencies.Order(), ListingRules.MaxAmount.Keys.Order());
        Assert.All(ListingRules.MaxAmount.Values, max => Assert.True(max > 0));
    }

    [Theory]
    [InlineData(22.319304, 22.32)]
    [InlineData(-33.868820, -33.87)]
    [InlineData(0.004999, 0.0)]
    public void Coordinates_are_rounded_to_two_decimals(double exact, double stored) =>
        Assert.Equal(stored, Listing.RoundCoordinate(exact));
}
