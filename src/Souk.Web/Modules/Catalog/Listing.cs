using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Souk.Web.Common;
using Souk.Web.Data;
using Souk.Web.Modules.Accounts;

namespace Souk.Web.Modules.Catalog;

// Stored as integers: the values are fixed, never renumber them.
public enum ListingCondition
{
    New = 0,
    LikeNew = 1,
    Good = 2,
    Fair = 3,
    ForParts = 4,
}

public enum ListingState
{
    Active = 0,
    Reserved = 1,
    Sold = 2,
    Hidden = 3,
    Removed = 4,
}

/// <summary>
/// A second-hand item for sale (C2C). The id is a sequential long: short share links (/l/123) and the keyset
/// cursor of every listing page. Coordinates are rounded to 2 decimals (about 1 km) before they are stored;
/// exact ones never reach the database.
/// </summary>
public sealed class Listing
{
    public const int TitleMax = 80;
    public const int DescriptionMax = 4000;
    public const int PlaceMax = 100;
    public const int DistrictMax = 80;
    public const int PhotosMax = 10;

    public long Id { get; set; }
    public Guid SellerId { get; set; }
    public string Title { get; set; } = "";
    /// <summary>Trimmed and upper-cased title, for the duplicate guard (SQLite's upper() knows only ASCII).</summary>
    public string NormalizedTitle { get; set; } = "";
    public string Description { get; set; } = "";
    public Money Price { get; set; }
    public ListingCondition Condition { get; set; }
    public int CategoryId { get; set; }
    public bool MeetUp { get; set; }
    public string? MeetUpPlace { get; set; }
    /// <summary>Null when the seller does not ship; 0 is free shipping. Always in the price's currency.</summary>
    public long? ShippingFeeAmount { get; set; }
    public string? ShippingFeeCurrency { get; set; }
    public string District { get; set; } = "";
    public double Latitude { get; set; }
    public double Longitude { get; set; }
    public ListingState State { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public int SavesCount { get; set; }
    /// <summary>In display order (Position 0 is the cover).</summary>
    public List<ListingPhoto> Photos { get; set; } = [];

    public Money? ShippingFee => ShippingFeeAmount is { } fee && ShippingFeeCurrency is { } currency ? new Money(fee, currency) : null;

    public static string NormalizeTitle(string title) => title.Trim().ToUpperInvariant();

    /// <summary>About 1 km: the most precision a listing's location ever has.</summary>
    public static double RoundCoordinate(double value) => Math.Round(value, 2, MidpointRounding.AwayFromZero);
}

/// <summary>A photo of a listing at a position (0 = cover). A media asset may appear in several listings.</summary>
public sealed class ListingPhoto
{
    public long ListingId { get; set; }
    public int Position { get; set; }
    public Guid MediaId { get; set; }
}

sealed class ListingConfiguration : IEntityTypeConfiguration<Listing>
{
    public void Configure(EntityTypeBuilder<Listing> b)
    {
        b.ToTable("Listings", t =>
        {
            t.HasCheckConstraint("CK_Listings_PricePositive", "\"PriceAmount\" > 0");
            t.HasCheckConstraint("CK_Listings_Delivery", "\"MeetUp\" OR \"ShippingFeeAmount\" IS NOT NULL");
            t.HasCheckConstraint("CK_Listings_ShippingFee", "(\"ShippingFeeAmount\" IS NULL) = (\"ShippingFeeCurrency\" IS NULL)");
        });
        b.HasKey(l => l.Id);
        b.Property(l => l.Title).HasMaxLength(Listing.TitleMax).IsRequired();
        b.Property(l => l.NormalizedTitle).HasMaxLength(Listing.TitleMax).IsRequired();
        b.Property(l => l.Description).HasMaxLength(Listing.DescriptionMax).IsRequired();
        b.ComplexProperty(l => l.Price, p => p.IsMoney("Price"));
        b.Property(l => l.MeetUpPlace).HasMaxLength(Listing.PlaceMax);
        b.Property(l => l.ShippingFeeCurrency).HasMaxLength(MoneyMapping.CurrencyLength);
        b.Property(l => l.District).HasMaxLength(Listing.DistrictMax).IsRequired();
        b.Ignore(l => l.ShippingFee);
        // A seller's listings, newest first; also serves the duplicate guard's (seller, title) lookup.
        b.HasIndex(l => new { l.SellerId, l.Id });
        b.HasIndex(l => new { l.SellerId, l.NormalizedTitle });
        // Fresh listings in a category.
        b.HasIndex(l => new { l.CategoryId, l.State, l.Id });
        b.HasIndex(l => new { l.State, l.Id });
        b.HasOne<SoukUser>().WithMany().HasForeignKey(l => l.SellerId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Category>().WithMany().HasForeignKey(l => l.CategoryId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(l => l.Photos).WithOne().HasForeignKey(p => p.ListingId).OnDelete(DeleteBehavior.Cascade);
    }
}

sealed class ListingPhotoConfiguration : IEntityTypeConfiguration<ListingPhoto>
{
    public void Configure(EntityTypeBuilder<ListingPhoto> b)
    {
        b.ToTable("ListingPhotos");
        b.HasKey(p => new { p.ListingId, p.Position });
        b.HasIndex(p => new { p.ListingId, p.MediaId }).IsUnique();
        b.HasIndex(p => p.MediaId);
        b.HasOne<MediaAsset>().WithMany().HasForeignKey(p => p.MediaId).OnDelete(DeleteBehavior.Restrict);
    }
}

/// <summary>A "save" (like) of a listing. The sequential id is the keyset cursor of the saved-items list.</summary>
public sealed class ListingSave
{
    public long Id { get; set; }
    public Guid UserId { get; set; }
    public long ListingId { get; set; }
    public DateTime CreatedAt { get; set; }
}

sealed class ListingSaveConfiguration : IEntityTypeConfiguration<ListingSave>
{
    public void Configure(EntityTypeBuilder<ListingSave> b)
    {
        b.ToTable("ListingSaves");
        b.HasKey(s => s.Id);
        b.HasIndex(s => new { s.UserId, s.ListingId }).IsUnique();
        b.HasIndex(s => new { s.UserId, s.Id });
        b.HasIndex(s => s.ListingId);
        b.HasOne<SoukUser>().WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Listing>().WithMany().HasForeignKey(s => s.ListingId).OnDelete(DeleteBehavior.Cascade);
    }
}
