using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Souk.Tests.Infrastructure;
using Souk.Web.Modules.Notes;

namespace Souk.Tests.Notes;

/// <summary>Helpers for the likes, saves, comments and notifications tests.</summary>
public static class EngageApi
{
    /// <summary>Sends all the requests at once, checks every answer is 200, and returns the bodies.</summary>
    public static async Task<List<JsonElement>> AllOkAsync(IEnumerable<Task<HttpResponseMessage>> requests)
    {
        var bodies = new List<JsonElement>();
        foreach (var response in await Task.WhenAll(requests))
        {
            using (response)
            {
                await response.ShouldBeAsync(HttpStatusCode.OK);
                bodies.Add(await response.JsonAsync());
            }
        }
        return bodies;
    }

    public static async Task<JsonElement> OkAsync(this Task<HttpResponseMessage> request) => (await AllOkAsync([request]))[0];

    public static async Task<JsonElement> CommentAsync(this Session session, long noteId, string body, long? parentId = null)
    {
        using var response = await session.Client.PostJsonAsync($"/api/v1/notes/{noteId}/comments", new { body, parentId });
        await response.ShouldBeAsync(HttpStatusCode.Created);
        return await response.JsonAsync();
    }

    public static async Task<long> CommentIdAsync(this Session session, long noteId, string body, long? parentId = null) =>
        (await session.CommentAsync(noteId, body, parentId)).GetProperty("id").GetInt64();

    /// <summary>The notification rows a person has received of a kind.</summary>
    public static Task<List<Notification>> NotificationsAsync(this SoukAppFactory factory, Session recipient, NotificationKind kind) =>
        factory.QueryAsync(db => db.Notifications.AsNoTracking()
            .Where(n => n.Kind == kind && db.Users.Any(u => u.Id == n.RecipientId && u.UserName == recipient.Account.Handle)).OrderBy(n => n.Id).ToListAsync());

    public static Task<Guid> UserIdAsync(this SoukAppFactory factory, Session session) =>
        factory.QueryAsync(db => db.Users.Where(u => u.UserName == session.Account.Handle).Select(u => u.Id).FirstAsync());
}
