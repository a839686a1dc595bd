using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Souk.Web.Common;
using Souk.Web.Data;
using Souk.Web.Modules.Accounts;

namespace Souk.Web.Modules.Catalog;

/// <summary>PUT/DELETE /api/v1/listings/{id}/save (idempotent) and GET /api/v1/me/saved (newest save first).</summary>
public static class SaveListing
{
    public static void Map(RouteGroupBuilder api, RouteGroupBuilder listings)
    {
        listings.MapPut("/{id:long}/save", (long id, CurrentUser current, ListingSaves saves, CancellationToken ct) => SetAsync(id, true, current, saves, ct))
            .RequireAuthorization();
        listings.MapDelete("/{id:long}/save", (long id, CurrentUser current, ListingSaves saves, CancellationToken ct) => SetAsync(id, false, current, saves, ct))
            .RequireAuthorization();
        api.MapGet("/me/saved", Saved).WithTags("Listings").RequireAuthorization();
    }

    static async Task<Results<Ok<SaveState>, ProblemHttpResult>> SetAsync(long id, bool save, CurrentUser current, ListingSaves saves, CancellationToken ct)
    {
        var state = await saves.SetAsync(new Actor(current.RequiredId, current.IsOperator), id, save, ct);
        return state is null ? ListingResults.NotFound(id) : TypedResults.Ok(state);
    }

    static async Task<Results<Ok<Page<ListingCard>>, ValidationProblem>> Saved(
        string? cursor, int? limit, CurrentUser current, ListingLists lists, HttpContext http, CancellationToken ct)
    {
        if (!Cursor.TryDecode(cursor, out var before)) return Problems.Field("cursor", "The cursor is not valid.");
        return TypedResults.Ok(await lists.SavedAsync(current.RequiredId, before, Cursor.ClampLimit(limit), Profile.BaseUrl(http.Request), ct));
    }
}

/// <summary>Adds and removes saves with the listing's counter kept in the same transaction (<see cref="CountedToggle"/>).</summary>
public sealed class ListingSaves(SoukDb db, ListingCache pages, TimeProvider clock)
{
    /// <summary>The new state, or null when there is no such listing this person may see.</summary>
    public async Task<SaveState?> SetAsync(Actor actor, long listingId, bool save, CancellationToken ct)
    {
        var row = await db.Listings.AsNoTracking().Where(l => l.Id == listingId).Select(l => new { l.SellerId, l.State }).FirstOrDefaultAsync(ct);
        if (row is null || !ListingAccess.CanView(row.State, row.SellerId, actor.Id, actor.IsOperator)) return null;

        var delta = await CountedToggle.SetAsync(db, save,
            exists: () => db.ListingSaves.AnyAsync(s => s.UserId == actor.Id && s.ListingId == listingId, ct),
            add: () =>
            {
                db.ListingSaves.Add(new ListingSave { UserId = actor.Id, ListingId = listingId, CreatedAt = clock.GetUtcNow().UtcDateTime });
                return Task.CompletedTask;
            },
            remove: () => db.ListingSaves.Where(s => s.UserId == actor.Id && s.ListingId == listingId).ExecuteDeleteAsync(ct),
            adjust: delta => db.Listings.Where(l => l.Id == listingId).ExecuteUpdateAsync(s => s.SetProperty(l => l.SavesCount, l => l.SavesCount + delta), ct),
            ct);
        // The page shows how many people saved it.
        if (delta != 0) await pages.ForgetAsync(listingId);
        return await CurrentAsync(actor.Id, listingId, ct);
    }

    async Task<SaveState?> CurrentAsync(Guid userId, long listingId, CancellationToken ct)
    {
        var count = await db.Listings.Where(l => l.Id == listingId).Select(l => (int?)l.SavesCount).FirstOrDefaultAsync(ct);
        if (count is null) return null;
        var saved = await db.ListingSaves.AnyAsync(s => s.UserId == userId && s.ListingId == listingId, ct);
        return new SaveState(saved, count.Value);
    }
}
