using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Souk.Web.Data;
using Souk.Web.Modules.Accounts;

namespace Souk.Web.Modules.Catalog;

// Stored as integers: never renumber.
public enum SearchKind
{
    Listing = 0,
    Product = 1,
    /// <summary>A note (Modules/Notes): no price, condition or place; PriceAmount 0 and PriceCurrency "" (see <see cref="SearchIndex.NoteEntry"/>).</summary>
    Note = 2,
}

/// <summary>
/// One findable item (a listing, a shop product or a note) in the search index: everything a search filters, sorts and shows on a
/// card, so a search reads this table alone (plus the seller's handle and the cover's blob key for the page it returns).
/// Only visible items have a row: an active listing, a published product with an SKU in stock; every other
/// state removes the row, so sold listings never grow the full-text index.
/// <para>
/// The full-text structure is not part of the EF model; it is created by <see cref="SearchSql"/> from the migration and kept
/// in step by the database itself: on SQLite an external-content FTS5 table over <see cref="TitleTerms"/> and
/// <see cref="BodyTerms"/> maintained by triggers, on PostgreSQL a generated tsvector column with a GIN index. So EF writes,
/// raw upserts and the seeder's bulk loads all index alike.
/// </para>
/// </summary>
public sealed class SearchEntry
{
    public const int TitleMax = 200;

    /// <summary>The FTS5 rowid on SQLite. Kept across updates (the upsert updates in place), so cursors stay valid.</summary>
    public long Id { get; set; }
    public SearchKind Kind { get; set; }
    public long ItemId { get; set; }
    public Guid SellerId { get; set; }
    /// <summary>As shown on the card.</summary>
    public string Title { get; set; } = "";
    /// <summary>
    /// <see cref="SearchText.Terms"/> of the title: folded words and CJK bigrams, separated by spaces. Null while an entry
    /// written by SQL alone (the migration's backfill) waits for <see cref="SearchIndex.CompletePendingAsync"/>.
    /// </summary>
    public string? TitleTerms { get; set; }
    public string? BodyTerms { get; set; }
    /// <summary>The item's own category; a filter on a category matches its descendants (the tree is in memory).</summary>
    public int? CategoryId { get; set; }
    /// <summary>A listing's price; a product's lowest SKU price. Plain columns (not a complex property) so they can be indexed.</summary>
    public long PriceAmount { get; set; }
    public string PriceCurrency { get; set; } = "";
    public ListingCondition? Condition { get; set; }
    public string? District { get; set; }
    /// <summary>Already rounded to about 1 km (see <see cref="Listing.RoundCoordinate"/>).</summary>
    public double? Latitude { get; set; }
    public double? Longitude { get; set; }
    public Guid? CoverMediaId { get; set; }
    public DateTime CreatedAt { get; set; }
}

sealed class SearchEntryConfiguration : IEntityTypeConfiguration<SearchEntry>
{
    public void Configure(EntityTypeBuilder<SearchEntry> b)
    {
        b.ToTable("SearchEntries");
        b.HasKey(e => e.Id);
        b.Property(e => e.Title).HasMaxLength(SearchEntry.TitleMax).IsRequired();
        b.Property(e => e.District).HasMaxLength(Listing.DistrictMax);
        b.Property(e => e.PriceCurrency).HasMaxLength(MoneyMapping.CurrencyLength).IsRequired();
        b.HasIndex(e => new { e.Kind, e.ItemId }).IsUnique();
        // Browsing newest first with any filter: scanned newest first, every filter column in the index, no table lookups
        // (SearchReader forces it on SQLite when the filters match many items). Its name is used as an SQLite index hint.
        b.HasIndex(e => new { e.CreatedAt, e.Id, e.CategoryId, e.PriceCurrency, e.PriceAmount, e.Condition, e.Kind, e.Latitude, e.Longitude })
            .HasDatabaseName(SearchReader.BrowseIndex);
        // Filters that match few items, each covering its facet count (the category) and its sort: a category newest first,
        // prices in one currency by price, and a latitude band (near) with the longitude for the distance.
        b.HasIndex(e => new { e.CategoryId, e.CreatedAt, e.Id });
        b.HasIndex(e => new { e.PriceCurrency, e.PriceAmount, e.Id, e.CategoryId });
        b.HasIndex(e => new { e.Latitude, e.Longitude, e.CategoryId });
        // Entries waiting for their terms (see TitleTerms): empty except right after the migration's backfill.
        b.HasIndex(e => e.Id).HasDatabaseName("IX_SearchEntries_Pending").HasFilter("\"TitleTerms\" IS NULL");
        // A seller who goes takes their entries along.
        b.HasOne<SoukUser>().WithMany().HasForeignKey(e => e.SellerId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Category>().WithMany().HasForeignKey(e => e.CategoryId).OnDelete(DeleteBehavior.Restrict);
    }
}
