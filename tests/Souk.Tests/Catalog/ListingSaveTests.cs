using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Souk.Tests.Infrastructure;

namespace Souk.Tests.Catalog;

/// <summary>PUT/DELETE /api/v1/listings/{id}/save and GET /api/v1/me/saved: idempotent, counted exactly, even in a crowd.</summary>
public abstract class ListingSaveTests(SoukAppFactory factory)
{
    Task<int> RowsAsync(long id) => factory.QueryAsync(db => db.ListingSaves.CountAsync(s => s.ListingId == id));

    async Task<int> CountAsync(long id) => (await factory.Anonymous().GetListingAsync(id)).GetProperty("savesCount").GetInt32();

    [Fact]
    public async Task Saving_twice_is_one_save_and_unsaving_twice_is_none()
    {
        var seller = await factory.NewSessionAsync();
        var fan = await factory.NewSessionAsync();
        var id = await seller.CreateListingIdAsync();
        var url = $"/api/v1/listings/{id}/save";

        using var first = await fan.Client.PutAsync(url, null);
        using var second = await fan.Client.PutAsync(url, null);

        await second.ShouldBeAsync(HttpStatusCode.OK);
        var state = await second.JsonAsync();
        Assert.True(state.GetProperty("saved").GetBoolean());
        Assert.Equal(1, state.GetProperty("savesCount").GetInt32());
        Assert.Equal(1, await CountAsync(id));
        Assert.True((await fan.Client.GetListingAsync(id)).GetProperty("saved").GetBoolean());
        Assert.False((await seller.Client.GetListingAsync(id)).GetProperty("saved").GetBoolean());

        using var unsave = await fan.Client.DeleteAsync(url);
        using var again = await fan.Client.DeleteAsync(url);

        await again.ShouldBeAsync(HttpStatusCode.OK);
        var after = await again.JsonAsync();
        Assert.False(after.GetProperty("saved").GetBoolean());
        Assert.Equal(0, after.GetProperty("savesCount").GetInt32());
        Assert.Equal(0, await CountAsync(id));
        Assert.Equal(0, await RowsAsync(id));
    }

    [Fact]
    public async Task Twenty_parallel_saves_by_one_person_make_one_save()
    {
        var seller = await factory.NewSessionAsync();
        var fan = await factory.NewSessionAsync();
        var id = await seller.CreateListingIdAsync();

        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => fan.Client.PutAsync($"/api/v1/listings/{id}/save", null)));

        foreach (var r in responses)
        {
            await r.ShouldBeAsync(HttpStatusCode.OK);
            Assert.True((await r.JsonAsync()).GetProperty("saved").GetBoolean());
            r.Dispose();
        }
        Assert.Equal(1, await RowsAsync(id));
        Assert.Equal(1, await CountAsync(id));
    }

    [Fact]
    public async Task Twelve_people_saving_at_once_count_twelve_and_parallel_unsaves_count_down_exactly()
    {
        var seller = await factory.NewSessionAsync();
        var id = await seller.CreateListingIdAsync();
        var fans = new List<Session>();
        for (var i = 0; i < 12; i++) fans.Add(await factory.NewSessionAsync());

        var saves = await Task.WhenAll(fans.Select(f => f.Client.PutAsync($"/api/v1/listings/{id}/save", null)));
        foreach (var r in saves)
        {
            await r.ShouldBeAsync(HttpStatusCode.OK);
            r.Dispose();
        }
        Assert.Equal(12, await CountAsync(id));

        // Half unsave, each twice at once, while the other half save again.
        var mixed = await Task.WhenAll(fans.SelectMany((f, i) => i % 2 == 0
            ? new[] { f.Client.DeleteAsync($"/api/v1/listings/{id}/save"), f.Client.DeleteAsync($"/api/v1/listings/{id}/save") }
            : new[] { f.Client.PutAsync($"/api/v1/listings/{id}/save", null) }));
        foreach (var r in mixed)
        {
            await r.ShouldBeAsync(HttpStatusCode.OK);
            r.Dispose();
        }
        Assert.Equal(6, await RowsAsync(id));
        Assert.Equal(6, await CountAsync(id));
    }

    [Fact]
    public async Task Parallel_save_and_unsave_leave_the_counter_matching_the_rows()
    {
        var seller = await factory.NewSessionAsync();
        var fan = await factory.NewSessionAsync();
        var id = await seller.CreateListingIdAsync();
        var url = $"/api/v1/listings/{id}/save";

        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => i % 2 == 0 ? fan.Client.PutAsync(url, null) : fan.Client.DeleteAsync(url)));

        foreach (var r in responses)
        {
            await r.ShouldBeAsync(HttpStatusCode.OK);
            r.Dispose();
        }
        var rows = await RowsAsync(id);
        Assert.InRange(rows, 0, 1);
        Assert.Equal(rows, await CountAsync(id));
    }

    [Fact]
    public async Task Saved_items_are_newest_first_paged_and_drop_listings_others_hid()
    {
        var seller = await factory.NewSessionAsync();
        var fan = await factory.NewSessionAsync();
        var photo = await seller.UploadPhotoAsync();
        var ids = new List<long>();
        for (var i = 0; i < 5; i++) ids.Add(await seller.CreateListingIdAsync(CatalogApi.ValidListing([photo], title: $"Saved item {i}")));
        var ownId = await fan.CreateListingIdAsync();
        foreach (var id in ids.Append(ownId))
        {
            using var save = await fan.Client.PutAsync($"/api/v1/listings/{id}/save", null);
            await save.ShouldBeAsync(HttpStatusCode.OK);
        }
        using (var hide = await seller.SetStateAsync(ids[2], "hidden")) await hide.ShouldBeAsync(HttpStatusCode.OK);
        using (var hideOwn = await fan.SetStateAsync(ownId, "hidden")) await hideOwn.ShouldBeAsync(HttpStatusCode.OK);

        var seen = new List<long>();
        string? cursor = null;
        var pages = 0;
        do
        {
            using var page = await fan.Client.GetAsync("/api/v1/me/saved?limit=2" + (cursor is null ? "" : $"&cursor={Uri.EscapeDataString(cursor)}"));
            await page.ShouldBeAsync(HttpStatusCode.OK);
            var body = await page.JsonAsync();
            seen.AddRange(body.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetInt64()));
            cursor = body.GetProperty("nextCursor").GetString();
            Assert.True(++pages <= 5, "The cursor never ended");
        }
        while (cursor is not null);

        Assert.Equal(new[] { ownId, ids[4], ids[3], ids[1], ids[0] }, seen);
        using var bad = await fan.Client.GetAsync("/api/v1/me/saved?cursor=!!!");
        await bad.ShouldBeValidationProblemAsync("cursor");
    }

    [Fact]
    public async Task Saving_an_unknown_listing_is_404()
    {
        var fan = await factory.NewSessionAsync();

        using var put = await fan.Client.PutAsync("/api/v1/listings/987654321/save", null);
        using var delete = await fan.Client.DeleteAsync("/api/v1/listings/987654321/save");

        await put.ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await delete.ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }
}

public sealed class SqliteListingSaveTests(SqliteAppFactory factory) : ListingSaveTests(factory), IClassFixture<SqliteAppFactory>;

public sealed class PostgresListingSaveTests(PostgresAppFactory factory) : ListingSaveTests(factory), IClassFixture<PostgresAppFactory>;
