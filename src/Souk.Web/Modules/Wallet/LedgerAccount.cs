using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Souk.Web.Modules.Wallet;

// Stored as integers: never renumber.
public enum LedgerAccountKind
{
    /// <summary>A user's spendable money in one currency (what the wallet page shows).</summary>
    Available = 0,
    /// <summary>The platform's escrow in one currency: buyers' money held for open orders (one <see cref="EscrowHold"/> each).</summary>
    Escrow = 1,
    /// <summary>Platform fees earned on released orders.</summary>
    PlatformFees = 2,
    /// <summary>Sellers' withdrawals waiting for an operator to pay them out.</summary>
    PayoutsPending = 3,
    /// <summary>
    /// The contra account of prepaid vouchers: money the shop that sold the voucher collected outside Souk. It is the one
    /// account that goes below zero (its negative balance is the money Souk owes voucher holders; paid-out payouts add to it).
    /// </summary>
    External = 4,
}

/// <summary>
/// One account of the double-entry ledger. <see cref="Balance"/> is the running sum of its entries, kept in the same
/// transaction as every entry by one conditional UPDATE (which is also what keeps it from going below zero under any
/// concurrency); `ledger verify` proves the two agree. Key is unique and names the account: "available:{user}:HKD",
/// "escrow:HKD", "fees:HKD", "payouts:HKD", "external:HKD".
/// </summary>
public sealed class LedgerAccount
{
    public long Id { get; set; }
    public string Key { get; set; } = "";
    public LedgerAccountKind Kind { get; set; }
    /// <summary>The user of an Available account; null for the platform's accounts.</summary>
    public Guid? OwnerId { get; set; }
    public string Currency { get; set; } = "";
    public long Balance { get; set; }
    public DateTime CreatedAt { get; set; }

    public static string KeyFor(LedgerAccountKind kind, Guid? owner, string currency) => kind switch
    {
        LedgerAccountKind.Available => $"available:{owner ?? throw new ArgumentNullException(nameof(owner))}:{currency}",
        LedgerAccountKind.Escrow => $"escrow:{currency}",
        LedgerAccountKind.PlatformFees => $"fees:{currency}",
        LedgerAccountKind.PayoutsPending => $"payouts:{currency}",
        LedgerAccountKind.External => $"external:{currency}",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    /// <summary>Only the External account may be negative (see <see cref="LedgerAccountKind.External"/>).</summary>
    public static bool MayGoNegative(LedgerAccountKind kind) => kind == LedgerAccountKind.External;
}

sealed class LedgerAccountConfiguration : IEntityTypeConfiguration<LedgerAccount>
{
    public void Configure(EntityTypeBuilder<LedgerAccount> b)
    {
        // The database refuses a negative balance too, whatever code path tries it (External = 4 is the exception).
        b.ToTable("LedgerAccounts", t => t.HasCheckConstraint("CK_LedgerAccounts_NotNegative", "\"Kind\" = 4 OR \"Balance\" >= 0"));
        b.HasKey(a => a.Id);
        b.Property(a => a.Key).HasMaxLength(80).IsRequired();
        b.HasIndex(a => a.Key).IsUnique();
        b.Property(a => a.Currency).HasMaxLength(3).IsRequired();
        b.HasIndex(a => new { a.OwnerId, a.Currency });
        b.HasOne<Accounts.SoukUser>().WithMany().HasForeignKey(a => a.OwnerId).OnDelete(DeleteBehavior.Restrict);
    }
}
