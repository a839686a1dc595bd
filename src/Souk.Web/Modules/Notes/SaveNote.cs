using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Souk.Web.Common;
using Souk.Web.Data;

namespace Souk.Web.Modules.Notes;

/// <summary>A board as its owner sees it. The default board's name is shown in the reader's language.</summary>
public sealed record CollectionSummary(long Id, string Name, bool IsDefault);

public sealed record NoteSaveState(bool Saved, CollectionSummary? Collection, int SavesCount);

/// <summary>The state after a save or unsave, or why not (an unknown note; a bad collection name, for the "collection" field).</summary>
public sealed record NoteSaveResult(NoteFailure Failure, NoteSaveState? State = null, string? Error = null);

/// <summary>
/// PUT /api/v1/notes/{id}/save?collection=Name saves the note into that board (created on first use; without a name, the
/// default board); saving a saved note into another board moves it. DELETE unsaves it, whichever board it is in.
/// </summary>
public static class SaveNote
{
    public static void Map(RouteGroupBuilder notes)
    {
        notes.MapPut("/{id:long}/save", (long id, string? collection, CurrentUser current, NoteSaves saves, CancellationToken ct) =>
            SetAsync(id, true, collection, current, saves, ct)).RequireAuthorization();
        notes.MapDelete("/{id:long}/save", (long id, CurrentUser current, NoteSaves saves, CancellationToken ct) =>
            SetAsync(id, false, null, current, saves, ct)).RequireAuthorization();
    }

    static async Task<Results<Ok<NoteSaveState>, ValidationProblem, ProblemHttpResult>> SetAsync(
        long id, bool save, string? collection, CurrentUser current, NoteSaves saves, CancellationToken ct)
    {
        var result = await saves.SetAsync(current.RequiredId, id, save, collection, ct);
        return result.Failure switch
        {
            NoteFailure.None => TypedResults.Ok(result.State!),
            NoteFailure.Invalid => Problems.Field("collection", result.Error!),
            _ => NoteResults.NotFound(id),
        };
    }
}

/// <summary>
/// Saves notes into a person's boards, with the note's save counter kept in the same transaction (one save per person and
/// note, so moving between boards leaves the count alone).
/// </summary>
public sealed class NoteSaves(SoukDb db, TimeProvider clock, IStringLocalizer<SharedResource> localizer)
{
    /// <summary>The stored name of the board a save without a name goes to (shown as Engage.DefaultCollection).</summary>
    public const string DefaultCollectionName = "Saved";
    static readonly string DefaultNormalized = NoteCollection.Normalize(DefaultCollectionName);
    /// <summary>Boards per person: plenty for people, a bound for scripts.</summary>
    public const int CollectionsMax = 100;

    public async Task<NoteSaveResult> SetAsync(Guid userId, long noteId, bool save, string? collection, CancellationToken ct)
    {
        var name = string.IsNullOrWhiteSpace(collection) ? DefaultCollectionName : collection.Trim();
        if (name.Length > NoteCollection.NameMax) return new(NoteFailure.Invalid, Error: $"A collection name has at most {NoteCollection.NameMax} characters.");
        if (!await db.Notes.AnyAsync(n => n.Id == noteId, ct)) return new(NoteFailure.NotFound);

        long collectionId = 0;
        if (save)
        {
            if (await CollectionIdAsync(userId, name, ct) is not { } id)
                return new(NoteFailure.Invalid, Error: $"You have {CollectionsMax} collections already: save into one of them.");
            collectionId = id;
        }
        await CountedToggle.SetAsync(db, save,
            exists: () => db.NoteSaves.AnyAsync(s => s.UserId == userId && s.NoteId == noteId, ct),
            add: () =>
            {
                db.NoteSaves.Add(new NoteSave { UserId = userId, NoteId = noteId, CollectionId = collectionId, CreatedAt = clock.GetUtcNow().UtcDateTime });
                return Task.CompletedTask;
            },
            remove: () => db.NoteSaves.Where(s => s.UserId == userId && s.NoteId == noteId).ExecuteDeleteAsync(ct),
            adjust: delta => db.Notes.Where(n => n.Id == noteId).ExecuteUpdateAsync(s => s.SetProperty(n => n.SavesCount, n => n.SavesCount + delta), ct),
            ct,
            update: () => db.NoteSaves.Where(s => s.UserId == userId && s.NoteId == noteId && s.CollectionId != collectionId)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.CollectionId, collectionId), ct));
        return await CurrentAsync(userId, noteId, ct) is { } state ? new(NoteFailure.None, state) : new(NoteFailure.NotFound);
    }

    public CollectionSummary Summary(long id, string name) => NoteCollection.Normalize(name) == DefaultNormalized
        ? new CollectionSummary(id, localizer["Engage.DefaultCollection"], true)
        : new CollectionSummary(id, name, false);

    /// <summary>The person's board with this name (case-insensitive), created when missing; null when they have too many boards.</summary>
    async Task<long?> CollectionIdAsync(Guid userId, string name, CancellationToken ct)
    {
        var normalized = NoteCollection.Normalize(name);
        var existing = await db.NoteCollections.Where(c => c.OwnerId == userId && c.NormalizedName == normalized).Select(c => (long?)c.Id).FirstOrDefaultAsync(ct);
        if (existing is not null) return existing;
        if (await db.NoteCollections.CountAsync(c => c.OwnerId == userId, ct) >= CollectionsMax) return null;
        var board = new NoteCollection { OwnerId = userId, Name = name, NormalizedName = normalized, CreatedAt = clock.GetUtcNow().UtcDateTime };
        db.NoteCollections.Add(board);
        try
        {
            await db.SaveChangesAsync(ct);
            return board.Id;
        }
        catch (DbUpdateException)
        {
            // A parallel save created the same board first: use it.
            return await db.NoteCollections.Where(c => c.OwnerId == userId && c.NormalizedName == normalized).Select(c => c.Id).FirstAsync(ct);
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }

    async Task<NoteSaveState?> CurrentAsync(Guid userId, long noteId, CancellationToken ct)
    {
        var count = await db.Notes.Where(n => n.Id == noteId).Select(n => (int?)n.SavesCount).FirstOrDefaultAsync(ct);
        if (count is null) return null;
        var board = await db.NoteSaves.Where(s => s.UserId == userId && s.NoteId == noteId)
            .Join(db.NoteCollections, s => s.CollectionId, c => c.Id, (s, c) => new { c.Id, c.Name }).FirstOrDefaultAsync(ct);
        return new NoteSaveState(board is not null, board is null ? null : Summary(board.Id, board.Name), count.Value);
    }
}
