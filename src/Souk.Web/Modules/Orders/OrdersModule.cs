namespace Souk.Web.Modules.Orders;

/// <summary>Cart, checkout, the order state machine with its deadlines, disputes. Money moves through Wallet.</summary>
public static class OrdersModule
{
    public static IServiceCollection AddOrdersModule(this IServiceCollection services, IConfiguration config)
    {
        services.AddSingleton(config.GetSection("Orders").Get<OrderOptions>() ?? new OrderOptions());
        services.AddScoped<CartReader>();
        services.AddScoped<CheckoutService>();
        services.AddScoped<OrderReader>();
        services.AddScoped<OrderFlow>();
        services.AddScoped<OrderChatCards>();
        services.AddSingleton<OrderSweeper>();
        services.AddHostedService(sp => sp.GetRequiredService<OrderSweeper>());
        return services;
    }

    public static void MapOrdersModule(this WebApplication app, RouteGroupBuilder api)
    {
        var cart = api.MapGroup("/cart").WithTags("Cart").RequireAuthorization();
        AddToCart.Map(cart);
        GetCart.Map(cart);
        ChangeCartItem.Map(cart);
        CheckoutService.Map(api);
        GetOrders.Map(api);
        OrderActions.Map(api);
        OrderQr.Map(app);
        AddToCart.MapForm(app);
    }
}
