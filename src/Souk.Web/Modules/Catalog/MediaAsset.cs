using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Souk.Web.Modules.Accounts;

namespace Souk.Web.Modules.Catalog;

/// <summary>
/// An uploaded photo: its renditions live in the blob store under <see cref="BlobKey"/>. Listings (and later
/// products, notes and chat) refer to it by id; only its owner may attach it to anything.
/// </summary>
public sealed class MediaAsset
{
    public const int BlobKeyMax = 200;

    public Guid Id { get; set; }
    public Guid OwnerId { get; set; }
    public string BlobKey { get; set; } = "";
    /// <summary>Size of the upright original, so pages can reserve the right aspect ratio before the image loads.</summary>
    public int Width { get; set; }
    public int Height { get; set; }
    public DateTime CreatedAt { get; set; }
}

sealed class MediaAssetConfiguration : IEntityTypeConfiguration<MediaAsset>
{
    public void Configure(EntityTypeBuilder<MediaAsset> b)
    {
        b.ToTable("MediaAssets");
        b.HasKey(m => m.Id);
        b.Property(m => m.Id).ValueGeneratedNever();
        b.Property(m => m.BlobKey).HasMaxLength(MediaAsset.BlobKeyMax).IsRequired();
        b.HasIndex(m => new { m.OwnerId, m.CreatedAt });
        b.HasOne<SoukUser>().WithMany().HasForeignKey(m => m.OwnerId).OnDelete(DeleteBehavior.Cascade);
    }
}

/// <summary>The one ownership check for media: listings, shops and products attach only their owner's uploads.</summary>
public static class MediaOwnership
{
    /// <summary>
    /// Unknown and someone else's ids get the same answer, so a response never reveals whose ids exist.
    /// </summary>
    public const string UseYourOwn = "Use photos you uploaded with POST /api/v1/media.";

    /// <summary>True when every id (duplicates counted once) is a media asset of this owner.</summary>
    public static async Task<bool> OwnsAllAsync(this IQueryable<MediaAsset> media, Guid ownerId, IEnumerable<Guid> ids, CancellationToken ct)
    {
        var distinct = ids.Distinct().ToArray();
        if (distinct.Length == 0) return true;
        return await media.CountAsync(m => distinct.Contains(m.Id) && m.OwnerId == ownerId, ct) == distinct.Length;
    }
}
