using System.Net;
using Microsoft.EntityFrameworkCore;
using Souk.Tests.Infrastructure;
using Souk.Web.Modules.Accounts;

namespace Souk.Tests.Catalog;

/// <summary>
/// Anonymous reads of a listing, the page /l/{id} and GET /api/v1/listings/{id}, come from the output cache. Each test
/// reads both anonymously first, so they are cached, then changes the listing or its seller through the app and expects
/// anonymous readers to see the change at once.
/// </summary>
public abstract class ListingCacheTests(SoukAppFactory factory)
{
    async Task<string> AnonymousPageAsync(long id, string? acceptLanguage = null)
    {
        using var client = factory.Anonymous();
        if (acceptLanguage is not null) client.DefaultRequestHeaders.AcceptLanguage.ParseAdd(acceptLanguage);
        using var response = await client.GetAsync($"/l/{id}");
        await response.ShouldBeAsync(HttpStatusCode.OK);
        return await response.Content.ReadAsStringAsync();
    }

    async Task<string> AnonymousApiTitleAsync(long id)
    {
        using var client = factory.Anonymous();
        return (await client.GetListingAsync(id)).GetProperty("title").GetString()!;
    }

    async Task<(HttpStatusCode Page, HttpStatusCode Api)> AnonymousStatusAsync(long id)
    {
        using var client = factory.Anonymous();
        using var page = await client.GetAsync($"/l/{id}");
        using var api = await client.GetAsync($"/api/v1/listings/{id}");
        return (page.StatusCode, api.StatusCode);
    }

    /// <summary>A listing whose page and API answer are both in the cache now.</summary>
    async Task<(Session Seller, long Id, string Title)> CachedListingAsync()
    {
        var seller = await factory.NewSessionAsync();
        var title = $"Leica M6 classic {Guid.NewGuid().ToString("N")[..8]}";
        var id = await seller.CreateListingIdAsync(CatalogApi.ValidListing(await seller.UploadPhotosAsync(1), title));
        Assert.Contains(title, await AnonymousPageAsync(id), StringComparison.Ordinal);
        Assert.Equal(title, await AnonymousApiTitleAsync(id));
        return (seller, id, title);
    }

    Task WriteTitleBehindTheAppsBackAsync(long id, string title) =>
        factory.QueryAsync(db => db.Listings.Where(l => l.Id == id).ExecuteUpdateAsync(s => s.SetProperty(l => l.Title, title)));

