using Microsoft.AspNetCore.Http.HttpResults;
using Souk.Web.Common;
using Souk.Web.Modules.Accounts;

namespace Souk.Web.Modules.Catalog;

/// <summary>
/// POST /api/v1/shops: a seller, brand or creator account opens its one shop. 201 with the shop; 403 for a personal account;
/// 400 naming the fields; 409 when the account has a shop already, or (field slug) when the slug is taken.
/// </summary>
public static class CreateShop
{
    public static void Map(RouteGroupBuilder shops) =>
        shops.MapPost("", Handle).RequireAuthorization();

    static async Task<Results<Created<ShopResponse>, ValidationProblem, ProblemHttpResult>> Handle(
        ShopRequest req, CurrentUser current, ShopService shops, ShopReader reader, HttpContext http, CancellationToken ct)
    {
        var outcome = await shops.CreateAsync(current.RequiredId, req, ct);
        var baseUrl = Profile.BaseUrl(http.Request);
        switch (outcome.Failure)
        {
            case ShopFailure.None:
                var body = await reader.ReadShopAsync(outcome.Slug, current.Id, baseUrl, ct);
                return TypedResults.Created($"/api/v1/shops/{outcome.Slug}", body!);
            case ShopFailure.Invalid:
                return TypedResults.ValidationProblem(outcome.Errors!);
            case ShopFailure.Forbidden:
                return Problems.Forbidden(outcome.Detail!);
            case ShopFailure.AlreadyOpen:
                return ShopResults.AlreadyOpen(outcome, baseUrl);
            case ShopFailure.SlugTaken:
                return Problems.Conflict(outcome.Detail!, "slug");
            default:
                // The signed-in account is gone (deleted meanwhile).
                return Problems.Status(StatusCodes.Status401Unauthorized, "Unauthorized", "Sign in again.");
        }
    }
}
