using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Souk.Web.Common;
using Souk.Web.Data;

namespace Souk.Web.Modules.Catalog;

// Stored as integers: never renumber. Room for more (e.g. archived) later.
public enum ProductStatus
{
    Draft = 0,
    Published = 1,
}

/// <summary>
/// A shop's product (B2C) with up to three options (Size, Colour…) and one SKU per combination of their values. The id is
/// a sequential long: short share links (/p/123) and the keyset cursor of a shop's product list. The price range is the
/// lowest and highest active SKU price, kept in step by every write, so lists and (later) search can filter and sort on it.
/// </summary>
public sealed class Product
{
    public const int TitleMax = 80;
    public const int DescriptionMax = 4000;
    public const int PhotosMax = 10;
    public const int OptionsMax = 3;
    public const int ValuesMax = 20;
    public const int OptionNameMax = 30;
    public const int OptionValueMax = 30;
    /// <summary>Three options of 20 values would be 8,000 SKUs; nobody manages that by hand, so the matrix stops at 100.</summary>
    public const int SkusMax = 100;

    public long Id { get; set; }
    public long ShopId { get; set; }
    public long? SectionId { get; set; }
    /// <summary>A leaf of the shared category tree (as listings have), or none: browsing and search by category.</summary>
    public int? CategoryId { get; set; }
    public string Title { get; set; } = "";
    public string Description { get; set; } = "";
    public ProductStatus Status { get; set; }
    public Money MinPrice { get; set; }
    public Money MaxPrice { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    /// <summary>In display order (Position 0 is the cover).</summary>
    public List<ProductPhoto> Photos { get; set; } = [];
    /// <summary>In display order; Position 0 fills <see cref="Sku.Option1"/>, 1 fills Option2, 2 fills Option3.</summary>
    public List<ProductOption> Options { get; set; } = [];
    /// <summary>Every SKU ever made for the product, retired ones included (stock history and, later, orders point at them).</summary>
    public List<Sku> Skus { get; set; } = [];
}

public sealed class ProductPhoto
{
    public long ProductId { get; set; }
    public int Position { get; set; }
    public Guid MediaId { get; set; }
}

/// <summary>An option such as "Size" with its values in display order ("S", "M", "L").</summary>
public sealed class ProductOption
{
    public long ProductId { get; set; }
    public int Position { get; set; }
    public string Name { get; set; } = "";
    /// <summary>A primitive collection: a JSON array on SQLite, text[] on PostgreSQL.</summary>
    public List<string> Values { get; set; } = [];
}

/// <summary>
/// One purchasable combination of option values, with its own price, stock, photo and seller's code. The values sit in
/// Option1..Option3 by option position ("" where the product has fewer options), so the database can keep one active SKU per
/// combination. SKUs are never deleted: one that no longer fits the options is retired (RetiredAt) and leaves every answer.
/// </summary>
public sealed class Sku
{
    public const int CodeMax = 40;
    public const int StockMax = 1_000_000;

    public long Id { get; set; }
    public long ProductId { get; set; }
    public int Position { get; set; }
    public string Option1 { get; set; } = "";
    public string Option2 { get; set; } = "";
    public string Option3 { get; set; } = "";
    public Money Price { get; set; }
    /// <summary>Never below zero: a check constraint, and every change is a conditional UPDATE (see <see cref="Inventory"/>).</summary>
    public int Stock { get; set; }
    public Guid? PhotoId { get; set; }
    public string? Code { get; set; }
    public DateTime? RetiredAt { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }

    public string[] Values(int optionCount) => [.. new[] { Option1, Option2, Option3 }.Take(optionCount)];

    /// <summary>How a SKU is named to buyers ("Red / M"): its option values in order; "" for a product without options.</summary>
    public static string VariantName(string option1, string option2, string option3) =>
        string.Join(" / ", new[] { option1, option2, option3 }.Where(v => v.Length > 0));

