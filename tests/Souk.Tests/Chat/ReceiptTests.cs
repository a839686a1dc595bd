using Souk.Tests.Infrastructure;
using Souk.Tests.Notes;

namespace Souk.Tests.Chat;

/// <summary>POST /api/v1/conversations/{id}/read and GET /api/v1/chat/unread: receipts move forward only; the badge adds chats and notifications.</summary>
public abstract class ReceiptTests(SoukAppFactory factory)
{
    static Task<System.Text.Json.JsonElement> BadgeAsync(Session session) => session.Client.GetAsync("/api/v1/chat/unread").OkAsync();

    [Fact]
    public async Task Read_receipts_move_forward_only_and_the_badge_counts_unread_messages_and_notifications()
    {
        var ann = await factory.NewSessionAsync();
        var bob = await factory.NewSessionAsync();
        var cat = await factory.NewSessionAsync();
        var direct = await ann.DirectAsync(bob);
        var group = await cat.GroupAsync("Flea market", ann, bob);
        var m1 = await bob.SayIdAsync(direct, "one");
        var m2 = await bob.SayIdAsync(direct, "two");
        var m3 = await bob.SayIdAsync(direct, "three");
        await cat.SayAsync(group, "hello all");
        await ann.SayAsync(group, "hi cat");
        await bob.Client.PutAsync($"/api/v1/users/{ann.Account.Handle}/follow", null).OkAsync();

        var badge = await BadgeAsync(ann);
        // Three in the direct chat; in the group, Cat's hello and the start message came before Ann wrote (and so read) hers.
        Assert.Equal(3, badge.GetProperty("unreadMessages").GetInt32());
        Assert.Equal(1, badge.GetProperty("unreadNotifications").GetInt32());

        var receipt = await ann.Client.PostJsonAsync($"/api/v1/conversations/{direct}/read", new { messageId = m2 }).OkAsync();
        Assert.Equal(m2, receipt.GetProperty("lastReadMessageId").GetInt64());
        Assert.Equal(1, await ann.UnreadInAsync(direct));
        var back = await ann.Client.PostJsonAsync($"/api/v1/conversations/{direct}/read", new { messageId = m1 }).OkAsync();
        Assert.Equal(m2, back.GetProperty("lastReadMessageId").GetInt64());
        var members = (await bob.ConversationAsync(direct)).GetProperty("members").EnumerateArray()
            .ToDictionary(m => m.GetProperty("user").GetProperty("handle").GetString()!, m => m.GetProperty("lastReadMessageId").GetInt64());
        Assert.Equal(m2, members[ann.Account.Handle]);
        Assert.Equal(m3, members[bob.Account.Handle]);

        // Past the last message stops at the last message.
        var far = await ann.Client.PostJsonAsync($"/api/v1/conversations/{direct}/read", new { messageId = long.MaxValue }).OkAsync();
        Assert.Equal(m3, far.GetProperty("lastReadMessageId").GetInt64());
        Assert.Equal(0, (await BadgeAsync(ann)).GetProperty("unreadMessages").GetInt32());
        // Bob has read his own messages, not the group's three (start, hello, hi cat).
        Assert.Equal(3, (await BadgeAsync(bob)).GetProperty("unreadMessages").GetInt32());
    }
}

public sealed class SqliteReceiptTests(SqliteAppFactory factory) : ReceiptTests(factory), IClassFixture<SqliteAppFactory>;

public sealed class PostgresReceiptTests(PostgresAppFactory factory) : ReceiptTests(factory), IClassFixture<PostgresAppFactory>;
