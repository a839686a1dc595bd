using Microsoft.EntityFrameworkCore;
using Souk.Tests.Infrastructure;
using Souk.Web.Modules.Catalog;
using static Souk.Tests.Catalog.SearchApi;

namespace Souk.Tests.Catalog;

/// <summary>
/// The migrations' backfills of listings and products that existed before them (Search, ProductSearch): the SQL inserts their
/// entries without terms, and the start-up step fills the terms in. Its own database per provider, because it empties the index.
/// </summary>
public abstract class SearchBackfillTests(SoukAppFactory factory)
{
    [Fact]
    public async Task Existing_active_listings_are_backfilled_and_become_findable_by_words()
    {
        var m = Marker();
        var seller = await factory.NewSearchSellerAsync();
        var active = await seller.ListAsync(new($"舊款相機 Zenit {m}", Category: "cameras"));
        var hidden = await seller.ListAsync(new($"Hidden camera {m}", Category: "cameras"));
        using (var r = await seller.Session.SetStateAsync(hidden, "hidden")) Assert.True(r.IsSuccessStatusCode);
        // Products too: published with stock (at its lowest in-stock price), a draft, and one sold out.
        var shop = await factory.NewSearchShopAsync();
        var product = await shop.AddIdAsync($"手工茶杯 Teacup {m}", category: "kitchen", skus: [(9000, 0), (12000, 4)]);
        await shop.AddIdAsync($"Draft teacup {m}", status: "draft", category: "kitchen");
        await shop.AddIdAsync($"Sold-out teacup {m}", category: "kitchen", skus: [(9000, 0)]);
        // As if the index had never existed: no entries, then the migrations' SQL.
        await factory.QueryAsync(async db =>
        {
            await db.SearchEntries.ExecuteDeleteAsync();
            return await db.Database.ExecuteSqlRawAsync(SearchSql.Backfill) + await db.Database.ExecuteSqlRawAsync(SearchSql.ProductBackfill);
        });
        using var anonymous = factory.Anonymous();

        // Filterable at once; not yet by words (their terms are pending).
        Assert.Equal([active], (await anonymous.SearchAsync("category=cameras")).Ids());
        Assert.Equal([product], (await anonymous.SearchAsync("category=kitchen&currency=HKD&maxPrice=12000")).Ids());
        Assert.Empty((await anonymous.SearchAsync(Q($"相機 {m}"))).Ids());
        Assert.Empty((await anonymous.SearchAsync(Q($"茶杯 {m}"))).Ids());

        Assert.Equal(2, await SearchIndex.CompletePendingAsync(factory.Services));

        Assert.Equal([product], (await anonymous.SearchAsync(Q($"茶杯 {m}"))).Ids());
        Assert.Equal([$"product:{product}"], (await anonymous.SearchAsync(Q($"teacup {m}"))).Keys());
        Assert.Equal([active], (await anonymous.SearchAsync(Q($"相機 {m}"))).Ids());
        Assert.Equal([active], (await anonymous.SearchAsync(Q($"zenit {m}"))).Ids());
        Assert.Empty((await anonymous.SearchAsync(Q($"hidden {m}"))).Ids());
        // Nothing left to do: the next start is a single lookup.
        Assert.Equal(0, await SearchIndex.CompletePendingAsync(factory.Services));
        var card = (await anonymous.SearchAsync(Q(m) + "&type=listing")).GetProperty("items")[0];
        Assert.Equal(seller.Session.Account.Handle, card.GetProperty("sellerHandle").GetString());
        Assert.EndsWith("/thumbnail.webp", card.GetProperty("cover").GetProperty("thumbnail").GetString());
    }
}

/// <summary>The SearchFoldChinese migration: entries indexed before Traditional characters were folded are indexed again. Its own database.</summary>
public abstract class SearchRefoldTests(SoukAppFactory factory)
{
    [Fact]
    public async Task Entries_indexed_before_Chinese_folding_are_indexed_again_folded()
    {
        var m = Marker();
        var seller = await factory.NewSearchSellerAsync();
        var camera = await seller.ListAsync(new($"二手相機 {m}", "連原裝鏡頭。"));
        var russian = await seller.ListAsync(new($"Фотоаппарат {m}"));
        // As the index was before folding: the Traditional characters as they were typed.
        await factory.QueryAsync(db => db.SearchEntries.Where(e => e.ItemId == camera && e.Kind == SearchKind.Listing)
            .ExecuteUpdateAsync(u => u.SetProperty(e => e.TitleTerms, $"二手 手相 相機 機 {m}").SetProperty(e => e.BodyTerms, "連原 原裝 裝鏡 鏡頭 頭")));
        using var anonymous = factory.Anonymous();
        Assert.Empty((await anonymous.SearchAsync(Q($"相機 {m}"))).Ids());

        // The SearchFoldChinese migration's SQL, then the start-up step.
        var cleared = await factory.QueryAsync(db => db.Database.ExecuteSqlRawAsync(SearchSql.RefoldChinese(db.Provider == Souk.Web.Data.DatabaseProvider.Sqlite)));
        Assert.True(cleared >= 1);
        Assert.Equal(0, await factory.QueryAsync(db => db.SearchEntries.CountAsync(e => e.ItemId == russian && e.TitleTerms == null)));
        Assert.True(await SearchIndex.CompletePendingAsync(factory.Services) >= 1);

        Assert.Equal([camera], (await anonymous.SearchAsync(Q($"相機 {m}"))).Ids());
        Assert.Equal([camera], (await anonymous.SearchAsync(Q($"镜头 {m}"))).Ids());
        Assert.Equal([russian], (await anonymous.SearchAsync(Q($"фотоаппарат {m}"))).Ids());
    }
}

public sealed class SqliteSearchBackfillTests(SqliteSearchAppFactory factory) : SearchBackfillTests(factory), IClassFixture<SqliteSearchAppFactory>;

public sealed class PostgresSearchBackfillTests(PostgresSearchAppFactory factory) : SearchBackfillTests(factory), IClassFixture<PostgresSearchAppFactory>;

public sealed class SqliteSearchRefoldTests(SqliteSearchAppFactory factory) : SearchRefoldTests(factory), IClassFixture<SqliteSearchAppFactory>;

public sealed class PostgresSearchRefoldTests(PostgresSearchAppFactory factory) : SearchRefoldTests(factory), IClassFixture<PostgresSearchAppFactory>;
