using System.Net;
using Microsoft.EntityFrameworkCore;
using Souk.Tests.Accounts;
using Souk.Tests.Infrastructure;

namespace Souk.Tests.Catalog;

/// <summary>The same seller, the same title and the same photos, active, within 24 hours: 409 with a link to the first.</summary>
public abstract class DuplicateListingTests(SoukAppFactory factory)
{
    Task<int> CountAsync(string title) => factory.QueryAsync(db => db.Listings.CountAsync(l => l.Title == title));

    [Fact]
    public async Task A_second_identical_listing_is_409_linking_to_the_first()
    {
        var seller = await factory.NewSessionAsync();
        var photos = await seller.UploadPhotosAsync(2);
        var title = $"Canon AE-1 {Guid.NewGuid().ToString("N")[..6]}";
        var first = await seller.CreateListingIdAsync(CatalogApi.ValidListing(photos, title));
        // Case, surrounding spaces and photo order do not make it a different listing.
        var again = CatalogApi.ValidListing([photos[1], photos[0]], $"  {title.ToUpperInvariant()} ");
        again["price"]!["amount"] = 120000;

        using var response = await seller.Client.PostJsonAsync("/api/v1/listings", again);

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.Conflict);
        var listing = problem.GetProperty("listing");
        Assert.Equal(first, listing.GetProperty("id").GetInt64());
        Assert.EndsWith($"/l/{first}", listing.GetProperty("url").GetString(), StringComparison.Ordinal);
        Assert.EndsWith($"/api/v1/listings/{first}", listing.GetProperty("apiUrl").GetString(), StringComparison.Ordinal);
        Assert.Equal(1, await CountAsync(title));
    }

    [Fact]
    public async Task Different_photos_a_different_title_or_another_seller_are_not_duplicates()
    {
        var seller = await factory.NewSessionAsync();
        var other = await factory.NewSessionAsync();
        var photos = await seller.UploadPhotosAsync(2);
        var title = $"Leica M6 {Guid.NewGuid().ToString("N")[..6]}";
        await seller.CreateListingIdAsync(CatalogApi.ValidListing(photos, title));

        await seller.CreateListingIdAsync(CatalogApi.ValidListing([photos[0]], title));
        await seller.CreateListingIdAsync(CatalogApi.ValidListing(photos, title + " (2)"));
        await other.CreateListingIdAsync(CatalogApi.ValidListing(await other.UploadPhotosAsync(1), title));

        Assert.Equal(3, await CountAsync(title));
    }

    [Theory]
    [InlineData("sold")]
    [InlineData("hidden")]
    [InlineData("reserved")]
    public async Task Only_an_active_first_listing_blocks_the_second(string state)
    {
        var seller = await factory.NewSessionAsync();
        var photos = await seller.UploadPhotosAsync(1);
        var title = $"Nikon FM2 {Guid.NewGuid().ToString("N")[..6]}";
        var first = await seller.CreateListingIdAsync(CatalogApi.ValidListing(photos, title));
        using (var move = await seller.SetStateAsync(first, state)) await move.ShouldBeAsync(HttpStatusCode.OK);

        var second = await seller.CreateListingIdAsync(CatalogApi.ValidListing(photos, title));

        Assert.NotEqual(first, second);
    }

    [Fact]
    public async Task After_24_hours_the_same_listing_may_be_posted_again()
    {
        var clock = factory.Clock!;
        var seller = await factory.NewSessionAsync();
        var photos = await seller.UploadPhotosAsync(1);
        var title = $"Olympus OM-1 {Guid.NewGuid().ToString("N")[..6]}";
        var first = await seller.CreateListingIdAsync(CatalogApi.ValidListing(photos, title));

        clock.Advance(TimeSpan.FromHours(23));
        using (var tooSoon = await (await factory.SignInAsync(seller.Account)).Client.PostJsonAsync("/api/v1/listings", CatalogApi.ValidListing(photos, title)))
            await tooSoon.ShouldBeProblemAsync(HttpStatusCode.Conflict);
        clock.Advance(TimeSpan.FromHours(1) + TimeSpan.FromMinutes(1));
        // The old access token has expired on the moved clock; sign in again.
        var later = await factory.SignInAsync(seller.Account);
        var second = await later.CreateListingIdAsync(CatalogApi.ValidListing(photos, title));

        Assert.NotEqual(first, second);
        Assert.Equal(2, await CountAsync(title));
    }

    [Fact]
    public async Task Eight_identical_posts_at_once_create_exactly_one_listing()
    {
        var seller = await factory.NewSessionAsync();
        var photos = await seller.UploadPhotosAsync(1);
        var title = $"Pentax K1000 {Guid.NewGuid().ToString("N")[..6]}";

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => seller.Client.PostJsonAsync("/api/v1/listings", CatalogApi.ValidListing(photos, title))));

        try
        {
            Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
            Assert.Equal(7, responses.Count(r => r.StatusCode == HttpStatusCode.Conflict));
        }
        finally
        {
            foreach (var r in responses) r.Dispose();
        }
        Assert.Equal(1, await CountAsync(title));
    }
}

public sealed class SqliteDuplicateListingTests(SqliteFakeClockFactory factory) : DuplicateListingTests(factory), IClassFixture<SqliteFakeClockFactory>;

public sealed class PostgresDuplicateListingTests(PostgresFakeClockFactory factory) : DuplicateListingTests(factory), IClassFixture<PostgresFakeClockFactory>;
