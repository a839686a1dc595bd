using System.Net;
using Microsoft.EntityFrameworkCore;
using Souk.Tests.Catalog;
using Souk.Tests.Infrastructure;
using Souk.Web.Modules.Chat;

namespace Souk.Tests.Chat;

/// <summary>POST /api/v1/messages/{id}/report: members only (others 403 whether or not it exists), once per person per message.</summary>
public abstract class MessageReportTests(SoukAppFactory factory)
{
    /// <summary>A conversation with one message from the buyer: the offer card of an offer on the seller's listing.</summary>
    async Task<(Session Seller, Session Buyer, long MessageId)> MessageAsync()
    {
        var seller = await factory.NewSessionAsync();
        var buyer = await factory.NewSessionAsync();
        var offer = await buyer.MakeOfferAsync(await seller.CreateListingIdAsync());
        var messageId = await factory.QueryAsync(db => db.ChatMessages.Where(m => m.OfferId == offer.Id()).Select(m => m.Id).SingleAsync());
        return (seller, buyer, messageId);
    }

    static Task<HttpResponseMessage> ReportAsync(Session who, long messageId, string? reason = "Asks me to pay by bank transfer") =>
        who.Client.PostJsonAsync($"/api/v1/messages/{messageId}/report", new { reason });

    [Fact]
    public async Task A_member_reports_a_message_once_and_a_repeat_changes_nothing()
    {
        var (seller, _, messageId) = await MessageAsync();

        using var first = await ReportAsync(seller, messageId);
        using var again = await ReportAsync(seller, messageId, "Something else");

        await first.ShouldBeAsync(HttpStatusCode.Created);
        await again.ShouldBeAsync(HttpStatusCode.OK);
        var firstBody = await first.JsonAsync();
        var againBody = await again.JsonAsync();
        Assert.Equal(firstBody.GetProperty("id").GetInt64(), againBody.GetProperty("id").GetInt64());
        Assert.Equal("Asks me to pay by bank transfer", againBody.GetProperty("reason").GetString());
        var report = Assert.Single(await factory.QueryAsync(db => db.MessageReports.AsNoTracking().Where(r => r.MessageId == messageId).ToListAsync()));
        Assert.Equal("Asks me to pay by bank transfer", report.Reason);
    }

    [Fact]
    public async Task Someone_outside_the_conversation_gets_403_whether_or_not_the_message_exists()
    {
        var (_, _, messageId) = await MessageAsync();
        var stranger = await factory.NewSessionAsync();

        using var existing = await ReportAsync(stranger, messageId);
        using var missing = await ReportAsync(stranger, long.MaxValue - 11);

        var a = await existing.ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        var b = await missing.ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal(a.GetProperty("detail").GetString(), b.GetProperty("detail").GetString());
        Assert.False(await factory.QueryAsync(db => db.MessageReports.AnyAsync(r => r.MessageId == messageId)));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("   ")]
    public async Task A_report_needs_a_reason(string? reason)
    {
        var (seller, _, messageId) = await MessageAsync();

        using var response = await ReportAsync(seller, messageId, reason);

        await response.ShouldBeValidationProblemAsync("reason");
    }

    [Fact]
    public async Task A_reason_has_a_length_limit_and_nobody_reports_their_own_message()
    {
        var (seller, buyer, messageId) = await MessageAsync();

        using var tooLong = await ReportAsync(seller, messageId, new string('x', MessageReport.ReasonMax + 1));
        using var own = await ReportAsync(buyer, messageId);

        await tooLong.ShouldBeValidationProblemAsync("reason");
        await own.ShouldBeValidationProblemAsync("messageId");
        Assert.False(await factory.QueryAsync(db => db.MessageReports.AnyAsync(r => r.MessageId == messageId)));
    }
}

public sealed class SqliteMessageReportTests(SqliteAppFactory factory) : MessageReportTests(factory), IClassFixture<SqliteAppFactory>;

public sealed class PostgresMessageReportTests(PostgresAppFactory factory) : MessageReportTests(factory), IClassFixture<PostgresAppFactory>;
