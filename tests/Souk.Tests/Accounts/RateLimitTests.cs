using System.Net;
using Microsoft.EntityFrameworkCore;
using Souk.Tests.Infrastructure;

namespace Souk.Tests.Accounts;

/// <summary>Low limits on the sign-in surface. Each test speaks from its own client addresses, so tests do not share windows.</summary>
public abstract class RateLimitTests(SoukAppFactory factory)
{
    public const int PerAccount = 3;
    public const int PerAddress = 5;
    public const int RegisterPerAddress = 3;

    public static void Limits(IDictionary<string, string?> settings)
    {
        settings["RateLimits:LoginPerAccountPer15Minutes"] = PerAccount.ToString(System.Globalization.CultureInfo.InvariantCulture);
        settings["RateLimits:LoginPerAddressPerMinute"] = PerAddress.ToString(System.Globalization.CultureInfo.InvariantCulture);
        settings["RateLimits:RegisterPerAddressPerHour"] = RegisterPerAddress.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    static string NewAddress() => $"10.{Random.Shared.Next(1, 255)}.{Random.Shared.Next(1, 255)}.{Random.Shared.Next(1, 255)}";

    static async Task<HttpResponseMessage> LoginFromAsync(SoukAppFactory factory, string address, string email, string password)
    {
        using var client = factory.Anonymous(address);
        return await client.PostJsonAsync("/api/v1/auth/login", new { email, password });
    }

    [Fact]
    public async Task Per_account_limit_holds_across_addresses_and_refuses_even_the_right_password()
    {
        var account = await factory.RegisterAsync();
        for (var i = 0; i < PerAccount; i++)
        {
            using var wrong = await LoginFromAsync(factory, NewAddress(), account.Email, $"wrong-password-{i}");
            await wrong.ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        }

        using var limited = await LoginFromAsync(factory, NewAddress(), account.Email, account.Password);

        var problem = await limited.ShouldBeProblemAsync(HttpStatusCode.TooManyRequests);
        Assert.Contains("account", problem.GetProperty("detail").GetString(), StringComparison.OrdinalIgnoreCase);
        // The limit is on the account, not on everyone: another account from the same kind of address still signs in.
        var other = await factory.RegisterAsync();
        using var fine = await LoginFromAsync(factory, NewAddress(), other.Email, other.Password);
        await fine.ShouldBeAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Per_account_limit_ignores_the_case_of_the_email()
    {
        var account = await factory.RegisterAsync();
        for (var i = 0; i < PerAccount; i++)
        {
            var email = i % 2 == 0 ? account.Email.ToUpperInvariant() : account.Email;
            using var wrong = await LoginFromAsync(factory, NewAddress(), email, $"wrong-password-{i}");
            await wrong.ShouldBeAsync(HttpStatusCode.Unauthorized);
        }

        using var limited = await LoginFromAsync(factory, NewAddress(), account.Email, account.Password);

        await limited.ShouldBeProblemAsync(HttpStatusCode.TooManyRequests);
    }

    [Fact]
    public async Task Per_address_login_limit_answers_429_problem_with_retry_after()
    {
        var address = NewAddress();
        for (var i = 0; i < PerAddress; i++)
        {
            using var attempt = await LoginFromAsync(factory, address, $"nobody{i}-{Guid.NewGuid():N}@example.test", "some-password-here");
            await attempt.ShouldBeAsync(HttpStatusCode.Unauthorized);
        }

        using var limited = await LoginFromAsync(factory, address, $"nobody-{Guid.NewGuid():N}@example.test", "some-password-here");

        await limited.ShouldBeProblemAsync(HttpStatusCode.TooManyRequests);
        Assert.True(limited.Headers.TryGetValues("Retry-After", out var values), "429 without Retry-After");
        var seconds = int.Parse(values.Single(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(seconds, 1, 60);
        // Another address is not affected.
        using var elsewhere = await LoginFromAsync(factory, NewAddress(), $"nobody-{Guid.NewGuid():N}@example.test", "some-password-here");
        await elsewhere.ShouldBeAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Per_address_register_limit_answers_429_and_creates_nothing()
    {
        var address = NewAddress();
        using var client = factory.Anonymous(address);
        for (var i = 0; i < RegisterPerAddress; i++)
        {
            using var ok = await client.PostJsonAsync("/api/v1/auth/register", Api.RegisterBody(Api.NewAccount()));
            await ok.ShouldBeAsync(HttpStatusCode.Created);
        }
        var refused = Api.NewAccount();

        using var limited = await client.PostJsonAsync("/api/v1/auth/register", Api.RegisterBody(refused));

        await limited.ShouldBeProblemAsync(HttpStatusCode.TooManyRequests);
        Assert.True(limited.Headers.TryGetValues("Retry-After", out var values), "429 without Retry-After");
        Assert.True(int.Parse(values.Single(), System.Globalization.CultureInfo.InvariantCulture) > 0);
        var normalized = refused.Handle.ToUpperInvariant();
        Assert.Equal(0, await factory.QueryAsync(db => db.Users.CountAsync(u => u.NormalizedUserName == normalized)));
    }
}

public sealed class SqliteRateLimitFactory : SqliteAppFactory
{
    protected override void Tune(IDictionary<string, string?> settings) => RateLimitTests.Limits(settings);
}

public sealed class PostgresRateLimitFactory : PostgresAppFactory
{
    protected override void Tune(IDictionary<string, string?> settings) => RateLimitTests.Limits(settings);
}

public sealed class SqliteRateLimitTests(SqliteRateLimitFactory factory) : RateLimitTests(factory), IClassFixture<SqliteRateLimitFactory>;

public sealed class PostgresRateLimitTests(PostgresRateLimitFactory factory) : RateLimitTests(factory), IClassFixture<PostgresRateLimitFactory>;
