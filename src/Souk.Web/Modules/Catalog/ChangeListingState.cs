using Microsoft.AspNetCore.Http.HttpResults;
using Souk.Web.Common;
using Souk.Web.Modules.Accounts;

namespace Souk.Web.Modules.Catalog;

/// <summary>
/// POST /api/v1/listings/{id}/state {state}: the seller moves active ↔ reserved, to sold, to hidden and back;
/// only an operator removes (and restores). A move the state machine does not allow is 409 with the current state.
/// </summary>
public static class ChangeListingState
{
    public static void Map(RouteGroupBuilder listings) =>
        listings.MapPost("/{id:long}/state", Handle).RequireAuthorization();

    static async Task<Results<Ok<ListingResponse>, ValidationProblem, ProblemHttpResult>> Handle(
        long id, ListingStateRequest req, CurrentUser current, ListingService listings, ListingReader reader, HttpContext http, CancellationToken ct)
    {
        var outcome = await listings.ChangeStateAsync(id, new Actor(current.RequiredId, current.IsOperator), req.State, ct);
        var baseUrl = Profile.BaseUrl(http.Request);
        if (outcome.Failure != ListingFailure.None) return ListingResults.Refused(outcome, id, baseUrl);
        var body = await reader.ReadAsync(id, current.Id, current.IsOperator, baseUrl, ct);
        return body is null ? ListingResults.NotFound(id) : TypedResults.Ok(body);
    }
}
