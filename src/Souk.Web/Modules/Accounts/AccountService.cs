using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Souk.Web.Common;
using Souk.Web.Data;

namespace Souk.Web.Modules.Accounts;

public sealed record FieldConflict(string Field, string Message);

public sealed record RegisterResult(SoukUser? User, Dictionary<string, string[]>? Errors, FieldConflict? Conflict);

/// <summary>Errors (400) or a conflict (409); both null when the change was saved.</summary>
public sealed record ProfileUpdate(Dictionary<string, string[]>? Errors, FieldConflict? Conflict)
{
    public bool Saved => Errors is null && Conflict is null;
}

/// <summary>The account rules shared by the API and the pages, so both answer the same way.</summary>
public sealed class AccountService(UserManager<SoukUser> users, SoukDb db, TimeProvider clock, AvatarUrls avatars, Sessions sessions, ProfileCache profiles, ILogger<AccountService> log)
{
    public AvatarUrls Avatars => avatars;

    public async Task<RegisterResult> RegisterAsync(string email, string password, string handle, string displayName, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (AccountRules.CheckHandle(handle) is { } handleError) errors["handle"] = [handleError];
        if (AccountRules.CheckDisplayName(displayName) is { } nameError) errors["displayName"] = [nameError];
        if (string.IsNullOrWhiteSpace(email) || !new System.ComponentModel.DataAnnotations.EmailAddressAttribute().IsValid(email) || email.Length > 254)
            errors["email"] = ["A valid email address is required."];
        // Password rules run up front too, so one answer lists every field that needs fixing.
        var candidate = new SoukUser { UserName = handle, Email = email };
        var passwordErrors = new List<string>();
        if (string.IsNullOrEmpty(password)) passwordErrors.Add("Password is required.");
        else foreach (var validator in users.PasswordValidators)
        {
            var check = await validator.ValidateAsync(users, candidate, password);
            passwordErrors.AddRange(check.Errors.Select(e => e.Description));
        }
        if (passwordErrors.Count > 0) errors["password"] = [.. passwordErrors.Distinct()];
        if (errors.Count > 0) return new(null, errors, null);

        var normalizedHandle = AccountRules.NormalizeHandle(handle);
        if (await db.Users.AnyAsync(u => u.NormalizedUserName == normalizedHandle, ct))
            return new(null, null, new("handle", "That handle is taken."));
        var normalizedEmail = users.NormalizeEmail(email.Trim());
        if (await db.Users.AnyAsync(u => u.NormalizedEmail == normalizedEmail, ct))
            return new(null, null, new("email", "An account with that email already exists."));

        var user = new SoukUser
        {
            Id = Guid.CreateVersion7(),
            UserName = handle,
            Email = email.Trim(),
            DisplayName = displayName.Trim(),
            CreatedAt = clock.GetUtcNow().UtcDateTime,
            LockoutEnabled = true,
        };
        IdentityResult created;
        try
        {
            created = await users.CreateAsync(user, password);
        }
        catch (DbUpdateException ex)
        {
            // Lost a race with a concurrent sign-up on the unique handle or email index.
            log.LogInformation(ex, "Concurrent registration for {Handle}", handle);
            return new(null, null, new("handle", "That handle or email is already taken."));
        }
        if (created.Succeeded)
        {
            await profiles.ForgetAsync(user.NormalizedUserName);
            return new(user, null, null);
        }
        return FromIdentityErrors(created);
    }

    static RegisterResult FromIdentityErrors(IdentityResult result)
    {
        foreach (var e in result.Errors)
        {
            if (e.Code == nameof(IdentityErrorDescriber.DuplicateUserName)) return new(null, null, new("handle", "That handle is taken."));
            if (e.Code == nameof(IdentityErrorDescriber.DuplicateEmail)) return new(null, null, new("email", "An account with that email already exists."));
        }
        return new(null, IdentityErrorsByField(result), null);
    }

