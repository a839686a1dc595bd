using Microsoft.EntityFrameworkCore;
using Souk.Web.Common;
using Souk.Web.Data;
using Souk.Web.Modules.Accounts;

namespace Souk.Web.Modules.Catalog;

/// <summary>GET /l/{id}/qr.svg: a QR code of the listing page's absolute URL, for the QR card on the page (same rules as the page).</summary>
public static class ListingQr
{
    public static void Map(IEndpointRouteBuilder app) =>
        app.MapGet("/l/{id:long}/qr.svg", Handle).WithTags("Listings").AllowAnonymous();

    static async Task<IResult> Handle(long id, SoukDb db, CurrentUser current, HttpContext http, CancellationToken ct)
    {
        var row = await db.Listings.AsNoTracking().Where(l => l.Id == id).Select(l => new { l.SellerId, l.State }).FirstOrDefaultAsync(ct);
        if (row is null || !ListingAccess.CanView(row.State, row.SellerId, current.Id, current.IsOperator))
            return TypedResults.Problem(statusCode: 404, title: "Not found", detail: $"No listing {id}.");
        var svg = ProfileQr.Render(ListingAccess.PageUrl(Profile.BaseUrl(http.Request), id));
        // The URL never changes, but whether a stranger may see it does: only public listings may sit in shared caches.
        var isPublic = ListingAccess.CanView(row.State, row.SellerId, null, false);
        http.Response.Headers.CacheControl = isPublic ? "public, max-age=3600" : "private, no-store";
        return TypedResults.Text(svg, "image/svg+xml");
    }
}
