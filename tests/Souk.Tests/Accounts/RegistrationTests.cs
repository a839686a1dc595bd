using System.Net;
using Microsoft.EntityFrameworkCore;
using Souk.Tests.Infrastructure;

namespace Souk.Tests.Accounts;

/// <summary>Sign-up rules: unique handle and email, handle shape, password policy; a refused sign-up writes nothing.</summary>
public abstract class RegistrationTests(SoukAppFactory factory)
{
    async Task AssertNoAccountAsync(TestAccount attempt)
    {
        using var client = factory.Anonymous();
        using var profile = await client.GetAsync($"/api/v1/users/{Uri.EscapeDataString(attempt.Handle)}");
        await profile.ShouldBeProblemAsync(HttpStatusCode.NotFound);
        var normalizedEmail = attempt.Email.ToUpperInvariant();
        var rows = await factory.QueryAsync(db => db.Users.CountAsync(u => u.NormalizedEmail == normalizedEmail));
        Assert.Equal(0, rows);
    }

    async Task<HttpResponseMessage> RegisterAsync(TestAccount attempt)
    {
        using var client = factory.Anonymous();
        return await client.PostJsonAsync("/api/v1/auth/register", Api.RegisterBody(attempt));
    }

    [Fact]
    public async Task A_handle_differing_only_in_case_is_taken_409()
    {
        var first = Api.NewHandle("amy");
        await factory.RegisterAsync(Api.NewAccount(first));
        var attempt = Api.NewAccount(first.ToUpperInvariant()) with { Email = $"other-{Guid.NewGuid():N}@example.test" };

        using var response = await RegisterAsync(attempt);

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("handle", problem.GetProperty("field").GetString());
        var normalizedEmail = attempt.Email.ToUpperInvariant();
        Assert.Equal(0, await factory.QueryAsync(db => db.Users.CountAsync(u => u.NormalizedEmail == normalizedEmail)));
        var normalizedHandle = first.ToUpperInvariant();
        Assert.Equal(1, await factory.QueryAsync(db => db.Users.CountAsync(u => u.NormalizedUserName == normalizedHandle)));
    }

