using Microsoft.AspNetCore.Http.HttpResults;
using Souk.Web.Common;
using Souk.Web.Modules.Accounts;

namespace Souk.Web.Modules.Catalog;

/// <summary>PATCH /api/v1/shops/{slug}: the owner changes some fields (the same rules as opening apply); anyone else 403.</summary>
public static class UpdateShop
{
    public static void Map(RouteGroupBuilder shops) =>
        shops.MapPatch("/{slug}", Handle).RequireAuthorization();

    static async Task<Results<Ok<ShopResponse>, ValidationProblem, ProblemHttpResult>> Handle(
        string slug, ShopRequest req, CurrentUser current, ShopService shops, ShopReader reader, HttpContext http, CancellationToken ct)
    {
        var outcome = await shops.UpdateAsync(slug, new Actor(current.RequiredId, current.IsOperator), req, ct);
        var baseUrl = Profile.BaseUrl(http.Request);
        if (outcome.Failure != ShopFailure.None) return ShopResults.Refused(outcome, slug, baseUrl);
        // The slug may have changed: read the shop at its new address.
        var body = await reader.ReadShopAsync(outcome.Slug, current.Id, baseUrl, ct);
        return body is null ? ShopResults.NotFound(slug) : TypedResults.Ok(body);
    }
}
