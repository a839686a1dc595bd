using Microsoft.EntityFrameworkCore;
using Souk.Web.Common;
using Souk.Web.Data;

namespace Souk.Web.Modules.Catalog;

/// <summary>
/// A product as the search index needs it, in plain values, so the module that owns products can index one without this
/// class knowing the product entity. <paramref name="MinPrice"/> is the lowest price of its active SKUs;
/// <paramref name="SellerId"/> the shop owner's account (the card shows that account's handle).
/// </summary>
public sealed record ProductSearchDocument(
    long ProductId, Guid SellerId, string Title, string Description, int? CategoryId, Money MinPrice, Guid? CoverMediaId, DateTime CreatedAt);

/// <summary>
/// Writes the search index. Every method writes through the caller's DbContext and so joins the caller's transaction: the
/// listing (or product) and its entry change together or not at all. The full-text structure follows by itself (see
/// <see cref="SearchSql"/>), and this node's cached search answers are dropped (<see cref="SearchCache.Changed"/>).
/// </summary>
public sealed class SearchIndex(SoukDb db, SearchCache cache)
{
    /// <summary>Only active listings can be found; reserved, sold, hidden and removed ones leave search, and come back with active.</summary>
    public static bool IsFindable(ListingState state) => state == ListingState.Active;

    /// <summary>Indexes the listing as it is now: an active listing gets its entry (added, or replaced in place); any other state removes it.</summary>
    public Task UpsertListingAsync(Listing listing, Guid? coverMediaId, CancellationToken ct)
    {
        if (!IsFindable(listing.State)) return RemoveAsync(SearchKind.Listing, listing.Id, ct);
        return UpsertAsync(ListingEntry(listing, coverMediaId), ct);
    }

    /// <summary>Reads the listing and indexes it as it is (see <see cref="UpsertListingAsync"/>); a listing that no longer exists leaves the index.</summary>
    public async Task RefreshListingAsync(long listingId, CancellationToken ct)
    {
        var row = await db.Listings.AsNoTracking().Where(l => l.Id == listingId)
            .Select(l => new { Listing = l, Cover = l.Photos.Where(p => p.Position == 0).Select(p => (Guid?)p.MediaId).FirstOrDefault() })
            .FirstOrDefaultAsync(ct);
        if (row is null) await RemoveAsync(SearchKind.Listing, listingId, ct);
        else await UpsertListingAsync(row.Listing, row.Cover, ct);
    }

    /// <summary>
    /// Adds or replaces a product's entry. Call it when a product becomes findable (published with stock) or changes while it
    /// is; call <see cref="RemoveAsync"/> when it stops being findable.
    /// </summary>
    public Task UpsertProductAsync(ProductSearchDocument product, CancellationToken ct) => UpsertAsync(new SearchEntry
    {
        Kind = SearchKind.Product,
        ItemId = product.ProductId,
        SellerId = product.SellerId,
        Title = product.Title,
        TitleTerms = SearchText.Terms(product.Title),
        BodyTerms = SearchText.Terms(product.Description),
        CategoryId = product.CategoryId,
        PriceAmount = product.MinPrice.Amount,
        PriceCurrency = product.MinPrice.Currency,
        CoverMediaId = product.CoverMediaId,
        CreatedAt = product.CreatedAt,
    }, ct);

    public async Task RemoveAsync(SearchKind kind, long itemId, CancellationToken ct)
    {
        cache.Changed();
        await db.SearchEntries.Where(e => e.Kind == kind && e.ItemId == itemId).ExecuteDeleteAsync(ct);
    }

    /// <summary>The entry of an active listing; the seeder's bulk load writes the same values.</summary>
    public static SearchEntry ListingEntry(Listing l, Guid? coverMediaId) => new()
    {
        Kind = SearchKind.Listing,
        ItemId = l.Id,
        SellerId = l.SellerId,
        Title = l.Title,
        TitleTerms = SearchText.Terms(l.Title),
        BodyTerms = SearchText.Terms(l.Description),
        CategoryId = l.CategoryId,
        PriceAmount = l.Price.Amount,
        PriceCurrency = l.Price.Currency,
        Condition = l.Condition,
        District = l.District,
        Latitude = l.Latitude,
        Longitude = l.Longitude,
        CoverMediaId = coverMediaId,
        CreatedAt = l.CreatedAt,
    };

