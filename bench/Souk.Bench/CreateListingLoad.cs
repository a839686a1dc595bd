using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Souk.Bench;

/// <summary>
/// `create-listings`: the sell flow under load, through the HTTP API of a running app. Signs up N sellers, then each
/// seller, all at once, repeatedly uploads 3 photos (POST /api/v1/media, multipart field "file") one after the other, or
/// all at once with --parallel-uploads as an app that uploads each photo as soon as it is picked may, and creates a
/// listing with them (POST /api/v1/listings). Prints per-step and whole-flow latency percentiles as a Markdown table,
/// and a last line `result ...` for scripts. Exits 1 if any request failed.
/// </summary>
public static class CreateListingLoad
{
    const string Usage = "create-listings --base URL [--sellers 4] [--rounds 10] [--warmup 1] [--photo phone|camera] [--photos 3] [--parallel-uploads]";

    sealed record Options(Uri Base, int Sellers, int Rounds, int Warmup, PhotoKind Photo, int PhotosPerListing, bool ParallelUploads);

    public static async Task<int> RunAsync(string[] args)
    {
        var options = Parse(args);
        if (options is null)
        {
            Console.Error.WriteLine("usage: " + Usage);
            return 2;
        }
        var generate = Stopwatch.StartNew();
        // Three different pictures per kind, so a listing's photos are not one file three times.
        var photos = Enumerable.Range(0, options.PhotosPerListing).AsParallel().AsOrdered().Select(i => BenchPhotos.Generate(options.Photo, 1000 + i)).ToArray();
        var (w, h, _, orientation) = BenchPhotos.Shape(options.Photo);
        Console.Error.WriteLine($"generated {photos.Length} {w}×{h} JPEGs (EXIF orientation {orientation}, GPS) of {string.Join(", ", photos.Select(p => $"{p.Length / 1024.0:F0} kB"))} in {generate.Elapsed.TotalSeconds:F1} s");

        using var handler = new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(10) };
        using var http = new HttpClient(handler) { BaseAddress = options.Base, Timeout = TimeSpan.FromMinutes(5) };
        var run = Guid.NewGuid().ToString("N")[..6];
        var tokens = new string[options.Sellers];
        for (var s = 0; s < options.Sellers; s++) tokens[s] = await SignUpAsync(http, $"cl{run}_{s}");

