using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Souk.Web.Common;
using Souk.Web.Data;

namespace Souk.Web.Modules.Wallet;

// Stored as integers: never renumber.
public enum PayoutState
{
    /// <summary>The money left the seller's Available for PayoutsPending; an operator's turn.</summary>
    Pending = 0,
    /// <summary>Paid out to the seller outside Souk (bank transfer): PayoutsPending → External.</summary>
    Paid = 1,
    /// <summary>Refused: the money went back to the seller's Available.</summary>
    Rejected = 2,
}

/// <summary>A seller's withdrawal of available funds. Pending → Paid or Rejected, once (conditional UPDATE on State = Pending).</summary>
public sealed class Payout
{
    public long Id { get; set; }
    public Guid UserId { get; set; }
    public Money Amount { get; set; }
    public PayoutState State { get; set; }
    /// <summary>Where the seller wants it paid (free text: bank and account, FPS id); shown to operators only.</summary>
    public string Destination { get; set; } = "";
    public DateTime RequestedAt { get; set; }
    public Guid? DecidedById { get; set; }
    public DateTime? DecidedAt { get; set; }
    /// <summary>The operator's payment reference, or why it was rejected.</summary>
    public string? DecisionNote { get; set; }
}

sealed class PayoutConfiguration : IEntityTypeConfiguration<Payout>
{
    public void Configure(EntityTypeBuilder<Payout> b)
    {
        b.ToTable("Payouts", t => t.HasCheckConstraint("CK_Payouts_AmountPositive", "\"AmountAmount\" > 0"));
        b.HasKey(p => p.Id);
        b.ComplexProperty(p => p.Amount, p => p.IsMoney("Amount"));
        b.Property(p => p.Destination).HasMaxLength(200).IsRequired();
        b.Property(p => p.DecisionNote).HasMaxLength(500);
        b.HasIndex(p => new { p.UserId, p.Id });
        b.HasIndex(p => new { p.State, p.Id });
        b.HasOne<Accounts.SoukUser>().WithMany().HasForeignKey(p => p.UserId).OnDelete(DeleteBehavior.Restrict);
    }
}
