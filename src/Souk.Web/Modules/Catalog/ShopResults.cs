using Microsoft.AspNetCore.Http.HttpResults;
using Souk.Web.Common;

namespace Souk.Web.Modules.Catalog;

/// <summary>How every shop and product endpoint answers a refused write, so they all say it the same way.</summary>
static class ShopResults
{
    public static Results<Ok<ShopResponse>, ValidationProblem, ProblemHttpResult> Refused(ShopOutcome outcome, string slug, string baseUrl) => outcome.Failure switch
    {
        ShopFailure.Invalid => TypedResults.ValidationProblem(outcome.Errors!),
        ShopFailure.Forbidden => Problems.Forbidden(outcome.Detail ?? "Only the shop's owner can change it."),
        ShopFailure.AlreadyOpen => AlreadyOpen(outcome, baseUrl),
        ShopFailure.SlugTaken => Problems.Conflict(outcome.Detail!, "slug"),
        _ => NotFound(slug),
    };

    public static ProblemHttpResult NotFound(string slug) => Problems.NotFound($"No shop '{slug}'.");

    /// <summary>409 that links to the shop the account already has.</summary>
    public static ProblemHttpResult AlreadyOpen(ShopOutcome outcome, string baseUrl) =>
        Problems.ConflictWith(outcome.Detail!, new Dictionary<string, object?>
        {
            ["shop"] = new Dictionary<string, object?>
            {
                ["slug"] = outcome.Slug,
                ["url"] = ShopAccess.PageUrl(baseUrl, outcome.Slug),
                ["apiUrl"] = ShopAccess.ApiUrl(baseUrl, outcome.Slug),
            },
        });

    public static Results<Ok<ProductResponse>, ValidationProblem, ProblemHttpResult> Refused(ProductOutcome outcome, long id) => outcome.Failure switch
    {
        ProductFailure.Invalid => TypedResults.ValidationProblem(outcome.Errors!),
        ProductFailure.Forbidden => Problems.Forbidden(outcome.Detail ?? "Only the shop's owner can change this product."),
        ProductFailure.StockConflict => StockConflict(outcome),
        _ => ProductNotFound(id),
    };

    public static ProblemHttpResult ProductNotFound(long id) => Problems.NotFound($"No product {id}.");

    /// <summary>409: the stock changed (or is too low) for this change; says which SKU and how many it has now.</summary>
    public static ProblemHttpResult StockConflict(ProductOutcome outcome) =>
        Problems.ConflictWith(outcome.Detail!, new Dictionary<string, object?>
        {
            ["field"] = outcome.Field,
            ["sku"] = outcome.SkuId,
            ["stock"] = outcome.Stock,
        });
}
