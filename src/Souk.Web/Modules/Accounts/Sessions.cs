using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Souk.Web.Common;
using Souk.Web.Data;

namespace Souk.Web.Modules.Accounts;

/// <summary>Starts, checks and ends server-side sessions (see <see cref="UserSession"/>).</summary>
public sealed class Sessions(SoukDb db, SignInManager<SoukUser> signIn, TimeProvider clock)
{
    /// <summary>A fresh session for every sign-in (no session fixation), carried as a claim.</summary>
    public async Task<ClaimsPrincipal> StartAsync(SoukUser user, SessionKind kind, string? userAgent, CancellationToken ct)
    {
        var session = new UserSession
        {
            Id = Guid.CreateVersion7(),
            UserId = user.Id,
            Kind = kind,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
            UserAgent = userAgent is { Length: > 300 } ? userAgent[..300] : userAgent,
        };
        db.UserSessions.Add(session);
        await db.SaveChangesAsync(ct);
        return await PrincipalForAsync(user, session.Id);
    }

    public async Task<ClaimsPrincipal> PrincipalForAsync(SoukUser user, Guid sessionId)
    {
        var principal = await signIn.CreateUserPrincipalAsync(user);
        ((ClaimsIdentity)principal.Identity!).AddClaim(new Claim(CurrentUser.SessionClaim, sessionId.ToString()));
        return principal;
    }

    public Task<bool> IsActiveAsync(Guid sessionId, Guid userId, CancellationToken ct) =>
        db.UserSessions.AnyAsync(s => s.Id == sessionId && s.UserId == userId && s.RevokedAt == null, ct);

    public Task RevokeAsync(Guid sessionId, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return db.UserSessions.Where(s => s.Id == sessionId && s.RevokedAt == null)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.RevokedAt, now), ct);
    }

    /// <summary>After a password change every other session ends (ASVS V7.4.3).</summary>
    public Task<int> RevokeOthersAsync(Guid userId, Guid? keep, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return db.UserSessions.Where(s => s.UserId == userId && s.RevokedAt == null && s.Id != keep)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.RevokedAt, now), ct);
    }
}

/// <summary>
/// Treats a request whose session was revoked as anonymous, whichever scheme authenticated it.
/// One primary-key lookup per authenticated request buys immediate sign-out on every node.
/// </summary>
public sealed class SessionGuardMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context, CurrentUser current)
    {
        if (current.IsAuthenticated)
        {
            var sessions = context.RequestServices.GetRequiredService<Sessions>();
            if (current.SessionId is not { } sid || current.Id is not { } uid || !await sessions.IsActiveAsync(sid, uid, context.RequestAborted))
                context.User = new ClaimsPrincipal(new ClaimsIdentity());
        }
        await next(context);
    }
}
