using Souk.Tests.Infrastructure;
using static Souk.Tests.Catalog.SearchApi;

namespace Souk.Tests.Catalog;

/// <summary>The demo brands' products, made through ProductService at first start, are in search like any product.</summary>
public abstract class DemoSearchTests(SoukAppFactory factory)
{
    [Fact]
    public async Task The_demo_shops_products_are_found_with_their_verified_badge_and_category()
    {
        using var anonymous = factory.Anonymous();

        var products = (await anonymous.SearchAsync("type=product&limit=100")).GetProperty("items").EnumerateArray().ToList();

        Assert.Equal(6, products.Count);
        Assert.All(products, p => Assert.True(p.GetProperty("sellerVerified").GetBoolean()));
        Assert.Equal(3, (await anonymous.SearchAsync("type=product&category=bags")).Ids().Count);
        Assert.Equal(["十年熟普洱 Ten-year ripe pu'er"], (await anonymous.SearchAsync(Q("普洱") + "&type=product")).Titles());
        // The teapot's single SKU, at its price; the tote at the lowest of its colours.
        Assert.Equal([88000L], (await anonymous.SearchAsync(Q("紫砂壺") + "&type=product")).GetProperty("items").EnumerateArray()
            .Select(i => i.GetProperty("price").GetProperty("amount").GetInt64()));
        Assert.Equal([42000L], (await anonymous.SearchAsync(Q("tote") + "&type=product&currency=EUR&sort=price_asc")).GetProperty("items").EnumerateArray()
            .Select(i => i.GetProperty("price").GetProperty("amount").GetInt64()));
    }
}

public sealed class SqliteDemoSearchTests(SqliteDemoFactory factory) : DemoSearchTests(factory), IClassFixture<SqliteDemoFactory>;

public sealed class PostgresDemoSearchTests(PostgresDemoFactory factory) : DemoSearchTests(factory), IClassFixture<PostgresDemoFactory>;
