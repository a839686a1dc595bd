using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Souk.Web.Modules.Accounts;

namespace Souk.Web.Modules.Catalog;

/// <summary>
/// A zero-code storefront (B2C): one per seller, brand or creator account, found at /s/{slug}. The slug is stored in lower
/// case, so the unique index makes it unique case-insensitively on both providers.
/// </summary>
public sealed class Shop
{
    public const int NameMax = 60;
    public const int SlugMin = 3;
    public const int SlugMax = 40;
    public const int DescriptionMax = 2000;
    public const int SectionsMax = 20;

    public long Id { get; set; }
    public Guid OwnerId { get; set; }
    public string Name { get; set; } = "";
    public string Slug { get; set; } = "";
    public string Description { get; set; } = "";
    public Guid? LogoId { get; set; }
    public Guid? BannerId { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    /// <summary>The seller's own sections ("Bags", "Wallets"), in display order.</summary>
    public List<ShopSection> Sections { get; set; } = [];
}

/// <summary>A section of a shop. Products refer to it by id, so renaming or reordering sections keeps their products in place.</summary>
public sealed class ShopSection
{
    public const int NameMax = 40;

    public long Id { get; set; }
    public long ShopId { get; set; }
    public int Position { get; set; }
    public string Name { get; set; } = "";
}

sealed class ShopConfiguration : IEntityTypeConfiguration<Shop>
{
    public void Configure(EntityTypeBuilder<Shop> b)
    {
        b.ToTable("Shops");
        b.HasKey(s => s.Id);
        b.Property(s => s.Name).HasMaxLength(Shop.NameMax).IsRequired();
        b.Property(s => s.Slug).HasMaxLength(Shop.SlugMax).IsRequired();
        b.Property(s => s.Description).HasMaxLength(Shop.DescriptionMax).IsRequired();
        // One shop per account, and one owner per slug: the database decides a race between two requests.
        b.HasIndex(s => s.OwnerId).IsUnique();
        b.HasIndex(s => s.Slug).IsUnique();
        b.HasOne<SoukUser>().WithMany().HasForeignKey(s => s.OwnerId).OnDelete(DeleteBehavior.Cascade);
        // A deleted upload leaves the shop without a logo rather than blocking the delete.
        b.HasOne<MediaAsset>().WithMany().HasForeignKey(s => s.LogoId).OnDelete(DeleteBehavior.SetNull);
        b.HasOne<MediaAsset>().WithMany().HasForeignKey(s => s.BannerId).OnDelete(DeleteBehavior.SetNull);
        b.HasMany(s => s.Sections).WithOne().HasForeignKey(s => s.ShopId).OnDelete(DeleteBehavior.Cascade);
    }
}

sealed class ShopSectionConfiguration : IEntityTypeConfiguration<ShopSection>
{
    public void Configure(EntityTypeBuilder<ShopSection> b)
    {
        b.ToTable("ShopSections");
        b.HasKey(s => s.Id);
        b.Property(s => s.Name).HasMaxLength(ShopSection.NameMax).IsRequired();
        // Not unique: reordering would collide mid-update. The rules keep positions 0..n-1 and names unique per shop.
        b.HasIndex(s => new { s.ShopId, s.Position });
    }
}
