using Microsoft.EntityFrameworkCore;
using Souk.Web.Data;

namespace Souk.Web.Modules.Notes;

/// <summary>
/// Writes notifications in the caller's unit of work (added to the context, saved with the act that caused them), so a
/// like that rolls back never notifies. Nobody is notified of their own acts.
/// </summary>
public sealed class Notifier(SoukDb db, TimeProvider clock)
{
    public void Add(Guid recipientId, NotificationKind kind, Guid actorId, long? noteId = null, long? commentId = null)
    {
        if (recipientId == actorId) return;
        db.Notifications.Add(new Notification
        {
            RecipientId = recipientId, Kind = kind, ActorId = actorId, NoteId = noteId, CommentId = commentId,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        });
    }

    /// <summary>
    /// For acts that can be undone and redone (likes, follows): only the first time this person does this to this thing
    /// notifies. Un-liking and liking again, any number of times, leaves the one notification there is, so toggling cannot
    /// spam anyone's inbox. The notification rows themselves are the memory (looked up through the actor's index).
    /// </summary>
    public async Task AddOnceAsync(Guid recipientId, NotificationKind kind, Guid actorId, long? noteId, long? commentId, CancellationToken ct)
    {
        if (recipientId == actorId) return;
        var already = await db.Notifications.AnyAsync(n => n.ActorId == actorId && n.RecipientId == recipientId && n.Kind == kind
            && n.NoteId == noteId && n.CommentId == commentId, ct);
        if (!already) Add(recipientId, kind, actorId, noteId, commentId);
    }
}
