using Microsoft.AspNetCore.Http.HttpResults;
using Souk.Web.Common;
using Souk.Web.Modules.Accounts;

namespace Souk.Web.Modules.Catalog;

/// <summary>POST /api/v1/listings: photos first (POST /media), then this; 201 with the listing, or 400/409 and nothing written.</summary>
public static class CreateListing
{
    public static void Map(RouteGroupBuilder listings) =>
        listings.MapPost("", Handle).RequireAuthorization();

    static async Task<Results<Created<ListingResponse>, ValidationProblem, ProblemHttpResult>> Handle(
        ListingRequest req, CurrentUser current, ListingService listings, ListingReader reader, HttpContext http, CancellationToken ct)
    {
        var outcome = await listings.CreateAsync(current.RequiredId, req, ct);
        var baseUrl = Profile.BaseUrl(http.Request);
        switch (outcome.Failure)
        {
            case ListingFailure.None:
                var body = await reader.ReadAsync(outcome.Id, current.Id, current.IsOperator, baseUrl, ct);
                return TypedResults.Created($"/api/v1/listings/{outcome.Id}", body!);
            case ListingFailure.Invalid:
                return TypedResults.ValidationProblem(outcome.Errors!);
            default:
                return ListingResults.Duplicate(outcome, baseUrl);
        }
    }
}
