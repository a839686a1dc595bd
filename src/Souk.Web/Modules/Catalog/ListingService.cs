using Microsoft.EntityFrameworkCore;
using Souk.Web.Data;

namespace Souk.Web.Modules.Catalog;

public enum ListingFailure
{
    None,
    Invalid,
    NotFound,
    Forbidden,
    Duplicate,
    IllegalTransition,
}

/// <summary>What a write did: the listing's id, or why not (errors by field, the duplicate's id, the current state).</summary>
public sealed record ListingOutcome(
    ListingFailure Failure, long Id = 0, Dictionary<string, string[]>? Errors = null, ListingState? CurrentState = null, string? Detail = null)
{
    public static ListingOutcome Ok(long id) => new(ListingFailure.None, id);

    public static ListingOutcome Invalid(string field, string message) => new(ListingFailure.Invalid, Errors: new() { [field] = [message] });
}

/// <summary>The person acting: their id and whether they are an operator.</summary>
public readonly record struct Actor(Guid Id, bool IsOperator);

/// <summary>
/// Creates, edits, re-states and deletes listings. Shared by the API and (later) the sell and edit pages. Each write runs in
/// one transaction, so a refused request changes nothing.
/// </summary>
public sealed class ListingService(SoukDb db, CategoryTree categories, SearchIndex search, ListingCache pages, TimeProvider clock)
{
    public static readonly TimeSpan DuplicateWindow = TimeSpan.FromHours(24);

    // pg_advisory_xact_lock(class, key): serialises one seller's creates on PostgreSQL, so two identical posts at once
    // cannot both pass the duplicate guard. SQLite needs nothing: its write transactions start IMMEDIATE and run one at a time.
    const int CreateLockClass = 0x4C495354; // "LIST"

    /// <summary>
    /// Owner moves between these states; only an operator sets Removed (from anything) and lifts it (to Active or Hidden).
    /// Sold is final for the owner: relisting is a new listing.
    /// </summary>
    static readonly Dictionary<ListingState, ListingState[]> OwnerMoves = new()
    {
        [ListingState.Active] = [ListingState.Reserved, ListingState.Sold, ListingState.Hidden],
        [ListingState.Reserved] = [ListingState.Active, ListingState.Sold, ListingState.Hidden],
        [ListingState.Hidden] = [ListingState.Active, ListingState.Reserved],
        [ListingState.Sold] = [],
        [ListingState.Removed] = [],
    };

    public static IReadOnlyList<ListingState> AllowedMoves(ListingState from, bool isOwner, bool isOperator)
    {
        var moves = new List<ListingState>();
        if (isOwner) moves.AddRange(OwnerMoves[from]);
        if (isOperator)
        {
            if (from == ListingState.Removed) moves.AddRange([ListingState.Active, ListingState.Hidden]);
            else moves.Add(ListingState.Removed);
        }
        return [.. moves.Distinct()];
    }

