using Microsoft.AspNetCore.Http.HttpResults;
using Souk.Web.Common;
using Souk.Web.Modules.Accounts;

namespace Souk.Web.Modules.Chat;

/// <summary>
/// POST /api/v1/offers/{id}/accept | decline | counter {amount}: the answers, by whoever's turn it is (the seller on an open
/// offer, the buyer on a counter; the buyer may also withdraw an open offer with decline). Not a party: 404; not your move:
/// 403; already decided or changed meanwhile: 409. Answers with the offer as it is now.
/// </summary>
public static class DecideOffer
{
    public static void Map(RouteGroupBuilder api)
    {
        var offers = api.MapGroup("/offers/{id:long}").WithTags("Offers").RequireAuthorization();
        offers.MapPost("/accept", (long id, CurrentUser current, OfferService service, OfferReader reader, HttpContext http, CancellationToken ct) =>
            Answer(id, current, reader, http, baseUrl => service.AcceptAsync(id, current.RequiredId, baseUrl, ct), ct));
        offers.MapPost("/decline", (long id, CurrentUser current, OfferService service, OfferReader reader, HttpContext http, CancellationToken ct) =>
            Answer(id, current, reader, http, baseUrl => service.DeclineAsync(id, current.RequiredId, baseUrl, ct), ct));
        offers.MapPost("/counter", (long id, OfferRequest req, CurrentUser current, OfferService service, OfferReader reader, HttpContext http, CancellationToken ct) =>
            Answer(id, current, reader, http, baseUrl => service.CounterAsync(id, current.RequiredId, req.Amount, baseUrl, ct), ct));
    }

    static async Task<Results<Ok<OfferResponse>, Created<OfferResponse>, ValidationProblem, ProblemHttpResult>> Answer(
        long id, CurrentUser current, OfferReader reader, HttpContext http, Func<string, Task<OfferOutcome>> step, CancellationToken ct)
    {
        var baseUrl = Profile.BaseUrl(http.Request);
        var outcome = await step(baseUrl);
        if (outcome.Failure != OfferFailure.None) return OfferResults.Refused(outcome);
        return TypedResults.Ok((await reader.ReadAsync(id, current.RequiredId, baseUrl, ct))!);
    }
}
