using System.Net;
using System.Text.Json;
using Souk.Tests.Catalog;
using Souk.Tests.Infrastructure;
using Souk.Tests.Notes;
using Souk.Web.Modules.Notes;

namespace Souk.Tests.Feed;

/// <summary>GET /api/v1/feed/following: what is in it, its order, and pages that stay put while people keep posting.</summary>
public abstract class FollowingFeedTests(SoukAppFactory factory)
{
    static List<string> Keys(JsonElement page) =>
        [.. page.GetProperty("items").EnumerateArray().Select(i => $"{i.GetProperty("kind").GetString()}:{i.GetProperty("id").GetInt64()}")];

    [Fact]
    public async Task Notes_listings_and_products_of_followed_people_newest_first_in_one_list()
    {
        var viewer = await factory.NewSessionAsync();
        var alice = await factory.NewSessionAsync();
        var (bob, slug) = await factory.NewShopAsync();
        var stranger = await factory.NewSessionAsync();
        await viewer.FollowAsync(alice);
        await viewer.FollowAsync(bob);
        var photo = await alice.UploadPhotoAsync();

        var note1 = await alice.PostNoteAsync(photo, "First impressions");
        var listing = await alice.CreateListingIdAsync();
        var product = await bob.CreateProductIdAsync(slug, ShopApi.SimpleProduct([await bob.UploadPhotoAsync()]));
        var draft = await bob.CreateProductIdAsync(slug, ShopApi.SimpleProduct([await bob.UploadPhotoAsync()], status: "draft"));
        var note2 = await alice.PostNoteAsync(photo, "A month later");
        await stranger.CreateNoteIdAsync();

        var page = await viewer.Client.GetOkAsync("/api/v1/feed/following");

        Assert.Equal([$"note:{note2}", $"product:{product}", $"listing:{listing}", $"note:{note1}"], Keys(page));
        Assert.DoesNotContain($"product:{draft}", Keys(page));
        var items = page.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal("A month later", items[0].GetProperty("note").GetProperty("title").GetString());
        Assert.Equal(alice.Account.Handle, items[0].GetProperty("by").GetString());
        Assert.False(items[0].TryGetProperty("listing", out _));
        Assert.Equal(bob.Account.Handle, items[1].GetProperty("by").GetString());
        Assert.EndsWith($"/p/{product}", items[1].GetProperty("product").GetProperty("url").GetString());
        Assert.EndsWith($"/l/{listing}", items[2].GetProperty("listing").GetProperty("url").GetString());
        Assert.Null(page.Next());

        // A listing that is no longer active leaves the feed.
        using (var sold = await alice.SetStateAsync(listing, "sold")) await sold.ShouldBeAsync(HttpStatusCode.OK);
        Assert.DoesNotContain($"listing:{listing}", Keys(await viewer.Client.GetOkAsync("/api/v1/feed/following")));
    }

    [Fact]
    public async Task Pages_have_no_duplicates_or_gaps_while_new_items_are_posted_between_them()
    {
        var viewer = await factory.NewSessionAsync();
        var alice = await factory.NewSessionAsync();
        var (bob, slug) = await factory.NewShopAsync();
        await viewer.FollowAsync(alice);
        await viewer.FollowAsync(bob);
        var photo = await alice.UploadPhotoAsync();
        var bobPhoto = await bob.UploadPhotoAsync();
        var before = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            before.Add($"note:{await alice.PostNoteAsync(photo, $"Note {i}")}");
            before.Add($"listing:{await alice.CreateListingIdAsync()}");
            before.Add($"product:{await bob.CreateProductIdAsync(slug, ShopApi.SimpleProduct([bobPhoto]))}");
        }
        before.Reverse();

