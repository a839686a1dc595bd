using Microsoft.EntityFrameworkCore;
using Souk.Web.Common;
using Souk.Web.Data;
using Souk.Web.Modules.Catalog;

namespace Souk.Web.Modules.Orders;

// Stored nowhere; the API's words for a cart line's availability.
public enum CartAvailability
{
    Available,
    /// <summary>Fewer units left than the line wants (Left says how many).</summary>
    OnlyFewLeft,
    SoldOut,
}

/// <summary>Who sells a cart group: a shop (slug) or a person selling second-hand (handle).</summary>
public sealed record CartSeller(Guid Id, string Kind, string Name, long? ShopId, string? ShopSlug, string Handle);

/// <summary>
/// One cart line priced now: a SKU of a published product (Variant names its option values) or a listing. What the seller
/// offers for delivery comes with it: a listing's shipping fee (null: no shipping) and meet-up place; a shop's products ship
/// for free (shops have no shipping settings yet) and are not handed over in person.
/// </summary>
public sealed record CartLine(
    long Id, long? SkuId, long? ProductId, long? ListingId, string Title, string Variant, Guid? PhotoId, MediaUrls? Photo, Money UnitPrice,
    int Quantity, CartAvailability Availability, int Left, CartSeller Seller, Money? ShippingFee, bool MeetUp, string? MeetUpPlace, string Url)
{
    public Money LineTotal => new(UnitPrice.Amount * Quantity, UnitPrice.Currency);
}

/// <summary>Reads a buyer's cart lines with today's prices, stock and sellers (one query per kind of item).</summary>
public sealed class CartReader(SoukDb db, MediaUrlBuilder urls)
{
    public async Task<List<CartLine>> ReadAsync(Guid userId, IReadOnlyCollection<long>? onlyIds, CancellationToken ct)
    {
        var query = db.CartItems.AsNoTracking().Where(c => c.UserId == userId);
        if (onlyIds is not null) query = query.Where(c => onlyIds.Contains(c.Id));
        var items = await query.OrderBy(c => c.AddedAt).ThenBy(c => c.Id).ToListAsync(ct);
        var skus = await SkusAsync([.. items.Select(i => i.SkuId).OfType<long>()], ct);
        var listings = await ListingsAsync([.. items.Select(i => i.ListingId).OfType<long>()], ct);
        var photos = await PhotosAsync(skus.Values.Select(s => s.PhotoId).Concat(listings.Values.Select(l => l.PhotoId)), ct);
        var lines = new List<CartLine>();
        foreach (var item in items)
        {
            if (item.SkuId is { } skuId && skus.TryGetValue(skuId, out var sku)) lines.Add(SkuLine(item.Id, item.Quantity, sku, photos));
            else if (item.ListingId is { } listingId && listings.TryGetValue(listingId, out var listing)) lines.Add(ListingLine(item.Id, listing, photos));
        }
        return lines;
    }

    /// <summary>A SKU as a line outside any cart (Id 0): what a group-buy seat buys.</summary>
    public async Task<CartLine?> SkuLineAsync(long skuId, int quantity, CancellationToken ct)
    {
        var skus = await SkusAsync([skuId], ct);
        if (!skus.TryGetValue(skuId, out var sku)) return null;
        return SkuLine(0, quantity, sku, await PhotosAsync([sku.PhotoId], ct));
    }

    /// <summary>A listing as a one-unit line outside any cart (Id 0): what an accepted offer buys.</summary>
    public async Task<CartLine?> ListingLineAsync(long listingId, CancellationToken ct)
    {
        var listings = await ListingsAsync([listingId], ct);
        if (!listings.TryGetValue(listingId, out var listing)) return null;
        return ListingLine(0, listing, await PhotosAsync([listing.PhotoId], ct));
    }

    sealed record SkuRow(long SkuId, long ProductId, string Title, string Option1, string Option2, string Option3, Money Price, int Stock, bool Live,
        Guid? PhotoId, Guid ShopOwner, long ShopId, string ShopName, string Slug, string? OwnerHandle);

    sealed record ListingRow(long ListingId, string Title, Money Price, ListingState State, long? ShippingFeeAmount, string? ShippingFeeCurrency,
        bool MeetUp, string? MeetUpPlace, Guid? PhotoId, Guid SellerId, string DisplayName, string? SellerHandle);

