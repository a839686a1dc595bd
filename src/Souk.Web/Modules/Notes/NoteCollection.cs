using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Souk.Web.Modules.Accounts;

namespace Souk.Web.Modules.Notes;

/// <summary>A named board a person saves notes into ("Tokyo trip", "Skincare"). Names are unique per owner, case-insensitively.</summary>
public sealed class NoteCollection
{
    public const int NameMax = 40;

    public long Id { get; set; }
    public Guid OwnerId { get; set; }
    public string Name { get; set; } = "";
    /// <summary>Trimmed and upper-cased name (SQLite's upper() knows only ASCII, so it is computed in .NET).</summary>
    public string NormalizedName { get; set; } = "";
    public DateTime CreatedAt { get; set; }

    public static string Normalize(string name) => name.Trim().ToUpperInvariant();
}

/// <summary>
/// A saved note, in one of the saver's collections. One save per person and note (saving into another collection moves it),
/// so the note's save count counts people.
/// </summary>
public sealed class NoteSave
{
    public long Id { get; set; }
    public Guid UserId { get; set; }
    public long NoteId { get; set; }
    public long CollectionId { get; set; }
    public DateTime CreatedAt { get; set; }
}

sealed class NoteCollectionConfiguration : IEntityTypeConfiguration<NoteCollection>
{
    public void Configure(EntityTypeBuilder<NoteCollection> b)
    {
        b.ToTable("NoteCollections");
        b.HasKey(c => c.Id);
        b.Property(c => c.Name).HasMaxLength(NoteCollection.NameMax).IsRequired();
        b.Property(c => c.NormalizedName).HasMaxLength(NoteCollection.NameMax).IsRequired();
        b.HasIndex(c => new { c.OwnerId, c.NormalizedName }).IsUnique();
        b.HasOne<SoukUser>().WithMany().HasForeignKey(c => c.OwnerId).OnDelete(DeleteBehavior.Cascade);
    }
}

sealed class NoteSaveConfiguration : IEntityTypeConfiguration<NoteSave>
{
    public void Configure(EntityTypeBuilder<NoteSave> b)
    {
        b.ToTable("NoteSaves");
        b.HasKey(s => s.Id);
        b.HasIndex(s => new { s.UserId, s.NoteId }).IsUnique();
        b.HasIndex(s => new { s.CollectionId, s.Id });
        b.HasIndex(s => new { s.UserId, s.Id });
        b.HasIndex(s => s.NoteId);
        b.HasOne<SoukUser>().WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Note>().WithMany().HasForeignKey(s => s.NoteId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<NoteCollection>().WithMany().HasForeignKey(s => s.CollectionId).OnDelete(DeleteBehavior.Cascade);
    }
}
