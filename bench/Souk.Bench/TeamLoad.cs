using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using static Souk.Bench.BenchApi;

namespace Souk.Bench;

/// <summary>
/// `team-load`: group-buy joins through a running app. Seeded user --seller (s{run}_{seller}) opens a shop with one product
/// (one SKU, a million units) and a team offer (HK$60 instead of HK$99, --team-size seats, 24 h); an operator funds every
/// other person with a voucher. --teams starters (seeded users from --first-user on) each start a team; then --joiners more
/// people join, --concurrency at a time (closed loop) for at most --seconds, each one seat in a random team of those still
/// open: joins/s and the latency of joins and of refusals (409: the team filled meanwhile). Then --expiring more starters
/// each start a team on a second offer, for the sweeper to close (the script moves their deadline and times it).
/// Checks: every answer 200 or 409; no team holds more members than seats or more seats than its size; every person
/// charged exactly when seated. Prints Markdown and `result ...` lines; exits 1 if a check failed.
/// </summary>
public static class TeamLoad
{
    const string Usage = "team-load --base URL --run RUN --seller S --first-user F --teams T --joiners J --expiring E --operator-email E --operator-password P " +
        "[--password P] [--team-size 50] [--concurrency 64] [--seconds 30]";

    sealed record Options(Uri Base, string Run, int Seller, int FirstUser, int Teams, int Joiners, int Expiring, string Password, string OperatorEmail,
        string OperatorPassword, int TeamSize, int Concurrency, int Seconds);

    const long VoucherAmount = 10_000, SoloPrice = 9_900, TeamPrice = 6_000;
    const string Currency = "HKD";

    static readonly object Shipping = new { method = "shipping", name = "Bench Buyer", address = "1 Bench Road, Mong Kok, Kowloon", phone = "+852 5555 0000" };

