using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Souk.Tests.Infrastructure;
using Souk.Web.Data;
using Souk.Web.Modules.Catalog;

namespace Souk.Tests.Catalog;

/// <summary>Editing SKUs: prices, stock levels and deltas (each logged), option changes, and stock that never goes below zero.</summary>
public abstract class StockTests(SoukAppFactory factory)
{
    Task<List<StockMovement>> MovementsAsync(long skuId) =>
        factory.QueryAsync(db => db.StockMovements.AsNoTracking().Where(m => m.SkuId == skuId).OrderBy(m => m.Id).ToListAsync());

    Task<int> StockAsync(long skuId) => factory.QueryAsync(db => db.Skus.Where(s => s.Id == skuId).Select(s => s.Stock).SingleAsync());

    async Task<(Session Seller, JsonElement Product)> ProductAsync()
    {
        var (seller, slug) = await factory.NewShopAsync();
        return (seller, await seller.CreateProductAsync(slug));
    }

    [Fact]
    public async Task The_owner_changes_sku_prices_and_stock_by_id_and_every_stock_change_is_logged()
    {
        var (seller, product) = await ProductAsync();
        var id = product.GetProperty("id").GetInt64();
        var sRed = ShopApi.SkuId(product, "S", "Red");
        var sBlue = ShopApi.SkuId(product, "S", "Blue");
        var mBlue = ShopApi.SkuId(product, "M", "Blue");
        var sellerId = (await seller.Client.GetJsonAsync("/api/v1/me")).GetProperty("id").GetGuid();

        using var response = await seller.Client.PatchJsonAsync($"/api/v1/products/{id}", new
        {
            title = "Tote, new season",
            skus = new object[]
            {
                new { id = sRed, price = new { amount = 9900, currency = "HKD" }, stock = 7 },
                new { id = sBlue, stockDelta = -2 },
                new { id = mBlue, stockDelta = 6, code = "M-BLUE" },
            },
        });

        await response.ShouldBeAsync(HttpStatusCode.OK);
        var read = await factory.Anonymous().GetJsonAsync($"/api/v1/products/{id}");
        Assert.Equal("Tote, new season", read.GetProperty("title").GetString());
        var skus = read.GetProperty("skus").EnumerateArray().ToDictionary(s => s.GetProperty("id").GetInt64());
        Assert.Equal(9900, skus[sRed].GetProperty("price").GetProperty("amount").GetInt64());
        Assert.Equal(7, skus[sRed].GetProperty("stock").GetInt32());
        Assert.Equal(0, skus[sBlue].GetProperty("stock").GetInt32());
        Assert.False(skus[sBlue].GetProperty("inStock").GetBoolean());
        Assert.Equal(10, skus[mBlue].GetProperty("stock").GetInt32());
        Assert.Equal("M-BLUE", skus[mBlue].GetProperty("code").GetString());
        Assert.Equal(9900, read.GetProperty("priceRange").GetProperty("min").GetProperty("amount").GetInt64());
        Assert.Equal(15000, read.GetProperty("priceRange").GetProperty("max").GetProperty("amount").GetInt64());
        Assert.True(read.GetProperty("updatedAt").GetDateTime() >= product.GetProperty("updatedAt").GetDateTime());

        var red = await MovementsAsync(sRed);
        Assert.Equal([(StockReason.Initial, 1, 1), (StockReason.Adjustment, 6, 7)], red.Select(m => (m.Reason, m.Delta, m.StockAfter)));
        var blue = await MovementsAsync(sBlue);
        Assert.Equal([(StockReason.Initial, 2, 2), (StockReason.Adjustment, -2, 0)], blue.Select(m => (m.Reason, m.Delta, m.StockAfter)));
        Assert.Equal([4, 6], (await MovementsAsync(mBlue)).Select(m => m.Delta));
        Assert.All(red.Concat(blue), m => Assert.Equal(sellerId, m.ActorId));
        // A price-only change is not a stock change: M/Red has its initial row only.
        Assert.Single(await MovementsAsync(ShopApi.SkuId(product, "M", "Red")));
    }

