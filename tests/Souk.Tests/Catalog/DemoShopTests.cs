using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Souk.Tests.Infrastructure;
using Souk.Web.Modules.Catalog;

namespace Souk.Tests.Catalog;

/// <summary>The demo brands' shops: opened through the real rules on both providers, with variants, photos and logged stock.</summary>
public abstract class DemoShopTests(SoukAppFactory factory)
{
    async Task<List<JsonElement>> ProductsOfAsync(string slug)
    {
        using var client = factory.Anonymous();
        var cards = (await client.GetJsonAsync($"/api/v1/shops/{slug}/products")).GetProperty("items").EnumerateArray().ToList();
        var products = new List<JsonElement>();
        foreach (var card in cards) products.Add(await client.GetJsonAsync($"/api/v1/products/{card.GetProperty("id").GetInt64()}"));
        return products;
    }

    [Fact]
    public async Task The_demo_brands_have_verified_shops_with_sections_and_products_in_their_currency()
    {
        using var client = factory.Anonymous();

        var milano = await client.GetJsonAsync("/api/v1/shops/atelier-milano");
        var tea = await client.GetJsonAsync("/api/v1/shops/kowloon-tea");

        foreach (var (shop, owner) in new[] { (milano, "atelier_milano"), (tea, "kowloon_tea") })
        {
            Assert.True(shop.GetProperty("verified").GetBoolean());
            Assert.Equal(owner, shop.GetProperty("owner").GetProperty("handle").GetString());
            Assert.InRange(shop.GetProperty("productCount").GetInt32(), 2, 4);
            Assert.NotEqual(JsonValueKind.Null, shop.GetProperty("logo").ValueKind);
            Assert.NotEqual(JsonValueKind.Null, shop.GetProperty("banner").ValueKind);
        }
        Assert.Equal(["烏龍 Oolong", "普洱 Pu'er", "茶具 Teaware"], tea.GetProperty("sections").EnumerateArray().Select(s => s.GetProperty("name").GetString()));
        var milanoProducts = await ProductsOfAsync("atelier-milano");
        var teaProducts = await ProductsOfAsync("kowloon-tea");
        Assert.All(milanoProducts.SelectMany(p => p.GetProperty("skus").EnumerateArray()), s => Assert.Equal("EUR", s.GetProperty("price").GetProperty("currency").GetString()));
        Assert.All(teaProducts.SelectMany(p => p.GetProperty("skus").EnumerateArray()), s => Assert.Equal("HKD", s.GetProperty("price").GetProperty("currency").GetString()));
        Assert.All(milanoProducts.Concat(teaProducts), p => Assert.True(p.GetProperty("verified").GetBoolean()));
        Assert.Contains(milanoProducts, p => p.GetProperty("skus").GetArrayLength() > 1);
        var tieguanyin = teaProducts.Single(p => p.GetProperty("title").GetString()!.Contains("Tieguanyin", StringComparison.Ordinal));
        Assert.Equal("""[{"name":"Size","values":["100g","250g"]}]""", tieguanyin.GetProperty("options").GetRawText());
        Assert.Equal(["100g", "250g"], tieguanyin.GetProperty("skus").EnumerateArray().Select(s => s.GetProperty("options").GetProperty("Size").GetString()));
    }

    [Fact]
    public async Task Demo_product_and_sku_photos_load_and_every_sku_has_its_initial_stock_logged()
    {
        var products = await ProductsOfAsync("atelier-milano");
        var tote = products.Single(p => p.GetProperty("title").GetString()!.StartsWith("Borsa tote", StringComparison.Ordinal));
        using var client = factory.Anonymous();

        var urls = tote.GetProperty("photos").EnumerateArray().Select(p => (Url: p.GetProperty("urls").GetProperty("medium").GetString()!, Type: "image/jpeg"))
            .Concat(tote.GetProperty("skus").EnumerateArray().Select(s => (Url: s.GetProperty("photo").GetProperty("urls").GetProperty("thumbnail").GetString()!, Type: "image/webp")))
            .ToList();

        Assert.Equal(5, urls.Count);
        foreach (var (url, type) in urls)
        {
            using var image = await client.GetAsync(url);
            await image.ShouldBeAsync(HttpStatusCode.OK);
            Assert.Equal(type, image.Content.Headers.ContentType?.MediaType);
        }
        var skuCount = await factory.QueryAsync(db => db.Skus.CountAsync());
        var initial = await factory.QueryAsync(db => db.StockMovements.Where(m => m.Reason == StockReason.Initial).ToListAsync());
        Assert.Equal(skuCount, initial.Count);
        Assert.Equal(await factory.QueryAsync(db => db.Skus.SumAsync(s => s.Stock)), initial.Sum(m => m.Delta));
    }
}

public sealed class SqliteDemoShopTests(SqliteDemoFactory factory) : DemoShopTests(factory), IClassFixture<SqliteDemoFactory>;

public sealed class PostgresDemoShopTests(PostgresDemoFactory factory) : DemoShopTests(factory), IClassFixture<PostgresDemoFactory>;