    [Fact]
    public async Task Amy_and_amy_are_the_same_handle()
    {
        // The literal pair from the spec; the suffix keeps the class's shared database free of clashes.
        var suffix = Guid.NewGuid().ToString("N")[..8];
        await factory.RegisterAsync(Api.NewAccount("Amy" + suffix));

        using var response = await RegisterAsync(Api.NewAccount("amy" + suffix) with { Email = $"other-{suffix}@example.test" });

        await response.ShouldBeProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task An_email_already_used_is_409_in_any_case()
    {
        var first = await factory.RegisterAsync();
        var attempt = Api.NewAccount() with { Email = first.Email.ToUpperInvariant() };

        using var response = await RegisterAsync(attempt);

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("email", problem.GetProperty("field").GetString());
        using var client = factory.Anonymous();
        using var profile = await client.GetAsync($"/api/v1/users/{attempt.Handle}");
        await profile.ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("a")]
    [InlineData("ab")]
    [InlineData("has space")]
    [InlineData("admin")]
    [InlineData("ADMIN")]
    [InlineData("dash-ed")]
    [InlineData("thirty_one_characters_long_xxxx")]
    [InlineData("ünïcode")]
    public async Task A_bad_handle_is_400_on_handle_and_writes_nothing(string handle)
    {
        var attempt = Api.NewAccount() with { Handle = handle };

        using var response = await RegisterAsync(attempt);

        await response.ShouldBeValidationProblemAsync("handle");
        await AssertNoAccountAsync(attempt);
    }

    [Fact]
    public async Task An_11_character_password_is_400_on_password()
    {
        var attempt = Api.NewAccount() with { Password = "kq8-vz3-mw1" };
        Assert.Equal(11, attempt.Password.Length);

        using var response = await RegisterAsync(attempt);

        await response.ShouldBeValidationProblemAsync("password");
        await AssertNoAccountAsync(attempt);
    }

    [Fact]
    public async Task A_12_character_password_is_enough()
    {
        var attempt = Api.NewAccount() with { Password = "kq8-vz3-mw1x" };

        using var response = await RegisterAsync(attempt);

        await response.ShouldBeAsync(HttpStatusCode.Created);
    }

    [Theory]
    [InlineData("password1234")]
    [InlineData("PASSWORD1234")]
    public async Task A_common_password_is_400_on_password(string password)
    {
        var attempt = Api.NewAccount() with { Password = password };

        using var response = await RegisterAsync(attempt);

        await response.ShouldBeValidationProblemAsync("password");
        await AssertNoAccountAsync(attempt);
    }

    [Fact]
    public async Task A_password_containing_the_handle_is_400_on_password()
    {
        var attempt = Api.NewAccount();
        attempt = attempt with { Password = $"x{attempt.Handle.ToUpperInvariant()}x!" };

        using var response = await RegisterAsync(attempt);

        await response.ShouldBeValidationProblemAsync("password");
        await AssertNoAccountAsync(attempt);
    }

    [Fact]
    public async Task A_password_containing_the_email_name_is_400_on_password()
    {
        var attempt = Api.NewAccount() with { Email = $"zanzibar{Guid.NewGuid():N}"[..20] + "@example.test" };
        attempt = attempt with { Password = attempt.Email.Split('@')[0] + "!!" };

        using var response = await RegisterAsync(attempt);

        await response.ShouldBeValidationProblemAsync("password");
        await AssertNoAccountAsync(attempt);
    }

    [Fact]
    public async Task A_129_character_password_is_400_on_password()
    {
        var attempt = Api.NewAccount() with { Password = new string('k', 64) + new string('q', 65) };

        using var response = await RegisterAsync(attempt);

        await response.ShouldBeValidationProblemAsync("password");
        await AssertNoAccountAsync(attempt);
    }

    [Theory]
    [InlineData("not-an-email")]
    [InlineData("")]
    public async Task A_bad_email_is_400_on_email(string email)
    {
        var attempt = Api.NewAccount() with { Email = email };

        using var response = await RegisterAsync(attempt);

        await response.ShouldBeValidationProblemAsync("email");
        using var client = factory.Anonymous();
        using var profile = await client.GetAsync($"/api/v1/users/{attempt.Handle}");
        await profile.ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_display_name_over_50_characters_is_400_on_displayName()
    {
        var attempt = Api.NewAccount() with { DisplayName = new string('n', 51) };

        using var response = await RegisterAsync(attempt);

        await response.ShouldBeValidationProblemAsync("displayName");
        await AssertNoAccountAsync(attempt);
    }

    [Fact]
    public async Task Concurrent_sign_ups_for_one_handle_make_one_account()
    {
        var handle = Api.NewHandle("race");
        var attempts = Enumerable.Range(0, 6).Select(_ => Api.NewAccount(handle) with { Email = $"{Guid.NewGuid():N}@example.test" }).ToList();

        var responses = await Task.WhenAll(attempts.Select(RegisterAsync));

        try
        {
            Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created);
            Assert.All(responses.Where(r => r.StatusCode != HttpStatusCode.Created), r => Assert.Equal(HttpStatusCode.Conflict, r.StatusCode));
            var normalized = handle.ToUpperInvariant();
            Assert.Equal(1, await factory.QueryAsync(db => db.Users.CountAsync(u => u.NormalizedUserName == normalized)));
        }
        finally
        {
            foreach (var r in responses) r.Dispose();
        }
    }
}

public sealed class SqliteRegistrationTests(SqliteAppFactory factory) : RegistrationTests(factory), IClassFixture<SqliteAppFactory>;

public sealed class PostgresRegistrationTests(PostgresAppFactory factory) : RegistrationTests(factory), IClassFixture<PostgresAppFactory>;