    [Fact]
    public async Task A_decrement_below_zero_is_409_naming_the_sku_and_the_whole_patch_changes_nothing()
    {
        var (seller, product) = await ProductAsync();
        var id = product.GetProperty("id").GetInt64();
        var sRed = ShopApi.SkuId(product, "S", "Red");
        var mRed = ShopApi.SkuId(product, "M", "Red");
        var before = await factory.Anonymous().SnapshotAsync($"/api/v1/products/{id}");

        using var response = await seller.Client.PatchJsonAsync($"/api/v1/products/{id}", new
        {
            title = "Should not stick",
            skus = new object[] { new { id = mRed, stockDelta = -1 }, new { id = sRed, stockDelta = -2 } },
        });

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("skus[1].stockDelta", problem.GetProperty("field").GetString());
        Assert.Equal(sRed, problem.GetProperty("sku").GetInt64());
        Assert.Equal(1, problem.GetProperty("stock").GetInt32());
        Assert.Equal(before, await factory.Anonymous().SnapshotAsync($"/api/v1/products/{id}"));
        Assert.Equal(3, await StockAsync(mRed));
        Assert.Single(await MovementsAsync(mRed));
        Assert.Single(await MovementsAsync(sRed));
    }

    public static TheoryData<string, string> Guards => new()
    {
        { "unknown sku id", "skus[0].id" },
        { "a sku of another product", "skus[0].id" },
        { "the same sku twice", "skus[1].id" },
        { "stock and stockDelta", "skus[0].stockDelta" },
        { "negative stock", "skus[0].stock" },
        { "zero price", "skus[0].price.amount" },
        { "one sku in another currency", "skus[0].price.currency" },
        { "other option values", "skus[0].options" },
        { "options without skus", "skus" },
        { "options with a missing combination", "skus" },
    };

    [Theory]
    [MemberData(nameof(Guards))]
    public async Task A_bad_sku_patch_is_400_naming_the_field_and_changes_nothing(string guard, string field)
    {
        var (seller, product) = await ProductAsync();
        var id = product.GetProperty("id").GetInt64();
        var sku = ShopApi.SkuId(product, "S", "Red");
        var other = guard == "a sku of another product" ? ShopApi.SkuId(await seller.CreateProductAsync(product.GetProperty("shop").GetProperty("slug").GetString()!), "S", "Red") : 0;
        var sizes = new { name = "Size", values = new[] { "S", "M" } };
        var colours = new { name = "Colour", values = new[] { "Red", "Blue" } };
        object body = guard switch
        {
            "unknown sku id" => new { skus = new object[] { new { id = 987654321, stock = 1 } } },
            "a sku of another product" => new { skus = new object[] { new { id = other, stock = 1 } } },
            "the same sku twice" => new { skus = new object[] { new { id = sku, stock = 1 }, new { id = sku, stock = 2 } } },
            "stock and stockDelta" => new { skus = new object[] { new { id = sku, stock = 1, stockDelta = 1 } } },
            "negative stock" => new { skus = new object[] { new { id = sku, stock = -1 } } },
            "zero price" => new { skus = new object[] { new { id = sku, price = new { amount = 0, currency = "HKD" } } } },
            "one sku in another currency" => new { skus = new object[] { new { id = sku, price = new { amount = 100, currency = "EUR" } } } },
            "other option values" => new { skus = new object[] { new { id = sku, options = new Dictionary<string, string> { ["Size"] = "M", ["Colour"] = "Red" }, stock = 9 } } },
            "options without skus" => new { options = new object[] { sizes, colours } },
            _ => new
            {
                options = new object[] { sizes, colours },
                skus = new object[] { new { options = new Dictionary<string, string> { ["Size"] = "S", ["Colour"] = "Red" }, price = new { amount = 100, currency = "HKD" }, stock = 1 } },
            },
        };
        var before = await factory.Anonymous().SnapshotAsync($"/api/v1/products/{id}");
        var movements = await factory.QueryAsync(db => db.StockMovements.CountAsync());

        using var response = await seller.Client.PatchJsonAsync($"/api/v1/products/{id}", body);

        await response.ShouldBeValidationProblemAsync(field);
        Assert.Equal(before, await factory.Anonymous().SnapshotAsync($"/api/v1/products/{id}"));
        Assert.Equal(movements, await factory.QueryAsync(db => db.StockMovements.CountAsync()));
    }

