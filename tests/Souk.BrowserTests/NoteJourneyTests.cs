using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Souk.BrowserTests;

/// <summary>
/// A note on a phone: an author posts a note with a photo from the composer and tags their own listing by tapping the photo;
/// a follower sees the note in their following feed on Home, opens the tag's card and reaches the listing page, likes and
/// comments, then reads the note in 繁體中文 and finds it on Discover, whose "why?" names the follow. axe-core checks every
/// page on the way.
/// </summary>
public abstract class NoteJourneyTests(ITestOutputHelper log)
{
    protected abstract Provider Provider { get; }

    protected Task RunJourneyAsync() => Journey.RunAsync(Provider, "note-journey", log, JourneyAsync);

    async Task JourneyAsync(IPage page, Action<string> step)
    {
        var listingTitle = $"Pentax MX {Guid.NewGuid().ToString("N")[..6]}";
        var noteTitle = $"A weekend with film {Guid.NewGuid().ToString("N")[..6]}";

        step("author signs up and lists a camera (through the API, with the page's cookie)");
        await Journey.SignUpAsync(page, "author");
        var listingId = await CreateListingAsync(page, listingTitle);

        step("composer: from the Sell tab");
        await page.ClickAsync("nav.tabbar a[href='/sell']");
        await page.ClickAsync("[data-testid=post-note]");
        await page.WaitForURLAsync(new Regex("/notes/new$"));
        await Expect(page.Locator("[data-tag-nojs]")).ToBeHiddenAsync();
        await Axe.CheckAsync(page, "composer");

        step("composer: a photo, a title and a body");
        await page.SetInputFilesAsync("#photos", new FilePayload { Name = "film.png", MimeType = "image/png", Buffer = TestPng.Gradient(400, 500) });
        await page.FillAsync("#note-title", noteTitle);
        await page.FillAsync("#note-body", "Shot two rolls in Sheung Wan. *Loved it.*\n\n#filmcamera");

        step("composer: tap the photo and tag the listing");
        var frame = page.Locator(".tag-frame img");
        await Expect(frame).ToBeVisibleAsync();
        var box = (await frame.BoundingBoxAsync())!;
        await frame.ClickAsync(new LocatorClickOptions { Position = new Position { X = box.Width * 0.3f, Y = box.Height * 0.6f } });
        await Expect(page.Locator("[data-tag-picker]")).ToBeVisibleAsync();
        await Axe.CheckAsync(page, "composer with the item picker open");
        await page.ClickAsync($"[data-tag-choice][data-id='{listingId}']");
        await Expect(page.Locator("[data-tag-picker]")).ToBeHiddenAsync();
        var tag = page.Locator("[data-tag-list] input[name=tag]");
        await Expect(tag).ToHaveValueAsync(new Regex($@"^f0 0\.\d+ 0\.\d+ listing {listingId}$"));
        await Expect(page.Locator(".tag-frame .tag-dot")).ToHaveCountAsync(1);
        await Axe.CheckAsync(page, "composer with a tag placed");

        step("composer: post");
        await page.ClickAsync("[data-note-form] [data-submit]");
        await page.WaitForURLAsync(new Regex(@"/n/\d+$"), new PageWaitForURLOptions { Timeout = 30_000 });
        var notePath = new Uri(page.Url).AbsolutePath;
        await Expect(page.Locator("h1.note-title")).ToHaveTextAsync(noteTitle);
        await Expect(page.Locator("[data-testid=tag-dot]")).ToHaveCountAsync(1);
        await Expect(page.Locator("[data-testid=owner-tools]")).ToBeVisibleAsync();
        await Journey.WaitImageLoadedAsync(page.Locator(".gallery-slide img").First);
        await Axe.CheckAsync(page, "note page (author)");
        var authorPath = await page.Locator(".note-author a.user-row-link").GetAttributeAsync("href");

        step("sign out; a follower signs up and follows the author");
        await page.ClickAsync("form[action='/signout'] button[type=submit]");
        await Expect(page.Locator(".topbar a[href='/signin']")).ToBeVisibleAsync();
        await Journey.SignUpAsync(page, "fan");
        await page.GotoAsync(authorPath!);
        await page.ClickAsync(".profile .actions form button[type=submit][data-testid=follow]");
        await Expect(page.Locator(".profile .actions input[name=Action]")).ToHaveValueAsync("unfollow");

        step("the note in the follower's following feed on Home");
        await page.GotoAsync("/");
        var card = page.Locator($"[data-testid=following-feed] a[href='{notePath}']");
        await Expect(card).ToContainTextAsync(noteTitle);
        await Axe.CheckAsync(page, "Home with the following feed");
        await card.ScrollIntoViewIfNeededAsync();
        await card.ClickAsync();
        await page.WaitForURLAsync(new Regex(Regex.Escape(notePath) + "$"));

        step("open the tag's card and reach the listing");
        await page.ClickAsync("[data-testid=tag-dot]");
        var popover = page.Locator(".tag-popover:popover-open");
        await Expect(popover).ToBeVisibleAsync();
        await Expect(popover).ToContainTextAsync(listingTitle);
        await Axe.CheckAsync(page, "note page with a tag card open");
        await popover.Locator("a").ClickAsync();
        await page.WaitForURLAsync(new Regex($"/l/{listingId}$"));
        await Expect(page.Locator("h1.listing-title")).ToHaveTextAsync(listingTitle);

        step("back on the note: like and comment");
        await page.GotoAsync(notePath);
        var like = page.Locator("button[data-testid=like]");
        await Expect(like).ToHaveAttributeAsync("aria-pressed", "false");
        await like.ClickAsync();
        await Expect(like).ToHaveAttributeAsync("aria-pressed", "true");
        await Expect(like.Locator("[data-testid=likes-count]")).ToHaveTextAsync("1");
        await page.FillAsync("[data-testid=comment-body]", "Which film did you use?");
        await page.ClickAsync("[data-testid=comment-post]");
        await Expect(page.Locator("[data-testid=comment]")).ToContainTextAsync("Which film did you use?");
        await Axe.CheckAsync(page, "note page liked and commented");

        step("the note in 繁體中文");
        await page.ClickAsync("details.language-picker > summary");
        await page.ClickAsync("details.language-picker a[hreflang='zh-Hant-HK']");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "zh-Hant-HK");
        await Expect(like).ToContainTextAsync("讚好");
        await Expect(page.Locator("#tagged-title")).ToHaveTextAsync("筆記中的商品");
        await Expect(page.Locator("#comments-title")).ToHaveTextAsync("1 則留言");
        await Axe.CheckAsync(page, "note page in zh-Hant-HK");

