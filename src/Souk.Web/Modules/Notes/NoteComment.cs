using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Souk.Web.Modules.Accounts;

namespace Souk.Web.Modules.Notes;

/// <summary>
/// A comment on a note, or a reply to one (one level: a reply's parent is always a top-level comment). Deleting a comment
/// deletes its replies. The sequential id is the keyset cursor of the comment list.
/// </summary>
public sealed class NoteComment
{
    public const int BodyMax = 1000;

    public long Id { get; set; }
    public long NoteId { get; set; }
    public Guid AuthorId { get; set; }
    public long? ParentId { get; set; }
    /// <summary>Plain text (rendered escaped, with @mentions linked).</summary>
    public string Body { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    public int LikesCount { get; set; }
    public int RepliesCount { get; set; }
}

/// <summary>A like of a comment; the pair is the key, so liking twice is harmless.</summary>
public sealed class CommentLike
{
    public Guid UserId { get; set; }
    public long CommentId { get; set; }
    public DateTime CreatedAt { get; set; }
}

sealed class NoteCommentConfiguration : IEntityTypeConfiguration<NoteComment>
{
    public void Configure(EntityTypeBuilder<NoteComment> b)
    {
        b.ToTable("NoteComments");
        b.HasKey(c => c.Id);
        b.Property(c => c.Body).HasMaxLength(NoteComment.BodyMax).IsRequired();
        // Top-level comments of a note in order, and a comment's replies in order.
        b.HasIndex(c => new { c.NoteId, c.ParentId, c.Id });
        b.HasIndex(c => new { c.ParentId, c.Id });
        b.HasIndex(c => new { c.AuthorId, c.Id });
        b.HasOne<Note>().WithMany().HasForeignKey(c => c.NoteId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<SoukUser>().WithMany().HasForeignKey(c => c.AuthorId).OnDelete(DeleteBehavior.Cascade);
        // A comment's replies go with it.
        b.HasOne<NoteComment>().WithMany().HasForeignKey(c => c.ParentId).OnDelete(DeleteBehavior.Cascade);
    }
}

sealed class CommentLikeConfiguration : IEntityTypeConfiguration<CommentLike>
{
    public void Configure(EntityTypeBuilder<CommentLike> b)
    {
        b.ToTable("CommentLikes");
        b.HasKey(l => new { l.UserId, l.CommentId });
        b.HasIndex(l => l.CommentId);
        b.HasOne<SoukUser>().WithMany().HasForeignKey(l => l.UserId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<NoteComment>().WithMany().HasForeignKey(l => l.CommentId).OnDelete(DeleteBehavior.Cascade);
    }
}