    [Fact]
    public async Task Repricing_every_sku_at_once_switches_the_currency()
    {
        var (seller, product) = await ProductAsync();
        var id = product.GetProperty("id").GetInt64();
        var skus = product.GetProperty("skus").EnumerateArray().Select(s => s.GetProperty("id").GetInt64()).ToList();

        using var response = await seller.Client.PatchJsonAsync($"/api/v1/products/{id}", new
        {
            skus = skus.Select((s, i) => new { id = s, price = new { amount = 1500 + i, currency = "EUR" } }),
        });

        await response.ShouldBeAsync(HttpStatusCode.OK);
        var read = await response.JsonAsync();
        Assert.All(read.GetProperty("skus").EnumerateArray(), s => Assert.Equal("EUR", s.GetProperty("price").GetProperty("currency").GetString()));
        Assert.Equal("""{"min":{"amount":1500,"currency":"EUR"},"max":{"amount":1503,"currency":"EUR"}}""", read.GetProperty("priceRange").GetRawText());
    }

    [Fact]
    public async Task Changing_options_keeps_matching_skus_retires_the_rest_and_creates_new_ones()
    {
        var (seller, product) = await ProductAsync();
        var id = product.GetProperty("id").GetInt64();
        var sRed = ShopApi.SkuId(product, "S", "Red");
        var sBlue = ShopApi.SkuId(product, "S", "Blue");
        var mRed = ShopApi.SkuId(product, "M", "Red");
        var mBlue = ShopApi.SkuId(product, "M", "Blue");

        // Blue is gone, Green and size L are new, and the options swap places (Colour first).
        using var response = await seller.Client.PatchJsonAsync($"/api/v1/products/{id}", new
        {
            options = new object[] { new { name = "Colour", values = new[] { "Red", "Green" } }, new { name = "Size", values = new[] { "S", "M", "L" } } },
            skus = new[] { "Red", "Green" }.SelectMany(c => new[] { "S", "M", "L" }.Select(s => new
            {
                options = new Dictionary<string, string> { ["Size"] = s, ["Colour"] = c },
                price = new { amount = s == "L" ? 18000 : 12000, currency = "HKD" },
                stock = c == "Red" && s == "S" ? 5 : 2,
            })),
        });

        await response.ShouldBeAsync(HttpStatusCode.OK);
        var read = await factory.Anonymous().GetJsonAsync($"/api/v1/products/{id}");
        Assert.Equal("""[{"name":"Colour","values":["Red","Green"]},{"name":"Size","values":["S","M","L"]}]""", read.GetProperty("options").GetRawText());
        var skus = read.GetProperty("skus").EnumerateArray().ToList();
        Assert.Equal(6, skus.Count);
        Assert.Equal(sRed, ShopApi.SkuId(read, "Red", "S"));
        Assert.Equal(mRed, ShopApi.SkuId(read, "Red", "M"));
        Assert.Equal("""{"Colour":"Red","Size":"S"}""", skus[0].GetProperty("options").GetRawText());
        Assert.DoesNotContain(skus, s => s.GetProperty("id").GetInt64() == sBlue || s.GetProperty("id").GetInt64() == mBlue);
        Assert.Equal(18000, read.GetProperty("priceRange").GetProperty("max").GetProperty("amount").GetInt64());

        // Kept: stock set from 1 to 5 and logged. Retired: stock written off and logged, row kept. New: an initial row.
        Assert.Equal([(StockReason.Initial, 1), (StockReason.Adjustment, 4)], (await MovementsAsync(sRed)).Select(m => (m.Reason, m.Delta)));
        Assert.Equal([(StockReason.Initial, 2), (StockReason.Retired, -2)], (await MovementsAsync(sBlue)).Select(m => (m.Reason, m.Delta)));
        var retired = await factory.QueryAsync(db => db.Skus.AsNoTracking().SingleAsync(s => s.Id == mBlue));
        Assert.NotNull(retired.RetiredAt);
        Assert.Equal(0, retired.Stock);
        var greenL = ShopApi.SkuId(read, "Green", "L");
        Assert.Equal([(StockReason.Initial, 2, 2)], (await MovementsAsync(greenL)).Select(m => (m.Reason, m.Delta, m.StockAfter)));

        // And back: a stock delta on a retired SKU is refused as an unknown id.
        using var stale = await seller.Client.PatchJsonAsync($"/api/v1/products/{id}", new { skus = new object[] { new { id = sBlue, stockDelta = 1 } } });
        await stale.ShouldBeValidationProblemAsync("skus[0].id");
    }

