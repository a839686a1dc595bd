using System.Net;
using System.Text.Json;
using Souk.Tests.Catalog;
using Souk.Tests.Infrastructure;
using Souk.Tests.Notes;

namespace Souk.Tests.Feed;

/// <summary>Hashtag notes (API and /t/{tag}), notes in the one search with listings and products, and the feed sections of the pages.</summary>
public abstract class HashtagAndSearchTests(SoukAppFactory factory)
{
    [Fact]
    public async Task A_hashtag_lists_its_notes_newest_first_whatever_the_case_or_width_typed()
    {
        var marker = SearchApi.Marker();
        var author = await factory.NewSessionAsync();
        var photo = await author.UploadPhotoAsync();
        var first = await author.PostNoteAsync(photo, "Tokyo day one", $"#Tokyo{marker}");
        await author.PostNoteAsync(photo, "Not this one", $"#Kyoto{marker}");
        // Full-width letters fold to ASCII (NFKC), so this is the same tag.
        var fullWidth = string.Concat($"tokyo{marker}".Select(c => (char)(c - 'a' + 'ａ')));
        var second = await author.PostNoteAsync(photo, "Tokyo day two", $"#{fullWidth}");

        var ids = await factory.Anonymous().AllIdsAsync($"/api/v1/hashtags/TOKYO{marker}/notes", limit: 1);

        Assert.Equal([second, first], ids);
        using var invalid = await factory.Anonymous().GetAsync("/api/v1/hashtags/not-a-tag/notes");
        await invalid.ShouldBeProblemAsync(HttpStatusCode.NotFound);
        using var badCursor = await factory.Anonymous().GetAsync($"/api/v1/hashtags/tokyo{marker}/notes?cursor=!!");
        await badCursor.ShouldBeValidationProblemAsync("cursor");

        var html = await factory.Anonymous().PageAsync($"/t/Tokyo{marker}");
        Assert.Contains($"data-note-id=\"{first}\"", html);
        Assert.Contains($"data-note-id=\"{second}\"", html);
        Assert.True(html.IndexOf($"data-note-id=\"{second}\"", StringComparison.Ordinal) < html.IndexOf($"data-note-id=\"{first}\"", StringComparison.Ordinal));
        var meta = PageTesting.Meta(html);
        Assert.StartsWith($"#tokyo{marker}", meta["og:title"]);
        Assert.Contains($"#tokyo{marker}", meta["og:description"]);
        Assert.EndsWith("large.jpg", meta["og:image"]);
        await factory.Anonymous().PageAsync("/t/not-a-tag", HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task One_search_finds_notes_listings_and_products_and_kind_narrows_it()
    {
        var marker = SearchApi.Marker();
        var seller = await factory.NewSessionAsync();
        var listing = await seller.CreateListingIdAsync(CatalogApi.ValidListing([await seller.UploadPhotoAsync()], $"Film camera {marker}"));
        var (shop, slug) = await factory.NewShopAsync();
        var product = await shop.CreateProductIdAsync(slug, ShopApi.ValidProduct([await shop.UploadPhotoAsync()], title: $"Camera strap {marker}"));
        var author = await factory.NewSessionAsync();
        var note = await author.PostNoteAsync(await author.UploadPhotoAsync(), "Three weeks with it", $"My honest review of the {marker}.");
        var client = factory.Anonymous();

        var all = await client.SearchAsync(SearchApi.Q(marker));
        Assert.Equal([$"listing:{listing}", $"note:{note}", $"product:{product}"], all.Keys().Order());
        var card = all.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("kind").GetString() == "note");
        Assert.EndsWith($"/n/{note}", card.GetProperty("url").GetString());
        Assert.Equal(JsonValueKind.Null, card.GetProperty("price").ValueKind);
        Assert.Equal(author.Account.Handle, card.GetProperty("sellerHandle").GetString());
        Assert.NotEqual(JsonValueKind.Null, card.GetProperty("cover").ValueKind);

        Assert.Equal([$"note:{note}"], (await client.SearchAsync($"{SearchApi.Q(marker)}&kind=note")).Keys());
        Assert.Equal([$"listing:{listing}"], (await client.SearchAsync($"{SearchApi.Q(marker)}&kind=listing")).Keys());
        Assert.Equal([$"product:{product}"], (await client.SearchAsync($"{SearchApi.Q(marker)}&kind=product")).Keys());
        Assert.Equal([$"note:{note}"], (await client.SearchAsync($"{SearchApi.Q(marker)}&type=note")).Keys());
        // Notes have no price: a price range or a price sort is about things for sale.
        Assert.DoesNotContain($"note:{note}", (await client.SearchAsync($"{SearchApi.Q(marker)}&currency=HKD&minPrice=0")).Keys());
        Assert.DoesNotContain($"note:{note}", (await client.SearchAsync($"{SearchApi.Q(marker)}&currency=HKD&sort=price_asc")).Keys());
        Assert.Empty((await client.SearchAsync($"{SearchApi.Q(marker)}&kind=note&currency=HKD&maxPrice=100000")).Keys());
        using (var bad = await client.GetAsync($"/api/v1/search?{SearchApi.Q(marker)}&kind=story")) await bad.ShouldBeValidationProblemAsync("kind");
        using (var clash = await client.GetAsync($"/api/v1/search?{SearchApi.Q(marker)}&kind=note&type=listing")) await clash.ShouldBeValidationProblemAsync("kind");

        Assert.Contains($"href=\"/n/{note}\"", await client.PageAsync($"/search?q={marker}&type=note"));

        // The entry follows the note: an edit is found by its new words, a deleted note is gone.
        var renamed = SearchApi.Marker();
        using (var edit = await author.Client.PatchJsonAsync($"/api/v1/notes/{note}", new { title = $"Renamed {renamed}" })) await edit.ShouldBeAsync(HttpStatusCode.OK);
        Assert.Equal([$"note:{note}"], (await client.SearchAsync(SearchApi.Q(renamed))).Keys());
        using (var delete = await author.Client.DeleteAsync($"/api/v1/notes/{note}")) await delete.ShouldBeAsync(HttpStatusCode.NoContent);
        Assert.Empty((await client.SearchAsync($"{SearchApi.Q(marker)}&kind=note")).Keys());
        Assert.Empty((await client.SearchAsync(SearchApi.Q(renamed))).Keys());
    }

    [Fact]
    public async Task Home_shows_the_following_feed_to_the_signed_in_and_discover_to_everyone_with_its_reasons()
    {
        var viewer = await factory.NewSessionAsync();
        var author = await factory.NewSessionAsync();
        await viewer.FollowAsync(author);
        var photo = await author.UploadPhotoAsync();
        var tag = "home" + SearchApi.Marker();
        var note = await author.PostNoteAsync(photo, "Followed note", $"#{tag}");
        var listing = await author.CreateListingIdAsync();

        var home = await factory.Browser(viewer).PageAsync("/");
        var following = home[home.IndexOf("data-testid=\"following-feed\"", StringComparison.Ordinal)..];
        Assert.Contains($"href=\"/n/{note}\"", following);
        Assert.Contains($"href=\"/l/{listing}\"", following);
        Assert.Contains("data-testid=\"discover-notes\"", home);
        Assert.Contains("data-reason=\"followed\"", home);

        var anonymousHome = await factory.Anonymous().PageAsync("/");
        Assert.DoesNotContain("data-testid=\"following-feed\"", anonymousHome);
        Assert.Contains($"data-note-id=\"{note}\"", anonymousHome);
        Assert.Contains("<details class=\"why\">", anonymousHome);

        var discover = await factory.Anonymous().PageAsync("/discover");
        Assert.Contains($"data-note-id=\"{note}\"", discover);
        Assert.Contains("data-testid=\"trending\"", discover);
        Assert.Contains($"href=\"/t/{tag}\"", discover);
        Assert.Contains("class=\"user-list\"", discover);
    }
}

public sealed class SqliteHashtagAndSearchTests(SqliteAppFactory factory) : HashtagAndSearchTests(factory), IClassFixture<SqliteAppFactory>;

public sealed class PostgresHashtagAndSearchTests(PostgresAppFactory factory) : HashtagAndSearchTests(factory), IClassFixture<PostgresAppFactory>;