    public static async Task<int> RunAsync(string[] args)
    {
        if (Parse(args) is not { } o)
        {
            Console.Error.WriteLine("usage: " + Usage);
            return 2;
        }
        using var http = NewClient(o.Base, o.Concurrency);
        var people = o.Teams + o.Joiners + o.Expiring;

        // tokens[0] is the seller's; then the starters, the joiners and the expiring teams' starters.
        var watch = Stopwatch.StartNew();
        var tokens = new string[people + 1];
        await LoadKit.ForAllAsync(people + 1, 16, async i =>
            tokens[i] = await SignInAsync(http, $"s{o.Run}_{(i == 0 ? o.Seller : o.FirstUser + i - 1)}@seed.souk.local", o.Password));
        var operatorToken = await SignInAsync(http, o.OperatorEmail, o.OperatorPassword);
        Console.Error.WriteLine($"signed in {people + 1:N0} people and the operator in {watch.Elapsed.TotalSeconds:F1} s");

        watch.Restart();
        var (offer, expiringOffer) = await OpenShopAsync(http, tokens[0], o);
        await FundAsync(http, operatorToken, tokens[1..], VoucherAmount, Currency);
        Console.Error.WriteLine($"opened the shop and its offers, funded {people:N0} people in {watch.Elapsed.TotalSeconds:F1} s");

        watch.Restart();
        var teams = new long[o.Teams];
        await LoadKit.ForAllAsync(o.Teams, o.Concurrency, async t =>
            teams[t] = (await SendAsync(http, HttpMethod.Post, $"/api/v1/team-offers/{offer}/teams", tokens[t + 1], new { delivery = Shipping }, idempotent: true))
                .GetProperty("id").GetInt64());
        var startSeconds = watch.Elapsed.TotalSeconds;
        Console.Error.WriteLine($"started {o.Teams:N0} teams in {startSeconds:F1} s");

        // The burst: each joiner once, into a random team that has not answered "full" yet.
        var open = new ConcurrentDictionary<long, bool>(teams.Select(t => KeyValuePair.Create(t, true)));
        var results = new ConcurrentBag<(HttpStatusCode Status, double Ms, int Joiner)>();
        var clock = Stopwatch.StartNew();
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, o.Concurrency).Select(async worker =>
        {
            var random = new Random(worker);
            while (clock.Elapsed.TotalSeconds < o.Seconds)
            {
                var j = Interlocked.Increment(ref next);
                if (j >= o.Joiners) return;
                var candidates = open.Keys.ToArray();
                if (candidates.Length == 0) return;
                var team = candidates[random.Next(candidates.Length)];
                var started = clock.Elapsed.TotalMilliseconds;
                using var request = Request(HttpMethod.Post, $"/api/v1/teams/{team}/join", tokens[o.Teams + j + 1], new { delivery = Shipping }, idempotent: true);
                using var response = await http.SendAsync(request);
                var body = await response.Content.ReadAsStringAsync();
                results.Add((response.StatusCode, clock.Elapsed.TotalMilliseconds - started, j));
                if (response.StatusCode == HttpStatusCode.Conflict || (response.IsSuccessStatusCode && body.Contains("\"state\":\"complete\"", StringComparison.Ordinal)))
                    open.TryRemove(team, out _);
                if (response.StatusCode is not (HttpStatusCode.OK or HttpStatusCode.Conflict)) Console.Error.WriteLine($"join: {(int)response.StatusCode} {body}");
            }
        }));
        var burstSeconds = clock.Elapsed.TotalSeconds;

        var joined = results.Where(r => r.Status == HttpStatusCode.OK).ToArray();
        var refused = results.Count(r => r.Status == HttpStatusCode.Conflict);
        var other = results.Count - joined.Length - refused;
        double[] Sorted(IEnumerable<double> xs) => [.. xs.Order()];
        var joinedMs = Sorted(joined.Select(r => r.Ms));
        var refusedMs = Sorted(results.Where(r => r.Status == HttpStatusCode.Conflict).Select(r => r.Ms));

        // Checks through the API: seats against members and sizes, and every joiner's wallet.
        var overfull = 0;
        var seats = 0;
        var complete = 0;
        await LoadKit.ForAllAsync(teams.Length, 16, async t =>
        {
            var team = await SendAsync(http, HttpMethod.Get, $"/api/v1/teams/{teams[t]}", tokens[0], null);
            var s = team.GetProperty("seats").GetInt32();
            if (s > team.GetProperty("size").GetInt32() || team.GetProperty("members").GetArrayLength() != s) Interlocked.Increment(ref overfull);
            if (team.GetProperty("state").GetString() == "complete") Interlocked.Increment(ref complete);
            Interlocked.Add(ref seats, s);
        });
        var seated = results.Where(r => r.Status == HttpStatusCode.OK).Select(r => r.Joiner).ToHashSet();
        var wronglyCharged = 0;
        await LoadKit.ForAllAsync(results.Count, 16, async i =>
        {
            var joiner = results.ElementAt(i).Joiner;
            var wallet = await SendAsync(http, HttpMethod.Get, "/api/v1/wallet", tokens[o.Teams + joiner + 1], null);
            var available = wallet.GetProperty("balances").EnumerateArray().Where(b => b.GetProperty("currency").GetString() == Currency)
                .Sum(b => b.GetProperty("available").GetProperty("amount").GetInt64());
            if (available != (seated.Contains(joiner) ? VoucherAmount - TeamPrice : VoucherAmount)) Interlocked.Increment(ref wronglyCharged);
        });

        watch.Restart();
        await LoadKit.ForAllAsync(o.Expiring, o.Concurrency, async e =>
            await SendAsync(http, HttpMethod.Post, $"/api/v1/team-offers/{expiringOffer}/teams", tokens[o.Teams + o.Joiners + e + 1], new { delivery = Shipping }, idempotent: true));
        Console.Error.WriteLine($"started {o.Expiring:N0} teams for the sweeper in {watch.Elapsed.TotalSeconds:F1} s");

        var failures = new List<string>();
        if (other > 0) failures.Add($"{other} joins answered neither 200 nor 409");
        if (overfull > 0) failures.Add($"{overfull} teams hold more members than seats or more seats than their size");
        if (seats != o.Teams + joined.Length) failures.Add($"{seats} seats taken for {o.Teams} starts and {joined.Length} joins");
        if (wronglyCharged > 0) failures.Add($"{wronglyCharged} joiners were charged for a seat they did not get, or not charged for one they got");

        var rate = joined.Length / burstSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"""
            {o.Teams:N0} teams of {o.TeamSize} started in {startSeconds:F1} s ({o.Teams / startSeconds:F0}/s); then {results.Count:N0} joins, {o.Concurrency} at a time, for up to {o.Seconds} s.

            | joined | team full | other | joins/s | burst | join p50 | join p99 | refused p50 | refused p99 | teams complete | overfull |
            |---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|
            | {joined.Length:N0} | {refused:N0} | {other} | {rate:F0} | {burstSeconds:F1} s | {LoadKit.Percentile(joinedMs, 0.5):F0} ms | {LoadKit.Percentile(joinedMs, 0.99):F0} ms | {LoadKit.Percentile(refusedMs, 0.5):F0} ms | {LoadKit.Percentile(refusedMs, 0.99):F0} ms | {complete:N0} | {overfull} |

            """));
        foreach (var f in failures) Console.WriteLine($"**Check failed:** {f}.");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"result teams joined={joined.Length} refused={refused} other={other} joins_per_s={rate:F1} p99_ms={LoadKit.Percentile(joinedMs, 0.99):F1} overfull={overfull} expiring_offer={expiringOffer}"));
        return failures.Count == 0 ? 0 : 1;
    }

    /// <summary>The seller's shop with one product and two team offers on its two SKUs: the one joined, the one left to expire.</summary>
    static async Task<(long Offer, long ExpiringOffer)> OpenShopAsync(HttpClient http, string token, Options o)
    {
        var photoId = await UploadPhotoAsync(http, token);

        await SendAsync(http, HttpMethod.Patch, "/api/v1/me", token, new { kind = "seller" });
        var slug = $"bench-{o.Run}-teams";
        await SendAsync(http, HttpMethod.Post, "/api/v1/shops", token, new { name = $"Bench shop {o.Run} (teams)", slug });
        var product = await SendAsync(http, HttpMethod.Post, $"/api/v1/shops/{slug}/products", token, new
        {
            title = "Bench tea for teams",
            description = "A product for the group-buying benchmark.",
            photoIds = new[] { photoId },
            options = new[] { new { name = "Size", values = new[] { "100g", "250g" } } },
            skus = new[]
            {
                new { options = new Dictionary<string, string> { ["Size"] = "100g" }, price = new { amount = SoloPrice, currency = Currency }, stock = 1_000_000 },
                new { options = new Dictionary<string, string> { ["Size"] = "250g" }, price = new { amount = SoloPrice, currency = Currency }, stock = 1_000_000 },
            },
            status = "published",
        });
        var productId = product.GetProperty("id").GetInt64();
        var skuIds = product.GetProperty("skus").EnumerateArray().Select(s => s.GetProperty("id").GetInt64()).ToArray();
        async Task<long> OfferAsync(long sku) => (await SendAsync(http, HttpMethod.Post, $"/api/v1/products/{productId}/team-offers", token, new
        {
            skuId = sku, teamPrice = new { amount = TeamPrice, currency = Currency }, teamSize = o.TeamSize, windowHours = 24,
        })).GetProperty("id").GetInt64();
        return (await OfferAsync(skuIds[0]), await OfferAsync(skuIds[1]));
    }

    static Options? Parse(string[] args)
    {
        if (LoadKit.ParseArgs(args) is not { } map) return null;
        if (!map.TryGetValue("base", out var b) || !map.TryGetValue("run", out var run) || !map.TryGetValue("operator-email", out var email)
            || !map.TryGetValue("operator-password", out var operatorPassword)) return null;
        var o = new Options(new Uri(b), run, map.Int("seller", 0), map.Int("first-user", 1), map.Int("teams", 0), map.Int("joiners", 0), map.Int("expiring", 0),
            map.GetValueOrDefault("password", "seed-password-1234"), email, operatorPassword, map.Int("team-size", 50), map.Int("concurrency", 64), map.Int("seconds", 30));
        return o.Teams >= 1 && o.Joiners >= 1 && o.Expiring >= 0 && o.TeamSize is >= 2 and <= 50 && o.Concurrency >= 1 && o.Seconds >= 1 ? o : null;
    }
}
