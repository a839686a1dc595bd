using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Souk.Web.Modules.Accounts;

/// <summary>
/// One person blocking another. It lives with accounts, not chat, because more than chat honours it: the blocked person
/// cannot message the blocker or see their online state, and later cannot join their group-buy teams.
/// </summary>
public sealed class UserBlock
{
    public Guid BlockerId { get; set; }
    public Guid BlockedId { get; set; }
    public DateTime CreatedAt { get; set; }
}

sealed class UserBlockConfiguration : IEntityTypeConfiguration<UserBlock>
{
    public void Configure(EntityTypeBuilder<UserBlock> b)
    {
        b.ToTable("UserBlocks", t => t.HasCheckConstraint("CK_UserBlocks_NotSelf", "\"BlockerId\" <> \"BlockedId\""));
        b.HasKey(x => new { x.BlockerId, x.BlockedId });
        // "Has anyone in this conversation blocked me?" looks up by the blocked side.
        b.HasIndex(x => new { x.BlockedId, x.BlockerId });
        b.HasOne<SoukUser>().WithMany().HasForeignKey(x => x.BlockerId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<SoukUser>().WithMany().HasForeignKey(x => x.BlockedId).OnDelete(DeleteBehavior.Cascade);
    }
}
