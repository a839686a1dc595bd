using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Souk.Web.Modules.Accounts;

public enum SessionKind
{
    Browser = 0,
    Api = 1,
}

/// <summary>
/// A server-side record of each sign-in. Cookies and bearer tokens carry its id; a session that is
/// revoked (sign-out, password change) stops working at once on every node, which a self-contained
/// cookie or token alone cannot do (OWASP ASVS 5.0, V7).
/// </summary>
public sealed class UserSession
{
    public Guid Id { get; set; }
    public Guid UserId { get; set; }
    public SessionKind Kind { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? RevokedAt { get; set; }
    public string? UserAgent { get; set; }
}

sealed class UserSessionConfiguration : IEntityTypeConfiguration<UserSession>
{
    public void Configure(EntityTypeBuilder<UserSession> b)
    {
        b.HasKey(s => s.Id);
        b.Property(s => s.UserAgent).HasMaxLength(300);
        b.HasIndex(s => new { s.UserId, s.RevokedAt });
        b.HasOne<SoukUser>().WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
