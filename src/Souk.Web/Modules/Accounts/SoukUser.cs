using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Souk.Web.Modules.Accounts;

public enum AccountKind
{
    Personal = 0,
    Seller = 1,
    Brand = 2,
    Creator = 3,
}

/// <summary>A person, shop owner, brand or creator. The Identity UserName is the @handle (case-insensitive via NormalizedUserName).</summary>
public sealed class SoukUser : IdentityUser<Guid>
{
    public const int DisplayNameMax = 50;
    public const int BioMax = 500;

    public string DisplayName { get; set; } = "";
    public string Bio { get; set; } = "";
    public AccountKind Kind { get; set; }
    /// <summary>Granted only by an operator: brand official accounts and notable people.</summary>
    public bool IsVerified { get; set; }
    /// <summary>Blob key prefix of the avatar renditions, null until one is uploaded.</summary>
    public string? AvatarKey { get; set; }
    public string? PreferredCulture { get; set; }
    public int FollowersCount { get; set; }
    public int FollowingCount { get; set; }
    /// <summary>Seller setting: accepting an offer on a listing marks it reserved (Carousell's default). Off keeps it on sale.</summary>
    public bool ReserveOnAcceptedOffer { get; set; } = true;
    public DateTime CreatedAt { get; set; }

    public string Handle => UserName ?? "";
}

sealed class SoukUserConfiguration : IEntityTypeConfiguration<SoukUser>
{
    public void Configure(EntityTypeBuilder<SoukUser> b)
    {
        b.Property(u => u.UserName).HasMaxLength(AccountRules.HandleMax);
        b.Property(u => u.NormalizedUserName).HasMaxLength(AccountRules.HandleMax);
        b.Property(u => u.DisplayName).HasMaxLength(SoukUser.DisplayNameMax).IsRequired();
        b.Property(u => u.Bio).HasMaxLength(SoukUser.BioMax).IsRequired();
        b.Property(u => u.AvatarKey).HasMaxLength(200);
        b.Property(u => u.PreferredCulture).HasMaxLength(16);
        b.Ignore(u => u.Handle);
        b.HasIndex(u => u.CreatedAt);
        // Identity's email index is not unique; one account per email is a rule here, so the database enforces it.
        b.HasIndex(u => u.NormalizedEmail).HasDatabaseName("EmailIndex").IsUnique();
    }
}
