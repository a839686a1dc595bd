using System.Globalization;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Souk.Web.Common;
using Souk.Web.Data;
using Souk.Web.Modules.Accounts;
using Souk.Web.Modules.Catalog;
using Souk.Web.Modules.Notes;

namespace Souk.Web.Modules.Feed;

/// <summary>
/// One item of the following feed: its kind (note, listing or product), who posted it, and the card of that kind (the other
/// two are left out of the JSON).
/// </summary>
public sealed record FeedItem(
    string Kind, long Id, string By, DateTime CreatedAt,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] NoteCard? Note = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] ListingCard? Listing = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] ProductCard? Product = null);

public static class FeedKinds
{
    public const string Note = "note";
    public const string Listing = "listing";
    public const string Product = "product";
}

/// <summary>
/// Where a reader is in the following feed: per kind, the id below which the next items of that kind are. Each kind's ids
/// only grow, so an item posted after the first page has a higher id than every boundary and can never land on a later
/// page (no duplicates), and every kind is read as an unbroken run below its boundary (no gaps).
/// </summary>
public sealed record FollowingPosition(long Note, long Listing, long Product)
{
    const string Version = "f1";

    public static readonly FollowingPosition Start = new(long.MaxValue, long.MaxValue, long.MaxValue);

    public string Encode() => Cursor.EncodeText(FormattableString.Invariant($"{Version}|{Note}|{Listing}|{Product}"));

    /// <summary>The position a cursor holds (the start for none); false when it is not a following-feed cursor.</summary>
    public static bool TryDecode(string? cursor, out FollowingPosition position)
    {
        position = Start;
        if (string.IsNullOrEmpty(cursor)) return true;
        if (!Cursor.TryDecodeText(cursor, out var text)) return false;
        var parts = text.Split('|');
        if (parts.Length != 4 || parts[0] != Version) return false;
        var ids = new long[3];
        for (var i = 0; i < 3; i++)
        {
            if (!long.TryParse(parts[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out ids[i])) return false;
        }
        position = new FollowingPosition(ids[0], ids[1], ids[2]);
        return true;
    }
}

/// <summary>An item chosen for the feed before its card is built: what the merge needs.</summary>
public sealed record FeedHead(string Kind, long Id, DateTime CreatedAt, string By);

/// <summary>
/// The following feed: notes by the people the reader follows, their active listings and their shops' published products,
/// newest first in one list.
/// <para>
/// The seam: <see cref="HeadsAsync"/> finds, per kind, the newest items below the position: fan-out-on-read, the notes
/// merged in memory from each followed author's newest notes (<see cref="AuthorNoteHeads"/>, per node), read from the
/// database only when those do not reach far enough back; listings and products by a per-author index scan of
/// Listings(SellerId, Id) and Products(ShopId, Status, Id). A fan-out-on-write inbox, or a hybrid for accounts with many
/// followers, would replace that method alone; the merge, the cursor and the cards stay.
/// </para>
/// </summary>
public sealed class FollowingFeed(SoukDb db, NoteReader notes, ListingReader listings, ShopReader shops, AuthorNoteHeads authorHeads, FolloweeLists followeeLists)
{
    public async Task<Page<FeedItem>> ReadAsync(Guid viewerId, FollowingPosition position, int limit, string baseUrl, CancellationToken ct)
    {
        var heads = await HeadsAsync(viewerId, position, limit + 1, ct);
        var (page, next) = Merge(heads, position, limit);
        return new Page<FeedItem>(await CardsAsync(page, baseUrl, ct), next?.Encode());
    }

