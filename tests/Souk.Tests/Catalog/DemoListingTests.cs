using System.Net;
using Souk.Tests.Infrastructure;

namespace Souk.Tests.Catalog;

/// <summary>The demo data's listings: created through the real rules on both providers, in several languages and currencies.</summary>
public abstract class DemoListingTests(SoukAppFactory factory)
{
    async Task<List<System.Text.Json.JsonElement>> ListingsOfAsync(string handle)
    {
        using var client = factory.Anonymous();
        using var response = await client.GetAsync($"/api/v1/users/{handle}/listings");
        await response.ShouldBeAsync(HttpStatusCode.OK);
        return [.. (await response.JsonAsync()).GetProperty("items").EnumerateArray()];
    }

    [Fact]
    public async Task Demo_sellers_have_listings_in_their_own_language_and_currency()
    {
        var amy = await ListingsOfAsync("amy_hk");
        var milano = await ListingsOfAsync("atelier_milano");
        var masha = await ListingsOfAsync("masha_moscow");

        Assert.Contains(amy, l => l.GetProperty("title").GetString()!.Contains("二手相機 Fujifilm X100V", StringComparison.Ordinal));
        Assert.All(amy, l => Assert.Equal("HKD", l.GetProperty("price").GetProperty("currency").GetString()));
        Assert.Contains(amy, l => l.GetProperty("state").GetString() == "sold");
        Assert.Contains(amy, l => l.GetProperty("state").GetString() == "reserved");
        Assert.Contains(milano, l => l.GetProperty("title").GetString()!.StartsWith("Borsa", StringComparison.Ordinal)
            && l.GetProperty("price").GetProperty("currency").GetString() == "EUR");
        Assert.Contains(masha, l => l.GetProperty("price").GetProperty("currency").GetString() == "RUB");
    }

    [Fact]
    public async Task A_demo_listing_has_photos_that_load_and_saves_that_add_up()
    {
        var fuji = (await ListingsOfAsync("amy_hk")).Single(l => l.GetProperty("title").GetString()!.Contains("X100V", StringComparison.Ordinal));
        using var client = factory.Anonymous();

        var listing = await client.GetListingAsync(fuji.GetProperty("id").GetInt64());

        var photos = listing.GetProperty("photos").EnumerateArray().ToList();
        Assert.Equal(2, photos.Count);
        foreach (var photo in photos)
        {
            using var image = await client.GetAsync(photo.GetProperty("urls").GetProperty("medium").GetString());
            await image.ShouldBeAsync(HttpStatusCode.OK);
            Assert.Equal("image/jpeg", image.Content.Headers.ContentType?.MediaType);
        }
        Assert.Equal(2, listing.GetProperty("savesCount").GetInt32());
        Assert.Equal(22.32, listing.GetProperty("location").GetProperty("lat").GetDouble());
    }
}

public sealed class SqliteDemoFactory : SqliteAppFactory
{
    protected override void Tune(IDictionary<string, string?> settings) => settings["Demo:Enabled"] = "true";
}

public sealed class PostgresDemoFactory : PostgresAppFactory
{
    protected override void Tune(IDictionary<string, string?> settings) => settings["Demo:Enabled"] = "true";
}

public sealed class SqliteDemoListingTests(SqliteDemoFactory factory) : DemoListingTests(factory), IClassFixture<SqliteDemoFactory>;

public sealed class PostgresDemoListingTests(PostgresDemoFactory factory) : DemoListingTests(factory), IClassFixture<PostgresDemoFactory>;
