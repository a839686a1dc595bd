using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Souk.Web.Common;
using Souk.Web.Data;

namespace Souk.Web.Modules.Chat;

public sealed record ReportMessageRequest(string? Reason);

public sealed record MessageReportResponse(long Id, long MessageId, string Reason, DateTime CreatedAt);

/// <summary>
/// POST /api/v1/messages/{id}/report {reason}: a member of the message's conversation reports it for moderation. Anyone else
/// gets 403 whether or not the message exists. Once per person per message: a repeat answers 200 with the first report.
/// </summary>
public static class ReportMessage
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/messages/{id:long}/report", Handle).WithTags("Chat").RequireAuthorization();

    static async Task<Results<Created<MessageReportResponse>, Ok<MessageReportResponse>, ValidationProblem, ProblemHttpResult>> Handle(
        long id, ReportMessageRequest req, CurrentUser current, SoukDb db, TimeProvider clock, CancellationToken ct)
    {
        var me = current.RequiredId;
        var message = await db.ChatMessages.AsNoTracking().Where(m => m.Id == id
                && db.ConversationMembers.Any(c => c.ConversationId == m.ConversationId && c.UserId == me && c.LeftAt == null))
            .Select(m => new { m.SenderId }).FirstOrDefaultAsync(ct);
        if (message is null) return Problems.Forbidden("You can only report messages in your conversations.");
        if (await FindAsync(db, id, me, ct) is { } earlier) return TypedResults.Ok(earlier);

        var reason = req.Reason?.Trim() ?? "";
        if (reason.Length == 0) return Problems.Field("reason", "Say briefly what is wrong with this message.");
        if (reason.Length > MessageReport.ReasonMax) return Problems.Field("reason", $"At most {MessageReport.ReasonMax} characters.");
        if (message.SenderId == me) return Problems.Field("messageId", "You cannot report your own message.");

        var report = new MessageReport { MessageId = id, ReporterId = me, Reason = reason, CreatedAt = clock.GetUtcNow().UtcDateTime };
        db.MessageReports.Add(report);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // The same person's second tap got there first (unique per message and reporter).
            db.ChangeTracker.Clear();
            return TypedResults.Ok((await FindAsync(db, id, me, ct))!);
        }
        return TypedResults.Created((string?)null, new MessageReportResponse(report.Id, id, report.Reason, report.CreatedAt));
    }

    static Task<MessageReportResponse?> FindAsync(SoukDb db, long messageId, Guid reporter, CancellationToken ct) =>
        db.MessageReports.AsNoTracking().Where(r => r.MessageId == messageId && r.ReporterId == reporter)
            .Select(r => new MessageReportResponse(r.Id, r.MessageId, r.Reason, r.CreatedAt)).FirstOrDefaultAsync(ct);
}
