using Microsoft.AspNetCore.Http.HttpResults;
using Souk.Web.Common;

namespace Souk.Web.Modules.Catalog;

/// <summary>How every listing endpoint answers a refused write, so they all say it the same way.</summary>
static class ListingResults
{
    public static Results<Ok<ListingResponse>, ValidationProblem, ProblemHttpResult> Refused(ListingOutcome outcome, long id, string baseUrl) => outcome.Failure switch
    {
        ListingFailure.Invalid => TypedResults.ValidationProblem(outcome.Errors!),
        ListingFailure.Forbidden => Problems.Forbidden(outcome.Detail ?? "Only the seller can change this listing."),
        ListingFailure.IllegalTransition => Problems.ConflictWith(outcome.Detail ?? "This state change is not allowed.", new Dictionary<string, object?>
        {
            ["state"] = ListingRules.Name(outcome.CurrentState!.Value),
        }),
        ListingFailure.Duplicate => Duplicate(outcome, baseUrl),
        _ => NotFound(id),
    };

    public static ProblemHttpResult NotFound(long id) => Problems.NotFound($"No listing {id}.");

    /// <summary>409 that links to the listing already there, as the page and as the API resource.</summary>
    public static ProblemHttpResult Duplicate(ListingOutcome outcome, string baseUrl) =>
        Problems.ConflictWith(outcome.Detail ?? "This listing already exists.", new Dictionary<string, object?>
        {
            ["listing"] = new Dictionary<string, object?>
            {
                ["id"] = outcome.Id,
                ["url"] = ListingAccess.PageUrl(baseUrl, outcome.Id),
                ["apiUrl"] = ListingAccess.ApiUrl(baseUrl, outcome.Id),
            },
        });
}
