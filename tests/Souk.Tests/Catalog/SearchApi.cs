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
