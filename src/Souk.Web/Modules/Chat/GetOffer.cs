using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Souk.Web.Common;
using Souk.Web.Data;
using Souk.Web.Modules.Accounts;
using Souk.Web.Modules.Catalog;

namespace Souk.Web.Modules.Chat;

/// <summary>
/// GET /api/v1/offers/{id} for its buyer and seller (anyone else: 404, nothing leaked), and
/// GET /api/v1/listings/{id}/offers for the listing's seller: every offer on it, the open ones first.
/// </summary>
public static class GetOffer
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/offers/{id:long}", Handle).WithTags("Offers").RequireAuthorization();
        api.MapGet("/listings/{id:long}/offers", ForListing).WithTags("Offers").RequireAuthorization();
    }

    static async Task<Results<Ok<OfferResponse>, ProblemHttpResult>> Handle(
        long id, CurrentUser current, OfferReader reader, HttpContext http, CancellationToken ct) =>
        await reader.ReadAsync(id, current.RequiredId, Profile.BaseUrl(http.Request), ct) is { } offer
            ? TypedResults.Ok(offer)
            : Problems.NotFound($"No offer {id}.");

    static async Task<Results<Ok<IReadOnlyList<ListingOfferItem>>, ProblemHttpResult>> ForListing(
        long id, CurrentUser current, SoukDb db, OfferReader reader, CancellationToken ct)
    {
        var listing = await db.Listings.AsNoTracking().Where(l => l.Id == id).Select(l => new { l.SellerId, l.State }).FirstOrDefaultAsync(ct);
        if (listing is null || !ListingAccess.CanView(listing.State, listing.SellerId, current.Id, current.IsOperator))
            return Problems.NotFound($"No listing {id}.");
        if (listing.SellerId != current.RequiredId) return Problems.Forbidden("Only the seller sees the offers on a listing.");
        return TypedResults.Ok(await reader.ForListingAsync(id, ct));
    }
}