    /// <summary>
    /// One statement on both providers (INSERT … ON CONFLICT DO UPDATE), so an edit updates the row in place: its id (the FTS5
    /// rowid, and the tie-breaker in cursors) stays the same.
    /// </summary>
    async Task UpsertAsync(SearchEntry e, CancellationToken ct)
    {
        cache.Changed();
        var kind = (int)e.Kind;
        var condition = (int?)e.Condition;
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO "SearchEntries" ("Kind", "ItemId", "SellerId", "Title", "TitleTerms", "BodyTerms", "CategoryId", "PriceAmount",
                "PriceCurrency", "Condition", "District", "Latitude", "Longitude", "CoverMediaId", "CreatedAt")
            VALUES ({kind}, {e.ItemId}, {e.SellerId}, {e.Title}, {e.TitleTerms}, {e.BodyTerms}, {e.CategoryId}, {e.PriceAmount},
                {e.PriceCurrency}, {condition}, {e.District}, {e.Latitude}, {e.Longitude}, {e.CoverMediaId}, {e.CreatedAt})
            ON CONFLICT ("Kind", "ItemId") DO UPDATE SET
                "SellerId" = excluded."SellerId", "Title" = excluded."Title", "TitleTerms" = excluded."TitleTerms",
                "BodyTerms" = excluded."BodyTerms", "CategoryId" = excluded."CategoryId", "PriceAmount" = excluded."PriceAmount",
                "PriceCurrency" = excluded."PriceCurrency", "Condition" = excluded."Condition", "District" = excluded."District",
                "Latitude" = excluded."Latitude", "Longitude" = excluded."Longitude", "CoverMediaId" = excluded."CoverMediaId",
                "CreatedAt" = excluded."CreatedAt"
            """, ct);
    }

    /// <summary>
    /// Fills in the terms of entries written by SQL alone (the migration's backfill of existing listings), in batches, each
    /// in its own transaction. Runs at every start; with nothing pending it is one lookup in an empty partial index.
    /// Returns how many entries it completed.
    /// </summary>
    public static async Task<int> CompletePendingAsync(IServiceProvider services, CancellationToken ct = default)
    {
        const int Batch = 500;
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SoukDb>();
        var done = 0;
        while (true)
        {
            // Listings only: a product entry is always written with its terms (UpsertProductAsync).
            var pending = await db.SearchEntries.AsNoTracking()
                .Where(e => e.TitleTerms == null && e.Kind == SearchKind.Listing)
                .OrderBy(e => e.Id).Take(Batch)
                .Select(e => new { e.Id, e.ItemId })
                .ToListAsync(ct);
            if (pending.Count == 0) return done;
            var ids = pending.Select(p => p.ItemId).ToList();
            var texts = await db.Listings.AsNoTracking().Where(l => ids.Contains(l.Id))
                .Select(l => new { l.Id, l.Title, l.Description })
                .ToDictionaryAsync(l => l.Id, ct);
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            foreach (var p in pending)
            {
                if (texts.TryGetValue(p.ItemId, out var text))
                {
                    var title = SearchText.Terms(text.Title);
                    var body = SearchText.Terms(text.Description);
                    await db.SearchEntries.Where(e => e.Id == p.Id)
                        .ExecuteUpdateAsync(s => s.SetProperty(e => e.TitleTerms, title).SetProperty(e => e.BodyTerms, body), ct);
                }
                else
                {
                    // The listing went meanwhile (its delete removes the entry too; this covers a delete during the upgrade).
                    await db.SearchEntries.Where(e => e.Id == p.Id).ExecuteDeleteAsync(ct);
                }
            }
            await tx.CommitAsync(ct);
            scope.ServiceProvider.GetRequiredService<SearchCache>().Changed();
            done += pending.Count;
        }
    }
}
