using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Souk.Web.Modules.Accounts;

namespace Souk.Web.Modules.Notes;

// Stored as integers: never renumber.
public enum NotificationKind
{
    NoteLiked = 0,
    NoteCommented = 1,
    CommentReplied = 2,
    Mentioned = 3,
    NewFollower = 4,
    CommentLiked = 5,
    Sponsored = 6,
}

/// <summary>
/// Something that happened to a person: who did it (the actor) and to what (a note, a comment). Written in the same transaction
/// as the act. The sequential id is the keyset cursor of the inbox; ReadAt null means unread (the tab bar badge counts these).
/// </summary>
public sealed class Notification
{
    public long Id { get; set; }
    public Guid RecipientId { get; set; }
    public NotificationKind Kind { get; set; }
    public Guid ActorId { get; set; }
    public long? NoteId { get; set; }
    public long? CommentId { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? ReadAt { get; set; }
}

sealed class NotificationConfiguration : IEntityTypeConfiguration<Notification>
{
    public void Configure(EntityTypeBuilder<Notification> b)
    {
        b.ToTable("Notifications", t => t.HasCheckConstraint("CK_Notifications_NotSelf", "\"RecipientId\" <> \"ActorId\""));
        b.HasKey(n => n.Id);
        b.HasIndex(n => new { n.RecipientId, n.Id });
        // The unread badge: a count over this person's unread rows only.
        b.HasIndex(n => n.RecipientId).HasDatabaseName("IX_Notifications_Unread").HasFilter("\"ReadAt\" IS NULL");
        b.HasOne<SoukUser>().WithMany().HasForeignKey(n => n.RecipientId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<SoukUser>().WithMany().HasForeignKey(n => n.ActorId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Note>().WithMany().HasForeignKey(n => n.NoteId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<NoteComment>().WithMany().HasForeignKey(n => n.CommentId).OnDelete(DeleteBehavior.Cascade);
    }
}
