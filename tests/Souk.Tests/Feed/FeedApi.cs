using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Souk.Tests.Catalog;
using Souk.Tests.Infrastructure;
using Souk.Tests.Notes;

namespace Souk.Tests.Feed;

/// <summary>Helpers of the feed tests: follows, notes with a chosen text and a reused photo, pages of a feed.</summary>
public static class FeedApi
{
    public static async Task FollowAsync(this Session follower, Session followee)
    {
        using var response = await follower.Client.PutAsync($"/api/v1/users/{followee.Account.Handle}/follow", null);
        await response.ShouldBeAsync(HttpStatusCode.OK);
    }

    public static async Task UnfollowAsync(this Session follower, Session followee)
    {
        using var response = await follower.Client.DeleteAsync($"/api/v1/users/{followee.Account.Handle}/follow");
        await response.ShouldBeAsync(HttpStatusCode.OK);
    }

    /// <summary>A note with this title and body on an already uploaded photo of the author's (a photo may be in several notes).</summary>
    public static Task<long> PostNoteAsync(this Session author, Guid photo, string title, string body = "") =>
        author.CreateNoteIdAsync(NotesApi.ValidNote([photo], title, body));

    public static async Task<JsonElement> GetOkAsync(this HttpClient client, string url)
    {
        using var response = await client.GetAsync(url);
        await response.ShouldBeAsync(HttpStatusCode.OK);
        return await response.JsonAsync();
    }

    public static string? Next(this JsonElement page) =>
        page.GetProperty("nextCursor").ValueKind == JsonValueKind.Null ? null : page.GetProperty("nextCursor").GetString();

    public static string WithCursor(string url, string? cursor) =>
        cursor is null ? url : $"{url}{(url.Contains('?') ? '&' : '?')}cursor={Uri.EscapeDataString(cursor)}";

    /// <summary>Sets a user's follower count as a big account would have it (the counter the ranking reads).</summary>
    public static Task SetFollowersAsync(this SoukAppFactory factory, Session who, int followers) =>
        factory.QueryAsync(db => db.Users.Where(u => u.UserName == who.Account.Handle).ExecuteUpdateAsync(s => s.SetProperty(u => u.FollowersCount, followers)));

    public static Task<Guid> UserIdAsync(this SoukAppFactory factory, Session who) =>
        factory.QueryAsync(db => db.Users.Where(u => u.UserName == who.Account.Handle).Select(u => u.Id).FirstAsync());

    /// <summary>Sets a note's engagement counters directly (the like/save/comment endpoints are another part of the issue).</summary>
    public static Task SetEngagementAsync(this SoukAppFactory factory, long noteId, int likes, int saves = 0, int comments = 0) =>
        factory.QueryAsync(db => db.Notes.Where(n => n.Id == noteId).ExecuteUpdateAsync(s => s
            .SetProperty(n => n.LikesCount, likes).SetProperty(n => n.SavesCount, saves).SetProperty(n => n.CommentsCount, comments)));
}
