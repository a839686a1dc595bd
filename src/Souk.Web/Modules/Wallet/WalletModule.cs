namespace Souk.Web.Modules.Wallet;

/// <summary>The wallet: the double-entry ledger, escrow for orders, prepaid vouchers and payouts. The only module that moves money.</summary>
public static class WalletModule
{
    public static IServiceCollection AddWalletModule(this IServiceCollection services, IConfiguration config)
    {
        services.AddScoped<Ledger>();
        services.AddScoped<Escrow>();
        services.AddScoped<VoucherService>();
        services.AddScoped<LedgerCheck>();
        services.AddScoped<PayoutService>();
        services.AddScoped<WalletReader>();
        services.AddScoped<ITopUpSource>(sp => sp.GetRequiredService<VoucherService>());
        // Guessing codes is slowed per person (or per address before sign-in): RateLimits:VoucherRedeemsPer15Minutes.
        var redeems = config.GetValue("RateLimits:VoucherRedeemsPer15Minutes", 10);
        services.Configure<Microsoft.AspNetCore.RateLimiting.RateLimiterOptions>(o => o.AddPolicy(WalletApi.RedeemLimit, ctx =>
            System.Threading.RateLimiting.RateLimitPartition.GetFixedWindowLimiter(
                ctx.User.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value ?? ctx.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new System.Threading.RateLimiting.FixedWindowRateLimiterOptions { PermitLimit = redeems, Window = TimeSpan.FromMinutes(15), QueueLimit = 0 })));
        services.AddSingleton(new PageRedeemLimiter(redeems));
        return services;
    }

    public static void MapWalletModule(this WebApplication app, RouteGroupBuilder api)
    {
        WalletApi.Map(api);
        api.MapGet("/admin/ledger/verify", async (LedgerCheck check, CancellationToken ct) => TypedResults.Ok(await check.RunAsync(ct)))
            .WithTags("Wallet").RequireAuthorization(Accounts.Operators.Policy).WithSummary("Prove the ledger: every check with what breaks it");
    }
}

/// <summary>
/// The wallet page's voucher form counts against its own per-person window of RateLimits:VoucherRedeemsPer15Minutes (the API
/// route has the "wallet-redeem" policy): page posts are not API endpoints, so the policy does not see them.
/// </summary>
public sealed class PageRedeemLimiter(int perWindow) : IDisposable
{
    readonly System.Threading.RateLimiting.PartitionedRateLimiter<Guid> limiter = System.Threading.RateLimiting.PartitionedRateLimiter.Create<Guid, Guid>(user =>
        System.Threading.RateLimiting.RateLimitPartition.GetFixedWindowLimiter(user, _ => new System.Threading.RateLimiting.FixedWindowRateLimiterOptions
        {
            PermitLimit = perWindow, Window = TimeSpan.FromMinutes(15), QueueLimit = 0,
        }));

    public bool TryTake(Guid userId)
    {
        using var lease = limiter.AttemptAcquire(userId);
        return lease.IsAcquired;
    }

    public void Dispose() => limiter.Dispose();
}
