using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Souk.Web.Common;
using Souk.Web.Data;

namespace Souk.Web.Modules.Notes;

/// <summary>PUT/DELETE /api/v1/comments/{id}/like: idempotent; the answer is the state after the call.</summary>
public static class LikeComment
{
    public static void Map(RouteGroupBuilder comments)
    {
        comments.MapPut("/{id:long}/like", (long id, CurrentUser current, CommentLikes likes, CancellationToken ct) => SetAsync(id, true, current, likes, ct))
            .RequireAuthorization();
        comments.MapDelete("/{id:long}/like", (long id, CurrentUser current, CommentLikes likes, CancellationToken ct) => SetAsync(id, false, current, likes, ct))
            .RequireAuthorization();
    }

    static async Task<Results<Ok<LikeState>, ProblemHttpResult>> SetAsync(long id, bool like, CurrentUser current, CommentLikes likes, CancellationToken ct) =>
        await likes.SetAsync(current.RequiredId, id, like, ct) is { } state ? TypedResults.Ok(state) : CommentResults.NotFound(id);
}

/// <summary>Comment likes with the comment's counter in the same transaction; the first like by a person notifies the commenter.</summary>
public sealed class CommentLikes(SoukDb db, Notifier notifier, TimeProvider clock)
{
    /// <summary>The state after the call, or null when there is no such comment.</summary>
    public async Task<LikeState?> SetAsync(Guid userId, long commentId, bool like, CancellationToken ct)
    {
        var comment = await db.NoteComments.Where(c => c.Id == commentId).Select(c => new { c.AuthorId, c.NoteId }).FirstOrDefaultAsync(ct);
        if (comment is null) return null;

        await CountedToggle.SetAsync(db, like,
            exists: () => db.CommentLikes.AnyAsync(l => l.UserId == userId && l.CommentId == commentId, ct),
            add: async () =>
            {
                db.CommentLikes.Add(new CommentLike { UserId = userId, CommentId = commentId, CreatedAt = clock.GetUtcNow().UtcDateTime });
                await notifier.AddOnceAsync(comment.AuthorId, NotificationKind.CommentLiked, userId, comment.NoteId, commentId, ct);
            },
            remove: () => db.CommentLikes.Where(l => l.UserId == userId && l.CommentId == commentId).ExecuteDeleteAsync(ct),
            adjust: delta => db.NoteComments.Where(c => c.Id == commentId).ExecuteUpdateAsync(s => s.SetProperty(c => c.LikesCount, c => c.LikesCount + delta), ct),
            ct);
        var count = await db.NoteComments.Where(c => c.Id == commentId).Select(c => (int?)c.LikesCount).FirstOrDefaultAsync(ct);
        if (count is null) return null;
        return new LikeState(await db.CommentLikes.AnyAsync(l => l.UserId == userId && l.CommentId == commentId, ct), count.Value);
    }
}