        var seen = new List<string>();
        var posted = new List<string>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = await viewer.Client.GetOkAsync(FeedApi.WithCursor("/api/v1/feed/following?limit=5", cursor));
            seen.AddRange(Keys(page));
            cursor = page.Next();
            // Everyone keeps posting while the reader scrolls: one of each kind between two pages.
            posted.Add($"note:{await alice.PostNoteAsync(photo, "Meanwhile")}");
            posted.Add($"listing:{await alice.CreateListingIdAsync()}");
            posted.Add($"product:{await bob.CreateProductIdAsync(slug, ShopApi.SimpleProduct([bobPhoto]))}");
            Assert.True(++pages < 10, "The cursor never ended");
        }
        while (cursor is not null);

        Assert.Equal(before, seen);
        Assert.Equal(3, pages);
        // A fresh first page starts with what was posted meanwhile, newest first.
        var fresh = Keys(await viewer.Client.GetOkAsync("/api/v1/feed/following?limit=9"));
        Assert.Equal(Enumerable.Reverse(posted), fresh);
    }

    [Fact]
    public async Task A_kind_not_shown_yet_is_pinned_by_the_first_page_too()
    {
        var viewer = await factory.NewSessionAsync();
        var alice = await factory.NewSessionAsync();
        await viewer.FollowAsync(alice);
        var photo = await alice.UploadPhotoAsync();
        var oldListing = await alice.CreateListingIdAsync();
        var notes = new List<long>();
        for (var i = 0; i < 3; i++) notes.Add(await alice.PostNoteAsync(photo, $"Note {i}"));

        var first = await viewer.Client.GetOkAsync("/api/v1/feed/following?limit=2");
        Assert.Equal([$"note:{notes[2]}", $"note:{notes[1]}"], Keys(first));
        // Posted after the first page: its listing id is above anything the first page saw, though no listing was shown.
        await alice.CreateListingIdAsync();
        var second = await viewer.Client.GetOkAsync(FeedApi.WithCursor("/api/v1/feed/following?limit=2", first.Next()));

        Assert.Equal([$"note:{notes[0]}", $"listing:{oldListing}"], Keys(second));
        Assert.Null(second.Next());
    }

    [Fact]
    public async Task Paging_back_past_the_newest_notes_a_node_keeps_per_author_has_no_gaps()
    {
        // Each node keeps every author's newest notes in memory (AuthorNoteHeads.Depth of them) and merges those; a page that
        // reaches further back than a prolific author's kept notes must come from the database, or their older notes would
        // be skipped in favour of a quiet author's older ones.
        var viewer = await factory.NewSessionAsync();
        var quiet = await factory.NewSessionAsync();
        var prolific = await factory.NewSessionAsync();
        await viewer.FollowAsync(quiet);
        await viewer.FollowAsync(prolific);
        var photo = await quiet.UploadPhotoAsync();
        var prolificPhoto = await prolific.UploadPhotoAsync();
        var expected = new List<string>();
        for (var i = 0; i < 3; i++) expected.Add($"note:{await quiet.PostNoteAsync(photo, $"Quiet {i}")}");
        for (var i = 0; i < AuthorNoteHeads.Depth + 6; i++) expected.Add($"note:{await prolific.PostNoteAsync(prolificPhoto, $"Prolific {i}")}");
        expected.Reverse();

        var seen = new List<string>();
        string? cursor = null;
        do
        {
            var page = await viewer.Client.GetOkAsync(FeedApi.WithCursor("/api/v1/feed/following?limit=20", cursor));
            seen.AddRange(Keys(page));
            cursor = page.Next();
            Assert.True(seen.Count <= expected.Count, "The cursor never ended");
        }
        while (cursor is not null);
        Assert.Equal(expected, seen);

        // A deleted note leaves the kept notes of its author at once.
        using (var deleted = await prolific.Client.DeleteAsync($"/api/v1/notes/{expected[0]["note:".Length..]}")) await deleted.ShouldBeAsync(HttpStatusCode.NoContent);
        Assert.Equal(expected.Skip(1).Take(5), Keys(await viewer.Client.GetOkAsync("/api/v1/feed/following?limit=5")));
    }

    [Fact]
    public async Task A_follow_or_an_unfollow_shows_on_the_very_next_page()
    {
        // The node keeps whom the viewer follows once the feed was read; following or unfollowing must not wait for it to expire.
        var viewer = await factory.NewSessionAsync();
        var alice = await factory.NewSessionAsync();
        var bob = await factory.NewSessionAsync();
        var aliceNote = await alice.PostNoteAsync(await alice.UploadPhotoAsync(), "Alice's");
        var bobNote = await bob.PostNoteAsync(await bob.UploadPhotoAsync(), "Bob's");
        await viewer.FollowAsync(alice);
        Assert.Equal([$"note:{aliceNote}"], Keys(await viewer.Client.GetOkAsync("/api/v1/feed/following")));

        await viewer.FollowAsync(bob);
        Assert.Equal([$"note:{bobNote}", $"note:{aliceNote}"], Keys(await viewer.Client.GetOkAsync("/api/v1/feed/following")));
        await viewer.UnfollowAsync(alice);
        Assert.Equal([$"note:{bobNote}"], Keys(await viewer.Client.GetOkAsync("/api/v1/feed/following")));
    }

    [Fact]
    public async Task Anonymous_readers_get_401_and_a_bad_cursor_is_a_400()
    {
        using var anonymous = await factory.Anonymous().GetAsync("/api/v1/feed/following");
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        var viewer = await factory.NewSessionAsync();
        using var bad = await viewer.Client.GetAsync("/api/v1/feed/following?cursor=bm90LWEtY3Vyc29y");
        await bad.ShouldBeValidationProblemAsync("cursor");
        var empty = await viewer.Client.GetOkAsync("/api/v1/feed/following");
        Assert.Empty(empty.GetProperty("items").EnumerateArray());
    }
}

public sealed class SqliteFollowingFeedTests(SqliteAppFactory factory) : FollowingFeedTests(factory), IClassFixture<SqliteAppFactory>;

public sealed class PostgresFollowingFeedTests(PostgresAppFactory factory) : FollowingFeedTests(factory), IClassFixture<PostgresAppFactory>;
