using Microsoft.EntityFrameworkCore;
using Souk.Web.Common;
using Souk.Web.Data;
using Souk.Web.Modules.Accounts;

namespace Souk.Web.Modules.Orders;

/// <summary>
/// GET /orders/{id}/qr.svg: the seller's meet-up QR code. It carries the order's confirmation link with its secret code; the
/// buyer scans it at the hand-over and confirms receipt signed in. Only the seller of a meet-up order gets it (others 404),
/// and it is never cached anywhere shared.
/// </summary>
public static class OrderQr
{
    public static void Map(IEndpointRouteBuilder app) =>
        app.MapGet("/orders/{id:long}/qr.svg", Handle).WithTags("Orders").RequireAuthorization().ExcludeFromDescription();

    static async Task<IResult> Handle(long id, SoukDb db, CurrentUser current, HttpContext http, CancellationToken ct)
    {
        var me = current.RequiredId;
        var order = await db.Orders.AsNoTracking().Where(o => o.Id == id && o.SellerId == me && o.Delivery == DeliveryMethod.MeetUp)
            .Select(o => new { o.MeetUpCode }).FirstOrDefaultAsync(ct);
        if (order is null) return TypedResults.Problem(statusCode: 404, title: "Not found", detail: $"You have no meet-up order {id}.");
        http.Response.Headers.CacheControl = "private, no-store";
        return TypedResults.Text(ProfileQr.Render(ConfirmUrl(Profile.BaseUrl(http.Request), id, order.MeetUpCode)), "image/svg+xml");
    }

    public static string ConfirmUrl(string baseUrl, long id, string code) => $"{baseUrl.TrimEnd('/')}/orders/{id}/confirm?code={Uri.EscapeDataString(code)}";
}
