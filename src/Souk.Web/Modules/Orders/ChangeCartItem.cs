using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Souk.Web.Common;
using Souk.Web.Data;

namespace Souk.Web.Modules.Orders;

/// <summary>PATCH /api/v1/cart/items/{id} (quantity) and DELETE /api/v1/cart/items/{id}: the caller's own lines only (others 404).</summary>
public static class ChangeCartItem
{
    public static void Map(RouteGroupBuilder cart)
    {
        cart.MapPatch("/items/{id:long}", Patch).WithSummary("Change a cart line's quantity");
        cart.MapDelete("/items/{id:long}", Delete).WithSummary("Remove a line from the cart");
    }

    public static async Task<Results<Ok<CartLineResponse>, ValidationProblem, ProblemHttpResult>> Patch(
        long id, ChangeCartItemRequest req, CurrentUser current, SoukDb db, CartReader reader, CancellationToken ct)
    {
        var me = current.RequiredId;
        var line = await db.CartItems.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id && c.UserId == me, ct);
        if (line is null) return Problems.NotFound("Your cart has no such line.");
        if (req.Quantity is not (>= 1 and <= AddToCart.QuantityMax)) return Problems.Field("quantity", $"Between 1 and {AddToCart.QuantityMax}.");
        if (line.ListingId is not null && req.Quantity != 1) return Problems.Field("quantity", "A second-hand listing is one item: the quantity is 1.");
        await db.CartItems.Where(c => c.Id == id && c.UserId == me).ExecuteUpdateAsync(u => u.SetProperty(c => c.Quantity, req.Quantity!.Value), ct);
        return TypedResults.Ok(CartLineResponse.From((await reader.ReadAsync(me, [id], ct)).Single()));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> Delete(long id, CurrentUser current, SoukDb db, CancellationToken ct)
    {
        var me = current.RequiredId;
        return await db.CartItems.Where(c => c.Id == id && c.UserId == me).ExecuteDeleteAsync(ct) == 1
            ? TypedResults.NoContent()
            : Problems.NotFound("Your cart has no such line.");
    }
}
