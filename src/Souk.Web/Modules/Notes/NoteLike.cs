using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Souk.Web.Modules.Accounts;

namespace Souk.Web.Modules.Notes;

/// <summary>A like of a note. Unique per person and note, so liking twice is harmless; the sequential id is a keyset cursor.</summary>
public sealed class NoteLike
{
    public long Id { get; set; }
    public Guid UserId { get; set; }
    public long NoteId { get; set; }
    public DateTime CreatedAt { get; set; }
}

sealed class NoteLikeConfiguration : IEntityTypeConfiguration<NoteLike>
{
    public void Configure(EntityTypeBuilder<NoteLike> b)
    {
        b.ToTable("NoteLikes");
        b.HasKey(l => l.Id);
        b.HasIndex(l => new { l.UserId, l.NoteId }).IsUnique();
        // A person's recent likes (affinity for the discover feed), newest first.
        b.HasIndex(l => new { l.UserId, l.Id });
        b.HasIndex(l => l.NoteId);
        b.HasOne<SoukUser>().WithMany().HasForeignKey(l => l.UserId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Note>().WithMany().HasForeignKey(l => l.NoteId).OnDelete(DeleteBehavior.Cascade);
    }
}
