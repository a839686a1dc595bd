using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;

namespace Souk.Web.Modules.Accounts;

public static partial class AccountRules
{
    public const int HandleMin = 3;
    public const int HandleMax = 30;
    public const int PasswordMin = 12;
    // ASVS allows 64+; a cap stops multi-megabyte passwords from being hashed 210,000 times.
    public const int PasswordMax = 128;
    public const string HandleCharacters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_";

    // Routes and words people would mistake for staff or for Souk itself.
    static readonly HashSet<string> ReservedHandles = new(StringComparer.OrdinalIgnoreCase)
    {
        "admin", "administrator", "api", "me", "souk", "support", "help", "operator", "staff", "root",
        "signin", "signup", "signout", "settings", "discover", "sell", "inbox", "official", "security", "null",
    };

    [GeneratedRegex("^[A-Za-z0-9_]{3,30}$")]
    private static partial Regex HandlePattern();

    /// <summary>Null when the handle is acceptable, otherwise why not.</summary>
    public static string? CheckHandle(string? handle)
    {
        if (string.IsNullOrWhiteSpace(handle)) return "Handle is required.";
        if (!HandlePattern().IsMatch(handle)) return $"Handle must be {HandleMin}–{HandleMax} letters, digits or underscores.";
        if (ReservedHandles.Contains(handle)) return "That handle is reserved.";
        return null;
    }

    public static string? CheckDisplayName(string? name)
    {
        if (string.IsNullOrWhiteSpace(name)) return "Display name is required.";
        if (name.Trim().Length > SoukUser.DisplayNameMax) return $"Display name must be at most {SoukUser.DisplayNameMax} characters.";
        if (name.Any(char.IsControl)) return "Display name cannot contain control characters.";
        return null;
    }

    public static string? CheckBio(string? bio) =>
        bio is not null && bio.Length > SoukUser.BioMax ? $"Bio must be at most {SoukUser.BioMax} characters." : null;

    public static string NormalizeHandle(string handle) => handle.ToUpperInvariant();
}

/// <summary>
/// Refuses the most common passwords and ones built from the account's own handle or email
/// (ASVS 5.0 V6.2.4 and V6.2.11). Length is Identity's RequiredLength; no composition rules (V6.2.5).
/// </summary>
public sealed class CommonPasswordValidator : IPasswordValidator<SoukUser>
{
    static readonly Lazy<HashSet<string>> Common = new(Load);

    public Task<IdentityResult> ValidateAsync(UserManager<SoukUser> manager, SoukUser user, string? password)
    {
        if (string.IsNullOrEmpty(password)) return Task.FromResult(IdentityResult.Success);
        if (password.Length > AccountRules.PasswordMax)
            return Task.FromResult(IdentityResult.Failed(new IdentityError { Code = "PasswordTooLong", Description = $"Passwords must be at most {AccountRules.PasswordMax} characters." }));
        var lower = password.ToLowerInvariant();
        if (Common.Value.Contains(lower))
            return Task.FromResult(IdentityResult.Failed(new IdentityError { Code = "PasswordTooCommon", Description = "This password is too common. Choose a less predictable one." }));
        var local = user.Email?.Split('@')[0];
        if ((user.UserName is { Length: >= 3 } h && lower.Contains(h, StringComparison.OrdinalIgnoreCase)) ||
            (local is { Length: >= 3 } && lower.Contains(local, StringComparison.OrdinalIgnoreCase)))
            return Task.FromResult(IdentityResult.Failed(new IdentityError { Code = "PasswordContainsIdentity", Description = "The password must not contain your handle or email." }));
        return Task.FromResult(IdentityResult.Success);
    }

    static HashSet<string> Load()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Souk.common-passwords.txt")
            ?? throw new InvalidOperationException("common-passwords.txt is not embedded.");
        using var reader = new StreamReader(stream);
        var set = new HashSet<string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            var entry = line.Trim();
            if (entry.Length > 0 && !entry.StartsWith('#')) set.Add(entry.ToLowerInvariant());
        }
        return set;
    }
}
