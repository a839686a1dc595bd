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
        var page = await reader.ShopProductsAsync(shop.Id, current.Id == shop.OwnerId, sectionId, before, take, Profile.BaseUrl(http.Request), ct);
        return TypedResults.Ok(page);
    }
}
