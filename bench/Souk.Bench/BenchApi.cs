using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Souk.Bench;

/// <summary>The REST calls the load tools make as signed-in people: sign in, requests with a bearer token (and an Idempotency-Key).</summary>
static class BenchApi
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>A client for a closed loop of <paramref name="concurrency"/> requests (enough pooled connections and threads).</summary>
    public static HttpClient NewClient(Uri baseAddress, int concurrency)
    {
        ThreadPool.SetMinThreads(Math.Max(64, concurrency * 2), 64);
        var handler = new SocketsHttpHandler { MaxConnectionsPerServer = Math.Max(64, concurrency), PooledConnectionLifetime = TimeSpan.FromMinutes(30) };
        return new HttpClient(handler, disposeHandler: true) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(120) };
    }

    /// <summary>Uploads one generated phone photo as the person; its media id.</summary>
    public static async Task<string> UploadPhotoAsync(HttpClient http, string token)
    {
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(BenchPhotos.Generate(PhotoKind.Phone, 1));
        file.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
        form.Add(file, "file", "product.jpg");
        using var upload = new HttpRequestMessage(HttpMethod.Post, "/api/v1/media") { Content = form };
        upload.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var uploaded = await http.SendAsync(upload);
        await EnsureAsync(uploaded, "POST /api/v1/media");
        return (await uploaded.Content.ReadFromJsonAsync<JsonElement>(Json)).GetProperty("id").GetString()!;
    }

    /// <summary>The operator makes one voucher of <paramref name="amount"/> per person (batches of 1,000) and each person redeems theirs.</summary>
    public static async Task FundAsync(HttpClient http, string operatorToken, IReadOnlyList<string> tokens, long amount, string currency)
    {
        var codes = new List<string>();
        for (var left = tokens.Count; left > 0; left -= 1000)
        {
            var batch = await SendAsync(http, HttpMethod.Post, "/api/v1/admin/vouchers", operatorToken, new
            {
                amount = new { amount, currency }, count = Math.Min(1000, left), expiresAt = DateTime.UtcNow.AddDays(30),
            }, idempotent: true);
            codes.AddRange(batch.GetProperty("codes").EnumerateArray().Select(c => c.GetString()!));
        }
        await LoadKit.ForAllAsync(tokens.Count, 16, async i =>
            await SendAsync(http, HttpMethod.Post, "/api/v1/wallet/vouchers/redeem", tokens[i], new { code = codes[i] }, idempotent: true));
    }

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