    /// <summary>Up to <paramref name="take"/> newest items of each kind below the position, each list newest (highest id) first.</summary>
    public async Task<IReadOnlyList<IReadOnlyList<FeedHead>>> HeadsAsync(Guid viewerId, FollowingPosition position, int take, CancellationToken ct)
    {
        var followed = await followeeLists.ForAsync(db, viewerId, ct);
        // Someone who follows nobody (every new account) has an empty feed; asking PostgreSQL anyway picked a plan that
        // walked every note (5.6 s at a million notes, docs/PERFORMANCE.md "Feeds").
        if (followed.Length == 0) return [[], [], []];
        var noteHeads = await NoteHeadsAsync(viewerId, followed, position.Note, take, ct);
        // Listings and products in one statement (a UNION ALL of the two newest-first runs): a round trip fewer per page.
        // The followees go as one array parameter (EF.Parameter; json_each on SQLite, = ANY on PostgreSQL), not EF's
        // default of one parameter per element: SQLite parsed a statement with 400 parameters on every page (a third of a
        // following page's CPU), and a reader following more than 32,766 people would exceed its parameter limit.
        var listings = db.Listings.Where(l => EF.Parameter(followed).Contains(l.SellerId) && l.State == ListingState.Active && l.Id < position.Listing)
            .OrderByDescending(l => l.Id).Take(take)
            .Select(l => new { IsListing = true, l.Id, l.CreatedAt, OwnerId = l.SellerId });
        var products = db.Products.Where(p => p.Status == ProductStatus.Published && p.Id < position.Product)
            .Join(db.Shops.Where(s => EF.Parameter(followed).Contains(s.OwnerId)), p => p.ShopId, s => s.Id, (p, s) => new { p.Id, p.CreatedAt, s.OwnerId })
            .OrderByDescending(p => p.Id).Take(take)
            .Select(p => new { IsListing = false, p.Id, p.CreatedAt, p.OwnerId });
        var rows = await listings.Concat(products)
            .Join(db.Users, h => h.OwnerId, u => u.Id, (h, u) => new { h.IsListing, h.Id, h.CreatedAt, By = u.UserName! })
            .AsNoTracking().ToListAsync(ct);
        List<FeedHead> Newest(bool listing, string kind) =>
            [.. rows.Where(r => r.IsListing == listing).OrderByDescending(r => r.Id).Select(r => new FeedHead(kind, r.Id, r.CreatedAt, r.By))];
        var listingHeads = Newest(true, FeedKinds.Listing);
        var productHeads = Newest(false, FeedKinds.Product);
        return [noteHeads, listingHeads, productHeads];
    }

    /// <summary>
    /// The newest notes below <paramref name="below"/> by the people followed: merged from each author's newest notes in this
    /// node's memory (<see cref="AuthorNoteHeads"/>) when those reach far enough back, else read from the database.
    /// A note head's <see cref="FeedHead.By"/> is left empty here: the note's card names its author.
    /// </summary>
    async Task<List<FeedHead>> NoteHeadsAsync(Guid viewerId, Guid[] followees, long below, int take, CancellationToken ct)
    {
        if (authorHeads.Enabled && take <= AuthorNoteHeads.Depth
            && MergeNewest(await authorHeads.ForAsync(db, followees, ct), below, take) is { } merged)
            return merged;
        if (db.Provider == DatabaseProvider.Postgres) return await NoteHeadsPostgresAsync(viewerId, below, take, ct);
        var followed = db.Follows.Where(f => f.FollowerId == viewerId).Select(f => f.FolloweeId);
        return await db.Notes.AsNoTracking()
            .Where(n => followed.Contains(n.AuthorId) && n.Id < below)
            .OrderByDescending(n => n.Id).Take(take)
            .Select(n => new FeedHead(FeedKinds.Note, n.Id, n.CreatedAt, ""))
            .ToListAsync(ct);
    }

    /// <summary>
    /// The <paramref name="take"/> newest notes below <paramref name="below"/> across the authors' lists (a k-way merge), or
    /// null when a list that is not complete ends too early to be sure of them: an author's unlisted notes are all older than
    /// their list's last one, so the answer is exact when no incomplete list's last note is newer than the answer's oldest.
    /// </summary>
    public static List<FeedHead>? MergeNewest(IReadOnlyDictionary<Guid, AuthorNotes> lists, long below, int take)
    {
        var next = new PriorityQueue<(AuthorNotes List, int At), long>(lists.Count);
        long floor = long.MinValue;
        foreach (var list in lists.Values)
        {
            if (!list.Complete) floor = Math.Max(floor, list.Ids[^1]);
            // The lists are newest first: skip to the first note below the position.
            var at = Array.FindIndex(list.Ids, id => id < below);
            if (at >= 0) next.Enqueue((list, at), -list.Ids[at]);
        }
        var heads = new List<FeedHead>(take);
        while (heads.Count < take && next.TryDequeue(out var item, out _))
        {
            var (list, at) = item;
            heads.Add(new FeedHead(FeedKinds.Note, list.Ids[at], list.CreatedAt[at], ""));
            if (at + 1 < list.Ids.Length) next.Enqueue((list, at + 1), -list.Ids[at + 1]);
        }
        if (floor == long.MinValue) return heads;
        return heads.Count == take && heads[^1].Id >= floor ? heads : null;
    }

    sealed class NoteHeadRow
    {
        public long Id { get; init; }
        public DateTime CreatedAt { get; init; }
    }

