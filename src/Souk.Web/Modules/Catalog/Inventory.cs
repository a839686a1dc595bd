using Microsoft.EntityFrameworkCore;
using Souk.Web.Data;

namespace Souk.Web.Modules.Catalog;

/// <summary>
/// The only code that changes a SKU's stock. Each change is one conditional UPDATE (it cannot take the stock below zero or
/// above <see cref="Sku.StockMax"/>, whatever runs at the same time) and one <see cref="StockMovement"/> row. Call it inside
/// the caller's transaction, then save: the movement is added to the context, and the transaction makes the pair atomic.
/// The orders module will take and return stock through <see cref="AdjustAsync"/> with its own reasons. A change that
/// empties a SKU or refills an empty one refreshes the product's search entry in the same transaction (a product is
/// findable while some SKU has stock, at its lowest in-stock price), so a sale that takes the last unit takes it out of search.
/// </summary>
public sealed class Inventory(SoukDb db, SearchIndex search, TimeProvider clock)
{
    /// <summary>Adds <paramref name="delta"/> (negative to take) to an active SKU; the new stock, or null when it would leave 0..StockMax.</summary>
    public async Task<int?> AdjustAsync(long skuId, int delta, StockReason reason, Guid? actorId, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        if (db.Provider == DatabaseProvider.Postgres)
        {
            // PostgreSQL: the row stays locked from this UPDATE to the commit, and on a hot SKU every other checkout waits for
            // it, so the change and its movement go in one round trip (a data-modifying CTE) instead of three.
            var changed = (await db.Database.SqlQuery<StockChange>($"""
                WITH changed AS (
                    UPDATE "Skus" SET "Stock" = "Stock" + {delta}, "UpdatedAt" = {now}
                    WHERE "Id" = {skuId} AND "RetiredAt" IS NULL AND "Stock" + {delta} >= 0 AND "Stock" + {delta} <= {Sku.StockMax}
                    RETURNING "Id", "Stock", "ProductId"),
                logged AS (
                    INSERT INTO "StockMovements" ("SkuId", "Delta", "StockAfter", "Reason", "ActorId", "At")
                    SELECT "Id", {delta}, "Stock", {(int)reason}, {actorId}::uuid, {now} FROM changed)
                SELECT "Stock", "ProductId" FROM changed
                """).ToListAsync(ct)).SingleOrDefault();
            if (changed is null) return null;
            await RefreshIfEmptiedOrRefilledAsync(changed.ProductId, changed.Stock - delta, changed.Stock, ct);
            return changed.Stock;
        }
        var updated = await db.Skus
            .Where(s => s.Id == skuId && s.RetiredAt == null && s.Stock + delta >= 0 && s.Stock + delta <= Sku.StockMax)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.Stock, s => s.Stock + delta).SetProperty(s => s.UpdatedAt, now), ct);
        if (updated == 0) return null;
        // Our UPDATE holds the row (SQLite's single writer) until commit, so this is our result.
        var after = await db.Skus.Where(s => s.Id == skuId).Select(s => new { s.Stock, s.ProductId }).SingleAsync(ct);
        Log(skuId, delta, after.Stock, reason, actorId, now);
        await RefreshIfEmptiedOrRefilledAsync(after.ProductId, after.Stock - delta, after.Stock, ct);
        return after.Stock;
    }

    /// <summary>What a stock change left: the SKU's new stock and its product.</summary>
    sealed class StockChange
    {
        public int Stock { get; set; }
        public long ProductId { get; set; }
    }

    /// <summary>
    /// Sets an active SKU's stock to a level and logs the difference. The UPDATE is conditional on the level it read, so a
    /// concurrent change (an order taking stock) is never overwritten unseen: it reads again and logs the true difference.
    /// Null when the SKU is not active.
    /// </summary>
    public async Task<int?> SetAsync(long skuId, int stock, StockReason reason, Guid? actorId, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(stock);
        for (var attempt = 0; attempt < 10; attempt++)
        {
            var row = await db.Skus.Where(s => s.Id == skuId && s.RetiredAt == null).Select(s => new { s.Stock, s.ProductId }).SingleOrDefaultAsync(ct);
            if (row is null) return null;
            var current = row.Stock;
            if (current == stock) return stock;
            var now = clock.GetUtcNow().UtcDateTime;
            var changed = await db.Skus.Where(s => s.Id == skuId && s.RetiredAt == null && s.Stock == current)
                .ExecuteUpdateAsync(u => u.SetProperty(s => s.Stock, stock).SetProperty(s => s.UpdatedAt, now), ct);
            if (changed == 1)
            {
                Log(skuId, stock - current, stock, reason, actorId, now);
                await RefreshIfEmptiedOrRefilledAsync(row.ProductId, current, stock, ct);
                return stock;
            }
        }
        throw new DbUpdateConcurrencyException($"The stock of SKU {skuId} kept changing; try again.");
    }

    /// <summary>Only a SKU going to or from zero can change whether, and at what lowest price, its product is found.</summary>
    Task RefreshIfEmptiedOrRefilledAsync(long productId, int before, int after, CancellationToken ct) =>
        (before == 0) != (after == 0) ? search.RefreshProductAsync(productId, ct) : Task.CompletedTask;

    /// <summary>The first row of a new SKU's log: the stock it was created with (saved with the SKU).</summary>
    public void LogInitial(Sku sku, Guid? actorId) =>
        db.StockMovements.Add(new StockMovement { SkuId = sku.Id, Delta = sku.Stock, StockAfter = sku.Stock, Reason = StockReason.Initial, ActorId = actorId, At = sku.CreatedAt });

    void Log(long skuId, int delta, int after, StockReason reason, Guid? actorId, DateTime at) =>
        db.StockMovements.Add(new StockMovement { SkuId = skuId, Delta = delta, StockAfter = after, Reason = reason, ActorId = actorId, At = at });
}
