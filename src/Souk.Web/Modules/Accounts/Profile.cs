using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Souk.Web.Common;
using Souk.Web.Data;

namespace Souk.Web.Modules.Accounts;

public sealed record UpdateMeRequest(string? DisplayName, string? Bio, string? Handle, AccountKind? Kind, string? Culture);

public sealed record ChangePasswordRequest(string CurrentPassword, string NewPassword);

/// <summary>Reading and editing profiles: /me for yourself, /users/{handle} for anyone.</summary>
public static class Profile
{
    public static void Map(RouteGroupBuilder api)
    {
        var me = api.MapGroup("/me").WithTags("Profile").RequireAuthorization();
        me.MapGet("", GetMe);
        me.MapPatch("", UpdateMe);
        me.MapPost("/password", ChangePassword);
        api.MapGet("/users/{handle}", GetUser).WithTags("Profile").AllowAnonymous();
    }

    static async Task<Results<Ok<MeResponse>, UnauthorizedHttpResult>> GetMe(CurrentUser current, SoukDb db, AvatarUrls avatars, CancellationToken ct)
    {
        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == current.RequiredId, ct);
        return user is null ? TypedResults.Unauthorized() : TypedResults.Ok(MeResponse.From(user, avatars, current.IsOperator));
    }

    public static async Task<Results<Ok<UserProfile>, ProblemHttpResult>> GetUser(
        string handle, CurrentUser current, SoukDb db, AvatarUrls avatars, HttpContext http, CancellationToken ct)
    {
        var profile = await FindProfileAsync(db, avatars, handle, current.Id, BaseUrl(http.Request), ct);
        return profile is null ? Problems.NotFound($"No user @{handle}.") : TypedResults.Ok(profile);
    }

    public static string BaseUrl(HttpRequest request) => $"{request.Scheme}://{request.Host}{request.PathBase}";

    sealed record ProfileRow(Guid Id, string? UserName, string DisplayName, string Bio, AccountKind Kind, bool IsVerified,
        string? AvatarKey, int FollowersCount, int FollowingCount, DateTime CreatedAt);

    static readonly ConditionalWeakTable<IModel, Func<SoukDb, string, CancellationToken, Task<ProfileRow?>>> ProfileQueries = new();

    /// <summary>
    /// Every profile page and API read runs this lookup, so it is compiled once: an ordinary LINQ query rebuilds its
    /// expression tree, funcletizes and hashes it on every call, which cost more than the SQL itself (bench/profile-load.sh).
    /// One per model, because a compiled query refuses a context with another model (SQLite and PostgreSQL in one test run).
    /// </summary>
    static Func<SoukDb, string, CancellationToken, Task<ProfileRow?>> ProfileQuery(SoukDb db) =>
        ProfileQueries.GetValue(db.Model, static _ => EF.CompileAsyncQuery((SoukDb db, string normalized, CancellationToken ct) =>
            db.Users.AsNoTracking().Where(x => x.NormalizedUserName == normalized)
                .Select(x => new ProfileRow(x.Id, x.UserName, x.DisplayName, x.Bio, x.Kind, x.IsVerified, x.AvatarKey, x.FollowersCount, x.FollowingCount, x.CreatedAt))
                .FirstOrDefault()));

    public static async Task<UserProfile?> FindProfileAsync(SoukDb db, AvatarUrls avatars, string handle, Guid? viewer, string baseUrl, CancellationToken ct)
    {
        if (handle.Length > AccountRules.HandleMax) return null;
        var normalized = AccountRules.NormalizeHandle(handle);
        var u = await ProfileQuery(db)(db, normalized, ct);
        if (u is null) return null;
        bool? following = viewer is { } v && v != u.Id
            ? await db.Follows.AnyAsync(f => f.FollowerId == v && f.FolloweeId == u.Id, ct)
            : null;
        return new UserProfile(u.Id, u.UserName!, u.DisplayName, u.Bio, u.Kind, u.IsVerified, avatars.For(u.AvatarKey),
            u.FollowersCount, u.FollowingCount, u.CreatedAt, following, $"{baseUrl}/u/{u.UserName}", $"{baseUrl}/users/{u.UserName}/qr.svg");
    }

    static async Task<Results<Ok<MeResponse>, ValidationProblem, ProblemHttpResult, UnauthorizedHttpResult>> UpdateMe(
        UpdateMeRequest req, CurrentUser current, UserManager<SoukUser> users, AvatarUrls avatars, CancellationToken ct)
    {
        var user = await users.FindByIdAsync(current.RequiredId.ToString());
        if (user is null) return TypedResults.Unauthorized();
        var errors = ApplyEdits(user, req);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        if (req.Handle is not null && !string.Equals(req.Handle, user.UserName, StringComparison.Ordinal))
        {
            var taken = await users.FindByNameAsync(req.Handle);
            if (taken is not null && taken.Id != user.Id) return Problems.Conflict("That handle is taken.", "handle");
            user.UserName = req.Handle;
        }
        var result = await users.UpdateAsync(user);
        if (!result.Succeeded)
        {
            if (result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.DuplicateUserName))) return Problems.Conflict("That handle is taken.", "handle");
            return TypedResults.ValidationProblem(AccountService.IdentityErrorsByField(result));
        }
        return TypedResults.Ok(MeResponse.From(user, avatars, current.IsOperator));
    }

    /// <summary>Validates every field first, then applies them all, so a bad field changes nothing.</summary>
    public static Dictionary<string, string[]> ApplyEdits(SoukUser user, UpdateMeRequest req)
    {
        var errors = new Dictionary<string, string[]>();
        if (req.DisplayName is not null && AccountRules.CheckDisplayName(req.DisplayName) is { } n) errors["displayName"] = [n];
        if (AccountRules.CheckBio(req.Bio) is { } b) errors["bio"] = [b];
        if (req.Handle is not null && AccountRules.CheckHandle(req.Handle) is { } h) errors["handle"] = [h];
        if (req.Kind is { } k && !Enum.IsDefined(k)) errors["kind"] = ["Unknown account kind."];
        if (req.Culture is not null && !Localization.IsSupported(req.Culture)) errors["culture"] = [$"Supported languages: {string.Join(", ", Localization.CultureNames)}."];
        if (errors.Count > 0) return errors;
        if (req.DisplayName is not null) user.DisplayName = req.DisplayName.Trim();
        if (req.Bio is not null) user.Bio = req.Bio.Trim();
        if (req.Kind is { } kind) user.Kind = kind;
        if (req.Culture is not null) user.PreferredCulture = CultureInfo.GetCultureInfo(req.Culture).Name;
        return errors;
    }

    static async Task<Results<NoContent, ValidationProblem, UnauthorizedHttpResult>> ChangePassword(
        ChangePasswordRequest req, CurrentUser current, UserManager<SoukUser> users, Sessions sessions, CancellationToken ct)
    {
        var user = await users.FindByIdAsync(current.RequiredId.ToString());
        if (user is null) return TypedResults.Unauthorized();
        var result = await users.ChangePasswordAsync(user, req.CurrentPassword ?? "", req.NewPassword ?? "");
        if (!result.Succeeded)
        {
            var errors = result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.PasswordMismatch))
                ? new Dictionary<string, string[]> { ["currentPassword"] = ["The current password is incorrect."] }
                : AccountService.IdentityErrorsByField(result, "newPassword");
            return TypedResults.ValidationProblem(errors);
        }
        await sessions.RevokeOthersAsync(user.Id, current.SessionId, ct);
        return TypedResults.NoContent();
    }
}
