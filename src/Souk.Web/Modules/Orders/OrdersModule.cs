namespace Souk.Web.Modules.Orders;

/// <summary>Cart, checkout, the order state machine with its deadlines, disputes. Money moves through Wallet.</summary>
public static class OrdersModule
{
    public static IServiceCollection AddOrdersModule(this IServiceCollection services, IConfiguration config)
    {
        services.AddSingleton(config.GetSection("Orders").Get<OrderOptions>() ?? new OrderOptions());
        return services;
    }

    public static void MapOrdersModule(this WebApplication app, RouteGroupBuilder api)
    {
    }
}
