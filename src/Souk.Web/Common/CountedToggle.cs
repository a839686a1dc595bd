using Microsoft.EntityFrameworkCore;
using Souk.Web.Data;

namespace Souk.Web.Common;

/// <summary>
/// Turns a person's row (a follow, a saved listing, a like of a note or a comment) on or off with the counter that counts
/// such rows, in one transaction. SQLite: BEGIN IMMEDIATE serialises writers. PostgreSQL: the unique key
/// decides a race and the loser leaves things as the winner made them, so doing it twice stays harmless; an unlike counts
/// only what its own DELETE removed, so parallel unlikes count down once.
/// </summary>
public static class CountedToggle
{
    /// <param name="add">Adds the row (and any notification it causes) to the context; saved here.</param>
    /// <param name="remove">Deletes the row; returns how many rows it deleted.</param>
    /// <param name="adjust">Moves the counter by the given delta.</param>
    /// <returns>How far the counter moved: 1, −1, or 0 when nothing changed (already so, or a lost race).</returns>
    /// <param name="update">Turning on a row that is already there (or that a racing call just added): e.g. moving a save to
    /// another collection. Runs one statement; the counter does not move.</param>
    public static async Task<int> SetAsync(SoukDb db, bool on, Func<Task<bool>> exists, Func<Task> add, Func<Task<int>> remove,
        Func<int, Task> adjust, CancellationToken ct, Func<Task>? update = null)
    {
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var present = await exists();
            var delta = 0;
            if (on && !present)
            {
                await add();
                try
                {
                    await db.SaveChangesAsync(ct);
                    delta = 1;
                }
                catch (DbUpdateException)
                {
                    // Lost the race to an identical row (or the liked thing was deleted meanwhile): nothing to count.
                    await tx.RollbackAsync(ct);
                    db.ChangeTracker.Clear();
                    if (update is not null) await update();
                    return 0;
                }
            }
            else if (on && update is not null)
            {
                await update();
            }
            else if (!on && present)
            {
                delta = -await remove();
            }
            if (delta != 0) await adjust(delta);
            await tx.CommitAsync(ct);
            db.ChangeTracker.Clear();
            return delta;
        });
    }
}