    public void SetValues(IReadOnlyList<string> values)
    {
        Option1 = values.Count > 0 ? values[0] : "";
        Option2 = values.Count > 1 ? values[1] : "";
        Option3 = values.Count > 2 ? values[2] : "";
    }
}

sealed class ProductConfiguration : IEntityTypeConfiguration<Product>
{
    public void Configure(EntityTypeBuilder<Product> b)
    {
        b.ToTable("Products", t =>
        {
            t.HasCheckConstraint("CK_Products_PriceRange", "\"MinPriceAmount\" > 0 AND \"MaxPriceAmount\" >= \"MinPriceAmount\"");
            t.HasCheckConstraint("CK_Products_OneCurrency", "\"MinPriceCurrency\" = \"MaxPriceCurrency\"");
        });
        b.HasKey(p => p.Id);
        b.Property(p => p.Title).HasMaxLength(Product.TitleMax).IsRequired();
        b.Property(p => p.Description).HasMaxLength(Product.DescriptionMax).IsRequired();
        b.ComplexProperty(p => p.MinPrice, m => m.IsMoney("MinPrice"));
        b.ComplexProperty(p => p.MaxPrice, m => m.IsMoney("MaxPrice"));
        // A shop's products newest first (all, or published only), and by section.
        b.HasIndex(p => new { p.ShopId, p.Status, p.Id });
        b.HasIndex(p => new { p.ShopId, p.SectionId, p.Id });
        // Fresh products across shops (home tab).
        b.HasIndex(p => new { p.Status, p.Id });
        b.HasOne<Shop>().WithMany().HasForeignKey(p => p.ShopId).OnDelete(DeleteBehavior.Cascade);
        // Deleting a section leaves its products in the shop, outside any section.
        b.HasOne<ShopSection>().WithMany().HasForeignKey(p => p.SectionId).OnDelete(DeleteBehavior.SetNull);
        b.HasOne<Category>().WithMany().HasForeignKey(p => p.CategoryId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(p => p.Photos).WithOne().HasForeignKey(p => p.ProductId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(p => p.Options).WithOne().HasForeignKey(o => o.ProductId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(p => p.Skus).WithOne().HasForeignKey(s => s.ProductId).OnDelete(DeleteBehavior.Cascade);
    }
}

sealed class ProductPhotoConfiguration : IEntityTypeConfiguration<ProductPhoto>
{
    public void Configure(EntityTypeBuilder<ProductPhoto> b)
    {
        b.ToTable("ProductPhotos");
        b.HasKey(p => new { p.ProductId, p.Position });
        b.HasIndex(p => new { p.ProductId, p.MediaId }).IsUnique();
        b.HasIndex(p => p.MediaId);
        b.HasOne<MediaAsset>().WithMany().HasForeignKey(p => p.MediaId).OnDelete(DeleteBehavior.Restrict);
    }
}

sealed class ProductOptionConfiguration : IEntityTypeConfiguration<ProductOption>
{
    public void Configure(EntityTypeBuilder<ProductOption> b)
    {
        b.ToTable("ProductOptions");
        b.HasKey(o => new { o.ProductId, o.Position });
        b.Property(o => o.Name).HasMaxLength(Product.OptionNameMax).IsRequired();
        b.PrimitiveCollection(o => o.Values).IsRequired();
    }
}

sealed class SkuConfiguration : IEntityTypeConfiguration<Sku>
{
    public void Configure(EntityTypeBuilder<Sku> b)
    {
        b.ToTable("Skus", t =>
        {
            t.HasCheckConstraint("CK_Skus_StockNotNegative", "\"Stock\" >= 0");
            t.HasCheckConstraint("CK_Skus_PricePositive", "\"PriceAmount\" > 0");
        });
        b.HasKey(s => s.Id);
        b.Property(s => s.Option1).HasMaxLength(Product.OptionValueMax).IsRequired();
        b.Property(s => s.Option2).HasMaxLength(Product.OptionValueMax).IsRequired();
        b.Property(s => s.Option3).HasMaxLength(Product.OptionValueMax).IsRequired();
        b.ComplexProperty(s => s.Price, m => m.IsMoney("Price"));
        b.Property(s => s.Code).HasMaxLength(Sku.CodeMax);
        // One active SKU per combination; retired ones keep their old values and stay out of the way.
        // The same filter text works on SQLite and PostgreSQL (both have partial indexes).
        b.HasIndex(s => new { s.ProductId, s.Option1, s.Option2, s.Option3 }).IsUnique().HasFilter("\"RetiredAt\" IS NULL");
        b.HasOne<MediaAsset>().WithMany().HasForeignKey(s => s.PhotoId).OnDelete(DeleteBehavior.SetNull);
    }
}
