using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Souk.Web.Modules.Catalog;

// Stored as integers: never renumber. 10 and up are left for the orders module (sale, cancelled sale, refund, …).
public enum StockReason
{
    /// <summary>The stock a SKU was created with.</summary>
    Initial = 0,
    /// <summary>The seller set or moved the stock by hand.</summary>
    Adjustment = 1,
    /// <summary>The SKU left the product (its options changed); what it still held is written off.</summary>
    Retired = 2,
    /// <summary>Taken by a paid order (Orders), in the same transaction as the escrow hold.</summary>
    Sale = 10,
    /// <summary>Put back when a paid order was cancelled or refunded before shipping.</summary>
    SaleCancelled = 11,
}

/// <summary>
/// One change of a SKU's stock: the append-only log every stock change writes in the same transaction as the change, so
/// the sum of a SKU's deltas is its stock and StockAfter shows the running balance.
/// </summary>
public sealed class StockMovement
{
    public long Id { get; set; }
    public long SkuId { get; set; }
    public int Delta { get; set; }
    public int StockAfter { get; set; }
    public StockReason Reason { get; set; }
    /// <summary>Who caused it (the seller; later the buyer of an order); null for the system. No foreign key: the log outlives accounts.</summary>
    public Guid? ActorId { get; set; }
    public DateTime At { get; set; }
}

sealed class StockMovementConfiguration : IEntityTypeConfiguration<StockMovement>
{
    public void Configure(EntityTypeBuilder<StockMovement> b)
    {
        b.ToTable("StockMovements", t => t.HasCheckConstraint("CK_StockMovements_StockAfter", "\"StockAfter\" >= 0"));
        b.HasKey(m => m.Id);
        b.HasIndex(m => new { m.SkuId, m.Id });
        b.HasOne<Sku>().WithMany().HasForeignKey(m => m.SkuId).OnDelete(DeleteBehavior.Cascade);
    }
}
