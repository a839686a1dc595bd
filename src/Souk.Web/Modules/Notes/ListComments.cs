using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Souk.Web.Common;
using Souk.Web.Data;
using Souk.Web.Modules.Accounts;

namespace Souk.Web.Modules.Notes;

/// <summary>A comment as readers see it. Liked is null for anonymous readers; a top-level comment carries its first replies.</summary>
public sealed record CommentResponse(
    long Id, long NoteId, long? ParentId, UserSummary Author, string Body, string BodyHtml, DateTime CreatedAt, int LikesCount,
    int RepliesCount, bool? Liked, IReadOnlyList<CommentResponse> Replies);

/// <summary>
/// GET /api/v1/notes/{id}/comments?cursor=: top-level comments oldest first, each with its first replies.
/// GET /api/v1/comments/{id}/replies?cursor=: the rest of a thread, oldest first. Comments are as public as notes.
/// </summary>
public static class ListComments
{
    public static void Map(RouteGroupBuilder notes, RouteGroupBuilder comments)
    {
        notes.MapGet("/{id:long}/comments", OfNote).AllowAnonymous();
        comments.MapGet("/{id:long}/replies", Replies).AllowAnonymous();
    }

    static async Task<Results<Ok<Page<CommentResponse>>, ValidationProblem, ProblemHttpResult>> OfNote(
        long id, string? cursor, int? limit, CurrentUser current, CommentReader reader, CancellationToken ct)
    {
        if (!Cursor.TryDecode(cursor, out var after)) return Problems.Field("cursor", "The cursor is not valid.");
        return await reader.TopLevelAsync(id, current.Id, after, Cursor.ClampLimit(limit), ct) is { } page ? TypedResults.Ok(page) : NoteResults.NotFound(id);
    }

    static async Task<Results<Ok<Page<CommentResponse>>, ValidationProblem, ProblemHttpResult>> Replies(
        long id, string? cursor, int? limit, CurrentUser current, CommentReader reader, CancellationToken ct)
    {
        if (!Cursor.TryDecode(cursor, out var after)) return Problems.Field("cursor", "The cursor is not valid.");
        return await reader.RepliesAsync(id, current.Id, after, Cursor.ClampLimit(limit), ct) is { } page ? TypedResults.Ok(page) : CommentResults.NotFound(id);
    }
}

/// <summary>Reads comment threads for the API and the note page, keyset-paged by id (oldest first, so a thread reads like a conversation).</summary>
public sealed class CommentReader(SoukDb db, NoteReader notes)
{
    /// <summary>How many replies a top-level comment brings along; the rest come from its replies list.</summary>
    public const int RepliesShown = 3;

    /// <summary>Top-level comments after the cursor, each with its first replies; null when there is no such note.</summary>
    public async Task<Page<CommentResponse>?> TopLevelAsync(long noteId, Guid? viewerId, long? after, int limit, CancellationToken ct)
    {
        if (!await db.Notes.AnyAsync(n => n.Id == noteId, ct)) return null;
        var top = await db.NoteComments.AsNoTracking().Where(c => c.NoteId == noteId && c.ParentId == null && (after == null || c.Id > after))
            .OrderBy(c => c.Id).Take(limit + 1).ToListAsync(ct);
        var more = top.Count > limit;
        if (more) top.RemoveAt(limit);
        var ids = top.Select(c => c.Id).ToArray();
        // The first few replies of each thread, through the (ParentId, Id) index.
        var replies = ids.Length == 0 ? [] : await db.NoteComments.AsNoTracking()
            .Where(r => r.ParentId != null && ids.Contains(r.ParentId.Value)
                && db.NoteComments.Count(o => o.ParentId == r.ParentId && o.Id < r.Id) < RepliesShown)
            .OrderBy(r => r.Id).ToListAsync(ct);
        var items = await ResponsesAsync(top, replies, viewerId, ct);
        return new Page<CommentResponse>(items, more ? Cursor.Encode(top[^1].Id) : null);
    }

    /// <summary>A comment's replies after the cursor; null when there is no such comment.</summary>
    public async Task<Page<CommentResponse>?> RepliesAsync(long commentId, Guid? viewerId, long? after, int limit, CancellationToken ct)
    {
        if (!await db.NoteComments.AnyAsync(c => c.Id == commentId, ct)) return null;
        var replies = await db.NoteComments.AsNoTracking().Where(c => c.ParentId == commentId && (after == null || c.Id > after))
            .OrderBy(c => c.Id).Take(limit + 1).ToListAsync(ct);
        var more = replies.Count > limit;
        if (more) replies.RemoveAt(limit);
        var items = await ResponsesAsync(replies, [], viewerId, ct);
        return new Page<CommentResponse>(items, more ? Cursor.Encode(replies[^1].Id) : null);
    }

    /// <summary>
    /// One comment as the list would show it (with its first replies), e.g. right after it was posted; null when there is no
    /// such comment (any more: a reply can be deleted with its thread between its commit and this read).
    /// </summary>
    public async Task<CommentResponse?> OneAsync(long commentId, Guid? viewerId, CancellationToken ct)
    {
        var comment = await db.NoteComments.AsNoTracking().FirstOrDefaultAsync(c => c.Id == commentId, ct);
        if (comment is null) return null;
        var replies = await db.NoteComments.AsNoTracking().Where(r => r.ParentId == commentId).OrderBy(r => r.Id).Take(RepliesShown).ToListAsync(ct);
        return (await ResponsesAsync([comment], replies, viewerId, ct))[0];
    }

    async Task<IReadOnlyList<CommentResponse>> ResponsesAsync(List<NoteComment> shown, List<NoteComment> replies, Guid? viewerId, CancellationToken ct)
    {
        var all = shown.Concat(replies).ToList();
        var users = await notes.UsersAsync([.. all.Select(c => c.AuthorId).Distinct()], ct);
        var handles = all.SelectMany(c => NoteText.Mentions(c.Body)).Select(AccountRules.NormalizeHandle).Distinct().ToArray();
        var known = handles.Length == 0 ? [] : await db.Users.AsNoTracking().Where(u => handles.Contains(u.NormalizedUserName!)).Select(u => u.UserName!).ToListAsync(ct);
        var knownSet = known.ToHashSet(StringComparer.OrdinalIgnoreCase);
        var ids = all.Select(c => c.Id).ToArray();
        var liked = viewerId is { } viewer
            ? (await db.CommentLikes.AsNoTracking().Where(l => l.UserId == viewer && ids.Contains(l.CommentId)).Select(l => l.CommentId).ToListAsync(ct)).ToHashSet()
            : null;
        var byParent = replies.ToLookup(r => r.ParentId);

        CommentResponse Response(NoteComment c) => new(
            c.Id, c.NoteId, c.ParentId, users[c.AuthorId], c.Body, NoteText.CommentToHtml(c.Body, knownSet), c.CreatedAt, c.LikesCount, c.RepliesCount,
            liked?.Contains(c.Id), [.. byParent[c.Id].Select(Response)]);
        return [.. shown.Select(Response)];
    }
}
