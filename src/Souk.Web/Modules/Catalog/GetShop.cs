using Microsoft.AspNetCore.Http.HttpResults;
using Souk.Web.Common;
using Souk.Web.Modules.Accounts;

namespace Souk.Web.Modules.Catalog;

/// <summary>GET /api/v1/shops/{slug}: public. The shop, its owner (with the verified flag), sections and product counts.</summary>
public static class GetShop
{
    public static void Map(RouteGroupBuilder shops) =>
        shops.MapGet("/{slug}", Handle).AllowAnonymous();

    static async Task<Results<Ok<ShopResponse>, ProblemHttpResult>> Handle(
        string slug, CurrentUser current, ShopReader reader, HttpContext http, CancellationToken ct)
    {
        var shop = await reader.ReadShopAsync(slug, current.Id, Profile.BaseUrl(http.Request), ct);
        return shop is null ? ShopResults.NotFound(slug) : TypedResults.Ok(shop);
    }
}
