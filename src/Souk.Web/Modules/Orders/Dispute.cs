using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Souk.Web.Modules.Accounts;

namespace Souk.Web.Modules.Orders;

// Stored as integers: never renumber.
public enum DisputeReason
{
    NotReceived = 0,
    NotAsDescribed = 1,
    Damaged = 2,
    Counterfeit = 3,
    Other = 4,
}

// Stored as integers: never renumber.
public enum DisputeState
{
    /// <summary>Between buyer and seller: the seller may refund all or part.</summary>
    Open = 0,
    /// <summary>Either side asked an operator to decide.</summary>
    Escalated = 1,
    Resolved = 2,
}

/// <summary>
/// A buyer's dispute of an order before its money was released (one per order). The money stays held; it ends when the
/// seller refunds (in full or in part) or an operator decides, and the refund goes back through the ledger.
/// </summary>
public sealed class Dispute
{
    public long Id { get; set; }
    public long OrderId { get; set; }
    public Guid OpenedById { get; set; }
    public DisputeReason Reason { get; set; }
    public string Details { get; set; } = "";
    /// <summary>Media ids of the buyer's evidence photos (same pipeline as listings), at most 6.</summary>
    public List<Guid> PhotoIds { get; set; } = [];
    public DisputeState State { get; set; }
    /// <summary>The order state it interrupted: a dispute resolved with no refund puts the order back on its way.</summary>
    public OrderState OrderStateBefore { get; set; }
    public Guid? EscalatedById { get; set; }
    public DateTime? EscalatedAt { get; set; }
    /// <summary>How much went back to the buyer (0 … the order total) when it was resolved.</summary>
    public long? RefundAmount { get; set; }
    public Guid? ResolvedById { get; set; }
    public string? ResolutionNote { get; set; }
    public DateTime OpenedAt { get; set; }
    public DateTime? ResolvedAt { get; set; }
}

sealed class DisputeConfiguration : IEntityTypeConfiguration<Dispute>
{
    public void Configure(EntityTypeBuilder<Dispute> b)
    {
        b.ToTable("Disputes", t => t.HasCheckConstraint("CK_Disputes_RefundNotNegative", "\"RefundAmount\" IS NULL OR \"RefundAmount\" >= 0"));
        b.HasKey(d => d.Id);
        b.Property(d => d.Details).HasMaxLength(2000).IsRequired();
        b.Property(d => d.ResolutionNote).HasMaxLength(1000);
        b.HasIndex(d => d.OrderId).IsUnique();
        b.HasIndex(d => new { d.State, d.Id });
        b.HasOne<Order>().WithMany().HasForeignKey(d => d.OrderId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<SoukUser>().WithMany().HasForeignKey(d => d.OpenedById).OnDelete(DeleteBehavior.Restrict);
    }
}
