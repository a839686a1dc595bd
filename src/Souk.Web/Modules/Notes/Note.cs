using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Souk.Web.Modules.Accounts;
using Souk.Web.Modules.Catalog;

namespace Souk.Web.Modules.Notes;

/// <summary>
/// A note: photos with an honest, article-like review, the Little Red Book way. The sequential id is the share link (/n/123)
/// and the keyset cursor of every note list and of the following feed. Counters are kept in the same transaction as the
/// rows they count (likes, saves, comments), so a card never needs a COUNT.
/// </summary>
public sealed class Note
{
    public const int TitleMax = 100;
    /// <summary>Markdown source; the rendered HTML is derived on read (see <see cref="NoteText"/>).</summary>
    public const int BodyMax = 10_000;
    public const int PhotosMin = 1;
    public const int PhotosMax = 9;
    public const int TagsPerPhotoMax = 5;
    public const int LanguageMax = 16;

    public long Id { get; set; }
    public Guid AuthorId { get; set; }
    public string Title { get; set; } = "";
    public string Body { get; set; } = "";
    /// <summary>A BCP 47 tag (en, zh-Hant-HK, ...): the reader's language filter and the search folding.</summary>
    public string Language { get; set; } = "";
    /// <summary>Paid partnership: the brand this note is sponsored by (shown as "Sponsored by @brand"). Never affects ranking.</summary>
    public Guid? SponsorId { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public int LikesCount { get; set; }
    public int SavesCount { get; set; }
    public int CommentsCount { get; set; }
    /// <summary>In display order (Position 0 is the cover).</summary>
    public List<NotePhoto> Photos { get; set; } = [];
    public List<NoteTag> Tags { get; set; } = [];
    public List<NoteHashtag> Hashtags { get; set; } = [];
    public List<NoteMention> Mentions { get; set; } = [];
}

/// <summary>A photo of a note at a position (0 = cover).</summary>
public sealed class NotePhoto
{
    public long NoteId { get; set; }
    public int Position { get; set; }
    public Guid MediaId { get; set; }
}

/// <summary>
/// A product tag pinned on a photo at (X, Y), each from 0 to 1 of the photo's width and height, pointing to exactly one
/// listing or shop product. A tagged item that is deleted takes its tags along.
/// </summary>
public sealed class NoteTag
{
    public long Id { get; set; }
    public long NoteId { get; set; }
    /// <summary>The photo's position in the note.</summary>
    public int PhotoPosition { get; set; }
    public double X { get; set; }
    public double Y { get; set; }
    public long? ListingId { get; set; }
    public long? ProductId { get; set; }
}

/// <summary>A #hashtag in a note, folded (see <see cref="NoteText.FoldHashtag"/>). The note's time is copied so a hashtag page
/// and the trending count read this table alone.</summary>
public sealed class NoteHashtag
{
    public const int TagMax = 50;

