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
}