    [Fact]
    public async Task Anonymous_reads_come_from_the_cache_and_signed_in_reads_are_fresh()
    {
        var (seller, id, title) = await CachedListingAsync();

        await WriteTitleBehindTheAppsBackAsync(id, "Written directly");

        Assert.Contains(title, await AnonymousPageAsync(id), StringComparison.Ordinal);
        Assert.Equal(title, await AnonymousApiTitleAsync(id));
        Assert.Equal("Written directly", (await seller.Client.GetListingAsync(id)).GetProperty("title").GetString());
        using var page = await seller.Client.GetAsync($"/l/{id}");
        Assert.Contains("Written directly", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        // Served from the cache, the anonymous page still tells browsers and proxies not to keep it: only this node does.
        using var anonymous = factory.Anonymous();
        using var cached = await anonymous.GetAsync($"/l/{id}");
        Assert.True(cached.Headers.CacheControl is { Private: true, NoCache: true }, $"Cache-Control: {cached.Headers.CacheControl}");
    }

    [Fact]
    public async Task An_edit_shows_at_once()
    {
        var (seller, id, _) = await CachedListingAsync();

        using (var patch = await seller.Client.PatchJsonAsync($"/api/v1/listings/{id}", new { title = "Leica M6, price dropped" }))
            await patch.ShouldBeAsync(HttpStatusCode.OK);

        Assert.Contains("Leica M6, price dropped", await AnonymousPageAsync(id), StringComparison.Ordinal);
        Assert.Equal("Leica M6, price dropped", await AnonymousApiTitleAsync(id));
    }

    [Fact]
    public async Task A_state_change_shows_at_once_and_hiding_makes_it_404()
    {
        var (seller, id, _) = await CachedListingAsync();

        using (var reserved = await seller.SetStateAsync(id, "reserved")) await reserved.ShouldBeAsync(HttpStatusCode.OK);
        Assert.Contains("data-testid=\"state-badge\"", await AnonymousPageAsync(id), StringComparison.Ordinal);
        using (var client = factory.Anonymous())
            Assert.Equal("reserved", (await client.GetListingAsync(id)).GetProperty("state").GetString());

        using (var active = await seller.SetStateAsync(id, "active")) await active.ShouldBeAsync(HttpStatusCode.OK);
        await AnonymousPageAsync(id);
        using (var hidden = await seller.SetStateAsync(id, "hidden")) await hidden.ShouldBeAsync(HttpStatusCode.OK);
        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.NotFound), await AnonymousStatusAsync(id));
    }

    [Fact]
    public async Task A_deleted_listing_is_404_at_once()
    {
        var (seller, id, _) = await CachedListingAsync();

        using (var delete = await seller.Client.DeleteAsync($"/api/v1/listings/{id}")) await delete.ShouldBeAsync(HttpStatusCode.NoContent);

        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.NotFound), await AnonymousStatusAsync(id));
    }

    [Fact]
    public async Task Saves_count_changes_at_once()
    {
        var (_, id, _) = await CachedListingAsync();
        var fan = await factory.NewSessionAsync();
        Assert.DoesNotContain("data-testid=\"saves-count\"", await AnonymousPageAsync(id), StringComparison.Ordinal);

        using (var save = await fan.Client.PutAsync($"/api/v1/listings/{id}/save", null)) await save.ShouldBeAsync(HttpStatusCode.OK);
        Assert.Contains("data-testid=\"saves-count\"", await AnonymousPageAsync(id), StringComparison.Ordinal);
        using (var client = factory.Anonymous())
            Assert.Equal(1, (await client.GetListingAsync(id)).GetProperty("savesCount").GetInt32());

        using (var unsave = await fan.Client.DeleteAsync($"/api/v1/listings/{id}/save")) await unsave.ShouldBeAsync(HttpStatusCode.OK);
        Assert.DoesNotContain("data-testid=\"saves-count\"", await AnonymousPageAsync(id), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_sellers_new_name_handle_and_badge_show_at_once()
    {
        var (seller, id, _) = await CachedListingAsync();
        var newHandle = Api.NewHandle("shop");

        using (var patch = await seller.Client.PatchJsonAsync("/api/v1/me", new { displayName = "Vintage Camera Corner", handle = newHandle }))
            await patch.ShouldBeAsync(HttpStatusCode.OK);
        var page = await AnonymousPageAsync(id);
        Assert.Contains("Vintage Camera Corner", page, StringComparison.Ordinal);
        Assert.Contains($"href=\"/u/{newHandle}\"", page, StringComparison.Ordinal);
        using (var client = factory.Anonymous())
            Assert.Equal(newHandle, (await client.GetListingAsync(id)).GetProperty("seller").GetProperty("handle").GetString());

        await using (var scope = factory.Services.CreateAsyncScope())
            Assert.True(await scope.ServiceProvider.GetRequiredService<OperatorActions>().SetVerifiedAsync(newHandle, true, CancellationToken.None));
        using (var client = factory.Anonymous())
            Assert.True((await client.GetListingAsync(id)).GetProperty("seller").GetProperty("isVerified").GetBoolean());
    }

    [Fact]
    public async Task Each_language_and_blazor_enhanced_navigation_get_their_own_copy()
    {
        var (_, id, _) = await CachedListingAsync();

        Assert.Contains("<html lang=\"it\"", await AnonymousPageAsync(id, acceptLanguage: "it"), StringComparison.Ordinal);
        Assert.Contains("<html lang=\"ru\"", await AnonymousPageAsync(id, acceptLanguage: "ru"), StringComparison.Ordinal);
        Assert.Contains("<html lang=\"en\"", await AnonymousPageAsync(id), StringComparison.Ordinal);

        // Enhanced navigation gets a response framed for patching the open page (a per-response marker in a header and the body).
        using var client = factory.Anonymous();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/l/{id}");
        request.Headers.TryAddWithoutValidation("Accept", "text/html; blazor-enhanced-nav=on");
        using var enhanced = await client.SendAsync(request);
        await enhanced.ShouldBeAsync(HttpStatusCode.OK);
        Assert.True(enhanced.Headers.Contains("ssr-framing"), "the enhanced-navigation response came from the plain page's cache entry");
        using var plain = await client.GetAsync($"/l/{id}");
        Assert.False(plain.Headers.Contains("ssr-framing"), "the plain page came from the enhanced-navigation cache entry");
    }
}

public sealed class SqliteListingCacheTests(SqliteAppFactory factory) : ListingCacheTests(factory), IClassFixture<SqliteAppFactory>;

public sealed class PostgresListingCacheTests(PostgresAppFactory factory) : ListingCacheTests(factory), IClassFixture<PostgresAppFactory>;
