using Microsoft.AspNetCore.Http.HttpResults;
using Souk.Web.Common;
using Souk.Web.Modules.Accounts;

namespace Souk.Web.Modules.Catalog;

/// <summary>GET /api/v1/products/{id}: anyone for a published product; a draft only for its shop's owner (404 for others).</summary>
public static class GetProduct
{
    public static void Map(RouteGroupBuilder products) =>
        products.MapGet("/{id:long}", Handle).AllowAnonymous();

    static async Task<Results<Ok<ProductResponse>, ProblemHttpResult>> Handle(
        long id, CurrentUser current, ShopReader reader, HttpContext http, CancellationToken ct)
    {
        var product = await reader.ReadProductAsync(id, current.Id, Profile.BaseUrl(http.Request), ct);
        return product is null ? ShopResults.ProductNotFound(id) : TypedResults.Ok(product);
    }
}
