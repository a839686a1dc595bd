using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Souk.Web.Common;
using Souk.Web.Data;

namespace Souk.Web.Modules.Accounts;

// Fields are nullable: a missing field must become a 400 naming it, not a null reference deeper down.
public sealed record RegisterRequest(string? Email, string? Password, string? Handle, string? DisplayName);

public sealed record LoginRequest(string? Email, string? Password);

public sealed record RefreshRequest(string? RefreshToken);

/// <summary>Sign-up, sign-in, refresh and sign-out for API clients (bearer tokens).</summary>
public static class AuthApi
{
    public const string BadCredentials = "Email or password is incorrect, or the account is temporarily locked.";

    public static void Map(RouteGroupBuilder api)
    {
        var auth = api.MapGroup("/auth").WithTags("Auth");
        auth.MapPost("/register", Register).RequireRateLimiting(AuthRateLimits.Register).AllowAnonymous();
        auth.MapPost("/login", Login).RequireRateLimiting(AuthRateLimits.Login).AllowAnonymous()
            .Produces<AccessTokenResponse>();
        auth.MapPost("/refresh", Refresh).RequireRateLimiting(AuthRateLimits.Refresh).AllowAnonymous()
            .Produces<AccessTokenResponse>();
        auth.MapPost("/logout", Logout).RequireAuthorization();
    }

    static async Task<Results<Created<MeResponse>, ValidationProblem, ProblemHttpResult>> Register(
        RegisterRequest req, AccountService accounts, CancellationToken ct)
    {
        var result = await accounts.RegisterAsync(req.Email ?? "", req.Password ?? "", req.Handle ?? "", req.DisplayName ?? "", ct);
        return result switch
        {
            { User: { } user } => TypedResults.Created($"/api/v1/users/{user.Handle}", MeResponse.From(user, accounts.Avatars)),
            { Conflict: { } conflict } => Problems.Conflict(conflict.Message, conflict.Field),
            _ => TypedResults.ValidationProblem(result.Errors!),
        };
    }

    /// <summary>
    /// One answer for unknown email, wrong password and locked account, so the endpoint cannot be used
    /// to find out who has an account.
    /// </summary>
    static async Task<Results<SignInHttpResult, ValidationProblem, ProblemHttpResult>> Login(
        LoginRequest req, AccountService accounts, Sessions sessions, AccountAttemptLimiter perAccount,
        HttpContext http, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(req.Email) || string.IsNullOrEmpty(req.Password))
            return Problems.Field(string.IsNullOrWhiteSpace(req.Email) ? "email" : "password", "Email and password are required.");
        if (!perAccount.TryAcquire(req.Email, out var retryAfter))
        {
            if (retryAfter is { } wait) http.Response.Headers.RetryAfter = ((int)Math.Ceiling(wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            return Problems.Status(StatusCodes.Status429TooManyRequests, "Too many requests", "Too many attempts for this account. Try again later.");
        }
        var user = await accounts.CheckPasswordAsync(req.Email, req.Password);
        if (user is null) return Problems.Status(StatusCodes.Status401Unauthorized, "Sign-in failed", BadCredentials);
        var principal = await sessions.StartAsync(user, SessionKind.Api, http.Request.Headers.UserAgent, ct);
        return TypedResults.SignIn(principal, authenticationScheme: IdentityConstants.BearerScheme);
    }

    static async Task<Results<SignInHttpResult, ProblemHttpResult>> Refresh(
        RefreshRequest req, IOptionsMonitor<BearerTokenOptions> bearer, UserManager<SoukUser> users,
        Sessions sessions, TimeProvider clock, CancellationToken ct)
    {
        var unauthorized = Problems.Status(StatusCodes.Status401Unauthorized, "Refresh failed", "The refresh token is invalid or expired.");
        if (string.IsNullOrEmpty(req.RefreshToken)) return unauthorized;
        var ticket = bearer.Get(IdentityConstants.BearerScheme).RefreshTokenProtector.Unprotect(req.RefreshToken);
        if (ticket?.Properties.ExpiresUtc is not { } expires || clock.GetUtcNow() >= expires) return unauthorized;
        var userId = users.GetUserId(ticket.Principal);
        var sid = ticket.Principal.FindFirst(CurrentUser.SessionClaim)?.Value;
        if (userId is null || !Guid.TryParse(sid, out var sessionId)) return unauthorized;
        var user = await users.FindByIdAsync(userId);
        if (user is null || await users.IsLockedOutAsync(user) || !await sessions.IsActiveAsync(sessionId, user.Id, ct)) return unauthorized;
        return TypedResults.SignIn(await sessions.PrincipalForAsync(user, sessionId), authenticationScheme: IdentityConstants.BearerScheme);
    }

    static async Task<NoContent> Logout(CurrentUser current, Sessions sessions, CancellationToken ct)
    {
        if (current.SessionId is { } sid) await sessions.RevokeAsync(sid, ct);
        return TypedResults.NoContent();
    }
}