        var samples = new List<Sample>();
        var failures = 0;
        var wall = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, options.Sellers).Select(async s =>
        {
            for (var round = 0; round < options.Warmup + options.Rounds; round++)
            {
                try
                {
                    var sample = await CreateOneAsync(http, tokens[s], photos, options.ParallelUploads, $"{run}-{s}-{round}");
                    if (round >= options.Warmup) lock (samples) samples.Add(sample);
                }
                catch (HttpRequestException e)
                {
                    Interlocked.Increment(ref failures);
                    Console.Error.WriteLine($"seller {s}, round {round}: {e.Message}");
                }
            }
        }));
        var elapsed = wall.Elapsed;

        Print(options, photos, samples, failures, elapsed);
        return failures == 0 && samples.Count > 0 ? 0 : 1;
    }

    sealed record Sample(double[] Uploads, double Create, double Total);

    static async Task<Sample> CreateOneAsync(HttpClient http, string token, byte[][] photos, bool parallel, string tag)
    {
        var total = Stopwatch.StartNew();
        var uploads = new double[photos.Length];
        var ids = new string[photos.Length];
        async Task UploadAsync(int i)
        {
            var step = Stopwatch.StartNew();
            using var form = new MultipartFormDataContent();
            var file = new ByteArrayContent(photos[i]);
            file.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
            form.Add(file, "file", $"IMG_{i + 1:D4}.jpg");
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/media") { Content = form };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var response = await SendAsync(http, request);
            ids[i] = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
            uploads[i] = step.Elapsed.TotalMilliseconds;
        }
        if (parallel) await Task.WhenAll(Enumerable.Range(0, photos.Length).Select(UploadAsync));
        else for (var i = 0; i < photos.Length; i++) await UploadAsync(i);
        var create = Stopwatch.StartNew();
        // The duplicate guard (same seller, title and photos within 24 h) would answer 409: every title is different.
        using (var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/listings") { Content = JsonContent.Create(ListingBody(ids, tag)) })
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var response = await SendAsync(http, request);
        }
        return new Sample(uploads, create.Elapsed.TotalMilliseconds, total.Elapsed.TotalMilliseconds);
    }

    static object ListingBody(string[] photoIds, string tag) => new
    {
        title = $"Fujifilm X100V silver, boxed {tag}",
        description = "Bought in 2021, shutter count about 4,000. Box, strap, two batteries and the lens hood. Meet-up or shipping.",
        price = new { amount = 980000, currency = "HKD" },
        condition = "likeNew",
        category = "cameras",
        photoIds,
        delivery = new
        {
            meetUp = new { place = "Mong Kok MTR exit E2" },
            shipping = new { fee = new { amount = 3000, currency = "HKD" } },
        },
        location = new { district = "Mong Kok", lat = 22.319304, lng = 114.169361 },
    };

    static async Task<string> SignUpAsync(HttpClient http, string handle)
    {
        const string password = "bench-seller-password-4821";
        var email = $"{handle}@bench.example";
        using (await SendAsync(http, new HttpRequestMessage(HttpMethod.Post, "/api/v1/auth/register")
               { Content = JsonContent.Create(new { email, password, handle, displayName = $"Bench seller {handle}" }) })) { }
        using var login = await SendAsync(http, new HttpRequestMessage(HttpMethod.Post, "/api/v1/auth/login")
            { Content = JsonContent.Create(new { email, password }) });
        return (await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;
    }

    /// <summary>Sends and throws with the status and the start of the body when the answer is not a success.</summary>
    static async Task<HttpResponseMessage> SendAsync(HttpClient http, HttpRequestMessage request)
    {
        var response = await http.SendAsync(request);
        if (response.IsSuccessStatusCode) return response;
        var body = await response.Content.ReadAsStringAsync();
        response.Dispose();
        throw new HttpRequestException($"{request.Method} {request.RequestUri} answered {(int)response.StatusCode}: {body[..Math.Min(body.Length, 300)]}");
    }

    static void Print(Options options, byte[][] photos, List<Sample> samples, int failures, TimeSpan elapsed)
    {
        var rows = new List<(string Name, double[] Values)>();
        for (var i = 0; i < options.PhotosPerListing; i++)
            rows.Add(($"`POST /api/v1/media` (photo {i + 1})", [.. samples.Select(s => s.Uploads[i])]));
        rows.Add(("`POST /api/v1/listings`", [.. samples.Select(s => s.Create)]));
        rows.Add(($"**whole listing with {options.PhotosPerListing} photos**", [.. samples.Select(s => s.Total)]));

        var (w, h, _, _) = BenchPhotos.Shape(options.Photo);
        Console.WriteLine($"{options.Sellers} concurrent seller(s), {options.Photo.ToString().ToLowerInvariant()} photos ({w}×{h} JPEG, {photos.Average(p => p.Length) / 1024:F0} kB on average), " +
            $"uploaded {(options.ParallelUploads ? "all at once" : "one after the other")}: " +
            $"{samples.Count} listings measured after {options.Warmup} warm-up round(s) per seller, {failures} failed; " +
            $"{samples.Count / elapsed.TotalMinutes:F0} listings/min over {elapsed.TotalSeconds:F1} s (warm-up included)");
        Console.WriteLine();
        Console.WriteLine("| Step | n | mean (ms) | p50 (ms) | p95 (ms) | p99 (ms) | max (ms) |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|");
        foreach (var (name, values) in rows)
        {
            Array.Sort(values);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {name} | {values.Length} | {Mean(values):F0} | {Percentile(values, 50):F0} | {Percentile(values, 95):F0} | {Percentile(values, 99):F0} | {Percentile(values, 100):F0} |"));
        }
        var totals = rows[^1].Values;
        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"result n={totals.Length} failed={failures} p50={Percentile(totals, 50):F0} p95={Percentile(totals, 95):F0} p99={Percentile(totals, 99):F0}"));
    }

    static double Mean(double[] sorted) => sorted.Length == 0 ? 0 : sorted.Average();

    /// <summary>Nearest-rank percentile of sorted values (p99 of fewer than 100 samples is their maximum).</summary>
    static double Percentile(double[] sorted, int p) =>
        sorted.Length == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(p / 100.0 * sorted.Length) - 1, 0, sorted.Length - 1)];

    static Options? Parse(string[] args)
    {
        Uri? baseUri = null;
        int sellers = 4, rounds = 10, warmup = 1, perListing = 3;
        var photo = PhotoKind.Phone;
        var parallel = false;
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--parallel-uploads")
            {
                parallel = true;
                continue;
            }
            if (i + 1 >= args.Length) return null;
            var value = args[++i];
            switch (args[i - 1])
            {
                case "--base": baseUri = new Uri(value); break;
                case "--sellers": sellers = int.Parse(value, CultureInfo.InvariantCulture); break;
                case "--rounds": rounds = int.Parse(value, CultureInfo.InvariantCulture); break;
                case "--warmup": warmup = int.Parse(value, CultureInfo.InvariantCulture); break;
                case "--photos": perListing = int.Parse(value, CultureInfo.InvariantCulture); break;
                case "--photo": photo = Enum.Parse<PhotoKind>(value, ignoreCase: true); break;
                default: return null;
            }
        }
        if (baseUri is null || sellers < 1 || rounds < 1 || warmup < 0 || perListing is < 1 or > 10) return null;
        return new Options(baseUri, sellers, rounds, warmup, photo, perListing, parallel);
    }
}
