using System.Net;
using System.Text.Json;
using Souk.Tests.Infrastructure;
using Souk.Tests.Notes;
using Souk.Web.Modules.Accounts;

namespace Souk.Tests.Chat;

/// <summary>Helpers for the chat tests (and the offers and pages tests that build on chat): open conversations, send messages.</summary>
public static class ChatApi
{
    public static Task<HttpResponseMessage> OpenAsync(this Session session, object body) =>
        session.Client.PostJsonAsync("/api/v1/conversations", body);

    /// <summary>The one-to-one conversation with these people (about the item, if given), opened or found; its id.</summary>
    public static async Task<long> DirectAsync(this Session session, Session other, long? listingId = null, long? productId = null)
    {
        using var response = await session.OpenAsync(new { participants = new[] { other.Account.Handle }, listingId, productId });
        if (response.StatusCode != HttpStatusCode.OK) await response.ShouldBeAsync(HttpStatusCode.Created);
        return (await response.JsonAsync()).GetProperty("id").GetInt64();
    }

    /// <summary>A new group owned by the session with these members; its id.</summary>
    public static async Task<long> GroupAsync(this Session owner, string title, params Session[] members)
    {
        using var response = await owner.OpenAsync(new { participants = members.Select(m => m.Account.Handle).ToArray(), title });
        await response.ShouldBeAsync(HttpStatusCode.Created);
        return (await response.JsonAsync()).GetProperty("id").GetInt64();
    }

    public static Task<HttpResponseMessage> PostMessageAsync(this Session session, long conversationId, object body) =>
        session.Client.PostJsonAsync($"/api/v1/conversations/{conversationId}/messages", body);

    /// <summary>Sends a text message (a fresh client message id unless given) and returns it as the API answered (201).</summary>
    public static async Task<JsonElement> SayAsync(this Session session, long conversationId, string text, string? clientMessageId = null)
    {
        using var response = await session.PostMessageAsync(conversationId, new { clientMessageId = clientMessageId ?? Guid.NewGuid().ToString("N"), kind = "text", text });
        await response.ShouldBeAsync(HttpStatusCode.Created);
        return await response.JsonAsync();
    }

    public static async Task<long> SayIdAsync(this Session session, long conversationId, string text) =>
        (await session.SayAsync(conversationId, text)).GetProperty("id").GetInt64();

    /// <summary>A page of messages, newest first.</summary>
    public static Task<JsonElement> MessagesAsync(this Session session, long conversationId, long? before = null, int? limit = null) =>
        session.Client.GetAsync($"/api/v1/conversations/{conversationId}/messages?limit={limit ?? 20}" + (before is null ? "" : $"&before={before}")).OkAsync();

    public static Task<JsonElement> ConversationAsync(this Session session, long conversationId) =>
        session.Client.GetAsync($"/api/v1/conversations/{conversationId}").OkAsync();

    /// <summary>The session's conversation list (first page).</summary>
    public static async Task<List<JsonElement>> InboxAsync(this Session session, int? limit = null) =>
        [.. (await session.Client.GetAsync($"/api/v1/conversations?limit={limit ?? 20}").OkAsync()).GetProperty("items").EnumerateArray()];

    public static async Task<int> UnreadInAsync(this Session session, long conversationId) =>
        (await session.InboxAsync(100)).Single(c => c.GetProperty("id").GetInt64() == conversationId).GetProperty("unread").GetInt32();

    /// <summary>Makes <paramref name="blocker"/> block <paramref name="blocked"/> (straight in the database: the blocking API is the offers branch's).</summary>
    public static async Task BlockAsync(this SoukAppFactory factory, Session blocker, Session blocked)
    {
        var blockerId = await factory.UserIdAsync(blocker);
        var blockedId = await factory.UserIdAsync(blocked);
        await factory.QueryAsync(async db =>
        {
            db.UserBlocks.Add(new UserBlock { BlockerId = blockerId, BlockedId = blockedId, CreatedAt = DateTime.UtcNow });
            return await db.SaveChangesAsync();
        });
    }

    public static long[] Ids(this JsonElement page) => [.. page.GetProperty("items").EnumerateArray().Select(m => m.GetProperty("id").GetInt64())];
}