    /// <summary>
    /// PostgreSQL: the newest notes of each person followed (a LATERAL index-only scan of Notes(AuthorId, Id) INCLUDE
    /// (CreatedAt) per person), then the newest of those. With a plain IN the planner's choice depended on whom one follows
    /// (1.8 ms to 1.45 s). Written in SQL because EF turns the same LINQ (SelectMany over a correlated Take) into a
    /// ROW_NUMBER() window over every note (494 ms at 200,000 notes; at a million every request timed out, see
    /// docs/PERFORMANCE.md "Feeds"). SQLite plans the IN per author already.
    /// </summary>
    async Task<List<FeedHead>> NoteHeadsPostgresAsync(Guid viewerId, long below, int take, CancellationToken ct)
    {
        // Not composed further: the SQL's own ORDER BY is the order, read as it is.
        var rows = await db.Database.SqlQuery<NoteHeadRow>($"""
            SELECT n."Id", n."CreatedAt"
            FROM "Follows" AS f
            CROSS JOIN LATERAL (
                SELECT x."Id", x."CreatedAt" FROM "Notes" AS x
                WHERE x."AuthorId" = f."FolloweeId" AND x."Id" < {below}
                ORDER BY x."Id" DESC LIMIT {take}) AS n
            WHERE f."FollowerId" = {viewerId}
            ORDER BY n."Id" DESC LIMIT {take}
            """).ToListAsync(ct);
        return [.. rows.Select(r => new FeedHead(FeedKinds.Note, r.Id, r.CreatedAt, ""))];
    }

    /// <summary>
    /// Merges the per-kind lists newest first (a k-way merge of their heads, so each list is taken as a prefix) and moves
    /// each kind's boundary to the last item of it shown. Null next position at the end of the feed.
    /// </summary>
    public static (List<FeedHead> Page, FollowingPosition? Next) Merge(IReadOnlyList<IReadOnlyList<FeedHead>> lists, FollowingPosition position, int limit)
    {
        var taken = new int[lists.Count];
        var page = new List<FeedHead>(limit);
        while (page.Count < limit)
        {
            var best = -1;
            for (var k = 0; k < lists.Count; k++)
            {
                if (taken[k] >= lists[k].Count) continue;
                if (best < 0 || Newer(lists[k][taken[k]], lists[best][taken[best]])) best = k;
            }
            if (best < 0) break;
            page.Add(lists[best][taken[best]++]);
        }
        var more = Enumerable.Range(0, lists.Count).Any(k => taken[k] < lists[k].Count);
        if (!more) return (page, null);
        // A kind none of whose items was shown yet is pinned too, just above its newest item (or, with none, below every id),
        // so what its author posts after this page cannot slip into a later one.
        long Boundary(int k, long previous) =>
            taken[k] > 0 ? lists[k][taken[k] - 1].Id
            : lists[k].Count > 0 ? Math.Min(previous, lists[k][0].Id + 1)
            : previous == long.MaxValue ? 0 : previous;
        return (page, new FollowingPosition(Boundary(0, position.Note), Boundary(1, position.Listing), Boundary(2, position.Product)));
    }

    static bool Newer(FeedHead a, FeedHead b) =>
        a.CreatedAt != b.CreatedAt ? a.CreatedAt > b.CreatedAt : string.CompareOrdinal(a.Kind, b.Kind) != 0 ? string.CompareOrdinal(a.Kind, b.Kind) < 0 : a.Id > b.Id;

    async Task<List<FeedItem>> CardsAsync(List<FeedHead> page, string baseUrl, CancellationToken ct)
    {
        long[] Ids(string kind) => [.. page.Where(h => h.Kind == kind).Select(h => h.Id)];
        var noteIds = Ids(FeedKinds.Note);
        var listingIds = Ids(FeedKinds.Listing);
        var productIds = Ids(FeedKinds.Product);
        var noteCards = (await notes.CardsAsync(noteIds, baseUrl, ct)).ToDictionary(c => c.Id);
        var listingCards = listingIds.Length == 0 ? [] :
            (await listings.CardsAsync(db.Listings.AsNoTracking().Where(l => listingIds.Contains(l.Id)), baseUrl, ct)).ToDictionary(c => c.Id);
        var productCards = productIds.Length == 0 ? [] :
            (await shops.CardsAsync(db.Products.AsNoTracking().Where(p => productIds.Contains(p.Id)), baseUrl, ct)).ToDictionary(c => c.Id);
        var items = new List<FeedItem>(page.Count);
        foreach (var h in page)
        {
            // An item deleted between the two reads is skipped.
            if (h.Kind == FeedKinds.Note && noteCards.TryGetValue(h.Id, out var note)) items.Add(new(h.Kind, h.Id, note.Author.Handle, h.CreatedAt, Note: note));
            else if (h.Kind == FeedKinds.Listing && listingCards.TryGetValue(h.Id, out var listing)) items.Add(new(h.Kind, h.Id, h.By, h.CreatedAt, Listing: listing));
            else if (h.Kind == FeedKinds.Product && productCards.TryGetValue(h.Id, out var product)) items.Add(new(h.Kind, h.Id, h.By, h.CreatedAt, Product: product));
        }
        return items;
    }
}