    [Fact]
    public async Task Swapping_options_that_share_values_keeps_every_sku_and_its_id()
    {
        var (seller, slug) = await factory.NewShopAsync();
        static object Matrix(string first, string second) => new
        {
            options = new object[] { new { name = first, values = new[] { "S", "M" } }, new { name = second, values = new[] { "S", "M" } } },
            skus = new[] { "S", "M" }.SelectMany(t => new[] { "S", "M" }.Select(b => new
            {
                options = new Dictionary<string, string> { ["Top"] = t, ["Bottom"] = b },
                price = new { amount = t == b ? 20000 : 18000, currency = "HKD" },
                stock = 3,
            })),
        };
        var body = System.Text.Json.Nodes.JsonNode.Parse(JsonSerializer.Serialize(Matrix("Top", "Bottom"), Api.Json))!.AsObject();
        body["title"] = "Pyjamas";
        body["photoIds"] = new System.Text.Json.Nodes.JsonArray((await seller.UploadPhotoAsync()).ToString());
        body["status"] = "published";
        var product = await seller.CreateProductAsync(slug, body);
        var id = product.GetProperty("id").GetInt64();
        // Stored as (Top, Bottom): (S, M) and (M, S). Swapped, each takes the other's column values: the unique index
        // must never see two active SKUs with one combination mid-update.
        var sm = ShopApi.SkuId(product, "S", "M");
        var ms = ShopApi.SkuId(product, "M", "S");

        using var response = await seller.Client.PatchJsonAsync($"/api/v1/products/{id}", Matrix("Bottom", "Top"));

        await response.ShouldBeAsync(HttpStatusCode.OK);
        var read = await factory.Anonymous().GetJsonAsync($"/api/v1/products/{id}");
        Assert.Equal(sm, ShopApi.SkuId(read, "M", "S"));
        Assert.Equal(ms, ShopApi.SkuId(read, "S", "M"));
        Assert.Equal(4, read.GetProperty("skus").GetArrayLength());
        Assert.Equal(0, await factory.QueryAsync(db => db.Skus.CountAsync(s => s.ProductId == id && s.RetiredAt != null)));
        Assert.Single(await MovementsAsync(sm));
    }

