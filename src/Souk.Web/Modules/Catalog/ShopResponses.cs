using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Souk.Web.Common;
using Souk.Web.Data;
using Souk.Web.Modules.Accounts;

namespace Souk.Web.Modules.Catalog;

public sealed record SectionResponse(long Id, string Name, int ProductCount);

/// <summary>A shop as everyone sees it. ProductCount (shop and sections) counts what the viewer can see: drafts only for the owner.</summary>
public sealed record ShopResponse(
    long Id, string Slug, string Url, string Name, string Description, PhotoResponse? Logo, PhotoResponse? Banner, bool Verified,
    UserSummary Owner, IReadOnlyList<SectionResponse> Sections, int ProductCount, DateTime CreatedAt, DateTime UpdatedAt);

public sealed record ShopRef(string Slug, string Name, string Url, bool Verified);

public sealed record SectionRef(long Id, string Name);

public sealed record OptionResponse(string Name, IReadOnlyList<string> Values);

public sealed record PriceRange(Money Min, Money Max);

public sealed record SkuResponse(long Id, IReadOnlyDictionary<string, string> Options, Money Price, int Stock, bool InStock, PhotoResponse? Photo, string? Code);

/// <summary>A product with its options and active SKUs. Verified: the shop belongs to a brand's official (verified) account.</summary>
public sealed record ProductResponse(
    long Id, string Url, ShopRef Shop, bool Verified, string Title, string Description, IReadOnlyList<PhotoResponse> Photos, SectionRef? Section,
    CategoryRef? Category, IReadOnlyList<OptionResponse> Options, IReadOnlyList<SkuResponse> Skus, PriceRange PriceRange, bool InStock, ProductStatus Status,
    DateTime CreatedAt, DateTime UpdatedAt);

/// <summary>A product in a shop's list: enough for a card with its cover photo.</summary>
public sealed record ProductCard(
    long Id, string Url, string Title, MediaUrls? Cover, PriceRange PriceRange, bool InStock, ProductStatus Status, long? SectionId, DateTime CreatedAt);

public static class ShopAccess
{
    /// <summary>The verified badge of a shop and its products: a brand's official account (a brand an operator verified).</summary>
    public static bool IsOfficial(AccountKind kind, bool isVerified) => kind == AccountKind.Brand && isVerified;

    public static string PageUrl(string baseUrl, string slug) => $"{baseUrl}/s/{slug}";

    public static string ApiUrl(string baseUrl, string slug) => $"{baseUrl}/api/v1/shops/{slug}";
}

/// <summary>Builds shop and product responses: a few small queries each, no tracking.</summary>
public sealed class ShopReader(SoukDb db, CategoryTree categories, MediaUrlBuilder media, AvatarUrls avatars)
{
    sealed record ShopRow(Shop Shop, string? Handle, string DisplayName, AccountKind Kind, bool IsVerified, string? AvatarKey);

    public async Task<ShopResponse?> ReadShopAsync(string slug, Guid? viewer, string baseUrl, CancellationToken ct)
    {
        var normalized = ShopRules.NormalizeSlug(slug);
        if (normalized.Length > Shop.SlugMax) return null;
        var row = await db.Shops.AsNoTracking().Where(s => s.Slug == normalized)
            .Join(db.Users, s => s.OwnerId, u => u.Id, (s, u) => new ShopRow(s, u.UserName, u.DisplayName, u.Kind, u.IsVerified, u.AvatarKey))
            .FirstOrDefaultAsync(ct);
        if (row is null) return null;
        var shop = row.Shop;
        var own = viewer == shop.OwnerId;
        var sections = await db.ShopSections.AsNoTracking().Where(s => s.ShopId == shop.Id).OrderBy(s => s.Position).ToListAsync(ct);
        var counts = await db.Products.AsNoTracking().Where(p => p.ShopId == shop.Id && (own || p.Status == ProductStatus.Published))
            .GroupBy(p => p.SectionId).Select(g => new { Section = g.Key, Count = g.Count() }).ToListAsync(ct);
        var photos = await PhotosAsync([shop.LogoId, shop.BannerId], ct);
        return new ShopResponse(
            shop.Id, shop.Slug, ShopAccess.PageUrl(baseUrl, shop.Slug), shop.Name, shop.Description,
            shop.LogoId is { } logo ? photos.GetValueOrDefault(logo) : null, shop.BannerId is { } banner ? photos.GetValueOrDefault(banner) : null,
            ShopAccess.IsOfficial(row.Kind, row.IsVerified),
            new UserSummary(shop.OwnerId, row.Handle ?? "", row.DisplayName, row.Kind, row.IsVerified, avatars.For(row.AvatarKey)),
            [.. sections.Select(s => new SectionResponse(s.Id, s.Name, counts.FirstOrDefault(c => c.Section == s.Id)?.Count ?? 0))],
            counts.Sum(c => c.Count), shop.CreatedAt, shop.UpdatedAt);
    }