    public long NoteId { get; set; }
    public string Tag { get; set; } = "";
    public DateTime CreatedAt { get; set; }
}

/// <summary>An @mention of an existing user in a note (unknown handles are plain text).</summary>
public sealed class NoteMention
{
    public long NoteId { get; set; }
    public Guid UserId { get; set; }
}

sealed class NoteConfiguration : IEntityTypeConfiguration<Note>
{
    public void Configure(EntityTypeBuilder<Note> b)
    {
        b.ToTable("Notes", t => t.HasCheckConstraint("CK_Notes_NotSelfSponsored", "\"SponsorId\" IS NULL OR \"SponsorId\" <> \"AuthorId\""));
        b.HasKey(n => n.Id);
        b.Property(n => n.Title).HasMaxLength(Note.TitleMax).IsRequired();
        b.Property(n => n.Body).HasMaxLength(Note.BodyMax).IsRequired();
        b.Property(n => n.Language).HasMaxLength(Note.LanguageMax).IsRequired();
        // An author's notes newest first; also the following feed's per-author scan, which on PostgreSQL reads CreatedAt from
        // the index too (an index-only scan: 18 ms for 200 authors instead of 440 ms of heap reads and sorts).
        b.HasIndex(n => new { n.AuthorId, n.Id }).IncludeProperties(n => n.CreatedAt);
        // The discover feed's candidate window (recent notes).
        b.HasIndex(n => n.CreatedAt);
        // A brand sees the notes it sponsors.
        b.HasIndex(n => new { n.SponsorId, n.Id }).HasFilter("\"SponsorId\" IS NOT NULL");
        b.HasOne<SoukUser>().WithMany().HasForeignKey(n => n.AuthorId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<SoukUser>().WithMany().HasForeignKey(n => n.SponsorId).OnDelete(DeleteBehavior.SetNull);
        b.HasMany(n => n.Photos).WithOne().HasForeignKey(p => p.NoteId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(n => n.Tags).WithOne().HasForeignKey(t => t.NoteId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(n => n.Hashtags).WithOne().HasForeignKey(h => h.NoteId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(n => n.Mentions).WithOne().HasForeignKey(m => m.NoteId).OnDelete(DeleteBehavior.Cascade);
    }
}

sealed class NotePhotoConfiguration : IEntityTypeConfiguration<NotePhoto>
{
    public void Configure(EntityTypeBuilder<NotePhoto> b)
    {
        b.ToTable("NotePhotos");
        b.HasKey(p => new { p.NoteId, p.Position });
        b.HasIndex(p => new { p.NoteId, p.MediaId }).IsUnique();
        b.HasIndex(p => p.MediaId);
        b.HasOne<MediaAsset>().WithMany().HasForeignKey(p => p.MediaId).OnDelete(DeleteBehavior.Restrict);
    }
}

sealed class NoteTagConfiguration : IEntityTypeConfiguration<NoteTag>
{
    public void Configure(EntityTypeBuilder<NoteTag> b)
    {
        b.ToTable("NoteTags", t =>
        {
            t.HasCheckConstraint("CK_NoteTags_OneItem", "(\"ListingId\" IS NULL) <> (\"ProductId\" IS NULL)");
            t.HasCheckConstraint("CK_NoteTags_Point", "\"X\" >= 0 AND \"X\" <= 1 AND \"Y\" >= 0 AND \"Y\" <= 1");
        });
        b.HasKey(t => t.Id);
        b.HasIndex(t => new { t.NoteId, t.PhotoPosition });
        // "Notes about this item" on listing and product pages.
        b.HasIndex(t => t.ListingId).HasFilter("\"ListingId\" IS NOT NULL");
        b.HasIndex(t => t.ProductId).HasFilter("\"ProductId\" IS NOT NULL");
        b.HasOne<Listing>().WithMany().HasForeignKey(t => t.ListingId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Product>().WithMany().HasForeignKey(t => t.ProductId).OnDelete(DeleteBehavior.Cascade);
    }
}

sealed class NoteHashtagConfiguration : IEntityTypeConfiguration<NoteHashtag>
{
    public void Configure(EntityTypeBuilder<NoteHashtag> b)
    {
        b.ToTable("NoteHashtags");
        b.HasKey(h => new { h.NoteId, h.Tag });
        b.Property(h => h.Tag).HasMaxLength(NoteHashtag.TagMax);
        // A hashtag page newest first; trending counts a tag's notes since a time.
        b.HasIndex(h => new { h.Tag, h.NoteId });
        b.HasIndex(h => new { h.CreatedAt, h.Tag });
    }
}

sealed class NoteMentionConfiguration : IEntityTypeConfiguration<NoteMention>
{
    public void Configure(EntityTypeBuilder<NoteMention> b)
    {
        b.ToTable("NoteMentions");
        b.HasKey(m => new { m.NoteId, m.UserId });
        b.HasIndex(m => m.UserId);
        b.HasOne<SoukUser>().WithMany().HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