    public async Task<ListingOutcome> CreateAsync(Guid sellerId, ListingRequest req, CancellationToken ct)
    {
        var draft = new ListingDraft();
        var errors = ListingRules.Apply(req, draft, await categories.GetAsync(ct), create: true);
        if (errors.Count > 0) return new(ListingFailure.Invalid, Errors: errors);

        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            if (db.Provider == DatabaseProvider.Postgres)
                await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({CreateLockClass}, {LockKey(sellerId)})", ct);
            if (!await OwnsAllAsync(sellerId, draft.PhotoIds, ct)) return PhotosInvalid();

            var now = clock.GetUtcNow().UtcDateTime;
            var normalized = Listing.NormalizeTitle(draft.Title);
            var since = now - DuplicateWindow;
            var candidates = await db.Listings.AsNoTracking()
                .Where(l => l.SellerId == sellerId && l.NormalizedTitle == normalized && l.State == ListingState.Active && l.CreatedAt > since)
                .OrderBy(l => l.Id)
                .Select(l => new { l.Id, Photos = l.Photos.Select(p => p.MediaId).ToList() })
                .ToListAsync(ct);
            var photoSet = draft.PhotoIds.ToHashSet();
            var duplicate = candidates.FirstOrDefault(c => photoSet.SetEquals(c.Photos));
            if (duplicate is not null)
                return new ListingOutcome(ListingFailure.Duplicate, duplicate.Id,
                    Detail: "You already have an active listing with this title and these photos from the last 24 hours.");

            var listing = new Listing { SellerId = sellerId, State = ListingState.Active, CreatedAt = now, UpdatedAt = now };
            draft.ApplyTo(listing);
            listing.Photos.AddRange(draft.PhotoIds.Select((id, i) => new ListingPhoto { Position = i, MediaId = id }));
            db.Listings.Add(listing);
            await db.SaveChangesAsync(ct);
            await search.UpsertListingAsync(listing, draft.PhotoIds.Length > 0 ? draft.PhotoIds[0] : null, ct);
            await tx.CommitAsync(ct);
            db.ChangeTracker.Clear();
            return ListingOutcome.Ok(listing.Id);
        });
    }

    /// <summary>Partial update by the owner: only the fields present change; photos, when given, replace the old set in order.</summary>
    public async Task<ListingOutcome> UpdateAsync(long id, Actor actor, ListingRequest req, CancellationToken ct)
    {
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var listing = await db.Listings.Include(l => l.Photos).FirstOrDefaultAsync(l => l.Id == id, ct);
            if (Refuse(listing, actor) is { } refused) return refused;

            var draft = ListingDraft.From(listing!);
            var errors = ListingRules.Apply(req, draft, await categories.GetAsync(ct), create: false);
            if (errors.Count > 0) return new(ListingFailure.Invalid, Errors: errors);
            var photosChanged = req.PhotoIds is not null && !draft.PhotoIds.SequenceEqual(listing!.Photos.OrderBy(p => p.Position).Select(p => p.MediaId));
            if (photosChanged && !await OwnsAllAsync(listing!.SellerId, draft.PhotoIds, ct)) return PhotosInvalid();

            draft.ApplyTo(listing!);
            if (photosChanged)
            {
                // Positions are the key, so the old rows go first, in SQL, then the new order is inserted.
                var old = listing!.Photos.ToList();
                foreach (var p in old) db.Entry(p).State = EntityState.Detached;
                listing.Photos.Clear();
                await db.ListingPhotos.Where(p => p.ListingId == id).ExecuteDeleteAsync(ct);
                db.ListingPhotos.AddRange(draft.PhotoIds.Select((m, i) => new ListingPhoto { ListingId = id, Position = i, MediaId = m }));
            }
            var changed = db.ChangeTracker.HasChanges();
            if (changed) listing!.UpdatedAt = clock.GetUtcNow().UtcDateTime;
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateConcurrencyException)
            {
                // Deleted by its seller between our read and our write (PostgreSQL; SQLite serialises the two).
                return new ListingOutcome(ListingFailure.NotFound);
            }
            // Re-read after our UPDATE (which holds the row): a state change committed meanwhile is seen, not overwritten.
            if (changed) await search.RefreshListingAsync(id, ct);
            await tx.CommitAsync(ct);
            db.ChangeTracker.Clear();
            if (changed) await pages.ForgetAsync(id);
            return ListingOutcome.Ok(id);
        });
    }

    /// <summary>
    /// Moves a listing to another state. A conditional UPDATE (WHERE State = the state we checked) makes two
    /// concurrent changes safe on both providers: the second sees 0 rows and answers with the state it lost to.
    /// </summary>
    public async Task<ListingOutcome> ChangeStateAsync(long id, Actor actor, string? requested, CancellationToken ct)
    {
        if (!ListingRules.TryParse<ListingState>(requested, out var target))
            return ListingOutcome.Invalid("state", $"State must be one of {string.Join(", ", Enum.GetValues<ListingState>().Select(ListingRules.Name))}.");
        var row = await db.Listings.AsNoTracking().Where(l => l.Id == id).Select(l => new { l.SellerId, l.State }).FirstOrDefaultAsync(ct);
        if (row is null || !ListingAccess.CanView(row.State, row.SellerId, actor.Id, actor.IsOperator))
            return new(ListingFailure.NotFound);
        var isOwner = row.SellerId == actor.Id;
        if (!isOwner && !actor.IsOperator) return new(ListingFailure.Forbidden, Detail: "Only the seller can change this listing.");
        if (target == ListingState.Removed && !actor.IsOperator) return new(ListingFailure.Forbidden, Detail: "Only an operator can remove a listing.");
        if (row.State == target) return ListingOutcome.Ok(id);
        if (!AllowedMoves(row.State, isOwner, actor.IsOperator).Contains(target))
        {
            if (!isOwner && row.State != ListingState.Removed && target != ListingState.Removed)
                return new(ListingFailure.Forbidden, Detail: "Operators remove and restore listings; other changes are the seller's.");
            return new(ListingFailure.IllegalTransition, CurrentState: row.State,
                Detail: $"A {ListingRules.Name(row.State)} listing cannot become {ListingRules.Name(target)}.");
        }
        var from = row.State;
        var strategy = db.Database.CreateExecutionStrategy();
        var changed = await strategy.ExecuteAsync(async () =>
        {
            // The listing and its search entry move together: reserved, sold, hidden and removed leave search, active returns.
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var moved = await MoveAsync(id, from, target, ct);
            await tx.CommitAsync(ct);
            return moved ? 1 : 0;
        });
        if (changed == 1)
        {
            await pages.ForgetAsync(id);
            return ListingOutcome.Ok(id);
        }
        var current = await db.Listings.Where(l => l.Id == id).Select(l => (ListingState?)l.State).FirstOrDefaultAsync(ct);
        if (current is null) return new(ListingFailure.NotFound);
        if (current == target) return ListingOutcome.Ok(id);
        return new(ListingFailure.IllegalTransition, CurrentState: current, Detail: "The listing changed state meanwhile.");
    }

    /// <summary>
    /// Moves the listing from one state to another inside the caller's transaction, with its search entry, if it is still
    /// in <paramref name="from"/> (a conditional UPDATE: false when another change got there first). Used by the state
    /// change above and by other modules whose rule moves a listing (an accepted offer reserves it). The caller commits,
    /// then calls <see cref="ForgetPageAsync"/>.
    /// </summary>
    public async Task<bool> MoveAsync(long id, ListingState from, ListingState target, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var n = await db.Listings.Where(l => l.Id == id && l.State == from)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.State, target).SetProperty(l => l.UpdatedAt, now), ct);
        if (n == 1 && (SearchIndex.IsFindable(from) || SearchIndex.IsFindable(target))) await search.RefreshListingAsync(id, ct);
        return n == 1;
    }

    /// <summary>Drops the cached anonymous page of a listing after a committed change.</summary>
    public ValueTask ForgetPageAsync(long id) => pages.ForgetAsync(id);

    /// <summary>
    /// A hard delete: the seller wants it gone, so the row, its photo links and everyone's saves go (the media assets stay,
    /// they are the seller's). "sold" is how a finished sale is kept. A removed listing is invisible to its seller (404),
    /// so moderation evidence cannot be deleted.
    /// </summary>
    public async Task<ListingOutcome> DeleteAsync(long id, Actor actor, CancellationToken ct)
    {
        var row = await db.Listings.AsNoTracking().Where(l => l.Id == id).Select(l => new { l.SellerId, l.State }).FirstOrDefaultAsync(ct);
        if (row is null || !ListingAccess.CanView(row.State, row.SellerId, actor.Id, actor.IsOperator)) return new(ListingFailure.NotFound);
        if (row.SellerId != actor.Id) return new(ListingFailure.Forbidden, Detail: "Only the seller can delete this listing.");
        if (row.State == ListingState.Removed) return new(ListingFailure.NotFound);
        var strategy = db.Database.CreateExecutionStrategy();
        var deleted = await strategy.ExecuteAsync(async () =>
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            // Photos and saves go by ON DELETE CASCADE in the same statement; the search entry in the same transaction.
            var n = await db.Listings.Where(l => l.Id == id && l.SellerId == actor.Id && l.State != ListingState.Removed).ExecuteDeleteAsync(ct);
            if (n == 1) await search.RemoveAsync(SearchKind.Listing, id, ct);
            await tx.CommitAsync(ct);
            return n;
        });
        if (deleted != 1) return new(ListingFailure.NotFound);
        await pages.ForgetAsync(id);
        return ListingOutcome.Ok(id);
    }

    /// <summary>Not found (or not visible) → 404; visible but someone else's → 403; the seller's own removed listing → 404.</summary>
    static ListingOutcome? Refuse(Listing? listing, Actor actor)
    {
        if (listing is null || !ListingAccess.CanView(listing.State, listing.SellerId, actor.Id, actor.IsOperator)) return new(ListingFailure.NotFound);
        if (listing.SellerId != actor.Id) return new(ListingFailure.Forbidden, Detail: "Only the seller can edit this listing.");
        if (listing.State == ListingState.Removed) return new(ListingFailure.NotFound);
        return null;
    }

    Task<bool> OwnsAllAsync(Guid ownerId, Guid[] ids, CancellationToken ct) => db.MediaAssets.OwnsAllAsync(ownerId, ids, ct);

    static ListingOutcome PhotosInvalid() => ListingOutcome.Invalid("photoIds", MediaOwnership.UseYourOwn);

    static int LockKey(Guid id)
    {
        Span<byte> bytes = stackalloc byte[16];
        id.TryWriteBytes(bytes);
        var ints = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, int>(bytes);
        return ints[0] ^ ints[1] ^ ints[2] ^ ints[3];
    }
}
