using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Souk.Web.Common;
using Souk.Web.Data;
using Souk.Web.Modules.Accounts;

namespace Souk.Web.Modules.Catalog;

/// <summary>GET /api/v1/users/{handle}/listings?cursor=: newest first; hidden ones only for the seller, removed ones never.</summary>
public static class UserListings
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/users/{handle}/listings", Handle).WithTags("Listings").AllowAnonymous();

    static async Task<Results<Ok<Page<ListingCard>>, ValidationProblem, ProblemHttpResult>> Handle(
        string handle, string? cursor, int? limit, CurrentUser current, SoukDb db, ListingLists lists, HttpContext http, CancellationToken ct)
    {
        if (!Cursor.TryDecode(cursor, out var before)) return Problems.Field("cursor", "The cursor is not valid.");
        if (handle.Length > AccountRules.HandleMax) return Problems.NotFound($"No user @{handle}.");
        var normalized = AccountRules.NormalizeHandle(handle);
        var sellerId = await db.Users.Where(u => u.NormalizedUserName == normalized).Select(u => (Guid?)u.Id).FirstOrDefaultAsync(ct);
        if (sellerId is not { } seller) return Problems.NotFound($"No user @{handle}.");
        return TypedResults.Ok(await lists.BySellerAsync(seller, own: current.Id == seller, before, Cursor.ClampLimit(limit), Profile.BaseUrl(http.Request), ct));
    }
}
