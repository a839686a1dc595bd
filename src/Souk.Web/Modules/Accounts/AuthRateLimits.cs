using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace Souk.Web.Modules.Accounts;

/// <summary>Limits for the sign-in surface; every number is configurable under RateLimits:*.</summary>
public sealed class AuthRateLimitOptions
{
    public int LoginPerAddressPerMinute { get; set; } = 20;
    public int LoginPerAccountPer15Minutes { get; set; } = 10;
    public int RefreshPerAddressPerMinute { get; set; } = 60;
    public int RegisterPerAddressPerHour { get; set; } = 100;
}

public static class AuthRateLimits
{
    public const string Login = "auth-login";
    public const string Refresh = "auth-refresh";
    public const string Register = "auth-register";

    public static IServiceCollection AddAuthRateLimits(this IServiceCollection services, IConfiguration config)
    {
        var limits = config.GetSection("RateLimits").Get<AuthRateLimitOptions>() ?? new AuthRateLimitOptions();
        services.AddSingleton(limits);
        services.AddSingleton<AccountAttemptLimiter>();
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = async (ctx, ct) =>
            {
                if (ctx.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retry))
                    ctx.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(retry.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
                await TypedResults.Problem(statusCode: 429, title: "Too many requests", detail: "Too many attempts. Wait a moment and try again.")
                    .ExecuteAsync(ctx.HttpContext);
            };
            o.AddPolicy(Login, ctx => PerAddress(ctx, limits.LoginPerAddressPerMinute, TimeSpan.FromMinutes(1)));
            o.AddPolicy(Refresh, ctx => PerAddress(ctx, limits.RefreshPerAddressPerMinute, TimeSpan.FromMinutes(1)));
            o.AddPolicy(Register, ctx => PerAddress(ctx, limits.RegisterPerAddressPerHour, TimeSpan.FromHours(1)));
        });
        return services;
    }

    // Fixed windows, because they can tell the client when to retry (Retry-After); sliding windows cannot.
    static RateLimitPartition<string> PerAddress(HttpContext ctx, int permits, TimeSpan window) =>
        RateLimitPartition.GetFixedWindowLimiter(ctx.Connection.RemoteIpAddress?.ToString() ?? "unknown", _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = permits,
            Window = window,
            QueueLimit = 0,
        });
}

/// <summary>
/// Per-account attempt limit, independent of the caller's address, so a password spray from many
/// addresses still slows down on one account. In memory per node: with N nodes the limit is N times looser.
/// </summary>
public sealed class AccountAttemptLimiter(AuthRateLimitOptions options) : IDisposable
{
    readonly PartitionedRateLimiter<string> limiter = PartitionedRateLimiter.Create<string, string>(account =>
        RateLimitPartition.GetFixedWindowLimiter(account, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = options.LoginPerAccountPer15Minutes,
            Window = TimeSpan.FromMinutes(15),
            QueueLimit = 0,
        }));

    public bool TryAcquire(string account) => TryAcquire(account, out _);

    /// <summary>False when the account is over its limit; then retryAfter says when to try again.</summary>
    public bool TryAcquire(string account, out TimeSpan? retryAfter)
    {
        using var lease = limiter.AttemptAcquire(account.ToUpperInvariant());
        retryAfter = !lease.IsAcquired && lease.TryGetMetadata(MetadataName.RetryAfter, out var retry) ? retry : null;
        return lease.IsAcquired;
    }

    public void Dispose() => limiter.Dispose();
}
