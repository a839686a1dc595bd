using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Souk.Tests.Catalog;
using Souk.Tests.Infrastructure;

namespace Souk.Tests.Notes;

/// <summary>Note helpers shared by the notes, engagement and feed tests.</summary>
public static class NotesApi
{
    public static JsonObject Tag(double x, double y, long? listingId = null, long? productId = null)
    {
        var tag = new JsonObject { ["x"] = x, ["y"] = y };
        if (listingId is not null) tag["listingId"] = listingId;
        if (productId is not null) tag["productId"] = productId;
        return tag;
    }

    public static JsonObject Photo(Guid mediaId, params JsonObject[] tags) => new() { ["mediaId"] = mediaId, ["tags"] = new JsonArray([.. tags]) };

    public static JsonObject ValidNote(IEnumerable<Guid> photoIds, string? title = null, string? body = null) => new()
    {
        ["title"] = title ?? "Three weeks with a film camera",
        ["body"] = body ?? "Honest review: *light*, simple and fun.\n\n- cheap film\n- sharp lens\n\n#filmcamera",
        ["language"] = "en",
        ["photos"] = new JsonArray([.. photoIds.Select(id => Photo(id))]),
    };

    /// <summary>Posts a note with one new photo (or the given body) and returns the created note.</summary>
    public static async Task<JsonElement> CreateNoteAsync(this Session session, JsonObject? body = null)
    {
        body ??= ValidNote([await session.UploadPhotoAsync()]);
        using var response = await session.Client.PostJsonAsync("/api/v1/notes", body);
        await response.ShouldBeAsync(HttpStatusCode.Created);
        return await response.JsonAsync();
    }

    public static async Task<long> CreateNoteIdAsync(this Session session, JsonObject? body = null) =>
        (await session.CreateNoteAsync(body)).GetProperty("id").GetInt64();

    public static async Task<JsonElement> GetNoteAsync(this HttpClient client, long id)
    {
        using var response = await client.GetAsync($"/api/v1/notes/{id}");
        await response.ShouldBeAsync(HttpStatusCode.OK);
        return await response.JsonAsync();
    }

    /// <summary>Follows every page of a cursor-paged list and returns the ids in order.</summary>
    public static async Task<List<long>> AllIdsAsync(this HttpClient client, string url, int limit)
    {
        var ids = new List<long>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var separator = url.Contains('?') ? '&' : '?';
            using var page = await client.GetAsync($"{url}{separator}limit={limit}" + (cursor is null ? "" : $"&cursor={Uri.EscapeDataString(cursor)}"));
            await page.ShouldBeAsync(HttpStatusCode.OK);
            var body = await page.JsonAsync();
            ids.AddRange(body.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetInt64()));
            cursor = body.GetProperty("nextCursor").GetString();
            Assert.True(++pages <= 100, "The cursor never ended");
        }
        while (cursor is not null);
        return ids;
    }
}
