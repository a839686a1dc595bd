using Microsoft.EntityFrameworkCore;
using Souk.Web.Common;
using Souk.Web.Data;
using Souk.Web.Modules.Accounts;

namespace Souk.Web.Modules.Catalog;

/// <summary>
/// GET /s/{slug}/qr.svg and /p/{id}/qr.svg: QR codes of the shop and product pages' absolute URLs, for their QR cards (the same
/// rules as the pages: a draft product's code only for its owner).
/// </summary>
public static class ShopQr
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/s/{slug}/qr.svg", ShopAsync).WithTags("Shops").AllowAnonymous();
        app.MapGet("/p/{id:long}/qr.svg", ProductAsync).WithTags("Products").AllowAnonymous();
    }

    static async Task<IResult> ShopAsync(string slug, SoukDb db, HttpContext http, CancellationToken ct)
    {
        var normalized = ShopRules.NormalizeSlug(slug);
        if (!await db.Shops.AnyAsync(s => s.Slug == normalized, ct))
            return TypedResults.Problem(statusCode: 404, title: "Not found", detail: $"No shop '{slug}'.");
        http.Response.Headers.CacheControl = "public, max-age=3600";
        return TypedResults.Text(ProfileQr.Render(ShopAccess.PageUrl(Profile.BaseUrl(http.Request), normalized)), "image/svg+xml");
    }

    static async Task<IResult> ProductAsync(long id, SoukDb db, CurrentUser current, HttpContext http, CancellationToken ct)
    {
        var row = await db.Products.AsNoTracking().Where(p => p.Id == id)
            .Join(db.Shops, p => p.ShopId, s => s.Id, (p, s) => new { p.Status, s.OwnerId }).FirstOrDefaultAsync(ct);
        if (row is null || !ProductAccess.CanView(row.Status, row.OwnerId, current.Id))
            return TypedResults.Problem(statusCode: 404, title: "Not found", detail: $"No product {id}.");
        // Only a published product's code may sit in shared caches: a draft's is its owner's alone.
        http.Response.Headers.CacheControl = row.Status == ProductStatus.Published ? "public, max-age=3600" : "private, no-store";
        return TypedResults.Text(ProfileQr.Render(ProductAccess.PageUrl(Profile.BaseUrl(http.Request), id)), "image/svg+xml");
    }
}
