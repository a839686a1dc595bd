using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Souk.Tests.Accounts;
using Souk.Tests.Catalog;
using Souk.Tests.Infrastructure;
using Souk.Tests.Notes;
using Souk.Web.Modules.Notes;

namespace Souk.Tests.Feed;

/// <summary>
/// GET /api/v1/feed/discover, its "why", and trending hashtags, on an app whose clock stands still unless a test moves it
/// (so a score read twice is the same score).
/// </summary>
public abstract class DiscoverFeedTests(SoukAppFactory factory)
{
    static async Task<List<JsonElement>> AllItemsAsync(HttpClient client, int limit)
    {
        var items = new List<JsonElement>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = await client.GetOkAsync(FeedApi.WithCursor($"/api/v1/feed/discover?limit={limit}", cursor));
            items.AddRange(page.GetProperty("items").EnumerateArray());
            cursor = page.Next();
            Assert.True(++pages < 200, "The cursor never ended");
        }
        while (cursor is not null);
        return items;
    }

    static long NoteId(JsonElement item) => item.GetProperty("note").GetProperty("id").GetInt64();

    static List<string> Strings(JsonElement array) => [.. array.EnumerateArray().Select(e => e.GetString()!)];

    [Fact]
    public async Task Why_explains_the_score_the_feed_ranked_with_component_by_component()
    {
        var tag = "tea" + SearchApi.Marker();
        var author = await factory.NewSessionAsync();
        var viewer = await factory.NewSessionAsync();
        var other = await factory.NewSessionAsync();
        await viewer.FollowAsync(author);
        var note = await author.PostNoteAsync(await author.UploadPhotoAsync(), "Oolong at home", $"Brewed it three times. #{tag}");
        var liked = await other.PostNoteAsync(await other.UploadPhotoAsync(), "Tea shop crawl", $"#{tag}");
        var viewerId = await factory.UserIdAsync(viewer);
        await factory.QueryAsync(async db =>
        {
            db.NoteLikes.Add(new NoteLike { UserId = viewerId, NoteId = liked, CreatedAt = factory.Clock!.GetUtcNow().UtcDateTime });
            return await db.SaveChangesAsync();
        });
        await factory.SetEngagementAsync(note, likes: 4, saves: 2, comments: 1);

        var why = await viewer.Client.GetOkAsync($"/api/v1/feed/discover/why/{note}");

        Assert.Equal(12, why.GetProperty("weightedEngagement").GetDouble());
        Assert.Equal(1 + Math.Log(13), why.GetProperty("engagementFactor").GetDouble(), 9);
        Assert.Equal(1, why.GetProperty("freshness").GetDouble(), 9);
        Assert.True(why.GetProperty("followsAuthor").GetBoolean());
        Assert.Equal([tag], Strings(why.GetProperty("matchedHashtags")));
        Assert.Equal(2.5, why.GetProperty("affinityFactor").GetDouble(), 9);
        var total = why.GetProperty("total").GetDouble();
        Assert.Equal(why.GetProperty("engagementFactor").GetDouble() * why.GetProperty("freshness").GetDouble() * why.GetProperty("affinityFactor").GetDouble(), total, 9);
        Assert.Equal(["followed", $"hashtag:#{tag}", "popular", "fresh", "smallCreator"], Strings(why.GetProperty("reasons")));

        // The feed ranked the note with that very score and those reasons.
        var item = (await AllItemsAsync(viewer.Client, 50)).Single(i => NoteId(i) == note);
        Assert.Equal(total, item.GetProperty("score").GetDouble());
        Assert.Equal(Strings(why.GetProperty("reasons")), Strings(item.GetProperty("reasons")));

        // Someone who follows nobody and liked nothing gets no affinity.
        var anonymous = await factory.Anonymous().GetOkAsync($"/api/v1/feed/discover/why/{note}");
        Assert.Equal(1, anonymous.GetProperty("affinityFactor").GetDouble());
        Assert.Equal(total / 2.5, anonymous.GetProperty("total").GetDouble(), 9);
        using var missing = await factory.Anonymous().GetAsync("/api/v1/feed/discover/why/987654321");
        await missing.ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Hashtag_matches_stop_at_two_and_a_category_match_counts_once_in_the_feed_as_in_why()
    {
        var marker = SearchApi.Marker();
        string[] tags = ["amber" + marker, "birch" + marker, "cedar" + marker];
        var seller = await factory.NewSessionAsync();
        var listing = await seller.CreateListingIdAsync();
        var author = await factory.NewSessionAsync();
        var other = await factory.NewSessionAsync();
        var viewer = await factory.NewSessionAsync();
        async Task<long> TaggedNoteAsync(Session by, string title)
        {
            var photo = await by.UploadPhotoAsync();
            var body = NotesApi.ValidNote([photo], title, string.Join(' ', tags.Select(t => "#" + t)));
            body["photos"] = new JsonArray(NotesApi.Photo(photo, NotesApi.Tag(0.4, 0.6, listingId: listing)));
            return await by.CreateNoteIdAsync(body);
        }
        var note = await TaggedNoteAsync(author, "Three woods, one camera");
        var liked = await TaggedNoteAsync(other, "The same three woods");
        using (var like = await viewer.Client.PutAsync($"/api/v1/notes/{liked}/like", null)) await like.ShouldBeAsync(HttpStatusCode.OK);

        var why = await viewer.Client.GetOkAsync($"/api/v1/feed/discover/why/{note}");

        // Three hashtags in common count as two (tag stuffing does not pay); the camera category once.
        Assert.Equal(tags[..2], Strings(why.GetProperty("matchedHashtags")));
        Assert.Equal(["cameras"], Strings(why.GetProperty("matchedCategories")));
        Assert.False(why.GetProperty("followsAuthor").GetBoolean());
        Assert.Equal(1 + 2 * 0.5 + 0.5, why.GetProperty("affinityFactor").GetDouble(), 9);
        Assert.Equal([$"hashtag:#{tags[0]}", $"hashtag:#{tags[1]}", "category:cameras", "fresh", "smallCreator"], Strings(why.GetProperty("reasons")));

        // The feed orders by the same total it explains the page's notes with.
        var item = (await AllItemsAsync(viewer.Client, 50)).Single(i => NoteId(i) == note);
        Assert.Equal(why.GetProperty("total").GetDouble(), item.GetProperty("score").GetDouble());
        Assert.Equal(Strings(why.GetProperty("reasons")), Strings(item.GetProperty("reasons")));
    }

    [Fact]
    public async Task Sponsorship_is_not_an_input_no_field_can_buy_a_place()
    {
        var (brand, slug) = await factory.NewShopAsync("brand");
        var product = await brand.CreateProductIdAsync(slug, ShopApi.SimpleProduct([await brand.UploadPhotoAsync()]));
        var creator = await factory.NewSessionAsync();
        var photo = await creator.UploadPhotoAsync();
        var body = NotesApi.ValidNote([photo], "My new bag");
        body["photos"] = new JsonArray(NotesApi.Photo(photo, NotesApi.Tag(0.5, 0.5, productId: product)));
        var note = await creator.CreateNoteIdAsync(body);
        await factory.SetEngagementAsync(note, likes: 3);
        var before = await factory.Anonymous().GetOkAsync($"/api/v1/feed/discover/why/{note}");

        using (var sponsor = await creator.Client.PatchJsonAsync($"/api/v1/notes/{note}", new { sponsoredBy = brand.Account.Handle }))
            await sponsor.ShouldBeAsync(HttpStatusCode.OK);
        var after = await factory.Anonymous().GetOkAsync($"/api/v1/feed/discover/why/{note}");

        Assert.True((await factory.Anonymous().GetNoteAsync(note)).GetProperty("sponsoredBy").ValueKind == JsonValueKind.Object);
        Assert.Equal(before.GetProperty("total").GetDouble(), after.GetProperty("total").GetDouble());
        Assert.Equal(Strings(before.GetProperty("reasons")), Strings(after.GetProperty("reasons")));
        var inputs = after.EnumerateObject().Select(p => p.Name.ToLowerInvariant()).ToList();
        Assert.DoesNotContain(inputs, n => n.Contains("sponsor") || n.Contains("paid") || n.Contains("boost") || n.Contains("promot"));
        var item = (await AllItemsAsync(factory.Anonymous(), 50)).Single(i => NoteId(i) == note);
        Assert.Equal(before.GetProperty("total").GetDouble(), item.GetProperty("score").GetDouble());
    }

    [Fact]
    public async Task Small_creators_get_at_least_one_slot_in_four_on_seeded_data()
    {
        var big = new HashSet<string>();
        var seeded = new HashSet<long>();
        for (var a = 0; a < 4; a++)
        {
            var author = await factory.NewSessionAsync();
            await factory.SetFollowersAsync(author, 5000);
            big.Add(author.Account.Handle);
            var photo = await author.UploadPhotoAsync();
            for (var n = 0; n < 12; n++)
            {
                var id = await author.PostNoteAsync(photo, $"Big {a}.{n}");
                await factory.SetEngagementAsync(id, likes: 50, saves: 10);
                seeded.Add(id);
            }
        }
        for (var a = 0; a < 4; a++)
        {
            var author = await factory.NewSessionAsync();
            var photo = await author.UploadPhotoAsync();
            for (var n = 0; n < 3; n++) seeded.Add(await author.PostNoteAsync(photo, $"Small {a}.{n}"));
        }

        var items = await AllItemsAsync(factory.Anonymous(), 7);

        var ids = items.Select(NoteId).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.Superset(seeded, ids.ToHashSet());
        var small = items.Select(i => !big.Contains(i.GetProperty("note").GetProperty("author").GetProperty("handle").GetString()!)).ToList();
        Assert.Equal(small, items.Select(i => Strings(i.GetProperty("reasons")).Contains("smallCreator")).ToList());
        var lastSmall = small.LastIndexOf(true);
        for (var start = 0; start + 4 <= lastSmall + 1; start++)
            Assert.True(small.Skip(start).Take(4).Any(s => s), $"Slots {start}–{start + 3} have no small creator although one comes later");
        // The big creators' far more engaged notes still lead: the share is a floor, not a takeover.
        Assert.False(small[0]);
    }

    [Fact]
    public async Task Trending_counts_distinct_notes_of_the_last_24_hours()
    {
        var marker = SearchApi.Marker();
        string alpha = "alpha" + marker, beta = "beta" + marker;
        var early = await factory.NewSessionAsync();
        await early.PostNoteAsync(await early.UploadPhotoAsync(), "Early", $"#{alpha} #{alpha}");
        factory.Clock!.Advance(TimeSpan.FromHours(20));
        var late = await factory.NewSessionAsync();
        var photo = await late.UploadPhotoAsync();
        await late.PostNoteAsync(photo, "Late one", $"#{beta}");
        await late.PostNoteAsync(photo, "Late two", $"#{beta} #{beta.ToUpperInvariant()}");

        async Task<Dictionary<string, int>> TrendingAsync()
        {
            var body = await factory.Anonymous().GetOkAsync("/api/v1/hashtags/trending?limit=20");
            return body.GetProperty("items").EnumerateArray().ToDictionary(i => i.GetProperty("tag").GetString()!, i => i.GetProperty("notes").GetInt32());
        }

        var now = await TrendingAsync();
        Assert.Equal(2, now[beta]);
        Assert.Equal(1, now[alpha]);
        Assert.True(now.Keys.ToList().IndexOf(beta) < now.Keys.ToList().IndexOf(alpha));

        factory.Clock.Advance(TimeSpan.FromHours(5));
        var later = await TrendingAsync();
        Assert.Equal(2, later[beta]);
        Assert.False(later.ContainsKey(alpha), "A tag last used 25 hours ago is no longer trending");
    }
}

public sealed class SqliteDiscoverFeedTests(SqliteFakeClockFactory factory) : DiscoverFeedTests(factory), IClassFixture<SqliteFakeClockFactory>;

public sealed class PostgresDiscoverFeedTests(PostgresFakeClockFactory factory) : DiscoverFeedTests(factory), IClassFixture<PostgresFakeClockFactory>;
