using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Souk.Web.Modules.Accounts;

namespace Souk.Web.Modules.Chat;

/// <summary>
/// When a person's app last spoke to the chat hub (connect, heartbeat, any call). "Online" is a recent LastSeenAt, not a
/// connection count: counts drift when a node dies with connections open, a timestamp simply ages out. In the database,
/// not in a node's memory, so every node answers the same. Hidden from people the person has blocked.
/// </summary>
public sealed class UserPresence
{
    public Guid UserId { get; set; }
    public DateTime LastSeenAt { get; set; }
}

sealed class UserPresenceConfiguration : IEntityTypeConfiguration<UserPresence>
{
    public void Configure(EntityTypeBuilder<UserPresence> b)
    {
        b.ToTable("UserPresences");
        b.HasKey(p => p.UserId);
        b.HasOne<SoukUser>().WithMany().HasForeignKey(p => p.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
