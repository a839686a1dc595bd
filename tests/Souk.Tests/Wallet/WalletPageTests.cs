using System.Net;
using System.Text.RegularExpressions;
using Souk.Tests.Catalog;
using Souk.Tests.Infrastructure;
using Souk.Tests.Notes;
using Xunit;

namespace Souk.Tests.Wallet;

/// <summary>The wallet page and the operator's money pages, through their HTML forms, on both providers.</summary>
public abstract partial class WalletPageTests(SoukAppFactory factory)
{
    [GeneratedRegex(@"name=""Token"" value=""([0-9a-f]{32})""")]
    private static partial Regex FormToken();

    [GeneratedRegex(@"<li>([0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4})</li>")]
    private static partial Regex Code();

    [Fact]
    public async Task An_operator_makes_codes_a_person_redeems_one_and_withdraws_once_however_often_the_form_is_sent()
    {
        var op = await factory.NewOperatorAsync();
        using var opBrowser = factory.Browser(op);
        var vouchers = await opBrowser.PageAsync("/admin/vouchers");
        using (var made = await opBrowser.PostFormAsync("/admin/vouchers", "batch", vouchers,
                   [("Amount", "250"), ("Currency", "HKD"), ("Count", "3"), ("Expires", DateTime.UtcNow.AddDays(30).ToString("yyyy-MM-dd")), ("Token", FormToken().Match(vouchers).Groups[1].Value)]))
        {
            await made.ShouldBeAsync(HttpStatusCode.OK);
            var html = await made.Content.ReadAsStringAsync();
            Assert.Contains("data-testid=\"codes-download\"", html);
            vouchers = html;
        }
        var codes = Code().Matches(vouchers).Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(3, codes.Count);

        var person = await factory.NewSessionAsync();
        var personId = await factory.UserIdAsync(person);
        using var browser = factory.Browser(person, "zh-Hant-HK");
        var wallet = await browser.PageAsync("/wallet");
        Assert.Contains("data-testid=\"wallet-empty\"", wallet);
        Assert.Contains("錢包", wallet);
        using (var wrong = await browser.PostFormAsync("/wallet", "redeem", wallet, [("Code", "0000-0000-0000-0000")]))
            Assert.Contains("沒有未使用的預付券符合此編號。", await wrong.Content.ReadAsStringAsync());
        using (var redeemed = await browser.PostFormAsync("/wallet", "redeem", wallet, [("Code", codes[0].ToLowerInvariant())]))
        {
            var html = await redeemed.Content.ReadAsStringAsync();
            Assert.Contains("data-testid=\"wallet-notice\"", html);
            wallet = html;
        }
        Assert.Equal(25_000, await factory.AvailableAsync(personId));

        var token = FormToken().Match(wallet).Groups[1].Value;
        var payout = new[] { ("Amount", "100"), ("Currency", "HKD"), ("Destination", "HSBC 004-123-456789-001"), ("Token", token) };
        using (var first = await browser.PostFormAsync("/wallet", "payout", wallet, payout)) await first.ShouldBeAsync(HttpStatusCode.OK);
        using (var again = await browser.PostFormAsync("/wallet", "payout", wallet, payout))
            Assert.Contains("此表格已提交。", await again.Content.ReadAsStringAsync());
        Assert.Equal(15_000, await factory.AvailableAsync(personId));

        var payouts = await opBrowser.PageAsync("/admin/payouts");
        Assert.Contains("HSBC 004-123-456789-001", payouts);
        // Marked paid; then Reject from the list as it was (another operator's tab): the page says why, nothing moves.
        var payoutId = Regex.Match(payouts, @"data-testid=""payout-(\d+)""").Groups[1].Value;
        var tokens = FormToken().Matches(payouts).Select(m => m.Groups[1].Value).ToList();
        using (var paid = await opBrowser.PostFormAsync("/admin/payouts", $"paid-{payoutId}", payouts, [("Note", "FPS ref 12345"), ("Token", tokens[0])]))
            Assert.Contains("data-testid=\"admin-notice\"", await paid.Content.ReadAsStringAsync());
        using (var late = await opBrowser.PostFormAsync("/admin/payouts", $"reject-{payoutId}", payouts, [("Note", "wrong account"), ("Token", tokens[1])]))
        {
            Assert.Equal(HttpStatusCode.OK, late.StatusCode);
            Assert.Contains("This payout was paid already.", await late.Content.ReadAsStringAsync());
        }
        Assert.Equal(15_000, await factory.AvailableAsync(personId));
        var ledger = await opBrowser.PageAsync("/admin/ledger");
        Assert.Contains("class=\"notice\" data-testid=\"ledger-verdict\"", ledger);
        await browser.PageAsync("/admin/ledger", HttpStatusCode.Forbidden);
    }
}

public sealed class SqliteWalletPageTests(SqliteAppFactory factory) : WalletPageTests(factory), IClassFixture<SqliteAppFactory>;

public sealed class PostgresWalletPageTests(PostgresAppFactory factory) : WalletPageTests(factory), IClassFixture<PostgresAppFactory>;
