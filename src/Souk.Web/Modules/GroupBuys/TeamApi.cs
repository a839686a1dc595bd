using System.ComponentModel;
using Microsoft.AspNetCore.Http.HttpResults;
using Souk.Web.Common;
using Souk.Web.Modules.Orders;

namespace Souk.Web.Modules.GroupBuys;

public sealed record TeamFallbackRequest([property: Description("solo (buy alone at the solo price) or shrink (close the team at the size reached, at its tier price).")] string? Choice);

public sealed record TeamSeatRequest([property: Description("Where the item goes (shop products ship).")] CheckoutDelivery? Delivery);

/// <summary>
/// POST /api/v1/team-offers/{id}/teams (start), /api/v1/teams/{id}/join and /api/v1/teams/{id}/fallback, with an Idempotency-Key (they pay);
/// GET /api/v1/team-offers/{id}, /api/v1/teams/{id}, /api/v1/products/{id}/teams?state=open and /api/v1/me/teams.
/// </summary>
public static class TeamApi
{
    const int ListMax = 50;

    public static void Map(RouteGroupBuilder api)
    {
        var group = api.MapGroup("").WithTags("Group buying");
        group.MapGet("/team-offers/{id:long}", async Task<Results<Ok<TeamOfferResponse>, ProblemHttpResult>> (long id, TeamReader reader, CancellationToken ct) =>
            await reader.OfferAsync(id, ct) is { } offer ? TypedResults.Ok(offer) : Problems.NotFound($"No team offer {id}.")).WithSummary("A team offer");
        group.MapPost("/team-offers/{id:long}/teams", async Task<Results<Created<TeamResponse>, ValidationProblem, ProblemHttpResult>> (
                long id, TeamSeatRequest req, CurrentUser me, TeamSeats seats, TeamReader reader, CancellationToken ct) =>
            await AnswerAsync(await seats.StartAsync(me.RequiredId, id, req.Delivery, ct),
                async teamId => TypedResults.Created($"/api/v1/teams/{teamId}", (await reader.ReadAsync(teamId, me.RequiredId, ct))!)))
            .RequireAuthorization().RequireIdempotencyKey("teams.start").WithSummary("Start a team: pay the team price for the first seat");
        group.MapPost("/teams/{id:long}/join", async Task<Results<Ok<TeamResponse>, ValidationProblem, ProblemHttpResult>> (
                long id, TeamSeatRequest req, CurrentUser me, TeamSeats seats, TeamReader reader, CancellationToken ct) =>
            await AnswerAsync(await seats.JoinAsync(me.RequiredId, id, req.Delivery, ct),
                async teamId => TypedResults.Ok((await reader.ReadAsync(teamId, me.RequiredId, ct))!)))
            .RequireAuthorization().RequireIdempotencyKey("teams.join").WithSummary("Join a team: pay the team price for a seat");
        group.MapPost("/teams/{id:long}/fallback", async Task<Results<Ok<TeamResponse>, ValidationProblem, ProblemHttpResult>> (
                long id, TeamFallbackRequest req, CurrentUser me, TeamSeats seats, TeamReader reader, CancellationToken ct) =>
            await AnswerAsync(await seats.FallBackAsync(me.RequiredId, id, req.Choice, ct),
                async teamId => TypedResults.Ok((await reader.ReadAsync(teamId, me.RequiredId, ct))!)))
            .RequireAuthorization().RequireIdempotencyKey("teams.fallback").WithSummary("Starter: buy alone at the solo price, or close the team at a smaller tier");
        group.MapGet("/teams/{id:long}", async Task<Results<Ok<TeamResponse>, ProblemHttpResult>> (long id, CurrentUser me, TeamReader reader, CancellationToken ct) =>
            await reader.ReadAsync(id, me.Id, ct) is { } team ? TypedResults.Ok(team) : Problems.NotFound($"No team {id}."))
            .WithSummary("A team: its members, seats needed and deadline (anyone with the link)");
        group.MapGet("/products/{id:long}/teams", async Task<Results<Ok<TeamList>, ValidationProblem>> (
                long id, [Description("open (the only one listed).")] string? state, int? limit, CurrentUser me, TeamReader reader, CancellationToken ct) =>
            state is null or "open"
                ? TypedResults.Ok(await reader.OpenTeamsAsync(id, me.Id, Math.Clamp(limit ?? 10, 1, ListMax), ct))
                : Problems.Field("state", "Only open teams are listed: state=open."))
            .WithSummary("A product's open teams, nearest to completion first");
        group.MapGet("/me/teams", async (CurrentUser me, int? limit, TeamReader reader, CancellationToken ct) =>
            TypedResults.Ok(await reader.MineAsync(me.RequiredId, Math.Clamp(limit ?? 20, 1, ListMax), ct)))
            .RequireAuthorization().WithSummary("The teams I have a seat in, newest first");
    }

    /// <summary>A seat's refusal as it is, or the answer made from the team it went to.</summary>
    static async Task<Results<TOk, ValidationProblem, ProblemHttpResult>> AnswerAsync<TOk>(SeatOutcome outcome, Func<long, Task<TOk>> answer)
        where TOk : IResult => outcome.Refusal switch
    {
        null => await answer(outcome.TeamId),
        ValidationProblem invalid => invalid,
        ProblemHttpResult problem => problem,
        var other => throw new InvalidOperationException($"A seat refused with an unexpected {other.GetType().Name}."),
    };
}
