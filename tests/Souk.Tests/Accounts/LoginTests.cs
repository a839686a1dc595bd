using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Souk.Tests.Infrastructure;

namespace Souk.Tests.Accounts;

/// <summary>Sign-in must not tell who has an account, and locks an account after repeated wrong passwords.</summary>
public abstract class LoginTests(SoukAppFactory factory)
{
    const string AuthApiDetail = Souk.Web.Modules.Accounts.AuthApi.BadCredentials;

    sealed record Answer(HttpStatusCode Status, string? ContentType, string Body, string BodyWithoutTraceId);

    async Task<Answer> LoginAsync(string email, string password)
    {
        using var client = factory.Anonymous();
        using var response = await client.PostJsonAsync("/api/v1/auth/login", new { email, password });
        var body = await response.Content.ReadAsStringAsync();
        return new Answer(response.StatusCode, response.Content.Headers.ContentType?.ToString(), body, WithoutTraceId(body));
    }

    /// <summary>
    /// Problem Details carry a per-request traceId (it differs between any two requests, so it tells nothing
    /// about the account). Everything else must be byte-identical.
    /// </summary>
    static string WithoutTraceId(string body)
    {
        if (JsonNode.Parse(body) is not JsonObject node) return body;
        node.Remove("traceId");
        return node.ToJsonString();
    }

    [Fact]
    public async Task Unknown_email_and_wrong_password_get_the_same_answer()
    {
        var account = await factory.RegisterAsync();

        var unknown = await LoginAsync($"nobody-{Guid.NewGuid():N}@example.test", account.Password);
        var wrong = await LoginAsync(account.Email, account.Password + "-wrong");

        Assert.Equal(HttpStatusCode.Unauthorized, unknown.Status);
        Assert.Equal(unknown.Status, wrong.Status);
        Assert.Equal("application/problem+json", unknown.ContentType);
        Assert.Equal(unknown.ContentType, wrong.ContentType);
        Assert.Equal(unknown.BodyWithoutTraceId, wrong.BodyWithoutTraceId);
        Assert.Equal(unknown.Body.Length, wrong.Body.Length);
        Assert.Contains("\"traceId\"", unknown.Body, StringComparison.Ordinal);
        Assert.Contains("\"traceId\"", wrong.Body, StringComparison.Ordinal);
        Assert.Equal(AuthApiDetail, JsonNode.Parse(wrong.Body)!["detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_and_the_right_one_gets_the_same_refusal()
    {
        var account = await factory.RegisterAsync();
        var reference = await LoginAsync($"nobody-{Guid.NewGuid():N}@example.test", "whatever-password");

        for (var i = 0; i < 5; i++)
        {
            var wrong = await LoginAsync(account.Email, $"wrong-password-{i}");
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.Status);
            Assert.Equal(reference.BodyWithoutTraceId, wrong.BodyWithoutTraceId);
        }

        var right = await LoginAsync(account.Email, account.Password);

        Assert.Equal(reference.Status, right.Status);
        Assert.Equal(reference.ContentType, right.ContentType);
        Assert.Equal(reference.BodyWithoutTraceId, right.BodyWithoutTraceId);
        var email = account.Email.ToUpperInvariant();
        var lockoutEnd = await factory.QueryAsync(db => db.Users.Where(u => u.NormalizedEmail == email).Select(u => u.LockoutEnd).SingleAsync());
        Assert.NotNull(lockoutEnd);
        Assert.True(lockoutEnd > DateTimeOffset.UtcNow.AddMinutes(14), $"Locked until {lockoutEnd}");
        Assert.Equal(0, await factory.QueryAsync(db => db.UserSessions.CountAsync(s => db.Users.Any(u => u.Id == s.UserId && u.NormalizedEmail == email))));
    }

    [Fact]
    public async Task Four_wrong_passwords_do_not_lock_and_success_resets_the_count()
    {
        var account = await factory.RegisterAsync();
        for (var i = 0; i < 4; i++) Assert.Equal(HttpStatusCode.Unauthorized, (await LoginAsync(account.Email, $"wrong-password-{i}")).Status);

        Assert.Equal(HttpStatusCode.OK, (await LoginAsync(account.Email, account.Password)).Status);

        // The count started again: four more misses still leave the account open.
        for (var i = 0; i < 4; i++) Assert.Equal(HttpStatusCode.Unauthorized, (await LoginAsync(account.Email, $"wrong-password-{i}")).Status);
        Assert.Equal(HttpStatusCode.OK, (await LoginAsync(account.Email, account.Password)).Status);
    }

    [Fact]
    public async Task A_locked_account_cannot_refresh_its_tokens()
    {
        var session = await factory.NewSessionAsync();
        for (var i = 0; i < 5; i++) await LoginAsync(session.Account.Email, $"wrong-password-{i}");

        using var client = factory.Anonymous();
        using var refresh = await client.PostJsonAsync("/api/v1/auth/refresh", new { refreshToken = session.Tokens.RefreshToken });

        await refresh.ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_missing_password_is_400_not_500()
    {
        using var client = factory.Anonymous();

        using var response = await client.PostJsonAsync("/api/v1/auth/login", new { email = "someone@example.test" });

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
    }
}

public sealed class SqliteLoginTests(SqliteAppFactory factory) : LoginTests(factory), IClassFixture<SqliteAppFactory>;

public sealed class PostgresLoginTests(PostgresAppFactory factory) : LoginTests(factory), IClassFixture<PostgresAppFactory>;
