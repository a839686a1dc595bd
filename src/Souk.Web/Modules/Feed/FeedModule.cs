namespace Souk.Web.Modules.Feed;

public static class FeedModule
{
    public static IServiceCollection AddFeedModule(this IServiceCollection services)
    {
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
