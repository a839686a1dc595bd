namespace Souk.Web.Modules.GroupBuys;

/// <summary>Group buying (team purchase): team offers on SKUs, teams and their seats, expiry. Pays through Orders' checkout.</summary>
public static class GroupBuysModule
{
    public static IServiceCollection AddGroupBuysModule(this IServiceCollection services)
    {
        services.AddScoped<TeamReader>();
        services.AddScoped<TeamSeats>();
        services.AddSingleton<TeamExpiry>();
        services.AddHostedService(sp => sp.GetRequiredService<TeamExpiry>());
        return services;
    }

    public static void MapGroupBuysModule(this WebApplication app, RouteGroupBuilder api)
    {
        CreateTeamOffer.Map(api);
        TeamApi.Map(api);
        TeamQr.Map(app);
    }
}
