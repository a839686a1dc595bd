using Microsoft.EntityFrameworkCore;
using Souk.Web.Common;
using Souk.Web.Data;
using Souk.Web.Modules.Accounts;
using Souk.Web.Modules.Catalog;

namespace Souk.Web.Modules.Notes;

public sealed record NoteTagResponse(long Id, double X, double Y, TaggedItem Item);

public sealed record NotePhotoResponse(Guid Id, MediaUrls Urls, int Width, int Height, IReadOnlyList<NoteTagResponse> Tags);

public sealed record NoteResponse(
    long Id, string Url, UserSummary Author, string Title, string Body, string BodyHtml, string Language, UserSummary? SponsoredBy,
    IReadOnlyList<NotePhotoResponse> Photos, IReadOnlyList<string> Hashtags, int LikesCount, int SavesCount, int CommentsCount,
    bool? Liked, bool? Saved, DateTime CreatedAt, DateTime UpdatedAt);

/// <summary>A note in a grid or feed: the cover (with its size, so the masonry reserves the space) and the counts.</summary>
public sealed record NoteCard(
    long Id, string Url, UserSummary Author, string Title, MediaUrls Cover, int CoverWidth, int CoverHeight, int LikesCount,
    bool Sponsored, DateTime CreatedAt);

public static class NoteUrls
{
    public static string Page(string baseUrl, long id) => $"{baseUrl}/n/{id}";
}

/// <summary>Builds note responses and cards. Notes are public: anyone may read any note.</summary>
public sealed class NoteReader(SoukDb db, MediaUrlBuilder media, AvatarUrls avatars, ItemCards items)
{

    sealed record UserRow(Guid Id, string? Handle, string DisplayName, AccountKind Kind, bool IsVerified, string? AvatarKey);

    sealed record CardRow(long Id, string Title, int LikesCount, DateTime CreatedAt, bool Sponsored, string CoverKey, int CoverWidth, int CoverHeight,
        UserRow Author);

    /// <summary>
    /// The rows of a grid of note cards: compiled once, as every grid (both feeds, profiles, hashtag pages) runs it and EF's
    /// per-call work to recognise a LINQ query was a measurable part of a feed page (docs/PERFORMANCE.md "Feeds").
    /// Plain joins on the cover's primary key (NoteId, Position 0): a correlated FirstOrDefault() here became a window over
    /// every cover in the database (2.8 s for 20 cards at a million notes; 4.6 ms this way). A note always has a cover, so the
    /// inner join drops nothing. One per provider: a compiled query serves one model (the tests run both in one process).
    /// </summary>
    static Func<SoukDb, long[], IAsyncEnumerable<CardRow>> CompileCardRows() => EF.CompileAsyncQuery((SoukDb db, long[] ids) =>
        from n in db.Notes.AsNoTracking()
        where ids.Contains(n.Id)
        join p in db.NotePhotos on new { NoteId = n.Id, Position = 0 } equals new { p.NoteId, p.Position }
        join m in db.MediaAssets on p.MediaId equals m.Id
        join u in db.Users on n.AuthorId equals u.Id
        select new CardRow(n.Id, n.Title, n.LikesCount, n.CreatedAt, n.SponsorId != null, m.BlobKey, m.Width, m.Height,
            new UserRow(u.Id, u.UserName, u.DisplayName, u.Kind, u.IsVerified, u.AvatarKey)));

    static readonly Func<SoukDb, long[], IAsyncEnumerable<CardRow>> CardRowsSqlite = CompileCardRows(), CardRowsPostgres = CompileCardRows();

    public async Task<NoteResponse?> ReadAsync(long id, Guid? viewerId, string baseUrl, CancellationToken ct)
    {
        var note = await db.Notes.AsNoTracking().Include(n => n.Photos).Include(n => n.Tags).Include(n => n.Hashtags).Include(n => n.Mentions)
            .AsSplitQuery().FirstOrDefaultAsync(n => n.Id == id, ct);
        if (note is null) return null;

        var userIds = note.Mentions.Select(m => m.UserId).Append(note.AuthorId).Concat(note.SponsorId is { } s ? [s] : []).Distinct().ToArray();
        var users = await UsersAsync(userIds, ct);
        var mediaIds = note.Photos.Select(p => p.MediaId).ToArray();
        var photos = await db.MediaAssets.AsNoTracking().Where(m => mediaIds.Contains(m.Id))
            .ToDictionaryAsync(m => m.Id, m => new { m.BlobKey, m.Width, m.Height }, ct);
        var items = await TaggedItemsAsync(note.Tags, baseUrl, ct);

        bool? liked = null, saved = null;
        if (viewerId is { } viewer)
        {
            liked = await db.NoteLikes.AnyAsync(l => l.UserId == viewer && l.NoteId == id, ct);
            saved = await db.NoteSaves.AnyAsync(s => s.UserId == viewer && s.NoteId == id, ct);
        }
        var known = note.Mentions.Select(m => users[m.UserId].Handle).ToHashSet(StringComparer.OrdinalIgnoreCase);
        return new NoteResponse(
            note.Id, NoteUrls.Page(baseUrl, note.Id), users[note.AuthorId], note.Title, note.Body, NoteText.ToHtml(note.Body, known), note.Language,
            note.SponsorId is { } sponsor ? users[sponsor] : null,
            [.. note.Photos.OrderBy(p => p.Position).Select(p => new NotePhotoResponse(p.MediaId, media.For(photos[p.MediaId].BlobKey),
                photos[p.MediaId].Width, photos[p.MediaId].Height,
                [.. note.Tags.Where(t => t.PhotoPosition == p.Position && items.ContainsKey(t.Id)).OrderBy(t => t.Id).Select(t => new NoteTagResponse(t.Id, t.X, t.Y, items[t.Id]))]))],
            [.. note.Hashtags.Select(h => h.Tag).Order(StringComparer.Ordinal)],
            note.LikesCount, note.SavesCount, note.CommentsCount, liked, saved, note.CreatedAt, note.UpdatedAt);
    }

