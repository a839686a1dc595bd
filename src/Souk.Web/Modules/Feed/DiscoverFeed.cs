using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Souk.Web.Common;
using Souk.Web.Data;
using Souk.Web.Modules.Accounts;
using Souk.Web.Modules.Catalog;
using Souk.Web.Modules.Notes;

namespace Souk.Web.Modules.Feed;

/// <summary>A note in the discover feed with its score for this viewer and the reasons it is there (machine codes, see <see cref="Ranking.Score"/>).</summary>
public sealed record DiscoverItem(string Kind, NoteCard Note, double Score, IReadOnlyList<string> Reasons);

/// <summary>Where a stream of the discover feed stopped: the score and id of the last note shown from it.</summary>
public sealed record RankBoundary(double Score, long Id)
{
    public bool Passed(RankKey s) => s.Total < Score || (s.Total == Score && s.NoteId < Id);
}

/// <summary>
/// The discover cursor: the snapshot time (the candidate window and the freshness decay are computed at it, so the order
/// does not drift as the clock moves between pages), where each of the two streams stopped, and the slots since the last
/// small creator. Because each stream resumes strictly after the score and id of the last note shown, a note is not shown
/// twice while its score holds or rises; see docs/RANKING.md for the one case it can (its engagement drops between pages).
/// </summary>
public sealed record DiscoverPosition(DateTime AsOf, RankBoundary? Big, RankBoundary? Small, int SinceSmall)
{
    const string Version = "d1";

    public string Encode() => Cursor.EncodeText(string.Join('|', Version, AsOf.Ticks.ToString(CultureInfo.InvariantCulture),
        Part(Big), Part(Small), SinceSmall.ToString(CultureInfo.InvariantCulture)));

    static string Part(RankBoundary? b) => b is null ? "-" : FormattableString.Invariant($"{b.Score:R}/{b.Id}");

    public static bool TryDecode(string? cursor, out DiscoverPosition? position)
    {
        position = null;
        if (string.IsNullOrEmpty(cursor)) return true;
        if (!Cursor.TryDecodeText(cursor, out var text)) return false;
        var parts = text.Split('|');
        if (parts.Length != 5 || parts[0] != Version) return false;
        if (!long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks) || ticks > DateTime.MaxValue.Ticks) return false;
        if (!TryPart(parts[2], out var big) || !TryPart(parts[3], out var small)) return false;
        if (!int.TryParse(parts[4], NumberStyles.None, CultureInfo.InvariantCulture, out var since) || since >= Ranking.SmallCreatorEvery) return false;
        position = new DiscoverPosition(new DateTime(ticks, DateTimeKind.Utc), big, small, since);
        return true;
    }

    static bool TryPart(string text, out RankBoundary? boundary)
    {
        boundary = null;
        if (text == "-") return true;
        var pair = text.Split('/');
        if (pair.Length != 2 || !double.TryParse(pair[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var score) || !double.IsFinite(score)
            || !long.TryParse(pair[1], NumberStyles.None, CultureInfo.InvariantCulture, out var id)) return false;
        boundary = new RankBoundary(score, id);
        return true;
    }
}

/// <summary>
/// The discover feed: recent notes (the last <see cref="Window"/>, at most <see cref="CandidatesMax"/>) ranked for the
/// viewer by <see cref="Ranking"/>, small creators guaranteed their share. Cheap by construction: the candidates (four small
/// queries) and the viewer's affinity (five) are kept per node (<see cref="DiscoverSnapshots"/>, <see cref="ViewerAffinities"/>),
/// the scoring is in memory, and a page reads only its cards.
/// </summary>
public sealed class DiscoverFeed(SoukDb db, NoteReader notes, CategoryTree categories, DiscoverSnapshots snapshots, ViewerAffinities affinities, TimeProvider clock, FolloweeLists followeeLists)
{
    public static readonly TimeSpan Window = TimeSpan.FromDays(14);
    public const int CandidatesMax = 500;
    /// <summary>The viewer's recent likes and saves (each) that tell which hashtags and categories they care about.</summary>
    public const int AffinityFromLast = 50;

