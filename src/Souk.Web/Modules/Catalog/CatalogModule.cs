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
        services.AddScoped<ItemCards>();
        services.AddScoped<SearchReader>();
        services.AddScoped<ListingService>();
        services.AddScoped<ListingReader>();
        services.AddScoped<ListingSaves>();
        var listingCache = config.GetSection("Catalog:ListingCache").Get<ListingCacheOptions>() ?? new ListingCacheOptions();
        services.AddOutputCache(o => ListingCache.Configure(o, listingCache));
        services.AddSingleton<ListingCache>();
        services.AddScoped<ShopService>();
        services.AddScoped<ProductService>();
        services.AddScoped<Inventory>();
        services.AddScoped<ShopReader>();
        services.AddScoped<ListingLists>();
        services.AddScoped<Pages.FormPhotos>();
        services.AddScoped<Pages.ListingForm>();
        services.AddScoped<Pages.ShopForm>();
        services.AddScoped<Pages.ProductForm>();
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
        var shops = api.MapGroup("/shops").WithTags("Shops");
        CreateShop.Map(shops);
        GetShop.Map(shops);
        UpdateShop.Map(shops);
        var shopProducts = api.MapGroup("/shops/{slug}/products").WithTags("Products");
        CreateProduct.Map(shopProducts);
        ShopProducts.Map(shopProducts);
        var products = api.MapGroup("/products").WithTags("Products");
        GetProduct.Map(products);
        UpdateProduct.Map(products);
        ListingQr.Map(app);
        ShopQr.Map(app);
        Search.Map(api);
    }
}
