using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Souk.Web.Common;
using Souk.Web.Data;

namespace Souk.Web.Modules.Accounts;

/// <summary>Only the fields present change. ReserveOnAcceptedOffer is the seller setting: accepting an offer reserves the listing.</summary>
public sealed record UpdateMeRequest(string? DisplayName, string? Bio, string? Handle, AccountKind? Kind, string? Culture, bool? ReserveOnAcceptedOffer = null);

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
        string handle, CurrentUser current, SoukDb db, ProfileCache cache, AvatarUrls avatars, HttpContext http, CancellationToken ct)
    {
        var profile = await FindProfileAsync(db, cache, avatars, handle, current.Id, BaseUrl(http.Request), ct);
        return profile is null ? Problems.NotFound($"No user @{handle}.") : TypedResults.Ok(profile);
    }

    public static string BaseUrl(HttpRequest request) => $"{request.Scheme}://{request.Host}{request.PathBase}";

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

    public static async Task<UserProfile?> FindProfileAsync(SoukDb db, ProfileCache cache, AvatarUrls avatars, string handle, Guid? viewer, string baseUrl, CancellationToken ct)
    {
        if (handle.Length > AccountRules.HandleMax) return null;
        var normalized = AccountRules.NormalizeHandle(handle);
        var u = viewer is null && cache.Enabled
            ? await cache.GetOrLoadAsync(normalized, (db, normalized), static async (s, ct) => await ProfileQuery(s.db)(s.db, s.normalized, ct), ct)
            : await ProfileQuery(db)(db, normalized, ct);
        if (u is null) return null;
        bool? following = viewer is { } v && v != u.Id
            ? await db.Follows.AnyAsync(f => f.FollowerId == v && f.FolloweeId == u.Id, ct)
            : null;
        return new UserProfile(u.Id, u.UserName!, u.DisplayName, u.Bio, u.Kind, u.IsVerified, avatars.For(u.AvatarKey),
            u.FollowersCount, u.FollowingCount, u.CreatedAt, following, $"{baseUrl}/u/{u.UserName}", $"{baseUrl}/users/{u.UserName}/qr.svg");
    }

    static async Task<Results<Ok<MeResponse>, ValidationProblem, ProblemHttpResult, UnauthorizedHttpResult>> UpdateMe(
        UpdateMeRequest req, CurrentUser current, UserManager<SoukUser> users, AccountService accounts, AvatarUrls avatars)
    {
        var user = await users.FindByIdAsync(current.RequiredId.ToString());
        if (user is null) return TypedResults.Unauthorized();
        return await accounts.UpdateProfileAsync(user, req) switch
        {
            { Errors: { } errors } => TypedResults.ValidationProblem(errors),
            { Conflict: { } conflict } => Problems.Conflict(conflict.Message, conflict.Field),
            _ => TypedResults.Ok(MeResponse.From(user, avatars, current.IsOperator)),
        };
    }

    static async Task<Results<NoContent, ValidationProblem, UnauthorizedHttpResult>> ChangePassword(
        ChangePasswordRequest req, CurrentUser current, UserManager<SoukUser> users, AccountService accounts, CancellationToken ct)
    {
        var user = await users.FindByIdAsync(current.RequiredId.ToString());
        if (user is null) return TypedResults.Unauthorized();
        var errors = await accounts.ChangePasswordAsync(user, req.CurrentPassword ?? "", req.NewPassword ?? "", current.SessionId, ct);
        return errors is null ? TypedResults.NoContent() : TypedResults.ValidationProblem(errors);
    }
}
