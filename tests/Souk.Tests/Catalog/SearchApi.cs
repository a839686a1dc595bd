using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Souk.Tests.Infrastructure;

namespace Souk.Tests.Catalog;

/// <summary>The app with the search caches off, so every search reads the index (tests also write behind its back).</summary>
public class SqliteSearchAppFactory : SqliteAppFactory
{
    protected override void Tune(IDictionary<string, string?> settings) => settings["Search:CacheSeconds"] = "0";
}

public class PostgresSearchAppFactory : PostgresAppFactory
{
    protected override void Tune(IDictionary<string, string?> settings) => settings["Search:CacheSeconds"] = "0";
}

/// <summary>A listing as a search test states it: only what the test is about; the rest is valid filler.</summary>
public sealed record Item(
    string Title, string Description = "A thing for sale.", long Amount = 10000, string Currency = "HKD", string Condition = "good",
    string Category = "cameras", double Lat = 22.32, double Lng = 114.17);

/// <summary>Helpers for the search tests: a seller who lists items quickly, and searches read as lists of titles.</summary>
public static class SearchApi
{
    /// <summary>
    /// A word no other test uses (consonants only, so query-side stemming leaves it alone). Tests in a class share a
    /// database; putting the marker in titles and queries keeps each test to its own listings.
    /// </summary>
    public static string Marker()
    {
        const string letters = "bcdfghjklmnpqrtvwxz";
        return "qz" + string.Concat(Enumerable.Range(0, 8).Select(_ => letters[Random.Shared.Next(letters.Length)]));
    }

    public sealed class Seller(Session session, Guid photo)
    {
        public Session Session => session;

        public async Task<long> ListAsync(Item item)
        {
            var body = CatalogApi.ValidListing([photo], item.Title);
            body["description"] = item.Description;
            body["price"] = new JsonObject { ["amount"] = item.Amount, ["currency"] = item.Currency };
            body["condition"] = item.Condition;
            body["category"] = item.Category;
            body["delivery"] = new JsonObject { ["meetUp"] = new JsonObject { ["place"] = "MTR exit A" } };
            body["location"] = new JsonObject { ["district"] = "Somewhere", ["lat"] = item.Lat, ["lng"] = item.Lng };
            return await session.CreateListingIdAsync(body);
        }
    }

    /// <summary>A new account with one uploaded photo, used for all its listings (a photo may appear in several).</summary>
    public static async Task<Seller> NewSearchSellerAsync(this SoukAppFactory factory)
    {
        var session = await factory.NewSessionAsync();
        return new Seller(session, await session.UploadPhotoAsync());
    }

    /// <summary>A shop's owner who adds products quickly (one uploaded photo for all of them), as a search test states them.</summary>
    public sealed class ShopSeller(Session session, string slug, Guid photo)
    {
        public Session Session => session;
        public string Slug => slug;
        public Guid Photo => photo;

        /// <summary>A product with one SKU per (price, stock) given, under an option "Size" (S, M, L…) when there are several.</summary>
        public async Task<JsonElement> AddAsync(
            string title, string description = "Made by hand.", string status = "published", string? category = null, string currency = "HKD",
            params (long Amount, int Stock)[] skus)
        {
            if (skus.Length == 0) skus = [(10000, 5)];
            var sizes = new[] { "S", "M", "L", "XL" };
            var body = new JsonObject
            {
                ["title"] = title,
                ["description"] = description,
                ["photoIds"] = new JsonArray(JsonValue.Create(photo.ToString())),
                ["status"] = status,
                ["skus"] = new JsonArray([.. skus.Select((s, i) => (JsonNode)(skus.Length == 1
                    ? ShopApi.Sku(s.Amount, s.Stock, currency)
                    : ShopApi.Sku(s.Amount, s.Stock, currency, ("Size", sizes[i]))))]),
            };
            if (skus.Length > 1)
                body["options"] = new JsonArray(new JsonObject { ["name"] = "Size", ["values"] = new JsonArray([.. sizes.Take(skus.Length).Select(v => (JsonNode)JsonValue.Create(v))]) });
            if (category is not null) body["category"] = category;
            return await session.CreateProductAsync(slug, body);
        }

        public async Task<long> AddIdAsync(string title, string description = "Made by hand.", string status = "published", string? category = null,
            string currency = "HKD", params (long Amount, int Stock)[] skus) =>
            (await AddAsync(title, description, status, category, currency, skus)).GetProperty("id").GetInt64();

        /// <summary>PATCH /api/v1/products/{id}, expecting 200.</summary>
        public async Task<JsonElement> PatchAsync(long id, object body)
        {
            using var response = await session.Client.PatchJsonAsync($"/api/v1/products/{id}", body);
            await response.ShouldBeAsync(HttpStatusCode.OK);
            return await response.JsonAsync();
        }
    }

    /// <summary>A new account of the given kind with an open shop and one uploaded photo.</summary>
    public static async Task<ShopSeller> NewSearchShopAsync(this SoukAppFactory factory, string kind = "seller")
    {
        var (session, slug) = await factory.NewShopAsync(kind);
        return new ShopSeller(session, slug, await session.UploadPhotoAsync());
    }

    /// <summary>GET /api/v1/search?{query}, expecting 200.</summary>
    public static async Task<JsonElement> SearchAsync(this HttpClient client, string query)
    {
        using var response = await client.GetAsync("/api/v1/search?" + query);
        await response.ShouldBeAsync(HttpStatusCode.OK);
        return await response.JsonAsync();
    }

    public static string Q(string text) => "q=" + Uri.EscapeDataString(text);

    public static List<string> Titles(this JsonElement page) =>
        [.. page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("title").GetString()!)];

    public static List<long> Ids(this JsonElement page) =>
        [.. page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetInt64())];

    /// <summary>The items as "kind:id", for searches that mix listings and products (their ids may coincide).</summary>
    public static List<string> Keys(this JsonElement page) =>
        [.. page.GetProperty("items").EnumerateArray().Select(i => $"{i.GetProperty("kind").GetString()}:{i.GetProperty("id").GetInt64()}")];

    public static string? NextCursor(this JsonElement page) =>
        page.GetProperty("nextCursor").ValueKind == JsonValueKind.Null ? null : page.GetProperty("nextCursor").GetString();

    /// <summary>Every page of a search, following nextCursor; fails if it does not end.</summary>
    public static async Task<List<JsonElement>> AllPagesAsync(this HttpClient client, string query)
    {
        var pages = new List<JsonElement>();
        string? cursor = null;
        do
        {
            var page = await client.SearchAsync(query + (cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor)));
            pages.Add(page);
            cursor = page.NextCursor();
            Assert.True(pages.Count < 50, "The cursor never ended.");
        }
        while (cursor is not null);
        return pages;
    }

    /// <summary>Great-circle distance, written independently of the app's SQL.</summary>
    public static double HaversineKm(double lat1, double lng1, double lat2, double lng2)
    {
        static double Rad(double d) => d * Math.PI / 180;
        var a = Math.Pow(Math.Sin(Rad(lat2 - lat1) / 2), 2) + Math.Cos(Rad(lat1)) * Math.Cos(Rad(lat2)) * Math.Pow(Math.Sin(Rad(lng2 - lng1) / 2), 2);
        return 2 * 6371.0 * Math.Asin(Math.Sqrt(a));
    }
}
