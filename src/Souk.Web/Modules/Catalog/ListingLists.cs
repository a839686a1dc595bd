using Microsoft.EntityFrameworkCore;
using Souk.Web.Common;
using Souk.Web.Data;

namespace Souk.Web.Modules.Catalog;

/// <summary>
/// The lists of listing cards, keyset-paged newest first: fresh listings, a category (with its subcategories), a seller's
/// listings and someone's saved items. Shared by the API and the pages, so both show the same rows in the same order.
/// </summary>
public sealed class ListingLists(SoukDb db, ListingReader reader)
{
    /// <summary>Active listings of everyone, newest first (the home tab).</summary>
    public Task<Page<ListingCard>> FreshAsync(long? before, int take, string baseUrl, CancellationToken ct)
    {
        var query = db.Listings.AsNoTracking().Where(l => l.State == ListingState.Active);
        return PageByIdAsync(query, before, take, baseUrl, ct);
    }

    /// <summary>Active listings in these categories (a category and its subcategories), newest first.</summary>
    public Task<Page<ListingCard>> InCategoriesAsync(IReadOnlyCollection<int> categoryIds, long? before, int take, string baseUrl, CancellationToken ct)
    {
        var ids = categoryIds.ToArray();
        var query = db.Listings.AsNoTracking().Where(l => ids.Contains(l.CategoryId) && l.State == ListingState.Active);
        return PageByIdAsync(query, before, take, baseUrl, ct);
    }

    /// <summary>A seller's listings: active, reserved and sold for everyone; hidden ones too for the seller.</summary>
    public Task<Page<ListingCard>> BySellerAsync(Guid sellerId, bool own, long? before, int take, string baseUrl, CancellationToken ct)
    {
        var states = ListingAccess.ListedStates(own);
        var query = db.Listings.AsNoTracking().Where(l => l.SellerId == sellerId && states.Contains(l.State));
        return PageByIdAsync(query, before, take, baseUrl, ct);
    }

    /// <summary>
    /// Someone's saved listings, newest save first (the cursor is the save's id). Listings hidden or removed since stay
    /// saved but drop out of the list (a hidden one of your own stays).
    /// </summary>
    public async Task<Page<ListingCard>> SavedAsync(Guid userId, long? before, int take, string baseUrl, CancellationToken ct)
    {
        var saves = db.ListingSaves.AsNoTracking().Where(s => s.UserId == userId);
        if (before is { } b) saves = saves.Where(s => s.Id < b);
        var page = await saves
            .Join(db.Listings, s => s.ListingId, l => l.Id, (s, l) => new { SaveId = s.Id, l.Id, l.State, l.SellerId })
            .Where(x => x.State == ListingState.Active || x.State == ListingState.Reserved || x.State == ListingState.Sold
                || (x.State == ListingState.Hidden && x.SellerId == userId))
            .OrderByDescending(x => x.SaveId).Take(take + 1)
            .Select(x => new { x.SaveId, x.Id })
            .ToListAsync(ct);
        var ids = page.Take(take).Select(x => x.Id).ToList();
        var cards = (await reader.CardsAsync(db.Listings.AsNoTracking().Where(l => ids.Contains(l.Id)), baseUrl, ct)).ToDictionary(c => c.Id);
        var items = ids.Where(cards.ContainsKey).Select(id => cards[id]).ToList();
        var next = page.Count > take ? Cursor.Encode(page[take - 1].SaveId) : null;
        return new Page<ListingCard>(items, next);
    }

    async Task<Page<ListingCard>> PageByIdAsync(IQueryable<Listing> query, long? before, int take, string baseUrl, CancellationToken ct)
    {
        if (before is { } b) query = query.Where(l => l.Id < b);
        var cards = await reader.CardsAsync(query.OrderByDescending(l => l.Id).Take(take + 1), baseUrl, ct);
        var next = cards.Count > take ? Cursor.Encode(cards[take - 1].Id) : null;
        return new Page<ListingCard>([.. cards.Take(take)], next);
    }
}
