using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Souk.Web.Common;
using Souk.Web.Data;

namespace Souk.Web.Modules.Notes;

/// <summary>A like (of a note or a comment) after the call, and how many there are now.</summary>
public sealed record LikeState(bool Liked, int LikesCount);

/// <summary>PUT/DELETE /api/v1/notes/{id}/like: idempotent; the answer is the state after the call.</summary>
public static class LikeNote
{
    public static void Map(RouteGroupBuilder notes)
    {
        notes.MapPut("/{id:long}/like", (long id, CurrentUser current, NoteLikes likes, CancellationToken ct) => SetAsync(id, true, current, likes, ct))
            .RequireAuthorization();
        notes.MapDelete("/{id:long}/like", (long id, CurrentUser current, NoteLikes likes, CancellationToken ct) => SetAsync(id, false, current, likes, ct))
            .RequireAuthorization();
    }

    static async Task<Results<Ok<LikeState>, ProblemHttpResult>> SetAsync(long id, bool like, CurrentUser current, NoteLikes likes, CancellationToken ct) =>
        await likes.SetAsync(current.RequiredId, id, like, ct) is { } state ? TypedResults.Ok(state) : NoteResults.NotFound(id);
}

/// <summary>
/// Adds and removes note likes with the note's counter kept in the same transaction (see <see cref="CountedToggle"/>). The first
/// like by a person notifies the author (see <see cref="Notifier.AddOnceAsync"/>).
/// </summary>
public sealed class NoteLikes(SoukDb db, Notifier notifier, TimeProvider clock)
{
    /// <summary>The state after the call, or null when there is no such note.</summary>
    public async Task<LikeState?> SetAsync(Guid userId, long noteId, bool like, CancellationToken ct)
    {
        var authorId = await db.Notes.Where(n => n.Id == noteId).Select(n => (Guid?)n.AuthorId).FirstOrDefaultAsync(ct);
        if (authorId is null) return null;

        await CountedToggle.SetAsync(db, like,
            exists: () => db.NoteLikes.AnyAsync(l => l.UserId == userId && l.NoteId == noteId, ct),
            add: async () =>
            {
                db.NoteLikes.Add(new NoteLike { UserId = userId, NoteId = noteId, CreatedAt = clock.GetUtcNow().UtcDateTime });
                await notifier.AddOnceAsync(authorId.Value, NotificationKind.NoteLiked, userId, noteId, null, ct);
            },
            remove: () => db.NoteLikes.Where(l => l.UserId == userId && l.NoteId == noteId).ExecuteDeleteAsync(ct),
            adjust: delta => db.Notes.Where(n => n.Id == noteId).ExecuteUpdateAsync(s => s.SetProperty(n => n.LikesCount, n => n.LikesCount + delta), ct),
            ct);
        return await CurrentAsync(userId, noteId, ct);
    }

    async Task<LikeState?> CurrentAsync(Guid userId, long noteId, CancellationToken ct)
    {
        var count = await db.Notes.Where(n => n.Id == noteId).Select(n => (int?)n.LikesCount).FirstOrDefaultAsync(ct);
        if (count is null) return null;
        return new LikeState(await db.NoteLikes.AnyAsync(l => l.UserId == userId && l.NoteId == noteId, ct), count.Value);
    }
}