    public async Task<Page<DiscoverItem>> ReadAsync(Guid? viewerId, DiscoverPosition? after, int limit, string baseUrl, CancellationToken ct)
    {
        var (asOf, candidates) = (after is null ? await snapshots.LatestAsync(ct) : snapshots.Find(after.AsOf))
            ?? await LoadCandidatesAsync(after?.AsOf, ct);
        var viewer = await AffinityAsync(viewerId, ct);
        var scored = new RankKey[candidates.Count];
        for (var i = 0; i < scored.Length; i++) scored[i] = Ranking.Key(candidates[i], i, viewer, asOf);
        Array.Sort(scored, Ranking.Compare);
        var big = scored.Where(s => !s.SmallCreator && (after?.Big is not { } b || b.Passed(s))).ToList();
        var small = scored.Where(s => s.SmallCreator && (after?.Small is not { } b || b.Passed(s))).ToList();

        var (page, bigTaken, smallTaken, sinceSmall) = Ranking.Arrange(big, small, after?.SinceSmall ?? 0, limit);
        var more = bigTaken < big.Count || smallTaken < small.Count;
        var next = more
            ? new DiscoverPosition(asOf,
                bigTaken > 0 ? new RankBoundary(big[bigTaken - 1].Total, big[bigTaken - 1].NoteId) : after?.Big,
                smallTaken > 0 ? new RankBoundary(small[smallTaken - 1].Total, small[smallTaken - 1].NoteId) : after?.Small,
                sinceSmall).Encode()
            : null;
        var cards = (await notes.CardsAsync([.. page.Select(s => s.NoteId)], baseUrl, ct)).ToDictionary(c => c.Id);
        // The explanations only for the page's notes (Ranking.Key gave the order without them).
        return new Page<DiscoverItem>([.. page.Where(s => cards.ContainsKey(s.NoteId))
            .Select(s => Ranking.Score(candidates[s.Index], viewer, asOf))
            .Select(s => new DiscoverItem(FeedKinds.Note, cards[s.NoteId], s.Total, s.Reasons))], next);
    }

    /// <summary>The candidates as of a time (now for none); <see cref="DiscoverSnapshots"/> keeps a first page's load.</summary>
    internal async Task<(DateTime AsOf, IReadOnlyList<RankInput> Inputs)> LoadCandidatesAsync(DateTime? asOf, CancellationToken ct)
    {
        var at = asOf ?? clock.GetUtcNow().UtcDateTime;
        var since = at - Window;
        var inputs = await InputsAsync(db.Notes.AsNoTracking().Where(n => n.CreatedAt > since && n.CreatedAt <= at)
            .OrderByDescending(n => n.CreatedAt).ThenByDescending(n => n.Id).Take(CandidatesMax), ct);
        return (at, inputs);
    }

    /// <summary>One note's score for the viewer now, by the same code as the feed; null when there is no such note.</summary>
    public async Task<RankScore?> ExplainAsync(Guid? viewerId, long noteId, CancellationToken ct)
    {
        var inputs = await InputsAsync(db.Notes.AsNoTracking().Where(n => n.Id == noteId), ct);
        if (inputs.Count == 0) return null;
        var viewer = await AffinityAsync(viewerId, ct);
        return Ranking.Score(inputs[0], viewer, clock.GetUtcNow().UtcDateTime);
    }

