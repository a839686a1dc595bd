namespace Souk.Web.Modules.Wallet;

/// <summary>The wallet: the double-entry ledger, escrow for orders, prepaid vouchers and payouts. The only module that moves money.</summary>
public static class WalletModule
{
    public static IServiceCollection AddWalletModule(this IServiceCollection services, IConfiguration config)
    {
        services.AddScoped<Ledger>();
        services.AddScoped<Escrow>();
        return services;
    }

    public static void MapWalletModule(this WebApplication app, RouteGroupBuilder api)
    {
    }
}
