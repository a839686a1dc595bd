using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Souk.Tests.Infrastructure;

namespace Souk.Tests.Accounts;

/// <summary>Register, sign in, use the token, refresh it, sign out: the whole bearer life cycle.</summary>
public abstract class AuthFlowTests(SoukAppFactory factory)
{
    [Fact]
    public async Task Register_answers_201_with_the_new_profile_and_a_location()
    {
        var account = Api.NewAccount();
        using var client = factory.Anonymous();

        using var response = await client.PostJsonAsync("/api/v1/auth/register", Api.RegisterBody(account));

        await response.ShouldBeAsync(HttpStatusCode.Created);
        Assert.Equal($"/api/v1/users/{account.Handle}", response.Headers.Location?.OriginalString);
        var me = await response.JsonAsync();
        Assert.Equal(account.Handle, me.GetProperty("handle").GetString());
        Assert.Equal(account.Email, me.GetProperty("email").GetString());
        Assert.Equal(account.DisplayName, me.GetProperty("displayName").GetString());
        Assert.Equal("personal", me.GetProperty("kind").GetString());
        Assert.False(me.GetProperty("isVerified").GetBoolean());
        Assert.False(me.GetProperty("isOperator").GetBoolean());
        Assert.Equal(0, me.GetProperty("followersCount").GetInt32());
        Assert.Equal(JsonValueKind.Null, me.GetProperty("avatar").ValueKind);
        Assert.False(me.TryGetProperty("passwordHash", out _));

        using var profile = await client.GetAsync($"/api/v1/users/{account.Handle}");
        await profile.ShouldBeAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Login_gives_tokens_that_open_me()
    {
        var account = await factory.RegisterAsync();
        using var client = factory.Anonymous();

        using var login = await client.PostJsonAsync("/api/v1/auth/login", new { email = account.Email, password = account.Password });

        await login.ShouldBeAsync(HttpStatusCode.OK);
        var tokens = await login.JsonAsync();
        Assert.Equal("Bearer", tokens.GetProperty("tokenType").GetString());
        Assert.False(string.IsNullOrEmpty(tokens.GetProperty("accessToken").GetString()));
        Assert.False(string.IsNullOrEmpty(tokens.GetProperty("refreshToken").GetString()));
        Assert.Equal(3600, tokens.GetProperty("expiresIn").GetInt64());

        using var authed = factory.WithBearer(tokens.GetProperty("accessToken").GetString()!);
        using var me = await authed.GetAsync("/api/v1/me");
        await me.ShouldBeAsync(HttpStatusCode.OK);
        Assert.Equal(account.Handle, (await me.JsonAsync()).GetProperty("handle").GetString());
    }

    [Fact]
    public async Task Login_is_case_insensitive_on_the_email()
    {
        var account = await factory.RegisterAsync();
        using var client = factory.Anonymous();

        using var login = await client.PostJsonAsync("/api/v1/auth/login", new { email = account.Email.ToUpperInvariant(), password = account.Password });

        await login.ShouldBeAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Refresh_gives_new_tokens_that_work()
    {
        var session = await factory.NewSessionAsync();
        using var client = factory.Anonymous();

        using var refresh = await client.PostJsonAsync("/api/v1/auth/refresh", new { refreshToken = session.Tokens.RefreshToken });

        await refresh.ShouldBeAsync(HttpStatusCode.OK);
        var fresh = await refresh.ReadAsync<Tokens>();
        Assert.NotEqual(session.Tokens.AccessToken, fresh.AccessToken);
        Assert.NotEqual(session.Tokens.RefreshToken, fresh.RefreshToken);
        using var authed = factory.WithBearer(fresh.AccessToken);
        using var me = await authed.GetAsync("/api/v1/me");
        await me.ShouldBeAsync(HttpStatusCode.OK);
        Assert.Equal(session.Account.Handle, (await me.JsonAsync()).GetProperty("handle").GetString());
    }

    [Fact]
    public async Task Refresh_refuses_garbage_with_401_problem()
    {
        using var client = factory.Anonymous();

        using var refresh = await client.PostJsonAsync("/api/v1/auth/refresh", new { refreshToken = "not-a-token" });

        await refresh.ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task An_access_token_is_not_a_refresh_token()
    {
        var session = await factory.NewSessionAsync();
        using var client = factory.Anonymous();

        using var refresh = await client.PostJsonAsync("/api/v1/auth/refresh", new { refreshToken = session.Tokens.AccessToken });

        await refresh.ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Logout_ends_the_session_for_the_access_token_and_its_refresh_token()
    {
        var session = await factory.NewSessionAsync();
        using (var before = await session.Client.GetAsync("/api/v1/me")) await before.ShouldBeAsync(HttpStatusCode.OK);

        using var logout = await session.Client.PostAsync("/api/v1/auth/logout", null);

        await logout.ShouldBeAsync(HttpStatusCode.NoContent);
        using var after = await session.Client.GetAsync("/api/v1/me");
        await after.ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        using var anonymous = factory.Anonymous();
        using var refresh = await anonymous.PostJsonAsync("/api/v1/auth/refresh", new { refreshToken = session.Tokens.RefreshToken });
        await refresh.ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        var revoked = await factory.QueryAsync(db => db.UserSessions.CountAsync(s => s.RevokedAt != null));
        Assert.True(revoked >= 1);
    }

    [Fact]
    public async Task Logout_ends_only_that_session()
    {
        var account = await factory.RegisterAsync();
        var first = await factory.SignInAsync(account);
        var second = await factory.SignInAsync(account);

        using var logout = await first.Client.PostAsync("/api/v1/auth/logout", null);

        await logout.ShouldBeAsync(HttpStatusCode.NoContent);
        using var other = await second.Client.GetAsync("/api/v1/me");
        await other.ShouldBeAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Logout_without_a_token_is_401()
    {
        using var client = factory.Anonymous();

        using var logout = await client.PostAsync("/api/v1/auth/logout", null);

        await logout.ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Me_without_credentials_is_a_401_problem_not_a_redirect()
    {
        using var client = factory.Anonymous();

        using var me = await client.GetAsync("/api/v1/me");

        var problem = await me.ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Null(me.Headers.Location);
        Assert.Equal(401, problem.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task A_forged_bearer_token_is_401()
    {
        using var client = factory.WithBearer("CfDJ8forged-token-that-was-never-issued");

        using var me = await client.GetAsync("/api/v1/me");

        await me.ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
    }
}

public sealed class SqliteAuthFlowTests(SqliteAppFactory factory) : AuthFlowTests(factory), IClassFixture<SqliteAppFactory>;

public sealed class PostgresAuthFlowTests(PostgresAppFactory factory) : AuthFlowTests(factory), IClassFixture<PostgresAppFactory>;
