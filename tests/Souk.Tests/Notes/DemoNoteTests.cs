using System.Net;
using Microsoft.EntityFrameworkCore;
using Souk.Tests.Infrastructure;
using Souk.Web.Data;

namespace Souk.Tests.Notes;

/// <summary>The first-run demo has notes in five languages, tagged with demo items, one a disclosed partnership.</summary>
public abstract class DemoNoteTests(SoukAppFactory factory)
{
    [Fact]
    public async Task Demo_notes_are_tagged_dated_and_one_discloses_its_sponsor()
    {
        await DemoData.EnsureAsync(factory.Services);

        using var client = factory.Anonymous();
        var languages = await factory.QueryAsync(db => db.Notes.Select(n => n.Language).Distinct().ToListAsync());
        Assert.Equal(["en", "it", "ru", "zh-Hans-CN", "zh-Hant-HK"], languages.Order(StringComparer.Ordinal));
        Assert.True(await factory.QueryAsync(db => db.NoteTags.CountAsync(t => t.ProductId != null)) >= 2);
        Assert.True(await factory.QueryAsync(db => db.NoteTags.CountAsync(t => t.ListingId != null)) >= 5);

        var masha = await client.AllIdsAsync("/api/v1/users/masha_moscow/notes", limit: 10);
        Assert.Equal(2, masha.Count);
        var review = await client.GetNoteAsync(masha[0]);
        Assert.Equal("atelier_milano", review.GetProperty("sponsoredBy").GetProperty("handle").GetString());
        Assert.Equal("product", review.GetProperty("photos")[0].GetProperty("tags")[0].GetProperty("item").GetProperty("kind").GetString());
        Assert.Contains("обзор", review.GetProperty("hashtags").EnumerateArray().Select(h => h.GetString()));
        // Liked, saved and commented on through the services, so the counters agree with the rows.
        Assert.Equal(4, review.GetProperty("likesCount").GetInt32());
        Assert.Equal(1, review.GetProperty("savesCount").GetInt32());
        Assert.Equal(1, review.GetProperty("commentsCount").GetInt32());
        var reviewId = review.GetProperty("id").GetInt64();
        Assert.Equal(4, await factory.QueryAsync(db => db.NoteLikes.CountAsync(l => l.NoteId == reviewId)));
        // Backdated: the demo reads like a few days of activity, not one instant.
        var span = await factory.QueryAsync(async db => await db.Notes.MaxAsync(n => n.CreatedAt) - await db.Notes.MinAsync(n => n.CreatedAt));
        Assert.True(span > TimeSpan.FromDays(2), $"Demo notes span {span}");

        var li = await client.GetNoteAsync((await client.AllIdsAsync("/api/v1/users/li_wei/notes", limit: 10))[0]);
        Assert.Contains("href=\"/u/amy_hk\"", li.GetProperty("bodyHtml").GetString());
        using var photo = await client.GetAsync(li.GetProperty("photos")[0].GetProperty("urls").GetProperty("medium").GetString());
        await photo.ShouldBeAsync(HttpStatusCode.OK);
    }
}

public sealed class SqliteDemoNoteTests(SqliteAppFactory factory) : DemoNoteTests(factory), IClassFixture<SqliteAppFactory>;

public sealed class PostgresDemoNoteTests(PostgresAppFactory factory) : DemoNoteTests(factory), IClassFixture<PostgresAppFactory>;