    [Fact]
    public async Task Concurrent_decrements_never_take_stock_below_zero_and_each_success_is_logged()
    {
        var (seller, product) = await ProductAsync();
        var id = product.GetProperty("id").GetInt64();
        var sku = ShopApi.SkuId(product, "M", "Blue");
        using (var set = await seller.Client.PatchJsonAsync($"/api/v1/products/{id}", new { skus = new object[] { new { id = sku, stock = 10 } } }))
            await set.ShouldBeAsync(HttpStatusCode.OK);

        var responses = await Task.WhenAll(Enumerable.Range(0, 24).Select(_ =>
            seller.Client.PatchJsonAsync($"/api/v1/products/{id}", new { skus = new object[] { new { id = sku, stockDelta = -1 } } })));

        Assert.Equal(10, responses.Count(r => r.StatusCode == HttpStatusCode.OK));
        Assert.Equal(14, responses.Count(r => r.StatusCode == HttpStatusCode.Conflict));
        foreach (var r in responses) r.Dispose();
        Assert.Equal(0, await StockAsync(sku));
        var log = await MovementsAsync(sku);
        Assert.Equal(10, log.Count(m => m.Delta == -1));
        Assert.Equal(0, log.Sum(m => m.Delta));
        Assert.Equal(Enumerable.Range(0, 10).Reverse(), log.Where(m => m.Delta == -1).Select(m => m.StockAfter));
    }

    [Fact]
    public async Task Concurrent_level_sets_and_decrements_keep_the_log_in_step_with_the_stock()
    {
        var (seller, product) = await ProductAsync();
        var id = product.GetProperty("id").GetInt64();
        var sku = ShopApi.SkuId(product, "S", "Blue");

        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(i =>
            seller.Client.PatchJsonAsync($"/api/v1/products/{id}", new { skus = new object[] { i % 4 == 0 ? new { id = sku, stock = (int?)5, stockDelta = (int?)null } : new { id = sku, stock = (int?)null, stockDelta = (int?)-1 } } })));

        Assert.All(responses, r => Assert.Contains(r.StatusCode, new[] { HttpStatusCode.OK, HttpStatusCode.Conflict }));
        foreach (var r in responses) r.Dispose();
        var stock = await StockAsync(sku);
        var log = await MovementsAsync(sku);
        Assert.True(stock >= 0);
        Assert.Equal(stock, log.Sum(m => m.Delta));
        Assert.Equal(stock, log[^1].StockAfter);
        Assert.All(log, m => Assert.True(m.StockAfter >= 0));
    }

    [Fact]
    public async Task The_database_itself_refuses_negative_stock()
    {
        var (_, product) = await ProductAsync();
        var sku = ShopApi.SkuId(product, "S", "Red");

        var refused = await Record.ExceptionAsync(() => factory.QueryAsync(db =>
            db.Skus.Where(s => s.Id == sku).ExecuteUpdateAsync(u => u.SetProperty(s => s.Stock, -1))));

        Assert.NotNull(refused);
        Assert.Contains("CK_Skus_StockNotNegative", refused.ToString(), StringComparison.Ordinal);
        Assert.Equal(1, await StockAsync(sku));
    }

    [Fact]
    public async Task Inventory_adjusts_only_within_zero_and_the_maximum_and_logs_only_what_it_did()
    {
        var (_, product) = await ProductAsync();
        var sku = ShopApi.SkuId(product, "M", "Red");
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SoukDb>();
        var inventory = scope.ServiceProvider.GetRequiredService<Inventory>();

        await using (var tx = await db.Database.BeginTransactionAsync())
        {
            Assert.Null(await inventory.AdjustAsync(sku, -4, StockReason.Adjustment, null, default));
            Assert.Null(await inventory.AdjustAsync(sku, Sku.StockMax, StockReason.Adjustment, null, default));
            Assert.Equal(0, await inventory.AdjustAsync(sku, -3, StockReason.Adjustment, null, default));
            await db.SaveChangesAsync();
            await tx.CommitAsync();
        }

        Assert.Equal(0, await StockAsync(sku));
        Assert.Equal([(3, 3), (-3, 0)], (await MovementsAsync(sku)).Select(m => (m.Delta, m.StockAfter)));
    }
}

public sealed class SqliteStockTests(SqliteAppFactory factory) : StockTests(factory), IClassFixture<SqliteAppFactory>;

public sealed class PostgresStockTests(PostgresAppFactory factory) : StockTests(factory), IClassFixture<PostgresAppFactory>;
