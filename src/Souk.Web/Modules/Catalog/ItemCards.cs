using Microsoft.EntityFrameworkCore;
using Souk.Web.Common;
using Souk.Web.Data;

namespace Souk.Web.Modules.Catalog;

/// <summary>
/// A listing or product as a small card (a note's product tag, an item shared into a chat, the item a conversation is about).
/// Unavailable items (reserved, sold) still show, greyed; Kind is "listing" or "product".
/// </summary>
public sealed record TaggedItem(string Kind, long Id, string Title, Money Price, MediaUrls? Cover, string Url, bool Available);

/// <summary>The cards found for a batch of listing and product ids; hidden, removed and unpublished items are absent.</summary>
public sealed record ItemCardSet(IReadOnlyDictionary<long, TaggedItem> Listings, IReadOnlyDictionary<long, TaggedItem> Products)
{
    public TaggedItem? Find(long? listingId, long? productId) =>
        listingId is { } l ? Listings.GetValueOrDefault(l) : productId is { } p ? Products.GetValueOrDefault(p) : null;
}

/// <summary>Builds item cards in two queries whatever the batch size (one for listings, one for products).</summary>
public sealed class ItemCards(SoukDb db, MediaUrlBuilder media)
{
    static readonly ListingState[] PublicListingStates = ListingAccess.ListedStates(own: false);

    public async Task<ItemCardSet> ForAsync(IReadOnlyCollection<long> listingIds, IReadOnlyCollection<long> productIds, string baseUrl, CancellationToken ct)
    {
        var lids = listingIds.Distinct().ToArray();
        var pids = productIds.Distinct().ToArray();
        var listings = lids.Length == 0 ? [] : await db.Listings.AsNoTracking().Where(l => lids.Contains(l.Id) && PublicListingStates.Contains(l.State))
            .Select(l => new
            {
                l.Id, l.Title, l.Price, l.State,
                Cover = db.ListingPhotos.Where(p => p.ListingId == l.Id && p.Position == 0).Join(db.MediaAssets, p => p.MediaId, m => m.Id, (p, m) => m.BlobKey).FirstOrDefault(),
            }).ToDictionaryAsync(l => l.Id, l => new TaggedItem("listing", l.Id, l.Title, l.Price, l.Cover is null ? null : media.For(l.Cover),
                ListingAccess.PageUrl(baseUrl, l.Id), l.State == ListingState.Active), ct);
        var products = pids.Length == 0 ? [] : await db.Products.AsNoTracking().Where(p => pids.Contains(p.Id) && p.Status == ProductStatus.Published)
            .Select(p => new
            {
                p.Id, p.Title, p.MinPrice,
                Cover = db.ProductPhotos.Where(ph => ph.ProductId == p.Id && ph.Position == 0).Join(db.MediaAssets, ph => ph.MediaId, m => m.Id, (ph, m) => m.BlobKey).FirstOrDefault(),
            }).ToDictionaryAsync(p => p.Id, p => new TaggedItem("product", p.Id, p.Title, p.MinPrice, p.Cover is null ? null : media.For(p.Cover),
                $"{baseUrl}/p/{p.Id}", true), ct);
        return new ItemCardSet(listings, products);
    }
}
