using System.ComponentModel;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Hybrid;
using Souk.Web.Common;
using Souk.Web.Data;

namespace Souk.Web.Modules.Notes;

/// <summary>
/// An author's newest notes, newest (highest id) first: ids and times side by side. <see cref="Complete"/> when these are
/// all the author's notes; otherwise every note of theirs not listed is older than the last one listed.
/// </summary>
/// <remarks>Immutable and sealed, so HybridCache hands out the cached instance instead of a copy per hit.</remarks>
[ImmutableObject(true)]
public sealed record AuthorNotes(long[] Ids, DateTime[] CreatedAt, bool Complete);

public sealed class AuthorNoteHeadsOptions
{
    /// <summary>How long a node keeps an author's newest notes when no write evicts them first; 0 turns the cache off.</summary>
    public int Seconds { get; set; } = 120;
}

/// <summary>
/// Each author's newest <see cref="Depth"/> notes, kept in every node's memory: the following feed merges the lists of the
/// people a reader follows instead of asking the database for the newest notes of 200 authors on every request (that
/// per-author index scan was most of the database's work per page; docs/PERFORMANCE.md "Feeds").
/// <para>
/// A note created, edited or deleted evicts its author's list at once on this node and, through <see cref="Common.CacheEvictions"/>
/// (Redis), on the others (<see cref="NoteChanges.Changed"/>). A list is only stored when no note changed anywhere while it
/// was read, so a read racing a write cannot keep the old list for a whole lifetime on the node that saw the write.
/// Memory: about 1 KB per author with notes (64 ids and times), so 20,000 active authors take about 20 MB per node.
/// </para>
/// </summary>
public sealed class AuthorNoteHeads(HybridCache cache, AuthorNoteHeadsOptions options, NoteChanges changes)
{
    /// <summary>Enough for the largest page (50) and the item that tells whether there is a next one.</summary>
    public const int Depth = 64;

    readonly HybridCacheEntryOptions[] lifetimes = HybridCacheLookups.SpreadLifetimes(options.Seconds, HybridCacheEntryFlags.DisableDistributedCache);

    public bool Enabled => options.Seconds > 0;

    public static string Key(Guid authorId) => "author-notes:" + authorId.ToString("N");

    /// <summary>The newest notes of each of these authors: from this node's memory, the missing ones read in one query.</summary>
    public async Task<Dictionary<Guid, AuthorNotes>> ForAsync(SoukDb db, IReadOnlyCollection<Guid> authors, CancellationToken ct)
    {
        var found = new Dictionary<Guid, AuthorNotes>(authors.Count);
        List<Guid>? missing = null;
        foreach (var author in authors)
        {
            var hit = await cache.PeekAsync<AuthorNotes>(Key(author), ct);
            if (hit is null) (missing ??= []).Add(author);
            else found[author] = hit;
        }
        if (missing is null) return found;

        var version = changes.Version;
        var rows = await ReadAsync(db, missing, ct);
        var keep = changes.Version == version;
        foreach (var author in missing)
        {
            var newest = rows.TryGetValue(author, out var list) ? list : [];
            var notes = new AuthorNotes(
                [.. newest.Take(Depth).Select(r => r.Id)], [.. newest.Take(Depth).Select(r => r.CreatedAt)], Complete: newest.Count <= Depth);
            found[author] = notes;
            if (keep)
                await cache.SetAsync(Key(author), notes, lifetimes.For(author.GetHashCode()), cancellationToken: ct);
        }
        return found;
    }

    sealed class HeadRow
    {
        public Guid AuthorId { get; init; }
        public long Id { get; init; }
        public DateTime CreatedAt { get; init; }
    }

    /// <summary>Up to Depth + 1 newest notes per author (one more than kept tells whether the list is complete).</summary>
    static async Task<Dictionary<Guid, List<HeadRow>>> ReadAsync(SoukDb db, List<Guid> authors, CancellationToken ct)
    {
        const int take = Depth + 1;
        List<HeadRow> rows;
        if (db.Provider == DatabaseProvider.Postgres)
        {
            // One index-only scan of Notes(AuthorId, Id) INCLUDE (CreatedAt) per author; EF turns the LINQ below into a
            // window over all their notes instead (see FollowingFeed).
            var ids = authors.ToArray();
            rows = await db.Database.SqlQuery<HeadRow>($"""
                SELECT a."AuthorId", n."Id", n."CreatedAt"
                FROM unnest({ids}) AS a("AuthorId")
                CROSS JOIN LATERAL (
                    SELECT x."Id", x."CreatedAt" FROM "Notes" AS x
                    WHERE x."AuthorId" = a."AuthorId" ORDER BY x."Id" DESC LIMIT {take}) AS n
                """).ToListAsync(ct);
        }
        else
        {
            // SQLite cannot translate a Take per group (no LATERAL): one search of Notes(AuthorId, Id) per author, in
            // process and only for the authors this node has not cached.
            rows = [];
            foreach (var author in authors)
                rows.AddRange(await db.Notes.AsNoTracking().Where(n => n.AuthorId == author).OrderByDescending(n => n.Id).Take(take)
                    .Select(n => new HeadRow { AuthorId = n.AuthorId, Id = n.Id, CreatedAt = n.CreatedAt }).ToListAsync(ct));
        }
        return rows.GroupBy(r => r.AuthorId).ToDictionary(g => g.Key, g => g.OrderByDescending(r => r.Id).ToList());
    }
}
