using Microsoft.AspNetCore.Http.HttpResults;
using Souk.Web.Common;
using Souk.Web.Modules.Accounts;

namespace Souk.Web.Modules.Catalog;

/// <summary>
/// POST /api/v1/shops/{slug}/products: the shop's owner adds a product with its options and SKUs (photos first, via POST /media).
/// 201 with the product; 400 naming the fields (the SKU matrix under "skus"); 403 for anyone else; 404 for no such shop.
/// </summary>
public static class CreateProduct
{
    public static void Map(RouteGroupBuilder shopProducts) =>
        shopProducts.MapPost("", Handle).RequireAuthorization();

    static async Task<Results<Created<ProductResponse>, ValidationProblem, ProblemHttpResult>> Handle(
        string slug, ProductRequest req, CurrentUser current, ProductService products, ShopReader reader, HttpContext http, CancellationToken ct)
    {
        var outcome = await products.CreateAsync(slug, current.RequiredId, req, ct);
        switch (outcome.Failure)
        {
            case ProductFailure.None:
                var body = await reader.ReadProductAsync(outcome.Id, current.Id, Profile.BaseUrl(http.Request), ct);
                return TypedResults.Created($"/api/v1/products/{outcome.Id}", body!);
            case ProductFailure.Invalid:
                return TypedResults.ValidationProblem(outcome.Errors!);
            case ProductFailure.Forbidden:
                return Problems.Forbidden(outcome.Detail!);
            default:
                return ShopResults.NotFound(slug);
        }
    }
}
