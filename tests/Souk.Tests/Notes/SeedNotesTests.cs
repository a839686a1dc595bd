using Microsoft.EntityFrameworkCore;
using Souk.Tests.Infrastructure;
using Souk.Web.Data;
using Souk.Web.Modules.Catalog;
using Souk.Web.Modules.Notes;
using static Souk.Tests.Catalog.SearchApi;

namespace Souk.Tests.Notes;

/// <summary>`seed --notes N`: the bulk path writes notes the API reads like any other, with counters that match their rows.</summary>
public abstract class SeedNotesTests(SoukAppFactory factory)
{
    [Fact]
    public async Task Seeded_notes_have_consistent_counters_and_read_through_the_api()
    {
        var report = await Seeder.RunAsync(factory.Services, 300, 20, 0, CancellationToken.None, noteCount: 3000);

        Assert.Contains("3,000 notes", report);
        var mismatched = await factory.QueryAsync(db => db.Notes.Where(n =>
            n.LikesCount != db.NoteLikes.Count(l => l.NoteId == n.Id) ||
            n.SavesCount != db.NoteSaves.Count(s => s.NoteId == n.Id) ||
            n.CommentsCount != db.NoteComments.Count(c => c.NoteId == n.Id)).CountAsync());
        Assert.Equal(0, mismatched);
        var wrongFollowers = await factory.QueryAsync(db => db.Users.CountAsync(u => u.FollowersCount != db.Follows.Count(f => f.FolloweeId == u.Id)));
        Assert.Equal(0, wrongFollowers);
        // Saves sit in the saver's own collection.
        Assert.Equal(0, await factory.QueryAsync(db => db.NoteSaves.CountAsync(s => !db.NoteCollections.Any(c => c.Id == s.CollectionId && c.OwnerId == s.UserId))));

        // Engagement has signal: most notes get a few likes, some many; and the follow graph has a long tail.
        var (liked, maxLikes, total) = await factory.QueryAsync(async db => (
            await db.Notes.CountAsync(n => n.LikesCount > 0), await db.Notes.MaxAsync(n => n.LikesCount), await db.NoteLikes.CountAsync()));
        Assert.InRange(liked, 1000, 2900);
        Assert.True(maxLikes >= 10 * total / 3000.0, $"max {maxLikes} likes against a mean of {total / 3000.0:F1}");
        var followers = await factory.QueryAsync(db => db.Users.OrderBy(u => u.FollowersCount).Select(u => u.FollowersCount).ToListAsync());
        Assert.True(followers[^1] > 10 * followers[followers.Count / 2], $"most followed {followers[^1]}, median {followers[followers.Count / 2]}");

        // Every note is in search, found by its words like a note written through the API.
        Assert.Equal(3000, await factory.QueryAsync(db => db.SearchEntries.CountAsync(e => e.Kind == SearchKind.Note)));
        Assert.Equal(0, await SearchIndex.CompletePendingAsync(factory.Services));
        var title = await factory.QueryAsync(db => db.Notes.OrderBy(n => n.Id).Select(n => n.Title).FirstAsync());
        using (var searcher = factory.Anonymous())
            Assert.Contains(title, (await searcher.SearchAsync(Q(title) + "&kind=note&limit=100")).Titles());

        // Ids rise with time over the last 30 days.
        var times = await factory.QueryAsync(db => db.Notes.OrderBy(n => n.Id).Select(n => n.CreatedAt).ToListAsync());
        Assert.True(times[^1] - times[0] > TimeSpan.FromDays(NoteSeed.Days - 1));
        Assert.DoesNotContain(times.Zip(times.Skip(1)), p => p.Second < p.First);

        // A sample of notes reads like any other: hashtags from the text, photos with URLs, the same counts.
        using var anonymous = factory.Anonymous();
        var sample = await factory.QueryAsync(db => db.Notes.OrderByDescending(n => n.LikesCount).Take(3)
            .Concat(db.Notes.Where(n => n.Id % 500 == 0)).Select(n => new { n.Id, n.LikesCount, n.AuthorId }).ToListAsync());
        foreach (var note in sample)
        {
            var body = await anonymous.GetNoteAsync(note.Id);
            Assert.Equal(note.LikesCount, body.GetProperty("likesCount").GetInt32());
            var text = body.GetProperty("title").GetString() + "\n" + body.GetProperty("body").GetString();
            Assert.Equal(NoteText.Hashtags(text).Order(), body.GetProperty("hashtags").EnumerateArray().Select(h => h.GetString()!).Order());
            Assert.NotEmpty(body.GetProperty("hashtags").EnumerateArray());
            Assert.All(body.GetProperty("photos").EnumerateArray(), p => Assert.False(string.IsNullOrEmpty(p.GetProperty("urls").GetProperty("thumbnail").GetString())));
            var handle = await factory.QueryAsync(db => db.Users.Where(u => u.Id == note.AuthorId).Select(u => u.UserName).SingleAsync());
            Assert.Contains(note.Id, await anonymous.AllIdsAsync($"/api/v1/users/{handle}/notes", 100));
        }
    }
}

public sealed class SqliteSeedNotesTests(SqliteAppFactory factory) : SeedNotesTests(factory), IClassFixture<SqliteAppFactory>;

public sealed class PostgresSeedNotesTests(PostgresAppFactory factory) : SeedNotesTests(factory), IClassFixture<PostgresAppFactory>;