    async Task<List<RankInput>> InputsAsync(IQueryable<Note> selection, CancellationToken ct)
    {
        var rows = await selection
            .Select(n => new
            {
                n.Id, n.AuthorId, n.CreatedAt, n.LikesCount, n.SavesCount, n.CommentsCount,
                Followers = db.Users.Where(u => u.Id == n.AuthorId).Select(u => u.FollowersCount).First(),
            })
            .ToListAsync(ct);
        var ids = rows.Select(r => r.Id).ToArray();
        var hashtags = await HashtagsOfAsync(ids, ct);
        var cats = await CategoriesOfAsync(ids, ct);
        return [.. rows.Select(r => new RankInput(r.Id, r.AuthorId, r.CreatedAt, r.LikesCount, r.SavesCount, r.CommentsCount, r.Followers,
            hashtags.TryGetValue(r.Id, out var h) ? h : [], cats.TryGetValue(r.Id, out var c) ? c : []))];
    }

    Task<ViewerAffinity> AffinityAsync(Guid? viewerId, CancellationToken ct) =>
        viewerId is { } viewer ? affinities.GetAsync(viewer, () => LoadAffinityAsync(viewer, ct)) : Task.FromResult(ViewerAffinity.None);

    async Task<ViewerAffinity> LoadAffinityAsync(Guid viewer, CancellationToken ct)
    {
        // Everyone followed (not only the candidates' authors), so the cached affinity serves any snapshot.
        var followed = await followeeLists.ForAsync(db, viewer, ct);
        var liked = await db.NoteLikes.AsNoTracking().Where(l => l.UserId == viewer).OrderByDescending(l => l.Id).Take(AffinityFromLast)
            .Select(l => l.NoteId).ToListAsync(ct);
        var saved = await db.NoteSaves.AsNoTracking().Where(s => s.UserId == viewer).OrderByDescending(s => s.Id).Take(AffinityFromLast)
            .Select(s => s.NoteId).ToListAsync(ct);
        var engaged = liked.Concat(saved).Distinct().ToArray();
        var hashtags = (await HashtagsOfAsync(engaged, ct)).Values.SelectMany(h => h).ToHashSet(StringComparer.Ordinal);
        var cats = (await CategoriesOfAsync(engaged, ct)).Values.SelectMany(c => c).ToHashSet(StringComparer.Ordinal);
        return new ViewerAffinity(followed.ToHashSet(), hashtags, cats);
    }

    async Task<Dictionary<long, List<string>>> HashtagsOfAsync(long[] noteIds, CancellationToken ct)
    {
        if (noteIds.Length == 0) return [];
        var rows = await db.NoteHashtags.AsNoTracking().Where(h => noteIds.Contains(h.NoteId)).Select(h => new { h.NoteId, h.Tag }).ToListAsync(ct);
        return rows.GroupBy(r => r.NoteId).ToDictionary(g => g.Key, g => g.Select(r => r.Tag).Order(StringComparer.Ordinal).ToList());
    }

    /// <summary>The category slugs of the items tagged in each note (listings and products alike).</summary>
    async Task<Dictionary<long, List<string>>> CategoriesOfAsync(long[] noteIds, CancellationToken ct)
    {
        if (noteIds.Length == 0) return [];
        var fromListings = await db.NoteTags.AsNoTracking().Where(t => noteIds.Contains(t.NoteId) && t.ListingId != null)
            .Join(db.Listings, t => t.ListingId, l => l.Id, (t, l) => new { t.NoteId, CategoryId = (int?)l.CategoryId }).ToListAsync(ct);
        var fromProducts = await db.NoteTags.AsNoTracking().Where(t => noteIds.Contains(t.NoteId) && t.ProductId != null)
            .Join(db.Products, t => t.ProductId, p => p.Id, (t, p) => new { t.NoteId, p.CategoryId }).ToListAsync(ct);
        var tree = await categories.GetAsync(ct);
        return fromListings.Concat(fromProducts).Where(r => r.CategoryId is not null)
            .GroupBy(r => r.NoteId)
            .ToDictionary(g => g.Key, g => g.Select(r => tree.ById(r.CategoryId!.Value).Slug).Distinct().Order(StringComparer.Ordinal).ToList());
    }
}
