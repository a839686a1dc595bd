using Microsoft.EntityFrameworkCore;
using Souk.Tests.Infrastructure;
using Souk.Web.Data;
using Souk.Web.Modules.Catalog;
using static Souk.Tests.Catalog.SearchApi;

namespace Souk.Tests.Catalog;

/// <summary>`seed --listings N`: the bulk path writes valid listings and search entries the API finds like any other.</summary>
public abstract class SeedListingsTests(SoukAppFactory factory)
{
    [Fact]
    public async Task Seeded_listings_are_in_search_when_active_and_only_then()
    {
        var report = await Seeder.RunAsync(factory.Services, 20, 2, 1200, CancellationToken.None);

        Assert.Contains("1,200 listings", report);
        var (listings, active, entries) = await factory.QueryAsync(async db => (
            await db.Listings.CountAsync(), await db.Listings.CountAsync(l => l.State == ListingState.Active), await db.SearchEntries.CountAsync()));
        Assert.Equal(1200, listings);
        Assert.InRange(active, 800, 1000);
        Assert.Equal(active, entries);
        Assert.Equal(0, await SearchIndex.CompletePendingAsync(factory.Services));

        using var anonymous = factory.Anonymous();
        // A sample of seeded titles in each language, each found by its own words.
        var samples = await factory.QueryAsync(db => db.SearchEntries.OrderBy(e => e.Id).Where(e => e.Id % 97 == 0).Select(e => new { e.ItemId, e.Title }).ToListAsync());
        Assert.NotEmpty(samples);
        foreach (var sample in samples)
            Assert.Contains(sample.ItemId, (await anonymous.SearchAsync(Q(sample.Title) + "&limit=100")).Ids());
        var hidden = await factory.QueryAsync(db => db.Listings.Where(l => l.State != ListingState.Active).Select(l => l.Id).ToListAsync());
        var all = await anonymous.AllPagesAsync("limit=100");
        Assert.Equal(active, all.Sum(p => p.Ids().Count));
        // The browse total comes from the counts the bulk load recounted (PostgreSQL switches the per-row trigger off meanwhile).
        Assert.Equal(active, (await anonymous.SearchAsync("limit=1")).GetProperty("facets").GetProperty("total").GetInt64());
        Assert.Empty(all.SelectMany(p => p.Ids()).Intersect(hidden));
        // Listings in every city: Hong Kong, Milan, Moscow and London.
        foreach (var near in new[] { "22.30,114.17", "45.46,9.19", "55.75,37.62", "51.51,-0.13" })
            Assert.NotEmpty((await anonymous.SearchAsync($"near={near}&radiusKm=30")).Ids());
    }
}

public sealed class SqliteSeedListingsTests(SqliteSearchAppFactory factory) : SeedListingsTests(factory), IClassFixture<SqliteSearchAppFactory>;

public sealed class PostgresSeedListingsTests(PostgresSearchAppFactory factory) : SeedListingsTests(factory), IClassFixture<PostgresSearchAppFactory>;
