using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Souk.Web.Common;
using Souk.Web.Data;

namespace Souk.Web.Modules.Accounts;

public static class AccountsModule
{
    public const string CookieOrBearer = "CookieOrBearer";

    public static IServiceCollection AddAccountsModule(this IServiceCollection services, IConfiguration config)
    {
        services.AddAuthentication(o =>
            {
                o.DefaultScheme = CookieOrBearer;
                o.DefaultChallengeScheme = CookieOrBearer;
            })
            // API clients send "Authorization: Bearer"; browsers send the cookie. One policy picks per request.
            .AddPolicyScheme(CookieOrBearer, "Cookie or bearer token", o => o.ForwardDefaultSelector = ctx =>
                ctx.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) || HubQueryToken(ctx.Request) is not null
                    ? IdentityConstants.BearerScheme
                    : IdentityConstants.ApplicationScheme)
            .AddBearerToken(IdentityConstants.BearerScheme, o =>
            {
                // WebSockets from a browser-like client cannot send headers: SignalR clients put the token in the query instead.
                o.Events.OnMessageReceived = ctx =>
                {
                    if (HubQueryToken(ctx.Request) is { } token) ctx.Token = token;
                    return Task.CompletedTask;
                };
                o.BearerTokenExpiration = TimeSpan.FromMinutes(config.GetValue("Auth:AccessTokenMinutes", 60));
                o.RefreshTokenExpiration = TimeSpan.FromDays(config.GetValue("Auth:RefreshTokenDays", 30));
            })
            .AddIdentityCookies();

        services.ConfigureApplicationCookie(o =>
        {
            o.Cookie.Name = "souk.auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.ExpireTimeSpan = TimeSpan.FromDays(30);
            o.SlidingExpiration = true;
            o.LoginPath = "/signin";
            o.LogoutPath = "/signout";
            o.AccessDeniedPath = "/signin";
            o.Events = new CookieAuthenticationEvents
            {
                OnRedirectToLogin = ctx => ApiAwareRedirect(ctx, StatusCodes.Status401Unauthorized, "Sign in to continue."),
                OnRedirectToAccessDenied = ctx => ApiAwareRedirect(ctx, StatusCodes.Status403Forbidden, "You are not allowed to do this."),
            };
        });

        services.AddIdentityCore<SoukUser>(o =>
            {
                // OWASP ASVS 5.0 level 2: length over composition, lockout on, unique email.
                o.Password.RequiredLength = AccountRules.PasswordMin;
                o.Password.RequireDigit = false;
                o.Password.RequireLowercase = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequiredUniqueChars = 1;
                o.Lockout.AllowedForNewUsers = true;
                o.Lockout.MaxFailedAccessAttempts = config.GetValue("Auth:LockoutAttempts", 5);
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(config.GetValue("Auth:LockoutMinutes", 15));
                o.User.RequireUniqueEmail = true;
                o.User.AllowedUserNameCharacters = AccountRules.HandleCharacters;
                o.SignIn.RequireConfirmedAccount = false;
                o.Stores.SchemaVersion = IdentitySchemaVersions.Version3;
            })
            .AddRoles<IdentityRole<Guid>>()
            .AddEntityFrameworkStores<SoukDb>()
            .AddSignInManager()
            .AddDefaultTokenProviders()
            .AddPasswordValidator<CommonPasswordValidator>();

        // OWASP's 2023 figure for PBKDF2-HMAC-SHA512 (Identity's V3 format); tests may lower it for speed.
        services.Configure<PasswordHasherOptions>(o => o.IterationCount = config.GetValue("Auth:PasswordHashIterations", 210_000));

        services.AddAuthorizationBuilder()
            .AddPolicy(Operators.Policy, p => p.RequireAuthenticatedUser().RequireRole(CurrentUser.OperatorRole));

        services.AddAuthRateLimits(config);
        services.AddSingleton(config.GetSection("Avatars").Get<AvatarOptions>() ?? new AvatarOptions());
        services.AddScoped<Sessions>();
        services.AddSingleton(config.GetSection("Accounts:FolloweeLists").Get<FolloweeListsOptions>() ?? new FolloweeListsOptions());
        services.AddSingleton<FolloweeLists>();
        services.AddSingleton(config.GetSection("Accounts:SessionCheck").Get<SessionCheckOptions>() ?? new SessionCheckOptions());
        services.AddScoped<AccountService>();
        services.AddScoped<AvatarService>();
        services.AddScoped<FollowGraph>();
        services.AddScoped<BlockList>();
        services.AddScoped<OperatorActions>();
        services.AddScoped<People>();
        services.AddSingleton<AvatarUrls>();
        services.AddSingleton(config.GetSection("Accounts:ProfileCache").Get<ProfileCacheOptions>() ?? new ProfileCacheOptions());
        services.AddSingleton<ProfileCache>();
        return services;
    }

    public static void MapAccountsModule(this WebApplication app, RouteGroupBuilder api)
    {
        AuthApi.Map(api);
        Profile.Map(api);
        UploadAvatar.Map(api);
        Follows.Map(api);
        Blocks.Map(api);
        Operators.Map(api);
        ProfileQr.Map(app);
        WebAuth.Map(app);
        Passkeys.Map(app);
    }

    static string? HubQueryToken(HttpRequest request) =>
        request.Path.StartsWithSegments("/hubs") && request.Query["access_token"].ToString() is { Length: > 0 } token ? token : null;

    static Task ApiAwareRedirect(Microsoft.AspNetCore.Authentication.RedirectContext<CookieAuthenticationOptions> ctx, int status, string detail)
    {
        if (!ctx.Request.Path.StartsWithSegments("/api") && !ctx.Request.Path.StartsWithSegments("/hubs"))
        {
            ctx.Response.Redirect(ctx.RedirectUri);
            return Task.CompletedTask;
        }
        ctx.Response.StatusCode = status;
        var problems = ctx.HttpContext.RequestServices.GetRequiredService<IProblemDetailsService>();
        return problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = ctx.HttpContext,
            ProblemDetails = { Status = status, Title = status == 401 ? "Unauthorized" : "Forbidden", Detail = detail },
        }).AsTask();
    }
}