    Task<Dictionary<long, SkuRow>> SkusAsync(List<long> ids, CancellationToken ct) =>
        ids.Count == 0 ? Task.FromResult(new Dictionary<long, SkuRow>()) : (
            from s in db.Skus.AsNoTracking()
            where ids.Contains(s.Id)
            join p in db.Products on s.ProductId equals p.Id
            join shop in db.Shops on p.ShopId equals shop.Id
            join owner in db.Users on shop.OwnerId equals owner.Id
            select new SkuRow(s.Id, p.Id, p.Title, s.Option1, s.Option2, s.Option3, s.Price, s.Stock,
                s.RetiredAt == null && p.Status == ProductStatus.Published,
                s.PhotoId ?? p.Photos.OrderBy(ph => ph.Position).Select(ph => (Guid?)ph.MediaId).FirstOrDefault(),
                shop.OwnerId, shop.Id, shop.Name, shop.Slug, owner.UserName)).ToDictionaryAsync(r => r.SkuId, ct);

    Task<Dictionary<long, ListingRow>> ListingsAsync(List<long> ids, CancellationToken ct) =>
        ids.Count == 0 ? Task.FromResult(new Dictionary<long, ListingRow>()) : (
            from l in db.Listings.AsNoTracking()
            where ids.Contains(l.Id)
            join seller in db.Users on l.SellerId equals seller.Id
            select new ListingRow(l.Id, l.Title, l.Price, l.State, l.ShippingFeeAmount, l.ShippingFeeCurrency, l.MeetUp, l.MeetUpPlace,
                l.Photos.OrderBy(ph => ph.Position).Select(ph => (Guid?)ph.MediaId).FirstOrDefault(),
                l.SellerId, seller.DisplayName, seller.UserName)).ToDictionaryAsync(r => r.ListingId, ct);

    Task<Dictionary<Guid, MediaUrls>> PhotosAsync(IEnumerable<Guid?> ids, CancellationToken ct) => urls.ForAssetsAsync(db, ids, ct);

    static CartLine SkuLine(long id, int quantity, SkuRow s, Dictionary<Guid, MediaUrls> photos)
    {
        var left = s.Live ? s.Stock : 0;
        var availability = left <= 0 ? CartAvailability.SoldOut : left < quantity ? CartAvailability.OnlyFewLeft : CartAvailability.Available;
        var variant = Sku.VariantName(s.Option1, s.Option2, s.Option3);
        return new CartLine(id, s.SkuId, s.ProductId, null, s.Title, variant, s.PhotoId, Photo(s.PhotoId, photos), s.Price, quantity, availability, left,
            new CartSeller(s.ShopOwner, "shop", s.ShopName, s.ShopId, s.Slug, s.OwnerHandle ?? ""), new Money(0, s.Price.Currency), false, null, $"/p/{s.ProductId}");
    }

    static CartLine ListingLine(long id, ListingRow l, Dictionary<Guid, MediaUrls> photos)
    {
        var available = l.State == ListingState.Active;
        Money? shipping = l.ShippingFeeAmount is { } fee && l.ShippingFeeCurrency is { } currency ? new Money(fee, currency) : null;
        return new CartLine(id, null, null, l.ListingId, l.Title, "", l.PhotoId, Photo(l.PhotoId, photos), l.Price, 1,
            available ? CartAvailability.Available : CartAvailability.SoldOut, available ? 1 : 0,
            new CartSeller(l.SellerId, "person", l.DisplayName, null, null, l.SellerHandle ?? ""), shipping, l.MeetUp, l.MeetUpPlace, $"/l/{l.ListingId}");
    }

    static MediaUrls? Photo(Guid? id, Dictionary<Guid, MediaUrls> photos) => id is { } g && photos.TryGetValue(g, out var urls) ? urls : null;
}

/// <summary>
/// The lines one order would hold: one seller, one currency. Shipping is offered when every line ships (Fee: what it costs);
/// meet-up when every line can be handed over (at Place, the first listing's).
/// </summary>
public sealed record CartGroup(CartSeller Seller, string Currency, IReadOnlyList<CartLine> Lines)
{
    public Money ItemsTotal => new(Lines.Sum(l => l.LineTotal.Amount), Currency);

    public Money? ShippingFee => Lines.All(l => l.ShippingFee is { } f && f.Currency == Currency)
        ? new Money(Lines.Sum(l => l.ShippingFee!.Value.Amount), Currency) : null;

    public bool MeetUp => Lines.All(l => l.MeetUp);

    public string? MeetUpPlace => Lines.Select(l => l.MeetUpPlace).FirstOrDefault(p => !string.IsNullOrEmpty(p));

    /// <summary>Cart lines grouped as checkout makes orders of them, in the order the first line of each was added.</summary>
    public static List<CartGroup> From(IEnumerable<CartLine> lines) =>
        [.. lines.GroupBy(l => (l.Seller.Id, l.UnitPrice.Currency)).Select(g => new CartGroup(g.First().Seller, g.Key.Currency, [.. g]))];
}
