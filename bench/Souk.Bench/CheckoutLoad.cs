using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

using static Souk.Bench.BenchApi;

namespace Souk.Bench;

/// <summary>
/// `checkout-load`: buyers paying from their wallets, through a running app. Seeded user --seller (s{run}_{seller}) opens a
/// shop with products through the API; an operator creates a voucher batch and --buyers seeded users from --first-buyer on
/// each redeem one code (HK$1,000)
/// and puts one unit in their cart: in `hot` mode all of them the same SKU (stock --stock), in `spread` mode SKU i mod
/// --skus of as many products (stock enough for everyone). Then every buyer checks out once (POST /api/v1/checkout with an
/// Idempotency-Key), --concurrency at a time, closed loop: paid orders/s (paid orders over the time to the last paid one) and
/// the latency of paid and refused checkouts. Afterwards `GET /api/v1/wallet` of random buyers for --wallet-seconds,
/// --wallet-readers at a time (p50/p99). Checks: paid + sold out = buyers and no other answer; paid ≤ stock; the SKUs' stock went down by exactly
/// the paid orders. Prints Markdown tables and `result ...` lines; exits 1 if a check failed.
/// </summary>
public static class CheckoutLoad
{
    const string Usage = "checkout-load --base URL --run RUN --seller S --first-buyer F --buyers B --operator-email E --operator-password P [--password P] " +
        "[--mode hot|spread] [--stock 500] [--skus 50] [--concurrency 64] [--wallet-seconds 10] [--wallet-readers 4]";

    sealed record Options(Uri Base, string Run, int Seller, int FirstBuyer, int Buyers, string Password, string OperatorEmail, string OperatorPassword, string Mode,
        int Stock, int Skus, int Concurrency, int WalletSeconds, int WalletReaders);

    const long VoucherAmount = 100_000, Price = 9_900;
    const string Currency = "HKD";

