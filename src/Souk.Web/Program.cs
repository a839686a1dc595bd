using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.HttpOverrides;
using Scalar.AspNetCore;
using Souk.Web;
using Souk.Web.Common;
using Souk.Web.Components;
using Souk.Web.Data;
using Souk.Web.Modules.Accounts;
using Souk.Web.Modules.Catalog;
using Souk.Web.Modules.Chat;
using Souk.Web.Modules.Feed;
using Souk.Web.Modules.GroupBuys;
using Souk.Web.Modules.Notes;
using Souk.Web.Modules.Orders;
using Souk.Web.Modules.Wallet;

var startup = StartupArgs.Parse(args);
var builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    Args = startup.HostArgs,
    // `dotnet run` starts in the project folder; `dotnet Souk.Web.dll` may start anywhere, and then
    // the app's own folder must still be the content root or its static assets are not found.
    ContentRootPath = Directory.Exists(Path.Combine(Directory.GetCurrentDirectory(), "wwwroot")) ? null : AppContext.BaseDirectory,
});
var config = builder.Configuration;

builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddHttpContextAccessor();
builder.Services.AddScoped<CurrentUser>();
builder.Services.AddProblemDetails(o => o.CustomizeProblemDetails = ctx =>
{
    // Malformed JSON, a wrong content type or an oversized body: say what was wrong, with its real status.
    if (ctx.Exception is BadHttpRequestException bad) ctx.ProblemDetails.Detail = bad.Message;
    Localization.TranslateProblem(ctx);
});
builder.Services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter(System.Text.Json.JsonNamingPolicy.CamelCase)));
builder.Services.AddValidation();
builder.Services.AddSoukOpenApi();
builder.Services.AddSoukDb(config);
builder.Services.AddDataProtection().PersistKeysToDbContext<SoukDb>().SetApplicationName("Souk");
// Data protection's hosted service reads the key ring as the host starts, while the database is still being migrated
// on the other core (see below), and logged "no such table: DataProtectionKeys" on every first start. Without it the
// key ring is read on first use, which is after the start-up gate has opened.
var keyRingPreload = builder.Services.Single(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType?.FullName == "Microsoft.AspNetCore.DataProtection.Internal.DataProtectionHostedService");
builder.Services.Remove(keyRingPreload);
builder.Services.AddSoukLocalization();
builder.Services.AddSoukHealth();
builder.Services.AddStartupGate();
builder.Services.AddCacheEvictions();
builder.Services.AddSingleton<IBlobStore, LocalDiskBlobStore>();
builder.Services.AddSingleton<ImagePipeline>();
builder.Services.Configure<ForwardedHeadersOptions>(o => o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto);
builder.Services.AddRazorComponents();
// Pages are mostly Chinese, Cyrillic or accented text: write it as UTF-8, not as &#x...; entities three times its size.
// (<, >, &, quotes are still encoded; only the set of letters allowed through unescaped grows.)
builder.Services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(o =>
    o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
builder.Services.AddCascadingAuthenticationState();

builder.Services.AddAccountsModule(config);
builder.Services.AddCatalogModule(config);
builder.Services.AddNotesModule(config);
builder.Services.AddFeedModule(config);
builder.Services.AddChatModule(config);
builder.Services.AddWalletModule(config);
builder.Services.AddOrdersModule(config);
builder.Services.AddGroupBuysModule();

var app = builder.Build();

if (startup.Command is not null) return await Cli.RunAsync(app, startup);

var startupLog = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Souk.Startup");
static long SinceProcessStart() => (long)(DateTime.Now - System.Diagnostics.Process.GetCurrentProcess().StartTime).TotalMilliseconds;
app.Lifetime.ApplicationStarted.Register(() => startupLog.LogInformation("Listening {Ms} ms after the process started", SinceProcessStart()));
var demo = startup.Demo && config.GetValue("Demo:Enabled", true);
var gate = app.Services.GetRequiredService<StartupGate>();
// The database is prepared on the other core while the server starts; requests wait at the gate until it is ready.
// Demo content is written after the gate opens: it is a tour for a newcomer, not something the site needs to serve.
var preparing = Task.Run(async () =>
{
    var step = System.Diagnostics.Stopwatch.StartNew();
    var stopping = app.Lifetime.ApplicationStopping;
    try
    {
        await DatabaseSetup.MigrateAsync(app.Services, stopping);
        startupLog.LogInformation("Database ready in {Ms} ms", step.ElapsedMilliseconds);
        var demoNeeded = demo && await DemoData.IsNeededAsync(app.Services, stopping);
        gate.Open(demoNeeded);
        if (demoNeeded)
        {
            step.Restart();
            await DemoData.CreateAsync(app.Services, stopping);
            startupLog.LogInformation("Demo data created in {Ms} ms ({Total} ms after the process started)", step.ElapsedMilliseconds, SinceProcessStart());
        }
        gate.Finish();
    }
    catch (Exception e)
    {
        gate.Fail(e);
        throw;
    }
});

app.UseStartupGate();
app.UseForwardedHeaders();
// Pages: an error page and a not-found page. Registered at the top level because re-execution from
// inside a UseWhen branch rendered an empty body. The API branch below answers first with Problem
// Details; a response that already has a body is left alone by these outer handlers.
app.UseExceptionHandler("/error", createScopeForErrors: true);
app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
app.UseWhen(ctx => ctx.Request.Path.StartsWithSegments("/api"), api =>
{
    // A body that cannot be read (bad JSON, wrong enum name) is the client's error: keep its 400, not a 500.
    // (In Development, minimal APIs throw BadHttpRequestException instead of answering 400 themselves.)
    api.UseExceptionHandler(new ExceptionHandlerOptions
    {
        StatusCodeSelector = ex => ex is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status500InternalServerError,
    });
    api.UseStatusCodePages();
});
LocalDiskBlobStore.MapStatic(app);
app.UseRequestLocalization();
app.UseAuthentication();
app.UseMiddleware<SessionGuardMiddleware>();
app.UseAuthorization();
app.UseRateLimiter();
// After localization and authentication: cached pages vary by culture, and signed-in requests bypass the cache.
app.UseOutputCache();
app.UseAntiforgery();

app.MapStaticAssets();
app.MapSoukHealth();
app.MapOpenApi("/openapi/{documentName}.json");
app.MapScalarApiReference("/api/docs", o => o.WithTitle("Souk API").WithOpenApiRoutePattern("/openapi/{documentName}.json"));
app.MapCulturePicker();

var api = app.MapGroup("/api/v1");
app.MapAccountsModule(api);
app.MapCatalogModule(api);
app.MapNotesModule(api);
app.MapFeedModule(api);
app.MapChatModule(api);
app.MapWalletModule(api);
app.MapOrdersModule(api);
app.MapGroupBuysModule(api);

app.MapRazorComponents<App>();

await app.StartAsync();
try
{
    await preparing;
}
catch (OperationCanceledException) when (app.Lifetime.ApplicationStopping.IsCancellationRequested)
{
    // Stopped (Ctrl+C) while the database or the demo was still being prepared.
}
catch (Exception e)
{
    startupLog.LogCritical(e, "Souk could not start");
    await app.StopAsync();
    return 1;
}
await app.WaitForShutdownAsync();
return 0;

/// <summary>Exposed so tests can host the app with WebApplicationFactory.</summary>
public partial class Program;