    /// <summary>Validates every field first, then saves them all, so a bad field changes nothing.</summary>
    public async Task<ProfileUpdate> UpdateProfileAsync(SoukUser user, UpdateMeRequest req)
    {
        var errors = new Dictionary<string, string[]>();
        if (req.DisplayName is not null && AccountRules.CheckDisplayName(req.DisplayName) is { } n) errors["displayName"] = [n];
        if (AccountRules.CheckBio(req.Bio) is { } b) errors["bio"] = [b];
        if (req.Handle is not null && AccountRules.CheckHandle(req.Handle) is { } h) errors["handle"] = [h];
        if (req.Kind is { } k && !Enum.IsDefined(k)) errors["kind"] = ["Unknown account kind."];
        if (req.Culture is not null && !Localization.IsSupported(req.Culture)) errors["culture"] = [$"Supported languages: {string.Join(", ", Localization.CultureNames)}."];
        if (errors.Count > 0) return new(errors, null);

        var taken = new FieldConflict("handle", "That handle is taken.");
        var previousHandle = user.NormalizedUserName;
        if (req.Handle is not null && !string.Equals(req.Handle, user.UserName, StringComparison.Ordinal))
        {
            var owner = await users.FindByNameAsync(req.Handle);
            if (owner is not null && owner.Id != user.Id) return new(null, taken);
            user.UserName = req.Handle;
        }
        if (req.DisplayName is not null) user.DisplayName = req.DisplayName.Trim();
        if (req.Bio is not null) user.Bio = req.Bio.Trim();
        if (req.Kind is { } kind) user.Kind = kind;
        if (req.ReserveOnAcceptedOffer is { } reserve) user.ReserveOnAcceptedOffer = reserve;
        if (req.Culture is not null) user.PreferredCulture = System.Globalization.CultureInfo.GetCultureInfo(req.Culture).Name;
        var result = await users.UpdateAsync(user);
        if (result.Succeeded)
        {
            await profiles.ForgetAsync(previousHandle, user.NormalizedUserName);
            return new(null, null);
        }
        // Lost a race for the handle between the check above and the unique index.
        return result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.DuplicateUserName))
            ? new(null, taken)
            : new(IdentityErrorsByField(result), null);
    }

    /// <summary>Changes the password and ends every other session (ASVS V7.4.3); null when it worked.</summary>
    public async Task<Dictionary<string, string[]>?> ChangePasswordAsync(SoukUser user, string current, string replacement, Guid? keepSession, CancellationToken ct)
    {
        var result = await users.ChangePasswordAsync(user, current, replacement);
        if (!result.Succeeded)
        {
            return result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.PasswordMismatch))
                ? new Dictionary<string, string[]> { ["currentPassword"] = ["The current password is incorrect."] }
                : IdentityErrorsByField(result, "newPassword");
        }
        await sessions.RevokeOthersAsync(user.Id, keepSession, ct);
        return null;
    }

    public static Dictionary<string, string[]> IdentityErrorsByField(IdentityResult result, string passwordField = "password") =>
        result.Errors.GroupBy(e => e.Code switch
            {
                var c when c.StartsWith("Password", StringComparison.Ordinal) => passwordField,
                var c when c.Contains("UserName", StringComparison.Ordinal) => "handle",
                var c when c.Contains("Email", StringComparison.Ordinal) => "email",
                _ => "",
            })
            .ToDictionary(g => g.Key, g => g.Select(e => e.Description).ToArray());

    /// <summary>
    /// Checks a password with lockout on. An unknown email still costs one hash, so response time does
    /// not reveal whether the account exists.
    /// </summary>
    public async Task<SoukUser?> CheckPasswordAsync(string email, string password)
    {
        var user = await users.FindByEmailAsync(email.Trim());
        if (user is null)
        {
            users.PasswordHasher.HashPassword(new SoukUser(), password);
            return null;
        }
        if (await users.IsLockedOutAsync(user)) return null;
        if (await users.CheckPasswordAsync(user, password))
        {
            await users.ResetAccessFailedCountAsync(user);
            return user;
        }
        await users.AccessFailedAsync(user);
        return null;
    }
}