    sealed record ProductRow(Product Product, string ShopSlug, string ShopName, Guid OwnerId, AccountKind Kind, bool IsVerified);

    /// <summary>The product as this viewer may see it; null when it does not exist or is a draft of someone else's shop.</summary>
    public async Task<ProductResponse?> ReadProductAsync(long id, Guid? viewer, string baseUrl, CancellationToken ct)
    {
        var row = await db.Products.AsNoTracking().Where(p => p.Id == id)
            .Join(db.Shops, p => p.ShopId, s => s.Id, (p, s) => new { p, s })
            .Join(db.Users, x => x.s.OwnerId, u => u.Id, (x, u) => new ProductRow(x.p, x.s.Slug, x.s.Name, u.Id, u.Kind, u.IsVerified))
            .FirstOrDefaultAsync(ct);
        if (row is null || !ProductAccess.CanView(row.Product.Status, row.OwnerId, viewer)) return null;
        var p = row.Product;
        var photoIds = await db.ProductPhotos.AsNoTracking().Where(x => x.ProductId == id).OrderBy(x => x.Position).Select(x => x.MediaId).ToListAsync(ct);
        var options = await db.ProductOptions.AsNoTracking().Where(o => o.ProductId == id).OrderBy(o => o.Position).ToListAsync(ct);
        var skus = await db.Skus.AsNoTracking().Where(s => s.ProductId == id && s.RetiredAt == null).OrderBy(s => s.Position).ToListAsync(ct);
        var section = p.SectionId is { } sectionId
            ? await db.ShopSections.AsNoTracking().Where(s => s.Id == sectionId).Select(s => new SectionRef(s.Id, s.Name)).FirstOrDefaultAsync(ct)
            : null;
        var photos = await PhotosAsync([.. photoIds.Cast<Guid?>(), .. skus.Select(s => s.PhotoId)], ct);
        var category = p.CategoryId is { } categoryId ? (await categories.GetAsync(ct)).RefFor(categoryId, CultureInfo.CurrentUICulture) : null;
        var verified = ShopAccess.IsOfficial(row.Kind, row.IsVerified);
        return new ProductResponse(
            p.Id, ProductAccess.PageUrl(baseUrl, p.Id), new ShopRef(row.ShopSlug, row.ShopName, ShopAccess.PageUrl(baseUrl, row.ShopSlug), verified), verified,
            p.Title, p.Description, [.. photoIds.Where(photos.ContainsKey).Select(m => photos[m])], section, category,
            [.. options.Select(o => new OptionResponse(o.Name, o.Values))],
            [.. skus.Select(s => new SkuResponse(
                s.Id, options.Select((o, k) => (o.Name, Value: s.Values(options.Count)[k])).ToDictionary(x => x.Name, x => x.Value),
                s.Price, s.Stock, s.Stock > 0, s.PhotoId is { } photo ? photos.GetValueOrDefault(photo) : null, s.Code))],
            new PriceRange(p.MinPrice, p.MaxPrice), skus.Any(s => s.Stock > 0), p.Status, p.CreatedAt, p.UpdatedAt);
    }

    sealed record CardRow(long Id, string Title, Money MinPrice, Money MaxPrice, ProductStatus Status, long? SectionId, DateTime CreatedAt, string? CoverKey, bool InStock);

    /// <summary>Cards for the given products query, in its order; the cover is the photo at position 0.</summary>
    public async Task<List<ProductCard>> CardsAsync(IQueryable<Product> products, string baseUrl, CancellationToken ct)
    {
        var rows = await products
            .Select(p => new CardRow(
                p.Id, p.Title, p.MinPrice, p.MaxPrice, p.Status, p.SectionId, p.CreatedAt,
                db.ProductPhotos.Where(x => x.ProductId == p.Id && x.Position == 0)
                    .Join(db.MediaAssets, x => x.MediaId, m => m.Id, (x, m) => m.BlobKey).FirstOrDefault(),
                db.Skus.Any(s => s.ProductId == p.Id && s.RetiredAt == null && s.Stock > 0)))
            .ToListAsync(ct);
        return [.. rows.Select(r => new ProductCard(r.Id, ProductAccess.PageUrl(baseUrl, r.Id), r.Title, r.CoverKey is null ? null : media.For(r.CoverKey),
            new PriceRange(r.MinPrice, r.MaxPrice), r.InStock, r.Status, r.SectionId, r.CreatedAt))];
    }

    async Task<Dictionary<Guid, PhotoResponse>> PhotosAsync(IEnumerable<Guid?> ids, CancellationToken ct)
    {
        var wanted = ids.Where(i => i is not null).Select(i => i!.Value).Distinct().ToList();
        if (wanted.Count == 0) return [];
        var rows = await db.MediaAssets.AsNoTracking().Where(m => wanted.Contains(m.Id)).Select(m => new { m.Id, m.BlobKey, m.Width, m.Height }).ToListAsync(ct);
        return rows.ToDictionary(m => m.Id, m => new PhotoResponse(m.Id, media.For(m.BlobKey), m.Width, m.Height));
    }
}
