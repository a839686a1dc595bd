using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Souk.Tests.Catalog;
using Souk.Tests.Infrastructure;
using Souk.Web.Common;

using static Souk.Tests.Catalog.PageTesting;

namespace Souk.Tests.Notes;

/// <summary>
/// The note page /n/{id} as a browser without JavaScript gets it: photos with their tag dots, the tagged items' cards, the
/// rendered body (never the author's markup), hashtags, the sponsorship label, Open Graph, and the author's delete.
/// </summary>
public abstract class NotePageTests(SoukAppFactory factory)
{
    [Fact]
    public async Task A_note_page_shows_the_photos_with_tag_dots_the_tagged_items_the_safe_body_the_sponsor_and_open_graph()
    {
        var (brand, slug) = await factory.NewShopAsync(kind: "brand");
        var productId = await brand.CreateProductIdAsync(slug, ShopApi.SimpleProduct([await brand.UploadPhotoAsync()], amount: 12800));
        var seller = await factory.NewSessionAsync();
        var listingId = await seller.CreateListingIdAsync(CatalogApi.ValidListing([await seller.UploadPhotoAsync()], "Leica M6 in the window"));
        var creator = await factory.NewSessionAsync();
        var cover = await creator.UploadPhotoAsync();
        var second = await creator.UploadPhotoAsync();
        var body = NotesApi.ValidNote([cover], "Film days in Sheung Wan",
            "Loved it. <script>alert(1)</script> [click](javascript:alert(2))\n\n#filmcamera #SheungWan");
        body["photos"] = new JsonArray(
            NotesApi.Photo(cover, NotesApi.Tag(0.25, 0.75, listingId: listingId)),
            NotesApi.Photo(second, NotesApi.Tag(0.5, 0.1, productId: productId)));
        body["sponsoredBy"] = brand.Account.Handle;
        var note = await creator.CreateNoteAsync(body);
        var id = note.GetProperty("id").GetInt64();
        using var client = factory.Anonymous();
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("zh-Hant-HK");

        var html = await client.PageAsync($"/n/{id}");

        Assert.Contains("Film days in Sheung Wan</h1>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>alert(1)", html, StringComparison.Ordinal);
        Assert.DoesNotContain("javascript:", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("data-testid=\"note-body\"", html, StringComparison.Ordinal);
        Assert.Contains("<p>Loved it.", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/t/filmcamera\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/t/sheungwan\"", html, StringComparison.Ordinal);
        // A dot on each photo at its point, opening the item's card; the same cards are listed under the photos.
        Assert.Contains("style=\"left: 25%; top: 75%\"", html, StringComparison.Ordinal);
        Assert.Contains("style=\"left: 50%; top: 10%\"", html, StringComparison.Ordinal);
        Assert.Equal(2, Count(html, "data-testid=\"tag-dot\""));
        Assert.Equal(4, Count(html, "data-testid=\"tagged-item\""));
        Assert.Contains($"href=\"/l/{listingId}\"", html, StringComparison.Ordinal);
        Assert.Contains($"href=\"/p/{productId}\"", html, StringComparison.Ordinal);
        var text = WebUtility.HtmlDecode(html);
        Assert.Contains("Leica M6 in the window", text, StringComparison.Ordinal);
        Assert.Contains(new Money(12800, "HKD").Format(CultureInfo.GetCultureInfo("zh-Hant-HK")), text, StringComparison.Ordinal);
        Assert.Contains("由 @" + brand.Account.Handle, System.Text.RegularExpressions.Regex.Replace(text, "<[^>]+>", ""), StringComparison.Ordinal);
        Assert.Contains("data-testid=\"sponsored\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"owner-tools\"", html, StringComparison.Ordinal);

        var meta = Meta(html);
        Assert.Equal("Film days in Sheung Wan · Souk", meta["og:title"]);
        Assert.Equal("article", meta["og:type"]);
        var coverUrl = note.GetProperty("photos")[0].GetProperty("urls").GetProperty("large").GetString()!;
        Assert.EndsWith(coverUrl.StartsWith("http", StringComparison.Ordinal) ? new Uri(coverUrl).AbsolutePath : coverUrl, meta["og:image"], StringComparison.Ordinal);
        Assert.Contains("Loved it.", meta["og:description"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_note_is_a_404_page()
    {
        // The status code page (re-executed as /not-found) answers, as for any other missing page.
        await factory.Anonymous().PageAsync("/n/987654321", HttpStatusCode.NotFound);
        await factory.Browser(await factory.NewSessionAsync()).PageAsync("/n/987654321/edit", HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Only_the_author_sees_the_tools_and_deletes_the_note_from_its_page()
    {
        var author = await factory.NewSessionAsync();
        var id = await author.CreateNoteIdAsync();
        var other = await factory.NewSessionAsync();
        using var otherBrowser = factory.Browser(other);
        var otherHtml = await otherBrowser.PageAsync($"/n/{id}");
        Assert.DoesNotContain("data-testid=\"owner-tools\"", otherHtml, StringComparison.Ordinal);
        // A forged post from someone else changes nothing.
        using (await otherBrowser.PostFormAsync($"/n/{id}", "delete-note", otherHtml, [])) { }
        await factory.Anonymous().GetNoteAsync(id);

        using var browser = factory.Browser(author);
        var html = await browser.PageAsync($"/n/{id}");
        Assert.Contains("data-testid=\"owner-tools\"", html, StringComparison.Ordinal);
        Assert.Contains($"href=\"/n/{id}/edit\"", html, StringComparison.Ordinal);
        using var deleted = await browser.PostFormAsync($"/n/{id}", "delete-note", html, []);
        Assert.Equal($"/u/{author.Account.Handle}", LocationPath(deleted));
        using var gone = await factory.Anonymous().GetAsync($"/api/v1/notes/{id}");
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }

    static (string, string)[] NoteFields(string title, params string[] tags) =>
        [("Input.Title", title), ("Input.Body", "Shot a roll in Sheung Wan. #filmcamera"), ("Input.Language", "en"), ("Input.SponsoredBy", ""),
         .. tags.Select(t => ("tag", t))];

    [Fact]
    public async Task The_composer_posts_a_note_with_a_new_photo_and_a_tag_placed_on_it_without_javascript()
    {
        var author = await factory.NewSessionAsync();
        var listingId = await author.CreateListingIdAsync(CatalogApi.ValidListing([await author.UploadPhotoAsync()], "My old Pentax"));
        using var browser = factory.Browser(author);
        var page = await browser.PageAsync("/notes/new");
        // The author's own listing is offered to tag; the form says tags need JavaScript.
        Assert.Contains($"data-kind=\"listing\" data-id=\"{listingId}\"", page, StringComparison.Ordinal);
        Assert.Contains("data-tag-nojs", page, StringComparison.Ordinal);

        using var posted = await browser.PostFormAsync("/notes/new", "note", page,
            NoteFields("Pentax weekend", $"f0 0.3 0.6 listing {listingId}"), [("photos", TestImages.Png(120, 90))]);

        var path = LocationPath(posted);
        Assert.Matches(@"^/n/\d+$", path);
        var note = await factory.Anonymous().GetNoteAsync(long.Parse(path[3..], CultureInfo.InvariantCulture));
        Assert.Equal("Pentax weekend", note.GetProperty("title").GetString());
        Assert.Equal(author.Account.Handle, note.GetProperty("author").GetProperty("handle").GetString());
        var tag = Assert.Single(note.GetProperty("photos")[0].GetProperty("tags").EnumerateArray());
        Assert.Equal(0.3, tag.GetProperty("x").GetDouble(), 4);
        Assert.Equal(0.6, tag.GetProperty("y").GetDouble(), 4);
        Assert.Equal(listingId, tag.GetProperty("item").GetProperty("id").GetInt64());
        Assert.Contains("filmcamera", note.GetProperty("hashtags").EnumerateArray().Select(h => h.GetString()));
    }

    [Fact]
    public async Task A_composer_post_with_a_mistake_keeps_the_photo_and_the_tag_and_says_what_is_wrong_in_the_viewers_language()
    {
        var author = await factory.NewSessionAsync();
        var listingId = await author.CreateListingIdAsync();
        using var browser = factory.Browser(author, "zh-Hant-HK");
        var page = await browser.PageAsync("/notes/new");

        using var refused = await browser.PostFormAsync("/notes/new", "note", page,
            NoteFields("", $"f0 0.5 0.5 listing {listingId}"), [("photos", TestImages.Png(100, 100))]);

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var html = await refused.Content.ReadAsStringAsync();
        Assert.Contains("請輸入標題", WebUtility.HtmlDecode(html), StringComparison.Ordinal);
        var keep = System.Text.RegularExpressions.Regex.Match(html, @"name=""keep"" value=""([0-9a-f-]{36})""").Groups[1].Value;
        Assert.NotEmpty(keep);
        var tag = $"{keep} 0.5 0.5 listing {listingId}";
        Assert.Contains($"name=\"tag\" value=\"{tag}\"", html, StringComparison.Ordinal);
        Assert.Equal(0, await factory.QueryAsync(db => db.Notes.CountAsync(n => n.Title == "")));

        using var posted = await browser.PostFormAsync("/notes/new", "note", html, [.. NoteFields("Second try", tag), ("keep", keep)]);
        var id = long.Parse(LocationPath(posted)[3..], CultureInfo.InvariantCulture);
        var note = await factory.Anonymous().GetNoteAsync(id);
        Assert.Equal(keep, note.GetProperty("photos")[0].GetProperty("id").GetString());
        Assert.Single(note.GetProperty("photos")[0].GetProperty("tags").EnumerateArray());
    }

    [Fact]
    public async Task The_author_edits_a_note_from_its_page_keeping_its_tags_and_nobody_else_can()
    {
        var author = await factory.NewSessionAsync();
        var listingId = await author.CreateListingIdAsync();
        var photo = await author.UploadPhotoAsync();
        var body = NotesApi.ValidNote([photo]);
        body["photos"] = new JsonArray(NotesApi.Photo(photo, NotesApi.Tag(0.2, 0.4, listingId: listingId)));
        var id = await author.CreateNoteIdAsync(body);
        await factory.Browser(await factory.NewSessionAsync()).PageAsync($"/n/{id}/edit", HttpStatusCode.NotFound);

        using var browser = factory.Browser(author);
        var page = await browser.PageAsync($"/n/{id}/edit");
        var tag = $"{photo} 0.2 0.4 listing {listingId}";
        Assert.Contains($"name=\"tag\" value=\"{tag}\"", page, StringComparison.Ordinal);
        using var saved = await browser.PostFormAsync($"/n/{id}/edit", "edit-note", page, [.. NoteFields("Renamed note", tag), ("keep", photo.ToString())]);

        Assert.Equal($"/n/{id}?saved=1", LocationPath(saved));
        var note = await factory.Anonymous().GetNoteAsync(id);
        Assert.Equal("Renamed note", note.GetProperty("title").GetString());
        Assert.Single(note.GetProperty("photos")[0].GetProperty("tags").EnumerateArray());
    }

    [Fact]
    public async Task The_profile_shows_notes_listings_and_for_its_owner_only_the_saved_tab()
    {
        var author = await factory.NewSessionAsync();
        var listingId = await author.CreateListingIdAsync();
        var noteId = await author.CreateNoteIdAsync();
        var reader = await factory.NewSessionAsync();
        using var anonymous = factory.Anonymous();

        var profile = await anonymous.PageAsync($"/u/{author.Account.Handle}");
        Assert.Contains("data-testid=\"profile-notes\"", profile, StringComparison.Ordinal);
        Assert.Contains($"href=\"/n/{noteId}\"", profile, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"tab-saved\"", profile, StringComparison.Ordinal);
        Assert.Contains($"href=\"/l/{listingId}\"", await anonymous.PageAsync($"/u/{author.Account.Handle}?tab=listings"), StringComparison.Ordinal);

        // The reader saves the note (straight in the database: saving is the engagement API's).
        var readerId = (await (await reader.Client.GetAsync("/api/v1/me")).JsonAsync()).GetProperty("id").GetGuid();
        await factory.QueryAsync(async db =>
        {
            var board = new Souk.Web.Modules.Notes.NoteCollection { OwnerId = readerId, Name = "Film", NormalizedName = "FILM", CreatedAt = DateTime.UtcNow };
            db.NoteCollections.Add(board);
            await db.SaveChangesAsync();
            db.NoteSaves.Add(new Souk.Web.Modules.Notes.NoteSave { UserId = readerId, NoteId = noteId, CollectionId = board.Id, CreatedAt = DateTime.UtcNow });
            return await db.SaveChangesAsync();
        });
        var own = await factory.Browser(reader).PageAsync($"/u/{reader.Account.Handle}?tab=saved");
        Assert.Contains("data-testid=\"tab-saved\"", own, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"saved-notes\"", own, StringComparison.Ordinal);
        Assert.Contains($"href=\"/n/{noteId}\"", own, StringComparison.Ordinal);
        // Someone else asking for the reader's saved tab gets their (empty) notes instead.
        var others = await factory.Browser(author).PageAsync($"/u/{reader.Account.Handle}?tab=saved");
        Assert.DoesNotContain("data-testid=\"saved-notes\"", others, StringComparison.Ordinal);
        Assert.DoesNotContain($"href=\"/n/{noteId}\"", others, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Signed_out_the_composer_asks_to_sign_in()
    {
        using var response = await factory.Anonymous().GetAsync("/notes/new");
        Assert.Equal("/signin", LocationPath(response).Split('?')[0]);
    }

    [Fact]
    public async Task A_reader_likes_saves_comments_and_replies_from_the_note_page_and_the_author_deletes_a_comment()
    {
        var author = await factory.NewSessionAsync();
        var id = await author.CreateNoteIdAsync();
        var reader = await factory.NewSessionAsync();
        using var browser = factory.Browser(reader);
        var page = await browser.PageAsync($"/n/{id}");

        using (var liked = await browser.PostFormAsync($"/n/{id}", "like", page, [("LikeAction", "like")]))
            Assert.Equal($"/n/{id}", LocationPath(liked));
        page = await browser.PageAsync($"/n/{id}");
        using (var saved = await browser.PostFormAsync($"/n/{id}", "save-note", page, [("SaveAction", "save")]))
            Assert.Equal($"/n/{id}", LocationPath(saved));
        page = await browser.PageAsync($"/n/{id}");
        Assert.Equal(2, Count(page, "aria-pressed=\"true\""));
        using (var empty = await browser.PostFormAsync($"/n/{id}", "comment", page, [("CommentBody", "  ")]))
            Assert.Contains("Write something first.", await empty.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using (var commented = await browser.PostFormAsync($"/n/{id}", "comment", page, [("CommentBody", "Where did you buy <b>it</b>? #film")]))
            Assert.Equal($"/n/{id}", LocationPath(commented));
        var commentId = await factory.QueryAsync(db => db.NoteComments.Where(c => c.NoteId == id).Select(c => c.Id).SingleAsync());

        var replyPage = await browser.PageAsync($"/n/{id}?reply={commentId}");
        Assert.Contains($"name=\"ParentId\" value=\"{commentId}\"", replyPage, StringComparison.Ordinal);
        using (var replied = await browser.PostFormAsync($"/n/{id}", "comment", replyPage, [("CommentBody", "Thanks!"), ("ParentId", commentId.ToString(CultureInfo.InvariantCulture))]))
            Assert.Equal($"/n/{id}", LocationPath(replied));

        var note = await factory.Anonymous().GetNoteAsync(id);
        Assert.Equal(1, note.GetProperty("likesCount").GetInt32());
        Assert.Equal(1, note.GetProperty("savesCount").GetInt32());
        Assert.Equal(2, note.GetProperty("commentsCount").GetInt32());
        var html = await factory.Anonymous().PageAsync($"/n/{id}");
        Assert.Contains("Where did you buy &lt;b&gt;it&lt;/b&gt;?", html, StringComparison.Ordinal);
        Assert.Contains("Thanks!", html, StringComparison.Ordinal);
        Assert.Equal(2, Count(html, "data-testid=\"comment\""));

        // A stranger's delete does nothing; the note's author deletes the thread.
        var stranger = factory.Browser(await factory.NewSessionAsync());
        var strangerPage = await stranger.PageAsync($"/n/{id}");
        Assert.DoesNotContain("data-testid=\"comment-delete\"", strangerPage, StringComparison.Ordinal);
        using (await stranger.PostFormAsync($"/n/{id}", "comment-actions", strangerPage, [("Op", $"delete:{commentId}")])) { }
        Assert.Equal(2, (await factory.Anonymous().GetNoteAsync(id)).GetProperty("commentsCount").GetInt32());
        using var authorBrowser = factory.Browser(author);
        var authorPage = await authorBrowser.PageAsync($"/n/{id}");
        using (var deleted = await authorBrowser.PostFormAsync($"/n/{id}", "comment-actions", authorPage, [("Op", $"delete:{commentId}")]))
            Assert.Equal($"/n/{id}", LocationPath(deleted));
        Assert.Equal(0, (await factory.Anonymous().GetNoteAsync(id)).GetProperty("commentsCount").GetInt32());
    }

    static int Count(string text, string part) => (text.Length - text.Replace(part, "", StringComparison.Ordinal).Length) / part.Length;
}

public sealed class SqliteNotePageTests(SqliteAppFactory factory) : NotePageTests(factory), IClassFixture<SqliteAppFactory>;

public sealed class PostgresNotePageTests(PostgresAppFactory factory) : NotePageTests(factory), IClassFixture<PostgresAppFactory>;
