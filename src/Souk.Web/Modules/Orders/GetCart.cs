using Microsoft.AspNetCore.Http.HttpResults;
using Souk.Web.Common;

namespace Souk.Web.Modules.Orders;

/// <summary>GET /api/v1/cart: the caller's lines grouped into the orders checkout would make, with today's prices and stock.</summary>
public static class GetCart
{
    public static void Map(RouteGroupBuilder cart) => cart.MapGet("", Handle).WithSummary("The cart, grouped by seller");

    static async Task<Ok<CartResponse>> Handle(CurrentUser current, CartReader reader, CancellationToken ct) =>
        TypedResults.Ok(CartResponse.From(await reader.ReadAsync(current.RequiredId, null, ct)));
}
