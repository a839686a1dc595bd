using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Souk.Tests.Infrastructure;

namespace Souk.Tests.Catalog;

/// <summary>Helpers for the shop and product tests: seller accounts, valid shop and product bodies, creating both.</summary>
public static class ShopApi
{
    /// <summary>A new account switched to the given kind (seller, brand, creator) with PATCH /me, as a person would.</summary>
    public static async Task<Session> NewSellerAsync(this SoukAppFactory factory, string kind = "seller")
    {
        var session = await factory.NewSessionAsync();
        using var patch = await session.Client.PatchJsonAsync("/api/v1/me", new { kind });
        await patch.ShouldBeAsync(HttpStatusCode.OK);
        return session;
    }

    /// <summary>Grants the verified badge the way operators do (PUT /admin/users/{handle}/verified).</summary>
    public static async Task VerifyAsync(this SoukAppFactory factory, Session who)
    {
        var op = await factory.NewOperatorAsync();
        using var response = await op.Client.PutAsync($"/api/v1/admin/users/{who.Account.Handle}/verified", null);
        await response.ShouldBeAsync(HttpStatusCode.NoContent);
    }

    public static string NewSlug(string prefix = "shop") => $"{prefix}-{Guid.NewGuid().ToString("N")[..10]}";

    /// <summary>A shop body every rule accepts; tests change one field at a time.</summary>
    public static JsonObject ValidShop(string? slug = null, params string[] sections) => new()
    {
        ["name"] = "Kowloon Tea House 九龍茶莊",
        ["slug"] = slug ?? NewSlug(),
        ["description"] = "Hand-roasted oolong and pu'er since 1962.\nSham Shui Po.",
        ["sections"] = new JsonArray([.. sections.Select(s => (JsonNode)new JsonObject { ["name"] = s })]),
    };

    public static async Task<JsonElement> OpenShopAsync(this Session session, JsonObject? body = null)
    {
        using var response = await session.Client.PostJsonAsync("/api/v1/shops", body ?? ValidShop());
        await response.ShouldBeAsync(HttpStatusCode.Created);
        return await response.JsonAsync();
    }

    /// <summary>A seller with an open shop (sections "Bags" and "Wallets"); returns the session and the shop's slug.</summary>
    public static async Task<(Session Seller, string Slug)> NewShopAsync(this SoukAppFactory factory, string kind = "seller")
    {
        var seller = await factory.NewSellerAsync(kind);
        var shop = await seller.OpenShopAsync(ValidShop(null, "Bags", "Wallets"));
        return (seller, shop.GetProperty("slug").GetString()!);
    }

    public static JsonObject Money(long amount, string currency = "HKD") => new() { ["amount"] = amount, ["currency"] = currency };

    public static JsonObject Sku(long amount, int stock, string currency = "HKD", params (string Option, string Value)[] values) => new()
    {
        ["options"] = new JsonObject([.. values.Select(v => KeyValuePair.Create(v.Option, (JsonNode?)JsonValue.Create(v.Value)))]),
        ["price"] = Money(amount, currency),
        ["stock"] = stock,
    };

    static JsonArray Array(IEnumerable<JsonNode> items) => new([.. items]);

    /// <summary>
    /// A tote bag: Size (S, M) × Colour (Red, Blue), four SKUs in HKD, S cheaper than M, stock 1..4 in matrix order.
    /// </summary>
    public static JsonObject ValidProduct(IEnumerable<Guid> photoIds, string status = "published", string? title = null) => new()
    {
        ["title"] = title ?? $"Leather tote {Guid.NewGuid().ToString("N")[..6]}",
        ["description"] = "Full-grain leather, hand-stitched.",
        ["photoIds"] = Array(photoIds.Select(id => (JsonNode)JsonValue.Create(id.ToString()))),
        ["options"] = new JsonArray(
            new JsonObject { ["name"] = "Size", ["values"] = new JsonArray("S", "M") },
            new JsonObject { ["name"] = "Colour", ["values"] = new JsonArray("Red", "Blue") }),
        ["skus"] = new JsonArray(
            Sku(12000, 1, "HKD", ("Size", "S"), ("Colour", "Red")),
            Sku(12000, 2, "HKD", ("Size", "S"), ("Colour", "Blue")),
            Sku(15000, 3, "HKD", ("Size", "M"), ("Colour", "Red")),
            Sku(15000, 4, "HKD", ("Size", "M"), ("Colour", "Blue"))),
        ["status"] = status,
    };

    /// <summary>A product without options: exactly one SKU.</summary>
    public static JsonObject SimpleProduct(IEnumerable<Guid> photoIds, long amount = 8800, int stock = 10, string status = "published") => new()
    {
        ["title"] = $"Yixing teapot {Guid.NewGuid().ToString("N")[..6]}",
        ["photoIds"] = Array(photoIds.Select(id => (JsonNode)JsonValue.Create(id.ToString()))),
        ["skus"] = new JsonArray(new JsonObject { ["price"] = Money(amount), ["stock"] = stock }),
        ["status"] = status,
    };

    public static async Task<JsonElement> CreateProductAsync(this Session session, string slug, JsonObject? body = null)
    {
        body ??= ValidProduct(await session.UploadPhotosAsync(1));
        using var response = await session.Client.PostJsonAsync($"/api/v1/shops/{slug}/products", body);
        await response.ShouldBeAsync(HttpStatusCode.Created);
        return await response.JsonAsync();
    }

    public static async Task<long> CreateProductIdAsync(this Session session, string slug, JsonObject? body = null) =>
        (await session.CreateProductAsync(slug, body)).GetProperty("id").GetInt64();

    public static async Task<JsonElement> GetJsonAsync(this HttpClient client, string url)
    {
        using var response = await client.GetAsync(url);
        await response.ShouldBeAsync(HttpStatusCode.OK);
        return await response.JsonAsync();
    }

    /// <summary>Status and body as text: equal before and after means nothing changed.</summary>
    public static async Task<string> SnapshotAsync(this HttpClient client, string url)
    {
        using var response = await client.GetAsync(url);
        return $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}";
    }

    /// <summary>The SKU id for a combination, e.g. Sku(product, "S", "Red").</summary>
    public static long SkuId(JsonElement product, params string[] values) =>
        product.GetProperty("skus").EnumerateArray()
            .Single(s => s.GetProperty("options").EnumerateObject().Select(p => p.Value.GetString()).SequenceEqual(values))
            .GetProperty("id").GetInt64();
}
