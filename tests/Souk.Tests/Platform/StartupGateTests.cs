using System.Net;
using System.Net.Http.Json;
using Souk.Tests.Infrastructure;

namespace Souk.Tests.Platform;

/// <summary>
/// The server listens while the database is migrated: a page asked for in that time waits and is then served whole,
/// /healthz answers at once, and /readyz says 503 until the database is ready. The migration is held back with EF Core's
/// own migration lock, as a second node migrating the same database would.
/// </summary>
public abstract class StartupGateTests
{
    protected abstract SoukAppFactory NewFactory(Func<SoukAppFactory, Task> beforeStart);

    [Fact]
    public async Task A_page_asked_for_while_the_database_is_migrated_waits_and_is_then_served()
    {
        IAsyncDisposable? held = null;
        await using var factory = NewFactory(async f => held = await f.HoldMigrationLockAsync());
        await ((IAsyncLifetime)factory).InitializeAsync();
        Assert.NotNull(held);
        var client = factory.Anonymous();

        using (var health = await client.GetAsync("/healthz")) Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        using (var notReady = await client.GetAsync("/readyz")) Assert.Equal(HttpStatusCode.ServiceUnavailable, notReady.StatusCode);
        var home = client.GetAsync("/");
        var signUp = client.PostAsync("/api/v1/auth/register", JsonContent.Create(new { email = "early@example.com" }));
        await Task.Delay(TimeSpan.FromMilliseconds(800));
        Assert.False(home.IsCompleted, $"a page was answered before the database was migrated: {await DescribeAsync(home)}");
        Assert.False(signUp.IsCompleted, $"an API call was answered before the database was migrated: {await DescribeAsync(signUp)}");

        await held.DisposeAsync();

        using var page = await home.WaitAsync(TimeSpan.FromSeconds(60));
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("</html>", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var problem = await signUp.WaitAsync(TimeSpan.FromSeconds(60));
        Assert.Equal(HttpStatusCode.BadRequest, problem.StatusCode); // validated against a ready app, not a 5xx
        using var ready = await client.GetAsync("/readyz");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
    }

    static async Task<string> DescribeAsync(Task<HttpResponseMessage> request)
    {
        if (!request.IsCompletedSuccessfully) return request.Exception?.ToString() ?? request.Status.ToString();
        var response = await request;
        var body = await response.Content.ReadAsStringAsync();
        return $"{(int)response.StatusCode} {body[..Math.Min(body.Length, 600)]}";
    }
}

public sealed class SqliteStartupGateTests : StartupGateTests
{
    protected override SoukAppFactory NewFactory(Func<SoukAppFactory, Task> beforeStart) => new Held(beforeStart);

    sealed class Held(Func<SoukAppFactory, Task> beforeStart) : SqliteAppFactory
    {
        protected override bool WaitForDatabase => false;

        protected override Task BeforeStartAsync() => beforeStart(this);
    }
}

public sealed class PostgresStartupGateTests : StartupGateTests
{
    protected override SoukAppFactory NewFactory(Func<SoukAppFactory, Task> beforeStart) => new Held(beforeStart);

    sealed class Held(Func<SoukAppFactory, Task> beforeStart) : PostgresAppFactory
    {
        protected override bool WaitForDatabase => false;

        protected override Task BeforeStartAsync() => beforeStart(this);
    }
}
