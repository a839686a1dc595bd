using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Souk.Web.Common;
using Souk.Web.Data;
using Souk.Web.Modules.Accounts;

namespace Souk.Web.Modules.Catalog;

/// <summary>GET /api/v1/shops/{slug}/products?section=&amp;cursor=: newest first; published ones for everyone, drafts too for the owner.</summary>
public static class ShopProducts
{
    public static void Map(RouteGroupBuilder shopProducts) =>
        shopProducts.MapGet("", Handle).AllowAnonymous();

    static async Task<Results<Ok<Page<ProductCard>>, ValidationProblem, ProblemHttpResult>> Handle(
        string slug, string? section, string? cursor, int? limit, CurrentUser current, SoukDb db, ShopReader reader, HttpContext http, CancellationToken ct)
    {
        if (!Cursor.TryDecode(cursor, out var before)) return Problems.Field("cursor", "The cursor is not valid.");
        var normalized = ShopRules.NormalizeSlug(slug);
        var shop = await db.Shops.AsNoTracking().Where(s => s.Slug == normalized)
            .Select(s => new { s.Id, s.OwnerId, Sections = s.Sections.Select(x => x.Id).ToList() }).FirstOrDefaultAsync(ct);
        if (shop is null) return ShopResults.NotFound(slug);
        long? sectionId = null;
        if (!string.IsNullOrEmpty(section))
        {
            if (!long.TryParse(section, NumberStyles.None, CultureInfo.InvariantCulture, out var id) || !shop.Sections.Contains(id))
                return Problems.Field("section", $"No section '{section}' in this shop. GET /api/v1/shops/{normalized} lists its sections.");
            sectionId = id;
        }
        var take = Cursor.ClampLimit(limit);
        var own = current.Id == shop.OwnerId;
        var query = db.Products.AsNoTracking().Where(p => p.ShopId == shop.Id);
        if (!own) query = query.Where(p => p.Status == ProductStatus.Published);
        if (sectionId is { } sid) query = query.Where(p => p.SectionId == sid);
        if (before is { } b) query = query.Where(p => p.Id < b);
        var cards = await reader.CardsAsync(query.OrderByDescending(p => p.Id).Take(take + 1), Profile.BaseUrl(http.Request), ct);
        var next = cards.Count > take ? Cursor.Encode(cards[take - 1].Id) : null;
        return TypedResults.Ok(new Page<ProductCard>([.. cards.Take(take)], next));
    }
}
