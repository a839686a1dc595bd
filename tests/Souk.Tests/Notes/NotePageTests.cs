using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
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
        await factory.Anonymous().PageAsync("/n/987654321/edit", HttpStatusCode.NotFound);
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

    static int Count(string text, string part) => (text.Length - text.Replace(part, "", StringComparison.Ordinal).Length) / part.Length;
}

public sealed class SqliteNotePageTests(SqliteAppFactory factory) : NotePageTests(factory), IClassFixture<SqliteAppFactory>;

public sealed class PostgresNotePageTests(PostgresAppFactory factory) : NotePageTests(factory), IClassFixture<PostgresAppFactory>;