        step("Discover in 繁體中文: the note's \"why?\" says the follower follows its author");
        await page.GotoAsync("/discover");
        var tile = page.Locator($"[data-testid=discover-notes] li:has(a[href='{notePath}'])");
        await Expect(tile).ToContainTextAsync(noteTitle);
        var why = tile.Locator("details.why");
        await Expect(why.Locator("summary")).ToHaveTextAsync("點解會見到？");
        await why.Locator("summary").ClickAsync();
        await Expect(why.Locator("li[data-reason=followed]")).ToHaveTextAsync("你關注咗作者");
        await Expect(why.Locator("li[data-reason=fresh]")).ToBeVisibleAsync();
        await Axe.CheckAsync(page, "Discover in zh-Hant-HK with a why? open");
    }

    internal static async Task<long> CreateListingAsync(IPage page, string title)
    {
        var form = page.APIRequest.CreateFormData();
        form.Set("file", new FilePayload { Name = "camera.png", MimeType = "image/png", Buffer = TestPng.Gradient(300, 300) });
        var media = await page.APIRequest.PostAsync("/api/v1/media", new APIRequestContextOptions { Multipart = form });
        Assert.True(media.Ok, $"upload: {media.Status} {await media.TextAsync()}");
        var mediaId = (await media.JsonAsync())!.Value.GetProperty("id").GetString();
        var listing = await page.APIRequest.PostAsync("/api/v1/listings", new APIRequestContextOptions
        {
            DataObject = new
            {
                title, description = "Works well.", price = new { amount = 120000, currency = "HKD" }, condition = "good", category = "cameras",
                photoIds = new[] { mediaId }, delivery = new { meetUp = new { place = "Sheung Wan MTR" } },
                location = new { district = "Sheung Wan", lat = 22.2866, lng = 114.1519 },
            },
        });
        Assert.True(listing.Ok, $"listing: {listing.Status} {await listing.TextAsync()}");
        return (await listing.JsonAsync())!.Value.GetProperty("id").GetInt64();
    }
}

public sealed class SqliteNoteJourney(ITestOutputHelper log) : NoteJourneyTests(log)
{
    protected override Provider Provider => Provider.Sqlite;

    [Fact]
    public Task An_author_posts_a_tagged_note_and_a_follower_reaches_the_listing_likes_and_comments_on_a_phone() => RunJourneyAsync();
}

/// <summary>Needs SOUK_TEST_PG (scripts/test.sh starts a throwaway server); fails, never skips, without it.</summary>
public sealed class PostgresNoteJourney(ITestOutputHelper log) : NoteJourneyTests(log)
{
    protected override Provider Provider => Provider.Postgres;

    [Fact]
    public Task An_author_posts_a_tagged_note_and_a_follower_reaches_the_listing_likes_and_comments_on_a_phone() => RunJourneyAsync();
}