    /// <summary>Cards for notes already chosen and ordered (by a list or a feed), in that order; ids that no longer exist are skipped.</summary>
    public async Task<IReadOnlyList<NoteCard>> CardsAsync(IReadOnlyList<long> ids, string baseUrl, CancellationToken ct)
    {
        if (ids.Count == 0) return [];
        var rows = new Dictionary<long, CardRow>(ids.Count);
        var cardRows = db.Provider == DatabaseProvider.Postgres ? CardRowsPostgres : CardRowsSqlite;
        await foreach (var row in cardRows(db, [.. ids]).WithCancellation(ct)) rows[row.Id] = row;
        // The author's summary is built once per author, as a grid often shows several notes by the same person.
        var users = new Dictionary<Guid, UserSummary>();
        UserSummary Author(UserRow u) => users.TryGetValue(u.Id, out var known) ? known : users[u.Id] = Summary(u);
        return [.. ids.Where(rows.ContainsKey).Select(id => rows[id]).Select(r => new NoteCard(
            r.Id, NoteUrls.Page(baseUrl, r.Id), Author(r.Author), r.Title, media.For(r.CoverKey), r.CoverWidth, r.CoverHeight,
            r.LikesCount, r.Sponsored, r.CreatedAt))];
    }

    /// <summary>An author's notes newest first, keyset-paged by id.</summary>
    public async Task<Page<NoteCard>> ByAuthorAsync(Guid authorId, long? before, int limit, string baseUrl, CancellationToken ct)
    {
        var ids = await db.Notes.AsNoTracking().Where(n => n.AuthorId == authorId && (before == null || n.Id < before))
            .OrderByDescending(n => n.Id).Select(n => n.Id).Take(limit + 1).ToListAsync(ct);
        return await PageAsync(ids, limit, baseUrl, ct);
    }

    /// <summary>The notes a brand sponsors, newest first: how a brand sees the disclosures naming it.</summary>
    public async Task<Page<NoteCard>> SponsoredByAsync(Guid sponsorId, long? before, int limit, string baseUrl, CancellationToken ct)
    {
        var ids = await db.Notes.AsNoTracking().Where(n => n.SponsorId == sponsorId && (before == null || n.Id < before))
            .OrderByDescending(n => n.Id).Select(n => n.Id).Take(limit + 1).ToListAsync(ct);
        return await PageAsync(ids, limit, baseUrl, ct);
    }

    /// <summary>Turns limit + 1 ids (newest first) into a page whose cursor is the last id shown.</summary>
    public async Task<Page<NoteCard>> PageAsync(List<long> ids, int limit, string baseUrl, CancellationToken ct)
    {
        var more = ids.Count > limit;
        if (more) ids.RemoveAt(ids.Count - 1);
        var cards = await CardsAsync(ids, baseUrl, ct);
        return new Page<NoteCard>(cards, more ? Cursor.Encode(ids[^1]) : null);
    }

    /// <summary>Summaries of these people by id (also for comments and notifications).</summary>
    public async Task<Dictionary<Guid, UserSummary>> UsersAsync(Guid[] ids, CancellationToken ct) =>
        await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id))
            .Select(u => new UserRow(u.Id, u.UserName, u.DisplayName, u.Kind, u.IsVerified, u.AvatarKey))
            .ToDictionaryAsync(u => u.Id, Summary, ct);

    UserSummary Summary(UserRow u) => new(u.Id, u.Handle ?? "", u.DisplayName, u.Kind, u.IsVerified, avatars.For(u.AvatarKey));

    async Task<Dictionary<long, TaggedItem>> TaggedItemsAsync(List<NoteTag> tags, string baseUrl, CancellationToken ct)
    {
        var cards = await items.ForAsync(
            [.. tags.Where(t => t.ListingId is not null).Select(t => t.ListingId!.Value)],
            [.. tags.Where(t => t.ProductId is not null).Select(t => t.ProductId!.Value)], baseUrl, ct);
        var result = new Dictionary<long, TaggedItem>();
        foreach (var tag in tags)
            if (cards.Find(tag.ListingId, tag.ProductId) is { } card) result[tag.Id] = card;
        return result;
    }
}
