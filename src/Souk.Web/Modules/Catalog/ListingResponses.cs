using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Souk.Web.Common;
using Souk.Web.Data;
using Souk.Web.Modules.Accounts;

namespace Souk.Web.Modules.Catalog;

public sealed record PhotoResponse(Guid Id, MediaUrls Urls, int Width, int Height);

public sealed record MeetUpResponse(string Place);

public sealed record ShippingResponse(Money Fee);

public sealed record DeliveryResponse(MeetUpResponse? MeetUp, ShippingResponse? Shipping);

public sealed record LocationResponse(string District, double Lat, double Lng);

public sealed record ListingResponse(
    long Id, string Url, UserSummary Seller, string Title, string Description, Money Price, ListingCondition Condition,
    CategoryRef Category, IReadOnlyList<PhotoResponse> Photos, DeliveryResponse Delivery, LocationResponse Location,
    ListingState State, int SavesCount, bool? Saved, DateTime CreatedAt, DateTime UpdatedAt);

/// <summary>A listing in a list (a seller's listings, saved items): enough for a card with its cover photo.</summary>
public sealed record ListingCard(
    long Id, string Url, string SellerHandle, string Title, Money Price, ListingCondition Condition, ListingState State,
    MediaUrls? Cover, string District, int SavesCount, DateTime CreatedAt);

public sealed record SaveState(bool Saved, int SavesCount);

/// <summary>Who may see a listing in which state: the one rule every read and write goes through.</summary>
public static class ListingAccess
{
    public static bool CanView(ListingState state, Guid sellerId, Guid? viewer, bool isOperator) => state switch
    {
        ListingState.Active or ListingState.Reserved or ListingState.Sold => true,
        ListingState.Hidden => viewer == sellerId || isOperator,
        _ => isOperator,
    };

    /// <summary>The states a seller's listing list shows: everyone sees the public ones; the seller also sees hidden.</summary>
    public static ListingState[] ListedStates(bool own) =>
        own ? [ListingState.Active, ListingState.Reserved, ListingState.Sold, ListingState.Hidden] : [ListingState.Active, ListingState.Reserved, ListingState.Sold];

    public static string PageUrl(string baseUrl, long id) => $"{baseUrl}/l/{id}";

    public static string ApiUrl(string baseUrl, long id) => $"{baseUrl}/api/v1/listings/{id}";
}

/// <summary>Builds listing responses: one query for the listing and its seller, one for its photos.</summary>
public sealed class ListingReader(SoukDb db, CategoryTree categories, MediaUrlBuilder media, AvatarUrls avatars)
{
    sealed record Row(Listing Listing, Guid SellerId, string? Handle, string DisplayName, AccountKind Kind, bool IsVerified, string? AvatarKey);

    sealed record PhotoRow(Guid Id, string BlobKey, int Width, int Height);

    // Compiled once per model (SQLite and PostgreSQL differ, and tests host both in one process): a listing read is what
    // every uncached page view runs, and building, funcletizing and hashing the LINQ expression each time cost as much as
    // the queries themselves (see docs/PERFORMANCE.md, the profile query had the same problem).
    static readonly ConditionalWeakTable<IModel, Func<SoukDb, long, CancellationToken, Task<Row?>>> ListingQueries = new();
    static readonly ConditionalWeakTable<IModel, Func<SoukDb, long, IAsyncEnumerable<PhotoRow>>> PhotoQueries = new();

    static Func<SoukDb, long, CancellationToken, Task<Row?>> ListingQuery(SoukDb db) =>
        ListingQueries.GetValue(db.Model, static _ => EF.CompileAsyncQuery((SoukDb db, long id, CancellationToken ct) =>
            db.Listings.AsNoTracking().Where(l => l.Id == id)
                .Join(db.Users, l => l.SellerId, u => u.Id, (l, u) => new Row(l, u.Id, u.UserName, u.DisplayName, u.Kind, u.IsVerified, u.AvatarKey))
                .FirstOrDefault()));

    static Func<SoukDb, long, IAsyncEnumerable<PhotoRow>> PhotoQuery(SoukDb db) =>
        PhotoQueries.GetValue(db.Model, static _ => EF.CompileAsyncQuery((SoukDb db, long id) =>
            db.ListingPhotos.AsNoTracking().Where(p => p.ListingId == id).OrderBy(p => p.Position)
                .Join(db.MediaAssets, p => p.MediaId, m => m.Id, (p, m) => new PhotoRow(m.Id, m.BlobKey, m.Width, m.Height))));

    /// <summary>The listing as this viewer may see it; null when it does not exist or they may not see it.</summary>
    public async Task<ListingResponse?> ReadAsync(long id, Guid? viewer, bool isOperator, string baseUrl, CancellationToken ct)
    {
        var row = await ListingQuery(db)(db, id, ct);
        if (row is null || !ListingAccess.CanView(row.Listing.State, row.SellerId, viewer, isOperator)) return null;
        var photos = new List<PhotoResponse>();
        await foreach (var p in PhotoQuery(db)(db, id).WithCancellation(ct))
            photos.Add(new PhotoResponse(p.Id, media.For(p.BlobKey), p.Width, p.Height));
        bool? saved = viewer is { } v ? await db.ListingSaves.AnyAsync(s => s.UserId == v && s.ListingId == id, ct) : null;
        var tree = await categories.GetAsync(ct);
        var l = row.Listing;
        return new ListingResponse(
            l.Id, ListingAccess.PageUrl(baseUrl, l.Id),
            new UserSummary(row.SellerId, row.Handle ?? "", row.DisplayName, row.Kind, row.IsVerified, avatars.For(row.AvatarKey)),
            l.Title, l.Description, l.Price, l.Condition, tree.RefFor(l.CategoryId, CultureInfo.CurrentUICulture),
            photos,
            new DeliveryResponse(l.MeetUp ? new MeetUpResponse(l.MeetUpPlace ?? "") : null, l.ShippingFee is { } fee ? new ShippingResponse(fee) : null),
            new LocationResponse(l.District, l.Latitude, l.Longitude),
            l.State, l.SavesCount, saved, l.CreatedAt, l.UpdatedAt);
    }

    sealed record CardRow(long Id, string? SellerHandle, string Title, Money Price, ListingCondition Condition, ListingState State,
        string? CoverKey, string District, int SavesCount, DateTime CreatedAt);

    /// <summary>Cards for the given listings query, in its order; the cover is the photo at position 0.</summary>
    public async Task<List<ListingCard>> CardsAsync(IQueryable<Listing> listings, string baseUrl, CancellationToken ct)
    {
        var rows = await listings
            .Select(l => new CardRow(
                l.Id,
                db.Users.Where(u => u.Id == l.SellerId).Select(u => u.UserName).FirstOrDefault(),
                l.Title, l.Price, l.Condition, l.State,
                db.ListingPhotos.Where(p => p.ListingId == l.Id && p.Position == 0)
                    .Join(db.MediaAssets, p => p.MediaId, m => m.Id, (p, m) => m.BlobKey).FirstOrDefault(),
                l.District, l.SavesCount, l.CreatedAt))
            .ToListAsync(ct);
        return [.. rows.Select(r => new ListingCard(r.Id, ListingAccess.PageUrl(baseUrl, r.Id), r.SellerHandle ?? "", r.Title, r.Price, r.Condition, r.State,
            r.CoverKey is null ? null : media.For(r.CoverKey), r.District, r.SavesCount, r.CreatedAt))];
    }
}
