using Microsoft.AspNetCore.Http.HttpResults;
using Souk.Web.Common;
using Souk.Web.Modules.Accounts;

namespace Souk.Web.Modules.Feed;

/// <summary>
/// GET /api/v1/feed/following (signed in): notes, listings and products of the people you follow, newest first.
/// GET /api/v1/feed/discover (anyone): recent notes ranked for the viewer, each with its reasons.
/// GET /api/v1/feed/discover/why/{noteId}: the components of one note's score for the viewer.
/// </summary>
public static class FeedApi
{
    public static void Map(RouteGroupBuilder api)
    {
        var feed = api.MapGroup("/feed").WithTags("Feeds");
        feed.MapGet("/following", Following).RequireAuthorization()
            .WithSummary("Following feed").WithDescription("Notes, active listings and published shop products of the people you follow, newest first, " +
                "as items {kind: note|listing|product, id, by, createdAt, note|listing|product: card}. The cursor holds a position per kind, so items " +
                "posted while you read never repeat or shift a later page.");
        feed.MapGet("/discover", Discover).AllowAnonymous()
            .WithSummary("Discover feed").WithDescription("Recent notes ranked by engagement, freshness and your affinity, with a guaranteed share " +
                "for small creators (docs/RANKING.md). No input can be bought. Each item carries its score and reasons.");
        feed.MapGet("/discover/why/{noteId:long}", Why).AllowAnonymous()
            .WithSummary("Why this note").WithDescription("One note's score for you, component by component, computed by the code that ranks the feed.");
    }

    static async Task<Results<Ok<Page<FeedItem>>, ValidationProblem>> Following(
        string? cursor, int? limit, CurrentUser current, FollowingFeed feed, HttpContext http, CancellationToken ct)
    {
        if (!FollowingPosition.TryDecode(cursor, out var position)) return Problems.Field("cursor", "The cursor is not valid.");
        return TypedResults.Ok(await feed.ReadAsync(current.RequiredId, position, Cursor.ClampLimit(limit), Profile.BaseUrl(http.Request), ct));
    }

    static async Task<Results<Ok<Page<DiscoverItem>>, ValidationProblem>> Discover(
        string? cursor, int? limit, CurrentUser current, DiscoverFeed feed, HttpContext http, CancellationToken ct)
    {
        if (!DiscoverPosition.TryDecode(cursor, out var position)) return Problems.Field("cursor", "The cursor is not valid.");
        return TypedResults.Ok(await feed.ReadAsync(current.Id, position, Cursor.ClampLimit(limit), Profile.BaseUrl(http.Request), ct));
    }

    static async Task<Results<Ok<RankScore>, ProblemHttpResult>> Why(long noteId, CurrentUser current, DiscoverFeed feed, CancellationToken ct) =>
        await feed.ExplainAsync(current.Id, noteId, ct) is { } score ? TypedResults.Ok(score) : Problems.NotFound($"No note {noteId}.");
}
