using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Souk.Tests.Catalog;
using Souk.Tests.Infrastructure;
using Souk.Tests.Notes;
using Souk.Web.Modules.Wallet;
using Xunit;

namespace Souk.Tests.Wallet;

/// <summary>Prepaid vouchers end to end over HTTP, and the Idempotency-Key rules they run under, on both providers.</summary>
public abstract class VoucherTests(SoukAppFactory factory)
{
    public const int RedeemsPerWindow = 5;

    public static void Limits(IDictionary<string, string?> settings) =>
        settings["RateLimits:VoucherRedeemsPer15Minutes"] = RedeemsPerWindow.ToString(System.Globalization.CultureInfo.InvariantCulture);

    static Task<HttpResponseMessage> PostAsync(Session session, string url, object body, string? key = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent.Create(body, options: Api.Json) };
        if (key is not null) request.Headers.Add("Idempotency-Key", key);
        return session.Client.SendAsync(request);
    }

    async Task<List<string>> CreateBatchAsync(int count = 2, long amount = 10_000, DateTime? expiresAt = null)
    {
        var op = await factory.NewOperatorAsync();
        using var response = await PostAsync(op, "/api/v1/admin/vouchers",
            new { amount = new { amount, currency = "HKD" }, count, expiresAt = expiresAt ?? DateTime.UtcNow.AddDays(30) }, Guid.NewGuid().ToString());
        await response.ShouldBeAsync(HttpStatusCode.Created);
        return [.. (await response.JsonAsync()).GetProperty("codes").EnumerateArray().Select(c => c.GetString()!)];
    }

    static async Task<long> AvailableAsync(Session session)
    {
        using var response = await session.Client.GetAsync("/api/v1/wallet");
        await response.ShouldBeAsync(HttpStatusCode.OK);
        var balances = (await response.JsonAsync()).GetProperty("balances").EnumerateArray().ToList();
        return balances.Where(b => b.GetProperty("currency").GetString() == "HKD").Select(b => b.GetProperty("available").GetProperty("amount").GetInt64()).SingleOrDefault();
    }

    [Fact]
    public async Task An_operator_creates_a_batch_of_unguessable_codes_that_are_stored_only_as_hashes()
    {
        var codes = await CreateBatchAsync(count: 3);

        Assert.Equal(3, codes.Distinct().Count());
        Assert.All(codes, c => Assert.Matches("^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$", c));
        var hashes = await factory.QueryAsync(db => db.Vouchers.Select(v => v.CodeHash).ToListAsync());
        Assert.DoesNotContain(hashes, h => codes.Any(c => h.Contains(c.Replace("-", ""), StringComparison.OrdinalIgnoreCase)));
        Assert.Contains(VoucherCodes.Hash(VoucherCodes.Normalize(codes[0])!), hashes);
    }

    [Fact]
    public async Task Only_an_operator_creates_vouchers_and_a_bad_batch_is_400_on_its_fields()
    {
        var user = await factory.NewSessionAsync();
        using var forbidden = await PostAsync(user, "/api/v1/admin/vouchers", new { amount = new { amount = 100, currency = "HKD" }, count = 1, expiresAt = DateTime.UtcNow.AddDays(1) }, "k1");
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);

        var op = await factory.NewOperatorAsync();
        using var bad = await PostAsync(op, "/api/v1/admin/vouchers", new { amount = new { amount = 0, currency = "HKD" }, count = 0, expiresAt = DateTime.UtcNow.AddDays(-1) }, "k2");
        await bad.ShouldBeValidationProblemAsync("amount", "count", "expiresAt");
        Assert.Equal(0, await factory.QueryAsync(db => db.VoucherBatches.CountAsync(b => b.Count == 0)));
    }

    [Fact]
    public async Task Redeeming_credits_the_wallet_once_and_a_repeat_with_the_same_key_replays_the_answer()
    {
        var codes = await CreateBatchAsync(amount: 25_000);
        var user = await factory.NewSessionAsync();
        var key = Guid.NewGuid().ToString();

        using var first = await PostAsync(user, "/api/v1/wallet/vouchers/redeem", new { code = codes[0].ToLowerInvariant().Replace("-", " ") }, key);
        await first.ShouldBeAsync(HttpStatusCode.OK);
        var body = await first.JsonAsync();
        Assert.Equal(25_000, body.GetProperty("credited").GetProperty("amount").GetInt64());
        Assert.Equal(25_000, body.GetProperty("available").GetProperty("amount").GetInt64());

        using var repeat = await PostAsync(user, "/api/v1/wallet/vouchers/redeem", new { code = codes[0].ToLowerInvariant().Replace("-", " ") }, key);
        await repeat.ShouldBeAsync(HttpStatusCode.OK);
        Assert.True(repeat.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal(body.GetRawText(), (await repeat.JsonAsync()).GetRawText());
        Assert.Equal(25_000, await AvailableAsync(user));

        using var otherBody = await PostAsync(user, "/api/v1/wallet/vouchers/redeem", new { code = codes[1] }, key);
        await otherBody.ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity);

        using var again = await PostAsync(user, "/api/v1/wallet/vouchers/redeem", new { code = codes[0] }, Guid.NewGuid().ToString());
        await again.ShouldBeProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal(25_000, await AvailableAsync(user));
    }

    [Fact]
    public async Task A_money_route_without_an_idempotency_key_is_400_and_moves_nothing()
    {
        var codes = await CreateBatchAsync();
        var user = await factory.NewSessionAsync();
        using var response = await PostAsync(user, "/api/v1/wallet/vouchers/redeem", new { code = codes[0] });
        await response.ShouldBeValidationProblemAsync("Idempotency-Key");
        Assert.Equal(0, await AvailableAsync(user));
        Assert.Equal(0, await factory.QueryAsync(db => db.Vouchers.CountAsync(v => v.RedeemedAt != null && v.CodeHash == VoucherCodes.Hash(VoucherCodes.Normalize(codes[0])!))));
    }

    [Fact]
    public async Task An_unknown_a_malformed_and_an_expired_code_are_refused_clearly()
    {
        var codes = await CreateBatchAsync();
        var hash = VoucherCodes.Hash(VoucherCodes.Normalize(codes[0])!);
        await factory.QueryAsync(db => db.Vouchers.Where(v => v.CodeHash == hash).ExecuteUpdateAsync(u => u.SetProperty(v => v.ExpiresAt, DateTime.UtcNow.AddMinutes(-1))));
        var user = await factory.NewSessionAsync();

        using var expired = await PostAsync(user, "/api/v1/wallet/vouchers/redeem", new { code = codes[0] }, Guid.NewGuid().ToString());
        await expired.ShouldBeProblemAsync(HttpStatusCode.Gone);
        using var unknown = await PostAsync(user, "/api/v1/wallet/vouchers/redeem", new { code = VoucherCodes.NewCode() }, Guid.NewGuid().ToString());
        await unknown.ShouldBeProblemAsync(HttpStatusCode.NotFound);
        using var malformed = await PostAsync(user, "/api/v1/wallet/vouchers/redeem", new { code = "12" }, Guid.NewGuid().ToString());
        await malformed.ShouldBeValidationProblemAsync("code");
        Assert.Equal(0, await AvailableAsync(user));
    }

    [Fact]
    public async Task Ten_people_typing_one_code_at_once_credit_it_exactly_once()
    {
        var codes = await CreateBatchAsync(amount: 5_000);
        var people = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => factory.NewSessionAsync()));

        var answers = await Task.WhenAll(people.Select(async p =>
        {
            using var response = await PostAsync(p, "/api/v1/wallet/vouchers/redeem", new { code = codes[0] }, Guid.NewGuid().ToString());
            return response.StatusCode;
        }));

        Assert.Equal(1, answers.Count(s => s == HttpStatusCode.OK));
        Assert.Equal(9, answers.Count(s => s == HttpStatusCode.NotFound));
        Assert.Equal(1, await factory.QueryAsync(db => db.LedgerTransactions.CountAsync(t => t.Kind == LedgerTransactionKind.VoucherTopUp && t.Entries.Any(e => e.Amount == 5_000))));
        var balances = await Task.WhenAll(people.Select(AvailableAsync));
        Assert.Equal(5_000, balances.Sum());
    }

    [Fact]
    public async Task Guessing_codes_is_slowed_down_with_429_and_retry_after()
    {
        var user = await factory.NewSessionAsync();
        for (var i = 0; i < RedeemsPerWindow; i++)
        {
            using var guess = await PostAsync(user, "/api/v1/wallet/vouchers/redeem", new { code = VoucherCodes.NewCode() }, Guid.NewGuid().ToString());
            await guess.ShouldBeProblemAsync(HttpStatusCode.NotFound);
        }
        using var limited = await PostAsync(user, "/api/v1/wallet/vouchers/redeem", new { code = VoucherCodes.NewCode() }, Guid.NewGuid().ToString());
        await limited.ShouldBeProblemAsync(HttpStatusCode.TooManyRequests);
        Assert.True(limited.Headers.Contains("Retry-After"));
    }

    [Fact]
    public async Task A_wallet_shows_only_its_owners_money_and_needs_a_signed_in_caller()
    {
        var codes = await CreateBatchAsync(amount: 7_000);
        var rich = await factory.NewSessionAsync();
        var other = await factory.NewSessionAsync();
        using (var redeemed = await PostAsync(rich, "/api/v1/wallet/vouchers/redeem", new { code = codes[0] }, Guid.NewGuid().ToString()))
            await redeemed.ShouldBeAsync(HttpStatusCode.OK);

        Assert.Equal(7_000, await AvailableAsync(rich));
        Assert.Equal(0, await AvailableAsync(other));
        using var anonymous = factory.Anonymous();
        using var response = await anonymous.GetAsync("/api/v1/wallet");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task The_api_document_names_the_idempotency_key_header_of_money_routes()
    {
        using var anonymous = factory.Anonymous();
        var doc = await anonymous.GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var redeem = doc.GetProperty("paths").GetProperty("/api/v1/wallet/vouchers/redeem").GetProperty("post");
        Assert.Contains(redeem.GetProperty("parameters").EnumerateArray(), p => p.GetProperty("name").GetString() == "Idempotency-Key" && p.GetProperty("required").GetBoolean());
    }
}

public sealed class SqliteVoucherFactory : SqliteAppFactory
{
    protected override void Tune(IDictionary<string, string?> settings) => VoucherTests.Limits(settings);
}

public sealed class PostgresVoucherFactory : PostgresAppFactory
{
    protected override void Tune(IDictionary<string, string?> settings) => VoucherTests.Limits(settings);
}

public sealed class SqliteVoucherTests(SqliteVoucherFactory factory) : VoucherTests(factory), IClassFixture<SqliteVoucherFactory>;

public sealed class PostgresVoucherTests(PostgresVoucherFactory factory) : VoucherTests(factory), IClassFixture<PostgresVoucherFactory>;
