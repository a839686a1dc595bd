using System.ComponentModel;
using Souk.Web.Common;
using Souk.Web.Modules.Catalog;

namespace Souk.Web.Modules.Orders;

public sealed record AddCartItemRequest(
    [property: Description("A SKU of a published product (give this or listingId).")] long? SkuId,
    [property: Description("An active second-hand listing (give this or skuId); always one unit.")] long? ListingId,
    [property: Description("1–99 units added (default 1); for a listing only 1.")] int? Quantity);

public sealed record ChangeCartItemRequest([property: Description("The line's new quantity, 1–99 (a listing: 1).")] int? Quantity);

public sealed record CartSellerResponse(string Kind, string Name, string Handle, string? ShopSlug);

public sealed record CartLineResponse(
    long Id, string Kind, long? SkuId, long? ProductId, long? ListingId, string Title, string Variant, MediaUrls? Photo, Money UnitPrice, int Quantity,
    Money LineTotal,
    [property: Description("available, onlyFewLeft (see left) or soldOut.")] CartAvailability Availability,
    [property: Description("Units left now (a listing: 1 while it is for sale).")] int Left,
    string Url)
{
    public static CartLineResponse From(CartLine l) => new(l.Id, l.SkuId is null ? "listing" : "sku", l.SkuId, l.ProductId, l.ListingId, l.Title,
        l.Variant, l.Photo, l.UnitPrice, l.Quantity, l.LineTotal, l.Availability, l.Left, l.Url);
}

public sealed record CartDeliveryResponse(
    [property: Description("What shipping costs for this group; null when some line cannot be shipped.")] Money? Shipping,
    [property: Description("Whether every line can be handed over at a meet-up.")] bool MeetUp,
    string? MeetUpPlace);

/// <summary>One future order: a seller's lines in one currency.</summary>
public sealed record CartGroupResponse(CartSellerResponse Seller, string Currency, IReadOnlyList<CartLineResponse> Lines, Money ItemsTotal, CartDeliveryResponse Delivery);

public sealed record CartResponse(
    IReadOnlyList<CartGroupResponse> Groups,
    [property: Description("Items totals per currency, before delivery.")] IReadOnlyList<Money> Totals,
    int Count)
{
    public static CartResponse From(IReadOnlyList<CartLine> lines)
    {
        var groups = CartGroup.From(lines);
        return new([.. groups.Select(g => new CartGroupResponse(new(g.Seller.Kind, g.Seller.Name, g.Seller.Handle, g.Seller.ShopSlug), g.Currency,
                [.. g.Lines.Select(CartLineResponse.From)], g.ItemsTotal, new(g.ShippingFee, g.MeetUp, g.MeetUpPlace)))],
            [.. groups.GroupBy(g => g.Currency).OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => new Money(c.Sum(g => g.ItemsTotal.Amount), c.Key))],
            lines.Count);
    }
}
