using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Souk.Web.Common;
using Souk.Web.Data;
using Souk.Web.Modules.Accounts;
using Souk.Web.Modules.Catalog;

namespace Souk.Web.Modules.Notes;

/// <summary>The note a notification is about, enough for a thumbnail row.</summary>
public sealed record NotificationNote(long Id, string Title, string Url, MediaUrls? Cover);

public sealed record NotificationResponse(
    long Id, NotificationKind Kind, UserSummary Actor, NotificationNote? Note, long? CommentId, string? CommentExcerpt, DateTime CreatedAt, bool Read);

/// <summary>Which notifications to mark read: these ids (only the caller's own count), or all of them when none are given.</summary>
public sealed record MarkReadRequest(long[]? Ids);

public sealed record MarkReadResponse(int Marked, int Unread);

/// <summary>At most <see cref="NotificationInbox.UnreadMax"/>: the badge shows "99+" beyond that, so the count never scans further.</summary>
public sealed record UnreadCountResponse(int Unread);

/// <summary>
/// GET /api/v1/notifications?cursor= (newest first), POST /api/v1/notifications/read, GET /api/v1/notifications/unread-count.
/// Everyone reads and marks only their own: other people's ids are ignored, never reported.
/// </summary>
public static class Notifications
{
    public const int MarkIdsMax = 100;

    public static void Map(RouteGroupBuilder api)
    {
        var inbox = api.MapGroup("/notifications").WithTags("Notifications").RequireAuthorization();
        inbox.MapGet("", List);
        inbox.MapPost("/read", MarkRead);
        inbox.MapGet("/unread-count", async (CurrentUser current, NotificationInbox notifications, CancellationToken ct) =>
            TypedResults.Ok(new UnreadCountResponse(await notifications.UnreadCountAsync(current.RequiredId, ct))));
    }

    static async Task<Results<Ok<Page<NotificationResponse>>, ValidationProblem>> List(
        string? cursor, int? limit, CurrentUser current, NotificationInbox notifications, HttpContext http, CancellationToken ct)
    {
        if (!Cursor.TryDecode(cursor, out var before)) return Problems.Field("cursor", "The cursor is not valid.");
        return TypedResults.Ok(await notifications.PageAsync(current.RequiredId, before, Cursor.ClampLimit(limit), Profile.BaseUrl(http.Request), ct));
    }

    static async Task<Results<Ok<MarkReadResponse>, ValidationProblem>> MarkRead(
        MarkReadRequest? req, CurrentUser current, NotificationInbox notifications, CancellationToken ct)
    {
        if (req?.Ids is { Length: > MarkIdsMax }) return Problems.Field("ids", $"Mark at most {MarkIdsMax} notifications at once, or send no ids to mark all.");
        var marked = await notifications.MarkReadAsync(current.RequiredId, req?.Ids, ct);
        return TypedResults.Ok(new MarkReadResponse(marked, await notifications.UnreadCountAsync(current.RequiredId, ct)));
    }
}

/// <summary>A person's notifications, for the API, the inbox page and the tab bar's badge.</summary>
public sealed class NotificationInbox(SoukDb db, NoteReader notes, MediaUrlBuilder media, TimeProvider clock, Chat.ChatPush push)
{
    public const int UnreadMax = 100;
    const int ExcerptMax = 100;

    public async Task<Page<NotificationResponse>> PageAsync(Guid recipientId, long? before, int limit, string baseUrl, CancellationToken ct)
    {
        var rows = await db.Notifications.AsNoTracking().Where(n => n.RecipientId == recipientId && (before == null || n.Id < before))
            .OrderByDescending(n => n.Id).Take(limit + 1)
            .Select(n => new
            {
                n.Id, n.Kind, n.ActorId, n.NoteId, n.CommentId, n.CreatedAt, Read = n.ReadAt != null,
                NoteTitle = db.Notes.Where(x => x.Id == n.NoteId).Select(x => x.Title).FirstOrDefault(),
                Cover = db.NotePhotos.Where(p => p.NoteId == n.NoteId && p.Position == 0)
                    .Join(db.MediaAssets, p => p.MediaId, m => m.Id, (p, m) => m.BlobKey).FirstOrDefault(),
                Comment = db.NoteComments.Where(c => c.Id == n.CommentId).Select(c => c.Body).FirstOrDefault(),
            })
            .ToListAsync(ct);
        var shown = rows.Take(limit).ToList();
        var actors = await notes.UsersAsync([.. shown.Select(r => r.ActorId).Distinct()], ct);
        var items = shown.Select(r => new NotificationResponse(
            r.Id, r.Kind, actors[r.ActorId],
            r.NoteId is { } noteId && r.NoteTitle is not null
                ? new NotificationNote(noteId, r.NoteTitle, NoteUrls.Page(baseUrl, noteId), r.Cover is null ? null : media.For(r.Cover))
                : null,
            r.CommentId, r.Comment is null ? null : NoteText.Excerpt(r.Comment, ExcerptMax), r.CreatedAt, r.Read)).ToList();
        return new Page<NotificationResponse>(items, rows.Count > limit ? Cursor.Encode(shown[^1].Id) : null);
    }

    /// <summary>Marks the recipient's unread notifications read (these ids only, when given); returns how many changed.</summary>
    public async Task<int> MarkReadAsync(Guid recipientId, IReadOnlyCollection<long>? ids, CancellationToken ct)
    {
        if (ids is { Count: 0 }) return 0;
        var now = clock.GetUtcNow().UtcDateTime;
        var unread = db.Notifications.Where(n => n.RecipientId == recipientId && n.ReadAt == null);
        if (ids is not null) unread = unread.Where(n => ids.Contains(n.Id));
        var marked = await unread.ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAt, now), ct);
        // The person's other devices update their badge without a reload.
        if (marked > 0) await push.BadgeAsync(recipientId, ct);
        return marked;
    }

    /// <summary>Unread notifications, counted up to <see cref="UnreadMax"/> through the filtered index IX_Notifications_Unread.</summary>
    public Task<int> UnreadCountAsync(Guid recipientId, CancellationToken ct) => CountUnreadAsync(db, recipientId, ct);

    /// <summary>The same count for code that has no inbox (the chat badge, which the inbox itself pushes).</summary>
    public static Task<int> CountUnreadAsync(SoukDb db, Guid recipientId, CancellationToken ct) =>
        db.Notifications.Where(n => n.RecipientId == recipientId && n.ReadAt == null).Take(UnreadMax).CountAsync(ct);
}
