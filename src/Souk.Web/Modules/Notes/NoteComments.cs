using Microsoft.EntityFrameworkCore;
using Souk.Web.Data;

namespace Souk.Web.Modules.Notes;

/// <summary>What a comment write did: the comment's id, or why not (with the field at fault for a 400).</summary>
public sealed record CommentOutcome(NoteFailure Failure, long Id = 0, string? Field = null, string? Error = null)
{
    public static CommentOutcome Invalid(string field, string message) => new(NoteFailure.Invalid, Field: field, Error: message);
}

/// <summary>
/// Posts and deletes comments, for the API and the note page alike, with the note's comment count and the parent's reply count
/// kept in the same transaction. On PostgreSQL every write locks the thread's top-level comment first (a reply's insert
/// increments its parent's count before inserting; a delete locks the parent FOR UPDATE before deleting replies), so a reply
/// racing its parent's deletion is either counted and deleted with it or refused, and the lock order is the same everywhere.
/// </summary>
public sealed class NoteComments(SoukDb db, Notifier notifier, TimeProvider clock)
{
    public const string ReplyToTopLevel = "Reply to a top-level comment of this note.";

    public async Task<CommentOutcome> AddAsync(Guid authorId, long noteId, string? body, long? parentId, CancellationToken ct)
    {
        var text = body?.Trim() ?? "";
        if (text.Length == 0) return CommentOutcome.Invalid("body", "Write something.");
        if (text.Length > NoteComment.BodyMax) return CommentOutcome.Invalid("body", $"A comment has at most {NoteComment.BodyMax:N0} characters.");
        var noteAuthor = await db.Notes.Where(n => n.Id == noteId).Select(n => (Guid?)n.AuthorId).FirstOrDefaultAsync(ct);
        if (noteAuthor is null) return new(NoteFailure.NotFound);
        var handles = NoteText.Mentions(text).Select(Accounts.AccountRules.NormalizeHandle).ToArray();
        var mentioned = handles.Length == 0 ? [] : await db.Users.Where(u => handles.Contains(u.NormalizedUserName!)).Select(u => u.Id).ToListAsync(ct);

        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            Guid? parentAuthor = null;
            if (parentId is { } parent)
            {
                // Only a top-level comment of this note takes replies; counting the reply first also locks the parent.
                var counted = await db.NoteComments.Where(c => c.Id == parent && c.NoteId == noteId && c.ParentId == null)
                    .ExecuteUpdateAsync(s => s.SetProperty(c => c.RepliesCount, c => c.RepliesCount + 1), ct);
                if (counted == 0)
                {
                    await tx.RollbackAsync(ct);
                    return CommentOutcome.Invalid("parentId", ReplyToTopLevel);
                }
                parentAuthor = await db.NoteComments.Where(c => c.Id == parent).Select(c => c.AuthorId).FirstAsync(ct);
            }
            var comment = new NoteComment { NoteId = noteId, AuthorId = authorId, ParentId = parentId, Body = text, CreatedAt = clock.GetUtcNow().UtcDateTime };
            db.NoteComments.Add(comment);
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException)
            {
                // The note was deleted meanwhile.
                await tx.RollbackAsync(ct);
                db.ChangeTracker.Clear();
                return new CommentOutcome(NoteFailure.NotFound);
            }
            await db.Notes.Where(n => n.Id == noteId).ExecuteUpdateAsync(s => s.SetProperty(n => n.CommentsCount, n => n.CommentsCount + 1), ct);

            // One notification per person per comment: the parent's author hears of a reply, the note's author of any comment,
            // and anyone else named in it of the mention.
            var told = new HashSet<Guid> { authorId };
            if (parentAuthor is { } replied && told.Add(replied)) notifier.Add(replied, NotificationKind.CommentReplied, authorId, noteId, comment.Id);
            if (told.Add(noteAuthor.Value)) notifier.Add(noteAuthor.Value, NotificationKind.NoteCommented, authorId, noteId, comment.Id);
            foreach (var person in mentioned.Where(told.Add))
                notifier.Add(person, NotificationKind.Mentioned, authorId, noteId, comment.Id);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            db.ChangeTracker.Clear();
            return new CommentOutcome(NoteFailure.None, comment.Id);
        });
    }

    /// <summary>The commenter, the note's author or an operator deletes a comment; a top-level comment's replies go with it.</summary>
    public async Task<NoteFailure> DeleteAsync(long commentId, Guid actorId, bool isOperator, CancellationToken ct)
    {
        var row = await db.NoteComments.Where(c => c.Id == commentId)
            .Select(c => new { c.NoteId, c.AuthorId, c.ParentId, NoteAuthorId = db.Notes.Where(n => n.Id == c.NoteId).Select(n => n.AuthorId).First() })
            .FirstOrDefaultAsync(ct);
        if (row is null) return NoteFailure.NotFound;
        if (row.AuthorId != actorId && row.NoteAuthorId != actorId && !isOperator) return NoteFailure.Forbidden;

        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var topLevel = row.ParentId ?? commentId;
            // Lock the thread's top-level comment first (see the class summary). FOR UPDATE also waits for the foreign-key
            // checks of likes and replies being inserted, so none slips in uncounted. SQLite's IMMEDIATE transaction serialises already.
            if (db.Provider == DatabaseProvider.Postgres)
                await db.Database.ExecuteSqlAsync($"SELECT 1 FROM \"NoteComments\" WHERE \"Id\" = {topLevel} FOR UPDATE", ct);
            var replies = row.ParentId is null ? await db.NoteComments.Where(c => c.ParentId == commentId).ExecuteDeleteAsync(ct) : 0;
            var deleted = await db.NoteComments.Where(c => c.Id == commentId).ExecuteDeleteAsync(ct);
            if (deleted == 0)
            {
                // A parallel delete got there first and counted it.
                await tx.RollbackAsync(ct);
                return NoteFailure.NotFound;
            }
            if (row.ParentId is { } parent)
                await db.NoteComments.Where(c => c.Id == parent).ExecuteUpdateAsync(s => s.SetProperty(c => c.RepliesCount, c => c.RepliesCount - 1), ct);
            var removed = replies + deleted;
            await db.Notes.Where(n => n.Id == row.NoteId).ExecuteUpdateAsync(s => s.SetProperty(n => n.CommentsCount, n => n.CommentsCount - removed), ct);
            await tx.CommitAsync(ct);
            return NoteFailure.None;
        });
    }
}
