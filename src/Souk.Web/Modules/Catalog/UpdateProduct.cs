using Microsoft.AspNetCore.Http.HttpResults;
using Souk.Web.Common;
using Souk.Web.Modules.Accounts;

namespace Souk.Web.Modules.Catalog;

/// <summary>
/// PATCH /api/v1/products/{id}: the owner changes some fields, SKUs by id (price, stock or stockDelta, photo, code), or the
/// options with every SKU (see <see cref="ProductService.UpdateAsync"/>). 409 when a stock change would go below zero.
/// </summary>
public static class UpdateProduct
{
    public static void Map(RouteGroupBuilder products) =>
        products.MapPatch("/{id:long}", Handle).RequireAuthorization();

    static async Task<Results<Ok<ProductResponse>, ValidationProblem, ProblemHttpResult>> Handle(
        long id, ProductRequest req, CurrentUser current, ProductService products, ShopReader reader, HttpContext http, CancellationToken ct)
    {
        var outcome = await products.UpdateAsync(id, new Actor(current.RequiredId, current.IsOperator), req, ct);
        if (outcome.Failure != ProductFailure.None) return ShopResults.Refused(outcome, id);
        var body = await reader.ReadProductAsync(id, current.Id, Profile.BaseUrl(http.Request), ct);
        return body is null ? ShopResults.ProductNotFound(id) : TypedResults.Ok(body);
    }
}
