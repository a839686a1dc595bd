using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Souk.Bench;

/// <summary>The REST calls the load tools make as signed-in people: sign in, requests with a bearer token (and an Idempotency-Key).</summary>
static class BenchApi
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static async Task<string> SignInAsync(HttpClient http, string email, string password)
    {
        using var response = await http.PostAsJsonAsync("/api/v1/auth/login", new { email, password });
        await EnsureAsync(response, $"sign in {email}");
        return (await response.Content.ReadFromJsonAsync<JsonElement>(Json)).GetProperty("accessToken").GetString()!;
    }

    public static HttpRequestMessage Request(HttpMethod method, string path, string token, object? body, bool idempotent = false)
    {
        var request = new HttpRequestMessage(method, path);
        if (body is not null) request.Content = JsonContent.Create(body, options: Json);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (idempotent) request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        return request;
    }

    public static async Task<JsonElement> SendAsync(HttpClient http, HttpMethod method, string path, string token, object? body, bool idempotent = false)
    {
        using var request = Request(method, path, token, body, idempotent);
        using var response = await http.SendAsync(request);
        await EnsureAsync(response, $"{method} {path}");
        return response.Content.Headers.ContentLength == 0 ? default : await response.Content.ReadFromJsonAsync<JsonElement>(Json);
    }

    public static async Task EnsureAsync(HttpResponseMessage response, string what)
    {
        if (!response.IsSuccessStatusCode)
            throw new HttpRequestException($"{what}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }
}
