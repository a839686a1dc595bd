using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Souk.Web.Modules.Wallet;

// Stored as integers: never renumber.
public enum LedgerTransactionKind
{
    /// <summary>A prepaid voucher redeemed: External → the user's Available.</summary>
    VoucherTopUp = 0,
    /// <summary>A buyer pays for an order: the buyer's Available → Escrow.</summary>
    EscrowHold = 1,
    /// <summary>An order completes: Escrow → the seller's Available and the platform fee → PlatformFees.</summary>
    EscrowRelease = 2,
    /// <summary>All or part of a hold goes back: Escrow → the buyer's Available.</summary>
    EscrowRefund = 3,
    /// <summary>A seller asks to withdraw: the seller's Available → PayoutsPending.</summary>
    PayoutRequested = 4,
    /// <summary>An operator paid it out: PayoutsPending → External.</summary>
    PayoutPaid = 5,
    /// <summary>An operator refused it: PayoutsPending → the seller's Available.</summary>
    PayoutReturned = 6,
    /// <summary>An operator's correction, always a new transaction (entries are never changed).</summary>
    Correction = 7,
}

/// <summary>
/// A balanced set of entries (their amounts sum to zero), written once and never changed; a mistake is corrected by a new
/// transaction. <see cref="UniqueKey"/> is unique and names the business event ("hold:order:17", "release:hold:5",
/// "voucher:42"), so the same event can never move money twice, even when two requests race: the second insert fails
/// and its whole database transaction rolls back.
/// </summary>
public sealed class LedgerTransaction
{
    public long Id { get; set; }
    public LedgerTransactionKind Kind { get; set; }
    public string UniqueKey { get; set; } = "";
    public string Currency { get; set; } = "";
    /// <summary>The hold this transaction opens, releases or refunds, if any.</summary>
    public long? HoldId { get; set; }
    /// <summary>Who caused it (the buyer, the seller, an operator); null for the sweeper.</summary>
    public Guid? ActorId { get; set; }
    public string? Memo { get; set; }
    public DateTime CreatedAt { get; set; }
    public List<LedgerEntry> Entries { get; set; } = [];
}

/// <summary>One side of a transaction: a signed amount in minor units added to one account (positive raises its balance).</summary>
public sealed class LedgerEntry
{
    public long Id { get; set; }
    public long TransactionId { get; set; }
    public long AccountId { get; set; }
    public long Amount { get; set; }
    /// <summary>The account's balance right after this entry: a statement line without summing the history.</summary>
    public long BalanceAfter { get; set; }
}

sealed class LedgerTransactionConfiguration : IEntityTypeConfiguration<LedgerTransaction>
{
    public void Configure(EntityTypeBuilder<LedgerTransaction> b)
    {
        b.ToTable("LedgerTransactions");
        b.HasKey(t => t.Id);
        b.Property(t => t.UniqueKey).HasMaxLength(120).IsRequired();
        b.HasIndex(t => t.UniqueKey).IsUnique();
        b.Property(t => t.Currency).HasMaxLength(3).IsRequired();
        b.Property(t => t.Memo).HasMaxLength(500);
        b.HasIndex(t => t.HoldId);
        b.HasMany(t => t.Entries).WithOne().HasForeignKey(e => e.TransactionId).OnDelete(DeleteBehavior.Restrict);
    }
}

sealed class LedgerEntryConfiguration : IEntityTypeConfiguration<LedgerEntry>
{
    public void Configure(EntityTypeBuilder<LedgerEntry> b)
    {
        b.ToTable("LedgerEntries", t => t.HasCheckConstraint("CK_LedgerEntries_NotZero", "\"Amount\" <> 0"));
        b.HasKey(e => e.Id);
        // An account's statement, newest first, by keyset on Id.
        b.HasIndex(e => new { e.AccountId, e.Id });
        b.HasIndex(e => e.TransactionId);
        b.HasOne<LedgerAccount>().WithMany().HasForeignKey(e => e.AccountId).OnDelete(DeleteBehavior.Restrict);
    }
}
