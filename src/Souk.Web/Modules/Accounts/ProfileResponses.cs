using Souk.Web.Common;

namespace Souk.Web.Modules.Accounts;

public sealed record AvatarResponse(string Small, string Medium, string Large);

public sealed record UserSummary(Guid Id, string Handle, string DisplayName, AccountKind Kind, bool IsVerified, AvatarResponse? Avatar);

public sealed record UserProfile(
    Guid Id, string Handle, string DisplayName, string Bio, AccountKind Kind, bool IsVerified, AvatarResponse? Avatar,
    int FollowersCount, int FollowingCount, DateTime JoinedAt, bool? IsFollowing, string Url, string QrUrl);

public sealed record MeResponse(
    Guid Id, string Handle, string Email, string DisplayName, string Bio, AccountKind Kind, bool IsVerified,
    AvatarResponse? Avatar, int FollowersCount, int FollowingCount, string? Culture, bool IsOperator, bool ReserveOnAcceptedOffer)
{
    public static MeResponse From(SoukUser u, AvatarUrls avatars, bool isOperator = false) =>
        new(u.Id, u.Handle, u.Email ?? "", u.DisplayName, u.Bio, u.Kind, u.IsVerified, avatars.For(u.AvatarKey),
            u.FollowersCount, u.FollowingCount, u.PreferredCulture, isOperator, u.ReserveOnAcceptedOffer);
}

/// <summary>Turns a stored avatar key into the URLs of its renditions.</summary>
public sealed class AvatarUrls(IBlobStore blobs)
{
    public AvatarResponse? For(string? key)
    {
        if (key is null) return null;
        // Runs for every user on every profile and list: three strings, no dictionary.
        return new AvatarResponse(blobs.UrlFor($"{key}/small.webp"), blobs.UrlFor($"{key}/medium.webp"), blobs.UrlFor($"{key}/large.webp"));
    }
}
