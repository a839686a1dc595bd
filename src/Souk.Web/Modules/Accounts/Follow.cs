using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Souk.Web.Modules.Accounts;

/// <summary>An edge of the follow graph. The sequential Id is the keyset cursor for follower lists.</summary>
public sealed class Follow
{
    public long Id { get; set; }
    public Guid FollowerId { get; set; }
    public Guid FolloweeId { get; set; }
    public DateTime CreatedAt { get; set; }
}

sealed class FollowConfiguration : IEntityTypeConfiguration<Follow>
{
    public void Configure(EntityTypeBuilder<Follow> b)
    {
        b.HasKey(f => f.Id);
        b.HasIndex(f => new { f.FollowerId, f.FolloweeId }).IsUnique();
        b.HasIndex(f => new { f.FolloweeId, f.Id });
        b.HasOne<SoukUser>().WithMany().HasForeignKey(f => f.FollowerId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<SoukUser>().WithMany().HasForeignKey(f => f.FolloweeId).OnDelete(DeleteBehavior.Cascade);
        b.ToTable(t => t.HasCheckConstraint("CK_Follows_NotSelf", "\"FollowerId\" <> \"FolloweeId\""));
    }
}
