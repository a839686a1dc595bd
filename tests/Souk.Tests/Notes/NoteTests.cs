using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Souk.Tests.Catalog;
using Souk.Tests.Infrastructure;
using Souk.Web.Modules.Notes;

namespace Souk.Tests.Notes;

/// <summary>POST/GET/PATCH/DELETE /api/v1/notes and GET /api/v1/users/{handle}/notes: photos with product tags, safe bodies,
/// owner-only edits, sponsorship disclosure.</summary>
public abstract class NoteTests(SoukAppFactory factory)
{
    Task<int> NotesOfAsync(string handle) => factory.QueryAsync(db => db.Notes.CountAsync(n => db.Users.Any(u => u.Id == n.AuthorId && u.UserName == handle)));

    [Fact]
    public async Task A_note_with_tagged_photos_is_created_and_readable_by_anyone()
    {
        var seller = await factory.NewSessionAsync();
        var listingId = await seller.CreateListingIdAsync();
        var (shopOwner, slug) = await factory.NewShopAsync();
        var productId = await shopOwner.CreateProductIdAsync(slug, ShopApi.SimpleProduct([await shopOwner.UploadPhotoAsync()], amount: 12_900));
        var author = await factory.NewSessionAsync();
        var photos = await author.UploadPhotosAsync(2);
        var body = NotesApi.ValidNote(photos, body: "I *love* it. #FilmCamera #日常");
        body["photos"] = new JsonArray(
            NotesApi.Photo(photos[0], NotesApi.Tag(0.25, 0.5, listingId: listingId), NotesApi.Tag(1, 0, productId: productId)),
            NotesApi.Photo(photos[1]));

        using var response = await author.Client.PostJsonAsync("/api/v1/notes", body);

        await response.ShouldBeAsync(HttpStatusCode.Created);
        var created = await response.JsonAsync();
        var id = created.GetProperty("id").GetInt64();
        Assert.Equal($"/api/v1/notes/{id}", response.Headers.Location?.OriginalString);
        var note = await factory.Anonymous().GetNoteAsync(id);
        Assert.Equal("Three weeks with a film camera", note.GetProperty("title").GetString());
        Assert.Equal(author.Account.Handle, note.GetProperty("author").GetProperty("handle").GetString());
        Assert.EndsWith($"/n/{id}", note.GetProperty("url").GetString());
        Assert.Equal("en", note.GetProperty("language").GetString());
        Assert.Equal([photos[0], photos[1]], note.GetProperty("photos").EnumerateArray().Select(p => p.GetProperty("id").GetGuid()));
        var tags = note.GetProperty("photos")[0].GetProperty("tags").EnumerateArray().ToList();
        Assert.Equal(2, tags.Count);
        Assert.Equal(0.25, tags[0].GetProperty("x").GetDouble());
        Assert.Equal("listing", tags[0].GetProperty("item").GetProperty("kind").GetString());
        Assert.Equal(listingId, tags[0].GetProperty("item").GetProperty("id").GetInt64());
        Assert.EndsWith($"/l/{listingId}", tags[0].GetProperty("item").GetProperty("url").GetString());
        Assert.Equal("product", tags[1].GetProperty("item").GetProperty("kind").GetString());
        Assert.Equal(12_900, tags[1].GetProperty("item").GetProperty("price").GetProperty("amount").GetInt64());
        Assert.EndsWith($"/p/{productId}", tags[1].GetProperty("item").GetProperty("url").GetString());
        Assert.Empty(note.GetProperty("photos")[1].GetProperty("tags").EnumerateArray());
        Assert.Equal(["filmcamera", "日常"], note.GetProperty("hashtags").EnumerateArray().Select(h => h.GetString()));
        Assert.Contains("<em>love</em>", note.GetProperty("bodyHtml").GetString());
        Assert.Contains("href=\"/t/filmcamera\"", note.GetProperty("bodyHtml").GetString());
        Assert.Equal(0, note.GetProperty("likesCount").GetInt32());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, note.GetProperty("liked").ValueKind);
        Assert.False((await author.Client.GetNoteAsync(id)).GetProperty("liked").GetBoolean());
    }

    [Fact]
    public async Task Every_broken_field_is_named_and_nothing_is_written()
    {
        var author = await factory.NewSessionAsync();
        var stranger = await factory.NewSessionAsync();
        var mine = await author.UploadPhotoAsync();
        var theirs = await stranger.UploadPhotoAsync();
        var hidden = await stranger.CreateListingIdAsync();
        using (var hide = await stranger.SetStateAsync(hidden, "hidden")) await hide.ShouldBeAsync(HttpStatusCode.OK);

        async Task Refused(JsonObject body, params string[] fields)
        {
            using var response = await author.Client.PostJsonAsync("/api/v1/notes", body);
            await response.ShouldBeValidationProblemAsync(fields);
        }

        await Refused(new JsonObject { ["photos"] = new JsonArray(NotesApi.Photo(mine)) }, "title");
        await Refused(new JsonObject { ["title"] = "No photos" }, "photos");
        await Refused(NotesApi.ValidNote([]), "photos");
        await Refused(NotesApi.ValidNote(Enumerable.Range(0, 10).Select(_ => Guid.NewGuid())), "photos");
        await Refused(NotesApi.ValidNote([mine], title: new string('x', 101)), "title");
        await Refused(NotesApi.ValidNote([mine], body: new string('x', 10_001)), "body");
        var badLanguage = NotesApi.ValidNote([mine]);
        badLanguage["language"] = "klingon-xx";
        await Refused(badLanguage, "language");
        await Refused(NotesApi.ValidNote([mine, mine]), "photos[1].mediaId");
        await Refused(NotesApi.ValidNote([theirs]), "photos");
        var listing = await author.CreateListingIdAsync();
        var sixTags = NotesApi.ValidNote([mine]);
        sixTags["photos"] = new JsonArray(NotesApi.Photo(mine, [.. Enumerable.Range(0, 6).Select(_ => NotesApi.Tag(0.5, 0.5, listingId: listing))]));
        await Refused(sixTags, "photos[0].tags");
        var badTags = NotesApi.ValidNote([mine]);
        badTags["photos"] = new JsonArray(NotesApi.Photo(mine,
            NotesApi.Tag(1.5, 0.5, listingId: listing), NotesApi.Tag(0.5, -0.1, listingId: listing), NotesApi.Tag(0.5, 0.5), NotesApi.Tag(0.5, 0.5, listing, 1)));
        await Refused(badTags, "photos[0].tags[0].x", "photos[0].tags[1].y", "photos[0].tags[2]", "photos[0].tags[3]");
        var missingItems = NotesApi.ValidNote([mine]);
        missingItems["photos"] = new JsonArray(NotesApi.Photo(mine, NotesApi.Tag(0.5, 0.5, listingId: 987654321), NotesApi.Tag(0.5, 0.5, productId: 987654321),
            NotesApi.Tag(0.1, 0.1, listingId: hidden)));
        await Refused(missingItems, "photos[0].tags[0].listingId", "photos[0].tags[1].productId", "photos[0].tags[2].listingId");

        Assert.Equal(0, await NotesOfAsync(author.Account.Handle));
        using var anonymous = await factory.Anonymous().PostJsonAsync("/api/v1/notes", NotesApi.ValidNote([mine]));
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }

    [Fact]
    public async Task Only_the_author_edits_or_deletes_and_an_edit_changes_only_what_is_sent()
    {
        var author = await factory.NewSessionAsync();
        var other = await factory.NewSessionAsync();
        var listing = await author.CreateListingIdAsync();
        var photos = await author.UploadPhotosAsync(2);
        var created = NotesApi.ValidNote([photos[0]]);
        created["photos"] = new JsonArray(NotesApi.Photo(photos[0], NotesApi.Tag(0.1, 0.2, listingId: listing)));
        var id = await author.CreateNoteIdAsync(created);

        using (var forbidden = await other.Client.PatchJsonAsync($"/api/v1/notes/{id}", new { title = "Mine now" }))
            await forbidden.ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        using (var forbiddenDelete = await other.Client.DeleteAsync($"/api/v1/notes/{id}"))
            await forbiddenDelete.ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        using (var unknown = await author.Client.PatchJsonAsync("/api/v1/notes/987654321", new { title = "x" }))
            await unknown.ShouldBeProblemAsync(HttpStatusCode.NotFound);
        using (var invalid = await author.Client.PatchJsonAsync($"/api/v1/notes/{id}", new { title = "", photos = Array.Empty<object>() }))
            await invalid.ShouldBeValidationProblemAsync("title", "photos");

        using (var titleOnly = await author.Client.PatchJsonAsync($"/api/v1/notes/{id}", new { title = "Three months later" }))
            await titleOnly.ShouldBeAsync(HttpStatusCode.OK);
        var edited = await factory.Anonymous().GetNoteAsync(id);
        Assert.Equal("Three months later", edited.GetProperty("title").GetString());
        Assert.Equal(listing, edited.GetProperty("photos")[0].GetProperty("tags")[0].GetProperty("item").GetProperty("id").GetInt64());
        Assert.Equal(["filmcamera"], edited.GetProperty("hashtags").EnumerateArray().Select(h => h.GetString()));

        var replaced = new JsonObject
        {
            ["body"] = "Now #travel only",
            ["photos"] = new JsonArray(NotesApi.Photo(photos[1]), NotesApi.Photo(photos[0], NotesApi.Tag(0.9, 0.9, listingId: listing))),
        };
        using (var photosEdit = await author.Client.PatchJsonAsync($"/api/v1/notes/{id}", replaced))
            await photosEdit.ShouldBeAsync(HttpStatusCode.OK);
        var after = await factory.Anonymous().GetNoteAsync(id);
        Assert.Equal([photos[1], photos[0]], after.GetProperty("photos").EnumerateArray().Select(p => p.GetProperty("id").GetGuid()));
        Assert.Empty(after.GetProperty("photos")[0].GetProperty("tags").EnumerateArray());
        Assert.Equal(0.9, after.GetProperty("photos")[1].GetProperty("tags")[0].GetProperty("x").GetDouble());
        Assert.Equal(["travel"], after.GetProperty("hashtags").EnumerateArray().Select(h => h.GetString()));
        Assert.Equal(1, await factory.QueryAsync(db => db.NoteTags.CountAsync(t => t.NoteId == id)));

        using (var delete = await author.Client.DeleteAsync($"/api/v1/notes/{id}"))
            Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        using (var gone = await factory.Anonymous().GetAsync($"/api/v1/notes/{id}"))
            await gone.ShouldBeProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal(0, await factory.QueryAsync(db => db.NoteTags.CountAsync(t => t.NoteId == id)));
        Assert.Equal(0, await factory.QueryAsync(db => db.NoteHashtags.CountAsync(t => t.NoteId == id)));
    }

    [Fact]
    public async Task Script_and_javascript_links_in_a_body_are_inert()
    {
        var author = await factory.NewSessionAsync();
        var body = "<script>alert('x')</script>\n\n[click](javascript:alert(1)) and [fine](https://example.com)\n\n" +
                   "<img src=x onerror=alert(2)> **bold**\n\n<a href=\"javascript:alert(3)\">raw</a>\n\n# not a heading";
        var id = await author.CreateNoteIdAsync(NotesApi.ValidNote([await author.UploadPhotoAsync()], body: body));

        var html = (await factory.Anonymous().GetNoteAsync(id)).GetProperty("bodyHtml").GetString()!;

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        // Only real elements matter: the raw <a href="javascript:..."> is shown escaped, as text.
        Assert.DoesNotMatch(new System.Text.RegularExpressions.Regex("<a[^>]*javascript", System.Text.RegularExpressions.RegexOptions.IgnoreCase), html);
        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
        // No element carries an event handler (the escaped text "&lt;img onerror=...&gt;" is not an element).
        Assert.DoesNotMatch(new System.Text.RegularExpressions.Regex("<[^>]*\\son[a-z]+=", System.Text.RegularExpressions.RegexOptions.IgnoreCase), html);
        Assert.DoesNotContain("<h1", html);
        Assert.Contains("<strong>bold</strong>", html);
        Assert.Contains("href=\"https://example.com\"", html);
        Assert.Contains("rel=\"nofollow ugc noopener noreferrer\"", html);
        // The raw HTML is shown as text, escaped.
        Assert.Contains("&lt;script&gt;", html);
    }

    [Fact]
    public async Task Mentions_link_known_people_and_notify_them_once()
    {
        var friend = await factory.NewSessionAsync();
        var author = await factory.NewSessionAsync();
        var body = $"Shopping with @{friend.Account.Handle} and @nobody_{Guid.NewGuid().ToString("N")[..12]} (email a@b.com)";
        var id = await author.CreateNoteIdAsync(NotesApi.ValidNote([await author.UploadPhotoAsync()], body: body));

        var html = (await factory.Anonymous().GetNoteAsync(id)).GetProperty("bodyHtml").GetString()!;
        Assert.Contains($"<a class=\"mention\" href=\"/u/{friend.Account.Handle}\">@{friend.Account.Handle}</a>", html);
        Assert.DoesNotContain("href=\"/u/nobody", html);
        Assert.DoesNotContain("href=\"/u/b", html);
        Task<int> MentionNotificationsAsync() => factory.QueryAsync(db => db.Notifications.CountAsync(n =>
            n.NoteId == id && n.Kind == NotificationKind.Mentioned && db.Users.Any(u => u.Id == n.RecipientId && u.UserName == friend.Account.Handle)));
        Assert.Equal(1, await MentionNotificationsAsync());

        using (var edit = await author.Client.PatchJsonAsync($"/api/v1/notes/{id}", new { body = body + " again" }))
            await edit.ShouldBeAsync(HttpStatusCode.OK);
        Assert.Equal(1, await MentionNotificationsAsync());
    }

    [Fact]
    public async Task A_creator_discloses_a_brand_sponsorship_and_the_brand_sees_it()
    {
        var (brand, slug) = await factory.NewShopAsync(kind: "brand");
        var productId = await brand.CreateProductIdAsync(slug, ShopApi.SimpleProduct([await brand.UploadPhotoAsync()]));
        var creator = await factory.NewSessionAsync();
        var photo = await creator.UploadPhotoAsync();
        var untagged = NotesApi.ValidNote([photo]);
        untagged["sponsoredBy"] = brand.Account.Handle;

        using (var refused = await creator.Client.PostJsonAsync("/api/v1/notes", untagged))
            await refused.ShouldBeValidationProblemAsync("sponsoredBy");
        var unknown = untagged.Clone();
        unknown["sponsoredBy"] = "no_such_brand_x";
        using (var refusedUnknown = await creator.Client.PostJsonAsync("/api/v1/notes", unknown))
            await refusedUnknown.ShouldBeValidationProblemAsync("sponsoredBy");

        var tagged = untagged.Clone();
        tagged["photos"] = new JsonArray(NotesApi.Photo(photo, NotesApi.Tag(0.5, 0.5, productId: productId)));
        var note = await creator.CreateNoteAsync(tagged);
        var id = note.GetProperty("id").GetInt64();

        Assert.Equal(brand.Account.Handle, note.GetProperty("sponsoredBy").GetProperty("handle").GetString());
        using var seen = await brand.Client.GetAsync("/api/v1/me/sponsored-notes");
        await seen.ShouldBeAsync(HttpStatusCode.OK);
        var cards = (await seen.JsonAsync()).GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(id, Assert.Single(cards).GetProperty("id").GetInt64());
        Assert.True(cards[0].GetProperty("sponsored").GetBoolean());
        Assert.Equal(1, await factory.QueryAsync(db => db.Notifications.CountAsync(n => n.NoteId == id && n.Kind == NotificationKind.Sponsored)));
        using (var others = await creator.Client.GetAsync("/api/v1/me/sponsored-notes"))
            Assert.Empty((await others.JsonAsync()).GetProperty("items").EnumerateArray());

        using (var removed = await creator.Client.PatchJsonAsync($"/api/v1/notes/{id}", new { sponsoredBy = "" }))
            await removed.ShouldBeAsync(HttpStatusCode.OK);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, (await factory.Anonymous().GetNoteAsync(id)).GetProperty("sponsoredBy").ValueKind);
    }

    [Fact]
    public async Task A_persons_notes_page_newest_first_without_gaps()
    {
        var author = await factory.NewSessionAsync();
        var ids = new List<long>();
        for (var i = 0; i < 5; i++) ids.Add(await author.CreateNoteIdAsync());

        var seen = await factory.Anonymous().AllIdsAsync($"/api/v1/users/{author.Account.Handle}/notes", limit: 2);

        Assert.Equal(Enumerable.Reverse(ids), seen);
        using var unknown = await factory.Anonymous().GetAsync("/api/v1/users/no_such_person_x/notes");
        await unknown.ShouldBeProblemAsync(HttpStatusCode.NotFound);
        using var bad = await factory.Anonymous().GetAsync($"/api/v1/users/{author.Account.Handle}/notes?cursor=!!!");
        await bad.ShouldBeValidationProblemAsync("cursor");
    }
}

public sealed class SqliteNoteTests(SqliteAppFactory factory) : NoteTests(factory), IClassFixture<SqliteAppFactory>;

public sealed class PostgresNoteTests(PostgresAppFactory factory) : NoteTests(factory), IClassFixture<PostgresAppFactory>;
