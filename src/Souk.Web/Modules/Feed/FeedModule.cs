namespace Souk.Web.Modules.Feed;

public static class FeedModule
{
    public static IServiceCollection AddFeedModule(this IServiceCollection services, IConfiguration config)
    {
        services.AddSingleton(config.GetSection("Feed:Discover").Get<DiscoverOptions>() ?? new DiscoverOptions());
        services.AddSingleton<DiscoverSnapshots>();
        services.AddSingleton<ViewerAffinities>();
        services.AddScoped<FollowingFeed>();
        services.AddScoped<DiscoverFeed>();
        services.AddScoped<Hashtags>();
        return services;
    }

    public static void MapFeedModule(this WebApplication app, RouteGroupBuilder api)
    {
        FeedApi.Map(api);
        HashtagApi.Map(api);
    }
}
