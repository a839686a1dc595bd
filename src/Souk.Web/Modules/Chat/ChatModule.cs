using Souk.Web.Modules.Accounts;

namespace Souk.Web.Modules.Chat;

public static class ChatModule
{
    public static IServiceCollection AddChatModule(this IServiceCollection services, IConfiguration config)
    {
        // Hub payloads are shaped like the REST API's JSON (camelCase enum strings), so clients parse both the same way.
        var signalR = services.AddSignalR().AddJsonProtocol(o => o.PayloadSerializerOptions.Converters.Add(
            new System.Text.Json.Serialization.JsonStringEnumConverter(System.Text.Json.JsonNamingPolicy.CamelCase)));
        // More than one node: hub messages travel between nodes through Redis (one channel prefix per deployment).
        if (config["Redis:Connection"] is { Length: > 0 } redis)
            signalR.AddStackExchangeRedis(redis, o => o.Configuration.ChannelPrefix = StackExchange.Redis.RedisChannel.Literal(config["Redis:ChannelPrefix"] ?? "souk"));
        services.AddScoped<ChatPush>();
        services.AddScoped<MessageReader>();
        services.AddScoped<ChatService>();
        services.AddScoped<ConversationReader>();
        services.AddScoped<Presence>();
        services.AddScoped<OfferService>();
        services.AddScoped<OfferReader>();
        services.AddScoped<BadgeCounter>();
        services.AddScoped<ReadMarker>();
        // Notifications written anywhere push the recipient's badge once committed (see NotificationBadgePush).
        services.AddSingleton<NotificationBadgePush>();
        services.ConfigureDbContext<Data.SqliteSoukDb>((sp, o) => o.AddInterceptors(sp.GetRequiredService<NotificationBadgePush>()));
        services.ConfigureDbContext<Data.PostgresSoukDb>((sp, o) => o.AddInterceptors(sp.GetRequiredService<NotificationBadgePush>()));
        return services;
    }

    public static void MapChatModule(this WebApplication app, RouteGroupBuilder api)
    {
        MakeOffer.Map(api);
        GetOffer.Map(api);
        DecideOffer.Map(api);
        ReportMessage.Map(api);
        app.MapHub<ChatHub>("/hubs/chat").RequireAuthorization(new Microsoft.AspNetCore.Authorization.AuthorizeAttribute
        {
            AuthenticationSchemes = AccountsModule.CookieOrBearer,
        });
        Pages.MessageFragments.Map(app);
        var conversations = api.MapGroup("/conversations").WithTags("Chat").RequireAuthorization();
        ListConversations.Map(conversations);
        OpenConversation.Map(conversations);
        GetConversation.Map(conversations);
        ListMessages.Map(conversations);
        SendMessage.Map(conversations);
        MarkConversationRead.Map(conversations);
        RenameConversation.Map(conversations);
        AddMembers.Map(conversations);
        RemoveMember.Map(conversations);
        var messages = api.MapGroup("/messages").WithTags("Chat").RequireAuthorization();
        EditMessage.Map(messages);
        DeleteMessage.Map(messages);
        UnreadCounts.Map(api);
    }
}
