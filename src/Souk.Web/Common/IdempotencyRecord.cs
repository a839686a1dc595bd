using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Souk.Web.Common;

/// <summary>
/// The first answer to a money-moving or order-creating request with an Idempotency-Key header. A repeat with the same
/// key (same user, same operation) gets this answer again and moves nothing; the same key with a different body is 422.
/// The record is written in the same database transaction as the effect it remembers, so either both exist or neither.
/// </summary>
public sealed class IdempotencyRecord
{
    public Guid UserId { get; set; }
    /// <summary>The operation ("checkout", "wallet.redeem", "orders.confirm:17"): a key is only ever compared within one.</summary>
    public string Operation { get; set; } = "";
    public string Key { get; set; } = "";
    /// <summary>Lower-case hex SHA-256 of the request body (and route values) the key was first used with.</summary>
    public string RequestHash { get; set; } = "";
    public int StatusCode { get; set; }
    /// <summary>The JSON body of the first answer.</summary>
    public string ResponseJson { get; set; } = "";
    public DateTime CreatedAt { get; set; }
}

sealed class IdempotencyRecordConfiguration : IEntityTypeConfiguration<IdempotencyRecord>
{
    public const int KeyMax = 100;

    public void Configure(EntityTypeBuilder<IdempotencyRecord> b)
    {
        b.ToTable("IdempotencyRecords");
        b.HasKey(r => new { r.UserId, r.Operation, r.Key });
        b.Property(r => r.Operation).HasMaxLength(80);
        b.Property(r => r.Key).HasMaxLength(KeyMax);
        b.Property(r => r.RequestHash).HasMaxLength(64).IsRequired();
        b.HasIndex(r => r.CreatedAt);
        b.HasOne<Modules.Accounts.SoukUser>().WithMany().HasForeignKey(r => r.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
