namespace Souk.Web.Modules.Catalog;

public static class CatalogModule
{
    public static IServiceCollection AddCatalogModule(this IServiceCollection services, IConfiguration config)
    {
        services.AddSingleton(config.GetSection("Media").Get<MediaOptions>() ?? new MediaOptions());
        services.AddSingleton<MediaUrlBuilder>();
        services.AddSingleton<CategoryTree>();
        services.AddScoped<MediaLibrary>();
        services.AddSingleton(config.GetSection("Search").Get<SearchOptions>() ?? new SearchOptions());
        services.AddSingleton<SearchCache>();
        services.AddScoped<SearchIndex>();
        services.AddScoped<SearchReader>();
        services.AddScoped<ListingService>();
        services.AddScoped<ListingReader>();
        services.AddScoped<ListingSaves>();
        return services;
    }

    public static void MapCatalogModule(this WebApplication app, RouteGroupBuilder api)
    {
        UploadMedia.Map(api);
        Categories.Map(api);
        var listings = api.MapGroup("/listings").WithTags("Listings");
        CreateListing.Map(listings);
        GetListing.Map(listings);
        UpdateListing.Map(listings);
        DeleteListing.Map(listings);
        ChangeListingState.Map(listings);
        SaveListing.Map(api, listings);
        UserListings.Map(api);
        Search.Map(api);
    }
}
