using System.ComponentModel;
using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Hybrid;
using Souk.Web.Common;
using Souk.Web.Data;

namespace Souk.Web.Modules.Accounts;

public sealed class SessionCheckOptions
{
    /// <summary>How long a node may trust that a session it checked is still active; 0 checks the database on every request.</summary>
    public int Seconds { get; set; } = 30;
}

/// <summary>The user a session belongs to, while it is active (what a node keeps of a session check).</summary>
/// <remarks>Immutable and sealed, so HybridCache hands out the cached instance instead of a copy per hit.</remarks>
[ImmutableObject(true)]
public sealed record ActiveSession(Guid UserId);

/// <summary>
/// Starts, checks and ends server-side sessions (see <see cref="UserSession"/>).
/// <para>
/// Every authenticated request checks its session; each node keeps the answer for an active session in memory for
/// <see cref="SessionCheckOptions.Seconds"/>, as that lookup was a database round trip on every request, about a sixth of
/// a feed page's (docs/PERFORMANCE.md "Feeds"). Ending a session evicts it at once on this node and, through
/// <see cref="CacheEvictions"/> (Redis), moments later on the others: sign-out stays immediate. Only a node cut off from
/// Redis keeps honouring an ended session, for at most that many seconds.
/// </para>
/// </summary>
public sealed class Sessions(SoukDb db, SignInManager<SoukUser> signIn, TimeProvider clock, HybridCache cache, CacheEvictions evictions,
    SessionCheckOptions options)
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

    readonly HybridCacheEntryOptions kept = new()
    {
        Expiration = TimeSpan.FromSeconds(options.Seconds), LocalCacheExpiration = TimeSpan.FromSeconds(options.Seconds),
        Flags = HybridCacheEntryFlags.DisableDistributedCache,
    };

    static string Key(Guid sessionId) => "session:" + sessionId.ToString("N");

    public async Task<bool> IsActiveAsync(Guid sessionId, Guid userId, CancellationToken ct)
    {
        if (options.Seconds <= 0) return await ReadActiveAsync(db, sessionId, userId, ct);
        var active = await cache.GetOrCreateAsync(Key(sessionId), (db, sessionId, userId), static async (state, ct) =>
            await ReadActiveAsync(state.db, state.sessionId, state.userId, ct) ? new ActiveSession(state.userId) : null,
            kept, cancellationToken: ct);
        return active?.UserId == userId;
    }

    static Task<bool> ReadActiveAsync(SoukDb db, Guid sessionId, Guid userId, CancellationToken ct) =>
        db.UserSessions.AnyAsync(s => s.Id == sessionId && s.UserId == userId && s.RevokedAt == null, ct);

    public async Task RevokeAsync(Guid sessionId, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await db.UserSessions.Where(s => s.Id == sessionId && s.RevokedAt == null)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.RevokedAt, now), ct);
        await evictions.RemoveAsync(Key(sessionId));
    }

    /// <summary>After a password change every other session ends (ASVS V7.4.3).</summary>
    public async Task<int> RevokeOthersAsync(Guid userId, Guid? keep, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var ending = await db.UserSessions.Where(s => s.UserId == userId && s.RevokedAt == null && s.Id != keep).Select(s => s.Id).ToListAsync(ct);
        if (ending.Count == 0) return 0;
        var ended = await db.UserSessions.Where(s => ending.Contains(s.Id) && s.RevokedAt == null)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.RevokedAt, now), ct);
        foreach (var sessionId in ending) await evictions.RemoveAsync(Key(sessionId));
        return ended;
    }
}

/// <summary>
/// Treats a request whose session was revoked as anonymous, whichever scheme authenticated it.
/// The check is a primary-key lookup, kept per node for a few seconds (see <see cref="Sessions"/>); sign-out evicts it everywhere.
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
