using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Souk.Web.Common;
using Souk.Web.Data;
using Souk.Web.Modules.Accounts;
using Souk.Web.Modules.Catalog;

namespace Souk.Web.Modules.Notes;

/// <summary>A board in the owner's list: how many notes it holds and the cover of the latest one saved into it.</summary>
public sealed record CollectionResponse(long Id, string Name, bool IsDefault, int Count, MediaUrls? Cover);

/// <summary>
/// GET /api/v1/me/collections and GET /api/v1/me/collections/{id}/notes?cursor=: a person's boards and what is in them.
/// Boards are private: someone else's board id answers 404, exactly like an id that does not exist.
/// </summary>
public static class MyCollections
{
    public static void Map(RouteGroupBuilder api)
    {
        var me = api.MapGroup("/me/collections").WithTags("Notes").RequireAuthorization();
        me.MapGet("", List);
        me.MapGet("/{id:long}/notes", Notes);
    }

    static async Task<Ok<IReadOnlyList<CollectionResponse>>> List(CurrentUser current, CollectionReader boards, CancellationToken ct) =>
        TypedResults.Ok(await boards.ListAsync(current.RequiredId, ct));

    static async Task<Results<Ok<Page<NoteCard>>, ValidationProblem, ProblemHttpResult>> Notes(
        long id, string? cursor, int? limit, CurrentUser current, CollectionReader boards, HttpContext http, CancellationToken ct)
    {
        if (!Cursor.TryDecode(cursor, out var before)) return Problems.Field("cursor", "The cursor is not valid.");
        return await boards.NotesAsync(current.RequiredId, id, before, Cursor.ClampLimit(limit), Profile.BaseUrl(http.Request), ct) is { } page
            ? TypedResults.Ok(page)
            : Problems.NotFound($"No collection {id}.");
    }
}

/// <summary>Reads a person's boards, for the API and the profile's saved tab.</summary>
public sealed class CollectionReader(SoukDb db, NoteReader notes, NoteSaves saves, MediaUrlBuilder media)
{
    /// <summary>The owner's boards: the default one first, then in the order they were made.</summary>
    public async Task<IReadOnlyList<CollectionResponse>> ListAsync(Guid ownerId, CancellationToken ct)
    {
        var rows = await db.NoteCollections.AsNoTracking().Where(c => c.OwnerId == ownerId).OrderBy(c => c.Id)
            .Select(c => new
            {
                c.Id, c.Name,
                Count = db.NoteSaves.Count(s => s.CollectionId == c.Id),
                Cover = db.NoteSaves.Where(s => s.CollectionId == c.Id).OrderByDescending(s => s.Id)
                    .Select(s => db.NotePhotos.Where(p => p.NoteId == s.NoteId && p.Position == 0)
                        .Join(db.MediaAssets, p => p.MediaId, m => m.Id, (p, m) => m.BlobKey).FirstOrDefault())
                    .FirstOrDefault(),
            })
            .ToListAsync(ct);
        return [.. rows.Select(r => (Board: saves.Summary(r.Id, r.Name), r.Count, r.Cover)).OrderByDescending(r => r.Board.IsDefault)
            .Select(r => new CollectionResponse(r.Board.Id, r.Board.Name, r.Board.IsDefault, r.Count, r.Cover is null ? null : media.For(r.Cover)))];
    }

    /// <summary>The notes in a board, latest save first, keyset-paged by the save; null when the board is not this person's.</summary>
    public async Task<Page<NoteCard>?> NotesAsync(Guid ownerId, long collectionId, long? before, int limit, string baseUrl, CancellationToken ct)
    {
        if (!await db.NoteCollections.AnyAsync(c => c.Id == collectionId && c.OwnerId == ownerId, ct)) return null;
        var rows = await db.NoteSaves.AsNoTracking().Where(s => s.CollectionId == collectionId && (before == null || s.Id < before))
            .OrderByDescending(s => s.Id).Select(s => new { s.Id, s.NoteId }).Take(limit + 1).ToListAsync(ct);
        var shown = rows.Take(limit).ToList();
        var cards = await notes.CardsAsync([.. shown.Select(r => r.NoteId)], baseUrl, ct);
        return new Page<NoteCard>(cards, rows.Count > limit ? Cursor.Encode(shown[^1].Id) : null);
    }
}