    public static async Task<int> RunAsync(string[] args)
    {
        if (Parse(args) is not { } o)
        {
            Console.Error.WriteLine("usage: " + Usage);
            return 2;
        }
        using var http = NewClient(o.Base, o.Concurrency);
        var buyers = o.Buyers;

        // tokens[0] is the seller's, tokens[b + 1] buyer b's.
        var watch = Stopwatch.StartNew();
        var tokens = new string[buyers + 1];
        await LoadKit.ForAllAsync(buyers + 1, 16, async i =>
            tokens[i] = await SignInAsync(http, $"s{o.Run}_{(i == 0 ? o.Seller : o.FirstBuyer + i - 1)}@seed.souk.local", o.Password));
        var operatorToken = await SignInAsync(http, o.OperatorEmail, o.OperatorPassword);
        Console.Error.WriteLine($"signed in {buyers + 1:N0} users and the operator in {watch.Elapsed.TotalSeconds:F1} s");

        watch.Restart();
        var skus = await OpenShopAsync(http, tokens[0], o);
        var stockBefore = await StockAsync(http, tokens[0], skus);
        Console.Error.WriteLine($"opened a shop with {skus.Length} SKU(s), {stockBefore.Values.Sum():N0} units, in {watch.Elapsed.TotalSeconds:F1} s");

        watch.Restart();
        await FundAsync(http, operatorToken, tokens[1..], VoucherAmount, Currency);
        await LoadKit.ForAllAsync(buyers, 16, async b =>
            await SendAsync(http, HttpMethod.Post, "/api/v1/cart/items", tokens[b + 1], new { skuId = skus[b % skus.Length].Sku, quantity = 1 }));
        Console.Error.WriteLine($"funded {buyers:N0} buyers and filled their carts in {watch.Elapsed.TotalSeconds:F1} s");

        // The checkouts: closed loop, the next buyer as soon as one answers.
        var results = new ConcurrentBag<(HttpStatusCode Status, double Ms, double EndedAt)>();
        var clock = Stopwatch.StartNew();
        await LoadKit.ForAllAsync(buyers, o.Concurrency, async b =>
        {
            var started = clock.Elapsed.TotalMilliseconds;
            using var request = Request(HttpMethod.Post, "/api/v1/checkout", tokens[b + 1], new
            {
                delivery = new { method = "shipping", name = $"Buyer {b}", address = "1 Bench Road, Mong Kok, Kowloon", phone = "+852 5555 0000" },
            }, idempotent: true);
            using var response = await http.SendAsync(request);
            var ended = clock.Elapsed.TotalMilliseconds;
            if (response.StatusCode is not (HttpStatusCode.Created or HttpStatusCode.Conflict))
                Console.Error.WriteLine($"checkout: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            results.Add((response.StatusCode, ended - started, ended));
        });
        var total = clock.Elapsed.TotalSeconds;

        var paid = results.Where(r => r.Status == HttpStatusCode.Created).ToArray();
        var soldOut = results.Count(r => r.Status == HttpStatusCode.Conflict);
        var other = results.Count - paid.Length - soldOut;
        var paidSeconds = paid.Length == 0 ? total : paid.Max(r => r.EndedAt) / 1000;
        var paidRate = paid.Length / paidSeconds;
        double[] Sorted(IEnumerable<double> xs) => [.. xs.Order()];
        var paidMs = Sorted(paid.Select(r => r.Ms));
        var refusedMs = Sorted(results.Where(r => r.Status == HttpStatusCode.Conflict).Select(r => r.Ms));
        var allMs = Sorted(results.Select(r => r.Ms));

        var stockAfter = await StockAsync(http, tokens[0], skus);
        var units = stockBefore.Values.Sum();
        var taken = units - stockAfter.Values.Sum();
        var oversold = stockAfter.Values.Any(s => s < 0) || paid.Length > units;
        var expectedPaid = Math.Min(units, buyers);
        var failures = new List<string>();
        if (other > 0) failures.Add($"{other} checkouts answered neither 201 nor 409");
        if (oversold) failures.Add($"oversold: {paid.Length} paid for {units} units");
        if (taken != paid.Length) failures.Add($"stock went down by {taken} for {paid.Length} paid orders");
        if (paid.Length != expectedPaid) failures.Add($"{paid.Length} paid orders, expected {expectedPaid}");

        var wallet = await WalletReadsAsync(http, tokens[1..], o.WalletSeconds, o.WalletReaders);

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"""
            {o.Mode} checkout: {buyers:N0} buyers, {skus.Length} SKU(s) with {units:N0} units, {o.Concurrency} checkouts at a time.

            | paid | sold out | other | paid orders/s | time to the last paid | all checkouts | paid p50 | paid p99 | sold-out p50 | sold-out p99 | stock left |
            |---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|
            | {paid.Length:N0} | {soldOut:N0} | {other} | {paidRate:F0} | {paidSeconds:F2} s | {total:F2} s | {LoadKit.Percentile(paidMs, 0.5):F0} ms | {LoadKit.Percentile(paidMs, 0.99):F0} ms | {LoadKit.Percentile(refusedMs, 0.5):F0} ms | {LoadKit.Percentile(refusedMs, 0.99):F0} ms | {stockAfter.Values.Sum():N0} |

            `GET /api/v1/wallet` ({o.WalletSeconds} s, {o.WalletReaders} at a time, random buyers): {wallet.Count:N0} reads, {wallet.Count / (double)o.WalletSeconds:F0}/s, p50 {wallet.P50:F1} ms, p99 {wallet.P99:F1} ms, {wallet.Errors} errors.

            """));
        foreach (var f in failures) Console.WriteLine($"**Check failed:** {f}.");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"result checkout mode={o.Mode} paid={paid.Length} sold_out={soldOut} other={other} paid_per_s={paidRate:F1} p99_ms={LoadKit.Percentile(allMs, 0.99):F1} paid_p99_ms={LoadKit.Percentile(paidMs, 0.99):F1} oversold={(oversold ? 1 : 0)}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"result wallet reads={wallet.Count} p50_ms={wallet.P50:F2} p99_ms={wallet.P99:F2} errors={wallet.Errors}"));
        return failures.Count == 0 && wallet.Errors == 0 ? 0 : 1;
    }

    /// <summary>The seller's shop (slug bench-{run}) with its products, published; each product's id and its SKU's.</summary>
    static async Task<(long Product, long Sku)[]> OpenShopAsync(HttpClient http, string token, Options o)
    {
        var photoId = await UploadPhotoAsync(http, token);

        // Only seller, brand and creator accounts open shops; a seeded account may be a personal one.
        await SendAsync(http, HttpMethod.Patch, "/api/v1/me", token, new { kind = "seller" });
        var slug = $"bench-{o.Run}-{o.Mode}";
        await SendAsync(http, HttpMethod.Post, "/api/v1/shops", token, new { name = $"Bench shop {o.Run} ({o.Mode})", slug });
        var products = o.Mode == "hot" ? 1 : o.Skus;
        var stock = o.Mode == "hot" ? o.Stock : o.Buyers / products + 10;
        var skus = new (long Product, long Sku)[products];
        await LoadKit.ForAllAsync(products, 4, async p =>
        {
            var product = await SendAsync(http, HttpMethod.Post, $"/api/v1/shops/{slug}/products", token, new
            {
                title = $"Bench product {p + 1}",
                description = "A product for the checkout benchmark.",
                photoIds = new[] { photoId },
                skus = new[] { new { price = new { amount = Price, currency = Currency }, stock } },
                status = "published",
            });
            skus[p] = (product.GetProperty("id").GetInt64(), product.GetProperty("skus")[0].GetProperty("id").GetInt64());
        });
        return skus;
    }

    /// <summary>Units in stock per SKU, read through the product API.</summary>
    static async Task<Dictionary<long, int>> StockAsync(HttpClient http, string token, (long Product, long Sku)[] skus)
    {
        var stock = new Dictionary<long, int>();
        foreach (var productId in skus.Select(s => s.Product).Distinct())
        {
            var product = await SendAsync(http, HttpMethod.Get, $"/api/v1/products/{productId}", token, null);
            foreach (var sku in product.GetProperty("skus").EnumerateArray()) stock[sku.GetProperty("id").GetInt64()] = sku.GetProperty("stock").GetInt32();
        }
        return stock;
    }

    static async Task<(int Count, double P50, double P99, int Errors)> WalletReadsAsync(HttpClient http, string[] tokens, int seconds, int readers)
    {
        var samples = new ConcurrentBag<double>();
        var errors = 0;
        var until = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, readers).Select(async worker =>
        {
            var random = new Random(worker);
            while (until.Elapsed.TotalSeconds < seconds)
            {
                var started = Stopwatch.GetTimestamp();
                using var request = Request(HttpMethod.Get, "/api/v1/wallet", tokens[random.Next(tokens.Length)], null);
                using var response = await http.SendAsync(request);
                await response.Content.LoadIntoBufferAsync();
                if (response.IsSuccessStatusCode) samples.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                else Interlocked.Increment(ref errors);
            }
        }));
        var sorted = samples.Order().ToArray();
        return (sorted.Length, LoadKit.Percentile(sorted, 0.5), LoadKit.Percentile(sorted, 0.99), errors);
    }

    static Options? Parse(string[] args)
    {
        if (LoadKit.ParseArgs(args) is not { } map) return null;
        if (!map.TryGetValue("base", out var b) || !map.TryGetValue("run", out var run) || !map.TryGetValue("operator-email", out var email)
            || !map.TryGetValue("operator-password", out var operatorPassword)) return null;
        var mode = map.GetValueOrDefault("mode", "hot");
        var o = new Options(new Uri(b), run, map.Int("seller", 0), map.Int("first-buyer", 1), map.Int("buyers", 0), map.GetValueOrDefault("password", "seed-password-1234"), email, operatorPassword,
            mode, map.Int("stock", 500), map.Int("skus", 50), map.Int("concurrency", 64), map.Int("wallet-seconds", 10), map.Int("wallet-readers", 4));
        return o.Buyers >= 1 && o.Seller >= 0 && (o.Seller < o.FirstBuyer || o.Seller >= o.FirstBuyer + o.Buyers) && mode is "hot" or "spread" && o.Stock >= 1 && o.Skus >= 1 && o.Concurrency >= 1 ? o : null;
    }
}
