using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Souk.Web.Common;
using Souk.Web.Data;

namespace Souk.Web.Modules.Wallet;

/// <summary>A batch of prepaid voucher codes an operator created (to print or hand to a convenience-store chain).</summary>
public sealed class VoucherBatch
{
    public long Id { get; set; }
    public Money Amount { get; set; }
    public int Count { get; set; }
    public DateTime ExpiresAt { get; set; }
    public Guid CreatedById { get; set; }
    public DateTime CreatedAt { get; set; }
}

/// <summary>
/// One prepaid code. Only a SHA-256 hash of the code is stored: the codes are shown to the operator once, when the batch is
/// created, and a copy of the database cannot be redeemed. Redeeming is a conditional UPDATE on RedeemedAt IS NULL, in the
/// same transaction as the top-up, so a code pays out once however many people type it at the same moment.
/// </summary>
public sealed class Voucher
{
    public long Id { get; set; }
    public long BatchId { get; set; }
    /// <summary>Lower-case hex SHA-256 of the normalised code (upper case, no separators).</summary>
    public string CodeHash { get; set; } = "";
    public Money Amount { get; set; }
    public DateTime ExpiresAt { get; set; }
    public Guid? RedeemedById { get; set; }
    public DateTime? RedeemedAt { get; set; }
    public long? TransactionId { get; set; }
}

sealed class VoucherBatchConfiguration : IEntityTypeConfiguration<VoucherBatch>
{
    public void Configure(EntityTypeBuilder<VoucherBatch> b)
    {
        b.ToTable("VoucherBatches", t => t.HasCheckConstraint("CK_VoucherBatches_AmountPositive", "\"AmountAmount\" > 0"));
        b.HasKey(v => v.Id);
        b.ComplexProperty(v => v.Amount, p => p.IsMoney("Amount"));
        b.HasOne<Accounts.SoukUser>().WithMany().HasForeignKey(v => v.CreatedById).OnDelete(DeleteBehavior.Restrict);
    }
}

sealed class VoucherConfiguration : IEntityTypeConfiguration<Voucher>
{
    public void Configure(EntityTypeBuilder<Voucher> b)
    {
        b.ToTable("Vouchers", t => t.HasCheckConstraint("CK_Vouchers_AmountPositive", "\"AmountAmount\" > 0"));
        b.HasKey(v => v.Id);
        b.Property(v => v.CodeHash).HasMaxLength(64).IsRequired();
        b.HasIndex(v => v.CodeHash).IsUnique();
        b.HasIndex(v => v.BatchId);
        b.ComplexProperty(v => v.Amount, p => p.IsMoney("Amount"));
        b.HasOne<VoucherBatch>().WithMany().HasForeignKey(v => v.BatchId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Accounts.SoukUser>().WithMany().HasForeignKey(v => v.RedeemedById).OnDelete(DeleteBehavior.Restrict);
    }
}
