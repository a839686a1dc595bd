using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Souk.Tests.Catalog;
using Souk.Tests.Infrastructure;

namespace Souk.Tests.Orders;

/// <summary>Helpers for the cart, checkout and order tests.</summary>
public static class OrdersApi
{
    public static readonly object Shipping = new { method = "shipping", name = "Amy Chan", address = "Flat 5A, 12 Nathan Road, Tsim Sha Tsui", phone = "+852 5123 4567" };

    public static Task<HttpResponseMessage> AddToCartAsync(this Session buyer, long? skuId = null, long? listingId = null, int? quantity = null) =>
        buyer.Client.PostJsonAsync("/api/v1/cart/items", new { skuId, listingId, quantity });

    /// <summary>Adds a line that must be accepted; returns its id.</summary>
    public static async Task<long> AddLineAsync(this Session buyer, long? skuId = null, long? listingId = null, int? quantity = null)
    {
        using var response = await buyer.AddToCartAsync(skuId, listingId, quantity);
        Assert.True(response.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return (await response.JsonAsync()).GetProperty("id").GetInt64();
    }

    public static async Task<HttpResponseMessage> CheckoutAsync(this Session buyer, object? body = null, string? key = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/checkout") { Content = JsonContent.Create(body ?? new { delivery = Shipping }, options: Api.Json) };
        request.Headers.Add("Idempotency-Key", key ?? Guid.NewGuid().ToString());
        return await buyer.Client.SendAsync(request);
    }

    /// <summary>A checkout that must succeed; returns its orders.</summary>
    public static async Task<List<JsonElement>> PayAsync(this Session buyer, object? body = null, string? key = null)
    {
        using var response = await buyer.CheckoutAsync(body, key);
        await response.ShouldBeAsync(HttpStatusCode.Created);
        return [.. (await response.JsonAsync()).GetProperty("orders").EnumerateArray()];
    }

    /// <summary>A shop with one published product with a single SKU; returns the seller and the SKU's id.</summary>
    public static async Task<(Session Seller, long ProductId, long SkuId)> NewShopSkuAsync(this SoukAppFactory factory, long price = 8800, int stock = 10)
    {
        var (seller, slug) = await factory.NewShopAsync();
        var product = await seller.CreateProductAsync(slug, ShopApi.SimpleProduct(await seller.UploadPhotosAsync(1), price, stock));
        return (seller, product.GetProperty("id").GetInt64(), product.GetProperty("skus")[0].GetProperty("id").GetInt64());
    }

    public static JsonObject Listing(Guid photo, long price, bool shipping = true, bool meetUp = true)
    {
        var body = CatalogApi.ValidListing([photo]);
        body["price"] = ShopApi.Money(price);
        var delivery = new JsonObject();
        if (meetUp) delivery["meetUp"] = new JsonObject { ["place"] = "Mong Kok MTR exit E2" };
        if (shipping) delivery["shipping"] = new JsonObject { ["fee"] = ShopApi.Money(3000) };
        body["delivery"] = delivery;
        return body;
    }
}
