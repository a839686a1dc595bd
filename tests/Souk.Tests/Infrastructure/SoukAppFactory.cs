using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using Souk.Web.Common;
using Souk.Web.Data;

namespace Souk.Tests.Infrastructure;

/// <summary>
/// Hosts the real app (real database, real blob folder) for one test class. Concrete fixtures pick the
/// provider; subclasses of those tune settings (rate limits, hash cost, clock) through <see cref="Tune"/>.
/// </summary>
public abstract class SoukAppFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    /// <summary>Requests carrying this header appear to come from that address (rate limits are per address).</summary>
    public const string ClientAddressHeader = "X-Test-Client-Address";

    static readonly string Scratch = Path.Combine(Path.GetTempPath(), "souk-tests");
    int disposed;

    protected SoukAppFactory()
    {
        BlobRoot = Path.Combine(Scratch, "blobs-" + Guid.NewGuid().ToString("N"));
    }

    public abstract DatabaseProvider Provider { get; }

    public string BlobRoot { get; }

    /// <summary>The connection string of this class's own database (set once the fixture is initialized).</summary>
    public string ConnectionString { get; private set; } = "";

    /// <summary>The app's clock when <see cref="UseFakeClock"/> is on; otherwise null (the app keeps TimeProvider.System).</summary>
    public FakeTimeProvider? Clock { get; private set; }

    protected virtual bool UseFakeClock => false;

    /// <summary>Adjusts the configuration of this fixture's app before it starts.</summary>
    protected virtual void Tune(IDictionary<string, string?> settings)
    {
    }

    protected abstract Task<string> CreateDatabaseAsync();

    /// <summary>Whether starting the fixture waits until the app has migrated its database and written any demo data (all but the start-up tests want that).</summary>
    protected virtual bool WaitForDatabase => true;

    /// <summary>Runs after the database exists and before the app starts.</summary>
    protected virtual Task BeforeStartAsync() => Task.CompletedTask;

    /// <summary>
    /// Takes EF Core's migration lock on this fixture's database, as another node migrating it would, so the app's own
    /// migration waits until the returned handle is disposed.
    /// </summary>
    public abstract Task<IAsyncDisposable> HoldMigrationLockAsync();

    protected abstract Task DropDatabaseAsync();

    protected static string ScratchFile(string name)
    {
        Directory.CreateDirectory(Scratch);
        return Path.Combine(Scratch, name);
    }

    public async Task InitializeAsync()
    {
        ConnectionString = await CreateDatabaseAsync();
        if (UseFakeClock) Clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        // Start the app now, so a failing migration or bad configuration fails the fixture with its own message;
        // the server listens while the database is migrated (and demo data written, when on), and tests may read the
        // database directly, so wait for both.
        await BeforeStartAsync();
        _ = Server;
        if (WaitForDatabase) await Services.GetRequiredService<StartupGate>().Finished;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        var settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            ["ConnectionStrings:Souk"] = ConnectionString,
            ["Database:Provider"] = Provider.ToString(),
            ["Blobs:Root"] = BlobRoot,
            ["Demo:Enabled"] = "false",
            // Tests read the discover feed right after liking; the snapshot has its own tests (DiscoverSnapshotTests).
            ["Feed:Discover:SnapshotSeconds"] = "0",
            ["Feed:Discover:AffinitySeconds"] = "0",
            ["Auth:PasswordHashIterations"] = "1000",
            // Tests sweep order deadlines themselves (OrderSweeper.SweepOnceAsync) after moving the fake clock.
            ["Orders:SweepSeconds"] = "0",
            ["RateLimits:LoginPerAddressPerMinute"] = "100000",
            ["RateLimits:LoginPerAccountPer15Minutes"] = "100000",
            ["RateLimits:RefreshPerAddressPerMinute"] = "100000",
            ["RateLimits:RegisterPerAddressPerHour"] = "100000",
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
            ["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "Error",
        };
        Tune(settings);
        foreach (var (key, value) in settings)
        {
            if (value is null) continue; // null means "keep the app's default"
            builder.UseSetting(key, value);
        }
        builder.ConfigureTestServices(services =>
        {
            if (Clock is not null)
            {
                services.RemoveAll<TimeProvider>();
                services.AddSingleton<TimeProvider>(Clock);
            }
            services.AddSingleton<IStartupFilter, ClientAddressStartupFilter>();
        });
    }

    /// <summary>A client without cookies or redirects: every API call states its own credentials.</summary>
    public HttpClient Anonymous(string? clientAddress = null)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        if (clientAddress is not null) client.DefaultRequestHeaders.Add(ClientAddressHeader, clientAddress);
        return client;
    }

    public override async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) == 1) return;
        await base.DisposeAsync();
        try
        {
            await DropDatabaseAsync();
        }
        finally
        {
            try
            {
                if (Directory.Exists(BlobRoot)) Directory.Delete(BlobRoot, recursive: true);
            }
            catch (IOException)
            {
                // A leftover temp folder is not worth failing a run for.
            }
        }
        GC.SuppressFinalize(this);
    }

    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();

    /// <summary>TestServer has no peer address; this lets a test choose one per request.</summary>
    sealed class ClientAddressStartupFilter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((ctx, nextMiddleware) =>
            {
                if (ctx.Request.Headers.TryGetValue(ClientAddressHeader, out var value) && IPAddress.TryParse(value.ToString(), out var address))
                    ctx.Connection.RemoteIpAddress = address;
                return nextMiddleware(ctx);
            });
            next(app);
        };
    }
}
