using Microsoft.EntityFrameworkCore;
using Souk.Tests.Infrastructure;
using Souk.Web.Data;
using Souk.Web.Modules.Accounts;
using Souk.Web.Modules.Catalog;
using static Souk.Tests.Catalog.SearchApi;

namespace Souk.Tests.Catalog;

/// <summary>
/// `seed --products N`: the bulk path writes shops, products, options, SKUs and their stock log that the API reads like any
/// other, and search entries for exactly the findable ones (published with stock), at their lowest in-stock price.
/// </summary>
public abstract class SeedProductsTests(SoukAppFactory factory)
{
    [Fact]
    public async Task Seeded_products_are_in_search_when_published_with_stock_and_only_then()
    {
        var report = await Seeder.RunAsync(factory.Services, 40, 2, 0, CancellationToken.None, productCount: 900);

        Assert.Contains("900 products", report);
        var counts = await factory.QueryAsync(async db => new
        {
            Shops = await db.Shops.CountAsync(),
            Products = await db.Products.CountAsync(),
            Findable = await db.Products.CountAsync(p => p.Status == ProductStatus.Published && p.Skus.Any(s => s.Stock > 0 && s.RetiredAt == null)),
            Entries = await db.SearchEntries.CountAsync(e => e.Kind == SearchKind.Product),
            Skus = await db.Skus.CountAsync(),
            Movements = await db.StockMovements.CountAsync(),
            Options = await db.ProductOptions.GroupBy(o => o.ProductId).Select(g => g.Count()).Distinct().OrderBy(n => n).ToListAsync(),
            Brands = await db.Users.CountAsync(u => u.Kind == AccountKind.Brand && u.IsVerified),
        });
        Assert.Equal(4, counts.Shops);
        Assert.Equal(900, counts.Products);
        Assert.InRange(counts.Findable, 650, 850);
        Assert.Equal(counts.Findable, counts.Entries);
        Assert.Equal(counts.Skus, counts.Movements);
        Assert.Equal([1, 2, 3], counts.Options);
        Assert.Equal(1, counts.Brands);
        Assert.Equal(0, await SearchIndex.CompletePendingAsync(factory.Services));

        using var anonymous = factory.Anonymous();
        // Each sample is found by its own title, as a product, at the lowest price of its SKUs in stock.
        var samples = await factory.QueryAsync(db => db.SearchEntries.Where(e => e.Kind == SearchKind.Product && e.Id % 61 == 0)
            .Select(e => new { e.ItemId, e.Title, e.PriceAmount }).ToListAsync());
        Assert.NotEmpty(samples);
        foreach (var sample in samples)
        {
            var found = (await anonymous.SearchAsync(Q(sample.Title) + "&type=product&limit=100")).Keys();
            Assert.Contains($"product:{sample.ItemId}", found);
            var product = await anonymous.GetJsonAsync($"/api/v1/products/{sample.ItemId}");
            var lowest = product.GetProperty("skus").EnumerateArray().Where(s => s.GetProperty("inStock").GetBoolean())
                .Min(s => s.GetProperty("price").GetProperty("amount").GetInt64());
            Assert.Equal(sample.PriceAmount, lowest);
        }
        // Everything findable and nothing else: all pages of type=product.
        var all = (await anonymous.AllPagesAsync("type=product&limit=100")).SelectMany(p => p.Ids()).ToList();
        Assert.Equal(counts.Findable, all.Count);
        var hidden = await factory.QueryAsync(db => db.Products.Where(p => p.Status == ProductStatus.Draft).Select(p => p.Id).ToListAsync());
        Assert.NotEmpty(hidden);
        Assert.Empty(all.Intersect(hidden));
        // A seeded product is edited through the app like any other by its shop's owner (the seed password), and the index follows.
        var seeded = await factory.QueryAsync(db => (
            from e in db.SearchEntries where e.Kind == SearchKind.Product
            join p in db.Products on e.ItemId equals p.Id
            join s in db.Shops on p.ShopId equals s.Id
            join u in db.Users on s.OwnerId equals u.Id
            orderby e.Id
            select new { p.Id, u.UserName, u.Email }).FirstAsync());
        var owner = await factory.SignInAsync(new TestAccount(seeded.UserName!, seeded.Email!, "seed-password-1234", ""));
        var m = Marker();
        var seededProduct = await owner.Client.GetJsonAsync($"/api/v1/products/{seeded.Id}");
        Assert.InRange(seededProduct.GetProperty("options").GetArrayLength(), 1, 3);
        using (var edit = await owner.Client.PatchJsonAsync($"/api/v1/products/{seeded.Id}", new { title = $"Renamed {m}" }))
            await edit.ShouldBeAsync(System.Net.HttpStatusCode.OK);
        Assert.Equal([$"product:{seeded.Id}"], (await anonymous.SearchAsync(Q(m))).Keys());
        using (var unpublish = await owner.Client.PatchJsonAsync($"/api/v1/products/{seeded.Id}", new { status = "draft" }))
            await unpublish.ShouldBeAsync(System.Net.HttpStatusCode.OK);
        Assert.Empty((await anonymous.SearchAsync(Q(m))).Ids());
    }
}

public sealed class SqliteSeedProductsTests(SqliteSearchAppFactory factory) : SeedProductsTests(factory), IClassFixture<SqliteSearchAppFactory>;

public sealed class PostgresSeedProductsTests(PostgresSearchAppFactory factory) : SeedProductsTests(factory), IClassFixture<PostgresSearchAppFactory>;
