using Microsoft.AspNetCore.Http.HttpResults;
using Souk.Web.Common;
using Souk.Web.Modules.Accounts;
using Souk.Web.Modules.Notes;

namespace Souk.Web.Modules.Feed;

/// <summary>
/// GET /api/v1/hashtags/{tag}/notes?cursor=: a hashtag's notes newest first (the tag folded as notes store it, so #Tokyo and
/// #ｔｏｋｙｏ are one tag). GET /api/v1/hashtags/trending?limit=: the top tags of the last 24 hours with their note counts.
/// </summary>
public static class HashtagApi
{
    public static void Map(RouteGroupBuilder api)
    {
        var tags = api.MapGroup("/hashtags").WithTags("Feeds").AllowAnonymous();
        tags.MapGet("/trending", Trending);
        tags.MapGet("/{tag}/notes", Notes);
    }

    static async Task<Results<Ok<Page<NoteCard>>, ValidationProblem, ProblemHttpResult>> Notes(
        string tag, string? cursor, int? limit, Hashtags hashtags, HttpContext http, CancellationToken ct)
    {
        if (Hashtags.Fold(tag) is not { } folded) return Problems.NotFound($"'{tag}' is not a hashtag.");
        if (!Cursor.TryDecode(cursor, out var before)) return Problems.Field("cursor", "The cursor is not valid.");
        return TypedResults.Ok(await hashtags.NotesAsync(folded, before, Cursor.ClampLimit(limit), Profile.BaseUrl(http.Request), ct));
    }

    static async Task<Ok<TrendingHashtags>> Trending(int? limit, Hashtags hashtags, CancellationToken ct) =>
        TypedResults.Ok(await hashtags.TrendingAsync(Math.Clamp(limit ?? Hashtags.TrendingDefault, 1, Hashtags.TrendingMax), ct));
}
