using System.Buffers.Binary;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Souk.Tests.Infrastructure;

namespace Souk.Tests.Accounts;

/// <summary>The production hash cost (the other classes lower it for speed).</summary>
public abstract class PasswordHashingTests(SoukAppFactory factory)
{
    [Fact]
    public async Task Passwords_are_hashed_with_Identity_v3_and_at_least_210000_iterations()
    {
        var account = await factory.RegisterAsync();

        var normalized = account.Handle.ToUpperInvariant();
        var hash = await factory.QueryAsync(db => db.Users.Where(u => u.NormalizedUserName == normalized).Select(u => u.PasswordHash).SingleAsync());

        Assert.NotNull(hash);
        var bytes = Convert.FromBase64String(hash);
        Assert.Equal(0x01, bytes[0]); // V3 format marker
        var prf = BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(1, 4));
        Assert.Equal(2u, prf); // HMACSHA512
        var iterations = BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(5, 4));
        Assert.True(iterations >= 210_000, $"Only {iterations} PBKDF2 iterations");
        Assert.DoesNotContain(account.Password, hash, StringComparison.Ordinal);
        var tokens = await factory.LoginAsync(account);
        Assert.False(string.IsNullOrEmpty(tokens.AccessToken));
    }
}

public sealed class SqliteDefaultHashFactory : SqliteAppFactory
{
    protected override void Tune(IDictionary<string, string?> settings) => settings["Auth:PasswordHashIterations"] = null;
}

public sealed class PostgresDefaultHashFactory : PostgresAppFactory
{
    protected override void Tune(IDictionary<string, string?> settings) => settings["Auth:PasswordHashIterations"] = null;
}

public sealed class SqlitePasswordHashingTests(SqliteDefaultHashFactory factory) : PasswordHashingTests(factory), IClassFixture<SqliteDefaultHashFactory>;

public sealed class PostgresPasswordHashingTests(PostgresDefaultHashFactory factory) : PasswordHashingTests(factory), IClassFixture<PostgresDefaultHashFactory>;

/// <summary>Token lifetimes, with the app's clock moved by a FakeTimeProvider.</summary>
public abstract class TokenLifetimeTests(SoukAppFactory factory)
{
    [Fact]
    public async Task An_access_token_stops_working_after_an_hour_but_its_refresh_token_still_works()
    {
        var clock = factory.Clock!;
        var session = await factory.NewSessionAsync();

        clock.Advance(TimeSpan.FromMinutes(59));
        using (var fresh = await session.Client.GetAsync("/api/v1/me")) await fresh.ShouldBeAsync(HttpStatusCode.OK);
        clock.Advance(TimeSpan.FromMinutes(2));
        using (var stale = await session.Client.GetAsync("/api/v1/me")) await stale.ShouldBeProblemAsync(HttpStatusCode.Unauthorized);

        using var anonymous = factory.Anonymous();
        using var refresh = await anonymous.PostJsonAsync("/api/v1/auth/refresh", new { refreshToken = session.Tokens.RefreshToken });
        await refresh.ShouldBeAsync(HttpStatusCode.OK);
        var tokens = await refresh.ReadAsync<Tokens>();
        using var renewed = factory.WithBearer(tokens.AccessToken);
        using var me = await renewed.GetAsync("/api/v1/me");
        await me.ShouldBeAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_refresh_token_is_refused_after_30_days()
    {
        var clock = factory.Clock!;
        var session = await factory.NewSessionAsync();

        clock.Advance(TimeSpan.FromDays(30) + TimeSpan.FromMinutes(1));
        using var anonymous = factory.Anonymous();
        using var refresh = await anonymous.PostJsonAsync("/api/v1/auth/refresh", new { refreshToken = session.Tokens.RefreshToken });

        await refresh.ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
    }
}

public sealed class SqliteFakeClockFactory : SqliteAppFactory
{
    protected override bool UseFakeClock => true;
}

public sealed class PostgresFakeClockFactory : PostgresAppFactory
{
    protected override bool UseFakeClock => true;
}

public sealed class SqliteTokenLifetimeTests(SqliteFakeClockFactory factory) : TokenLifetimeTests(factory), IClassFixture<SqliteFakeClockFactory>;

public sealed class PostgresTokenLifetimeTests(PostgresFakeClockFactory factory) : TokenLifetimeTests(factory), IClassFixture<PostgresFakeClockFactory>;
