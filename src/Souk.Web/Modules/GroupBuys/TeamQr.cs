using Microsoft.EntityFrameworkCore;
using Souk.Web.Data;
using Souk.Web.Modules.Accounts;

namespace Souk.Web.Modules.GroupBuys;

/// <summary>GET /teams/{id}/qr.svg: the team page's address as a QR code, to scan from a friend's phone.</summary>
public static class TeamQr
{
    public static void Map(IEndpointRouteBuilder app) =>
        app.MapGet("/teams/{id:long}/qr.svg", async (long id, SoukDb db, HttpContext http, CancellationToken ct) =>
        {
            if (!await db.Teams.AnyAsync(t => t.Id == id, ct)) return (IResult)TypedResults.Problem(statusCode: 404, title: "Not found", detail: $"No team {id}.");
            http.Response.Headers.CacheControl = "public, max-age=3600";
            return TypedResults.Text(ProfileQr.Render($"{Profile.BaseUrl(http.Request)}/teams/{id}"), "image/svg+xml");
        }).WithTags("Group buying").AllowAnonymous();
}
