using Microsoft.AspNetCore.Http.HttpResults;
using Souk.Web.Common;
using Souk.Web.Modules.Accounts;

namespace Souk.Web.Modules.Chat;

/// <summary>
/// POST /api/v1/listings/{id}/offers {amount}: a buyer offers on an active listing, in the listing's currency. The offer card
/// lands in the buyer–seller conversation about the listing (opened if needed). One open offer per buyer per listing (409
/// naming it); the seller's own listing or a block between the two is 403; a reserved or sold listing is 409.
/// </summary>
public static class MakeOffer
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/listings/{id:long}/offers", Handle).WithTags("Offers").RequireAuthorization();

    static async Task<Results<Ok<OfferResponse>, Created<OfferResponse>, ValidationProblem, ProblemHttpResult>> Handle(
        long id, OfferRequest req, CurrentUser current, OfferService offers, OfferReader reader, HttpContext http, CancellationToken ct)
    {
        var baseUrl = Profile.BaseUrl(http.Request);
        var outcome = await offers.MakeAsync(current.RequiredId, id, req.Amount, baseUrl, ct);
        if (outcome.Failure != OfferFailure.None) return OfferResults.Refused(outcome);
        var body = await reader.ReadAsync(outcome.OfferId, current.RequiredId, baseUrl, ct);
        return TypedResults.Created($"/api/v1/offers/{outcome.OfferId}", body!);
    }
}
