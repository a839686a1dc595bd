using Microsoft.EntityFrameworkCore;
using QRCoder;
using Souk.Web.Data;

namespace Souk.Web.Modules.Accounts;

/// <summary>GET /users/{handle}/qr.svg: a QR code of the profile's absolute URL, for sharing in person.</summary>
public static class ProfileQr
{
    public static void Map(IEndpointRouteBuilder app) =>
        app.MapGet("/users/{handle}/qr.svg", Handle).WithTags("Profile").AllowAnonymous();

    static async Task<IResult> Handle(string handle, SoukDb db, HttpContext http, CancellationToken ct)
    {
        var normalized = AccountRules.NormalizeHandle(handle);
        var canonical = await db.Users.Where(u => u.NormalizedUserName == normalized).Select(u => u.UserName).FirstOrDefaultAsync(ct);
        if (canonical is null) return TypedResults.Problem(statusCode: 404, title: "Not found", detail: $"No user @{handle}.");
        var svg = Render($"{Profile.BaseUrl(http.Request)}/u/{canonical}");
        http.Response.Headers.CacheControl = "public, max-age=3600";
        return TypedResults.Text(svg, "image/svg+xml");
    }

    public static string Render(string url)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(url, QRCodeGenerator.ECCLevel.M);
        using var svg = new SvgQRCode(data);
        return svg.GetGraphic(8, "#111111", "#ffffff", drawQuietZones: true);
    }
}
