using Microsoft.AspNetCore.Http.HttpResults;
using Souk.Web.Modules.Accounts;

namespace Souk.Web.Modules.Catalog;

/// <summary>
/// GET /api/v1/listings/{id}: anyone for active, reserved and sold; hidden for its seller; removed for operators.
/// Anonymous answers come from the output cache (<see cref="ListingCache"/>).
/// </summary>
public static class GetListing
{
    public static void Map(RouteGroupBuilder listings) =>
        listings.MapGet("/{id:long}", Handle).AllowAnonymous().CacheOutput(ListingCache.PolicyName);

    static async Task<Results<Ok<ListingResponse>, ProblemHttpResult>> Handle(
        long id, Common.CurrentUser current, ListingReader reader, HttpContext http, CancellationToken ct)
    {
        var listing = await reader.ReadAsync(id, current.Id, current.IsOperator, Profile.BaseUrl(http.Request), ct);
        if (listing is null) return ListingResults.NotFound(id);
        ListingCache.TagResponse(http, listing.Id, listing.Seller.Handle);
        return TypedResults.Ok(listing);
    }
}
