using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Souk.Tests.Infrastructure;

public sealed record TestAccount(string Handle, string Email, string Password, string DisplayName);

public sealed record Tokens(string TokenType, string AccessToken, long ExpiresIn, string RefreshToken);

/// <summary>A signed-in API client: its own bearer token, no cookies.</summary>
public sealed record Session(TestAccount Account, Tokens Tokens, HttpClient Client);

/// <summary>HTTP helpers shared by the integration tests. JSON as the API speaks it: web defaults, camelCase enum strings.</summary>
public static class Api
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    static int counter;

    /// <summary>A handle no other test in the class uses (≤ 30 characters, letters, digits and underscores).</summary>
    public static string NewHandle(string prefix = "u") =>
        $"{prefix}{Interlocked.Increment(ref counter)}_{Guid.NewGuid().ToString("N")[..6]}";

    public static TestAccount NewAccount(string? handle = null)
    {
        handle ??= NewHandle();
        return new TestAccount(handle, $"{handle.ToLowerInvariant()}@example.test", $"plum-orbit-{Guid.NewGuid().ToString("N")[..10]}", $"Tester {handle}");
    }

    public static object RegisterBody(TestAccount a) => new { email = a.Email, password = a.Password, handle = a.Handle, displayName = a.DisplayName };

    public static Task<HttpResponseMessage> PostJsonAsync(this HttpClient client, string url, object body) => client.PostAsJsonAsync(url, body, Json);

    public static Task<HttpResponseMessage> PutJsonAsync(this HttpClient client, string url, object body) => client.PutAsJsonAsync(url, body, Json);

    public static Task<HttpResponseMessage> PatchJsonAsync(this HttpClient client, string url, object body) => client.PatchAsJsonAsync(url, body, Json);

    public static async Task<TestAccount> RegisterAsync(this SoukAppFactory factory, TestAccount? account = null)
    {
        account ??= NewAccount();
        using var client = factory.Anonymous();
        using var response = await client.PostJsonAsync("/api/v1/auth/register", RegisterBody(account));
        await response.ShouldBeAsync(HttpStatusCode.Created);
        return account;
    }

    public static async Task<Tokens> LoginAsync(this SoukAppFactory factory, TestAccount account)
    {
        using var client = factory.Anonymous();
        using var response = await client.PostJsonAsync("/api/v1/auth/login", new { email = account.Email, password = account.Password });
        await response.ShouldBeAsync(HttpStatusCode.OK);
        return (await response.Content.ReadFromJsonAsync<Tokens>(Json))!;
    }

    public static HttpClient WithBearer(this SoukAppFactory factory, string accessToken)
    {
        var client = factory.Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return client;
    }

    public static async Task<Session> SignInAsync(this SoukAppFactory factory, TestAccount account)
    {
        var tokens = await factory.LoginAsync(account);
        return new Session(account, tokens, factory.WithBearer(tokens.AccessToken));
    }

    /// <summary>Registers a new account and signs it in.</summary>
    public static async Task<Session> NewSessionAsync(this SoukAppFactory factory, string? handle = null) =>
        await factory.SignInAsync(await factory.RegisterAsync(NewAccount(handle)));

    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        using var doc = JsonDocument.Parse(text);
        return doc.RootElement.Clone();
    }

    public static async Task<T> ReadAsync<T>(this HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<T>(Json)) ?? throw new InvalidOperationException("The body was JSON null.");

    /// <summary>Fails with the body in the message, which makes a wrong status much quicker to understand.</summary>
    public static async Task ShouldBeAsync(this HttpResponseMessage response, HttpStatusCode expected)
    {
        if (response.StatusCode == expected) return;
        var body = response.Content is null ? "" : await response.Content.ReadAsStringAsync();
        Assert.Fail($"Expected {(int)expected} {expected} from {response.RequestMessage?.Method} {response.RequestMessage?.RequestUri?.PathAndQuery}, got {(int)response.StatusCode} {response.StatusCode}: {body}");
    }

    /// <summary>Asserts an RFC 9457 answer: the status, application/problem+json, and a body whose status matches.</summary>
    public static async Task<JsonElement> ShouldBeProblemAsync(this HttpResponseMessage response, HttpStatusCode expected)
    {
        await response.ShouldBeAsync(expected);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = await response.JsonAsync();
        Assert.Equal((int)expected, body.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(body.GetProperty("title").GetString()));
        return body;
    }

    /// <summary>A 400 validation problem whose errors dictionary names each of the fields.</summary>
    public static async Task<JsonElement> ShouldBeValidationProblemAsync(this HttpResponseMessage response, params string[] fields)
    {
        var body = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(body.TryGetProperty("errors", out var errors), $"No errors dictionary in {body}");
        foreach (var field in fields)
        {
            Assert.True(errors.TryGetProperty(field, out var messages), $"errors has no '{field}': {errors}");
            Assert.True(messages.GetArrayLength() > 0);
            Assert.All(messages.EnumerateArray(), m => Assert.False(string.IsNullOrWhiteSpace(m.GetString())));
        }
        return body;
    }
}

public static class Db
{
    /// <summary>Reads the class's real database through the app's own DbContext.</summary>
    public static async Task<T> QueryAsync<T>(this SoukAppFactory factory, Func<Souk.Web.Data.SoukDb, Task<T>> query)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<Souk.Web.Data.SoukDb>();
        return await query(db);
    }
}
