using Microsoft.AspNetCore.Http.HttpResults;
using Souk.Web.Common;
using Souk.Web.Modules.Accounts;

namespace Souk.Web.Modules.Catalog;

/// <summary>PATCH /api/v1/listings/{id}: the seller changes some fields; the same rules as creating apply to each.</summary>
public static class UpdateListing
{
    public static void Map(RouteGroupBuilder listings) =>
        listings.MapPatch("/{id:long}", Handle).RequireAuthorization();

    static async Task<Results<Ok<ListingResponse>, ValidationProblem, ProblemHttpResult>> Handle(
        long id, ListingRequest req, CurrentUser current, ListingService listings, ListingReader reader, HttpContext http, CancellationToken ct)
    {
        var outcome = await listings.UpdateAsync(id, new Actor(current.RequiredId, current.IsOperator), req, ct);
        var baseUrl = Profile.BaseUrl(http.Request);
        if (outcome.Failure != ListingFailure.None) return ListingResults.Refused(outcome, id, baseUrl);
        var body = await reader.ReadAsync(id, current.Id, current.IsOperator, baseUrl, ct);
        return body is null ? ListingResults.NotFound(id) : TypedResults.Ok(body);
    }
}
