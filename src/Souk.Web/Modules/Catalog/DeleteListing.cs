using Microsoft.AspNetCore.Http.HttpResults;
using Souk.Web.Common;

namespace Souk.Web.Modules.Catalog;

/// <summary>DELETE /api/v1/listings/{id}: the seller deletes it for good (see <see cref="ListingService.DeleteAsync"/>).</summary>
public static class DeleteListing
{
    public static void Map(RouteGroupBuilder listings) =>
        listings.MapDelete("/{id:long}", Handle).RequireAuthorization();

    static async Task<Results<NoContent, ProblemHttpResult>> Handle(long id, CurrentUser current, ListingService listings, CancellationToken ct)
    {
        var outcome = await listings.DeleteAsync(id, new Actor(current.RequiredId, current.IsOperator), ct);
        return outcome.Failure switch
        {
            ListingFailure.None => TypedResults.NoContent(),
            ListingFailure.Forbidden => Problems.Forbidden(outcome.Detail!),
            _ => ListingResults.NotFound(id),
        };
    }
}
