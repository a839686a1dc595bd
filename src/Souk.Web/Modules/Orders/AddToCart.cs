using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Souk.Web.Common;
using Souk.Web.Data;
using Souk.Web.Modules.Catalog;

namespace Souk.Web.Modules.Orders;

/// <summary>
/// POST /api/v1/cart/items: puts a SKU (adding to the line already there) or a listing in the caller's cart. Nothing is
/// reserved: stock is taken at payment. What cannot be bought is refused now rather than at checkout: one's own items (422),
/// a sold-out SKU or a listing no longer for sale (409), more units than are left (409).
/// </summary>
public static class AddToCart
{
    public const int QuantityMax = 99;

    public static void Map(RouteGroupBuilder cart) =>
        cart.MapPost("/items", Handle).WithSummary("Add a product SKU or a listing to the cart");

    /// <summary>
    /// POST /cart/add: the product and listing pages' "Add to cart" and "Buy now" forms (antiforgery-checked form posts).
    /// Adds through the same rules as the API, then goes to the cart, or to checkout with just that line.
    /// </summary>
    public static void MapForm(IEndpointRouteBuilder app) =>
        app.MapPost("/cart/add", async ([FromForm] long? skuId, [FromForm] long? listingId, [FromForm] int? quantity, [FromForm] string? then,
                CurrentUser current, SoukDb db, CartReader reader, TimeProvider clock, CancellationToken ct) =>
            {
                var result = (await Handle(new AddCartItemRequest(skuId, listingId, quantity), current, db, reader, clock, ct)).Result;
                var line = result switch { Created<CartLineResponse> c => c.Value, Ok<CartLineResponse> o => o.Value, _ => null };
                if (line is null)
                    return Results.Redirect($"/cart?notice={(result is ProblemHttpResult { StatusCode: 409 } ? "soldout" : "refused")}");
                return Results.Redirect(then == "checkout" ? $"/checkout?items={line.Id}" : "/cart?notice=added");
            })
            .RequireAuthorization().ExcludeFromDescription();

    public static async Task<Results<Created<CartLineResponse>, Ok<CartLineResponse>, ValidationProblem, ProblemHttpResult>> Handle(
        AddCartItemRequest req, CurrentUser current, SoukDb db, CartReader reader, TimeProvider clock, CancellationToken ct)
    {
        var me = current.RequiredId;
        if ((req.SkuId is null) == (req.ListingId is null)) return Problems.Field("skuId", "Give either a skuId or a listingId.");
        var quantity = req.Quantity ?? 1;
        if (quantity is < 1 or > QuantityMax) return Problems.Field("quantity", $"Between 1 and {QuantityMax}.");
        if (req.ListingId is not null && quantity != 1) return Problems.Field("quantity", "A second-hand listing is one item: the quantity is 1.");

        long? existing;
        if (req.SkuId is { } skuId)
        {
            var sku = await db.Skus.AsNoTracking().Where(s => s.Id == skuId)
                .Select(s => new { s.Stock, s.RetiredAt, Published = db.Products.Any(p => p.Id == s.ProductId && p.Status == ProductStatus.Published),
                    Owner = db.Products.Where(p => p.Id == s.ProductId).Join(db.Shops, p => p.ShopId, sh => sh.Id, (p, sh) => sh.OwnerId).First() })
                .FirstOrDefaultAsync(ct);
            if (sku is null || sku.RetiredAt is not null || !sku.Published) return Problems.NotFound("No product is for sale under this SKU.");
            if (sku.Owner == me) return Problems.Field("skuId", "This is your own shop's product.");
            var line = await db.CartItems.AsNoTracking().Where(c => c.UserId == me && c.SkuId == skuId).Select(c => new { c.Id, c.Quantity }).FirstOrDefaultAsync(ct);
            var wanted = (line?.Quantity ?? 0) + quantity;
            if (sku.Stock == 0) return Problems.Conflict("This is sold out.", "skuId");
            if (wanted > sku.Stock) return Problems.Conflict($"Only {sku.Stock} left.", "quantity");
            if (wanted > QuantityMax) return Problems.Field("quantity", $"At most {QuantityMax} of one item in the cart.");
            existing = line?.Id;
            if (existing is { } id) await db.CartItems.Where(c => c.Id == id).ExecuteUpdateAsync(u => u.SetProperty(c => c.Quantity, wanted), ct);
        }
        else
        {
            var listingId = req.ListingId!.Value;
            var listing = await db.Listings.AsNoTracking().Where(l => l.Id == listingId).Select(l => new { l.SellerId, l.State }).FirstOrDefaultAsync(ct);
            if (listing is null || listing.State is ListingState.Hidden or ListingState.Removed) return Problems.NotFound("No listing has this id.");
            if (listing.SellerId == me) return Problems.Field("listingId", "This is your own listing.");
            if (listing.State != ListingState.Active) return Problems.Conflict("This item is no longer for sale.", "listingId");
            existing = await db.CartItems.AsNoTracking().Where(c => c.UserId == me && c.ListingId == listingId).Select(c => (long?)c.Id).FirstOrDefaultAsync(ct);
        }

        if (existing is { } kept)
            return TypedResults.Ok(CartLineResponse.From((await reader.ReadAsync(me, [kept], ct)).Single()));
        var item = new CartItem { UserId = me, SkuId = req.SkuId, ListingId = req.ListingId, Quantity = quantity, AddedAt = clock.GetUtcNow().UtcDateTime };
        db.CartItems.Add(item);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // The same item added twice at once (two taps): the unique index let the other request make the line.
            return Problems.Conflict("This item was just added to your cart; look at the cart again.");
        }
        return TypedResults.Created($"/api/v1/cart/items/{item.Id}", CartLineResponse.From((await reader.ReadAsync(me, [item.Id], ct)).Single()));
    }
}
