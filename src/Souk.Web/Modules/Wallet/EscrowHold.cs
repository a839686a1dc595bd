using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Souk.Web.Common;
using Souk.Web.Data;

namespace Souk.Web.Modules.Wallet;

// Stored as integers: never renumber.
public enum EscrowHoldState
{
    /// <summary>The buyer's money is in escrow.</summary>
    Held = 0,
    /// <summary>Resolved: the seller got Amount − Refunded − Fee, the platform Fee, the buyer Refunded (0 for a plain release).</summary>
    Released = 1,
    /// <summary>Resolved: all of it went back to the buyer.</summary>
    Refunded = 2,
}

/// <summary>
/// The money of one order in escrow. It resolves exactly once: the move from Held to Released or Refunded is a conditional
/// UPDATE on State = Held in the same database transaction as the ledger entries, and the ledger transaction's unique key
/// ("release:hold:{id}" / "refund:hold:{id}") would refuse a second one anyway. Escrow's balance equals the sum of the
/// Held holds' amounts (`ledger verify`). A partial refund resolves the hold once, as a release with RefundedAmount > 0.
/// </summary>
public sealed class EscrowHold
{
    public long Id { get; set; }
    /// <summary>The order it pays for (unique): one hold per order.</summary>
    public long OrderId { get; set; }
    public Guid BuyerId { get; set; }
    public Guid SellerId { get; set; }
    public Money Amount { get; set; }
    public EscrowHoldState State { get; set; }
    /// <summary>How much went back to the buyer when it resolved; never more than Amount.</summary>
    public long RefundedAmount { get; set; }
    /// <summary>The platform fee taken when it was released.</summary>
    public long FeeAmount { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? ResolvedAt { get; set; }
}

sealed class EscrowHoldConfiguration : IEntityTypeConfiguration<EscrowHold>
{
    public void Configure(EntityTypeBuilder<EscrowHold> b)
    {
        b.ToTable("EscrowHolds", t =>
        {
            t.HasCheckConstraint("CK_EscrowHolds_AmountPositive", "\"AmountAmount\" > 0");
            t.HasCheckConstraint("CK_EscrowHolds_RefundWithinAmount", "\"RefundedAmount\" >= 0 AND \"RefundedAmount\" <= \"AmountAmount\"");
            t.HasCheckConstraint("CK_EscrowHolds_FeeWithinRest", "\"FeeAmount\" >= 0 AND \"FeeAmount\" <= \"AmountAmount\" - \"RefundedAmount\"");
        });
        b.HasKey(h => h.Id);
        b.ComplexProperty(h => h.Amount, p => p.IsMoney("Amount"));
        b.HasIndex(h => h.OrderId).IsUnique();
        b.HasIndex(h => h.State);
        // GET /wallet: what a person has held as a buyer and incoming as a seller, without scanning every open hold.
        b.HasIndex(h => new { h.BuyerId, h.State });
        b.HasIndex(h => new { h.SellerId, h.State });
        b.HasOne<Accounts.SoukUser>().WithMany().HasForeignKey(h => h.BuyerId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Accounts.SoukUser>().WithMany().HasForeignKey(h => h.SellerId).OnDelete(DeleteBehavior.Restrict);
    }
}
