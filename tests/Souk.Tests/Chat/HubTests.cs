using System.Text.Json;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Souk.Tests.Infrastructure;

namespace Souk.Tests.Chat;

/// <summary>/hubs/chat with the SignalR .NET client: pushes, receipts, typing, and the sync a reconnecting client makes.</summary>
public abstract class HubTests(SoukAppFactory factory)
{
    [Fact]
    public async Task A_message_posted_by_one_member_arrives_at_the_others_connection_and_its_receipt_comes_back()
    {
        var ann = await factory.NewSessionAsync();
        var bob = await factory.NewSessionAsync();
        var id = await ann.DirectAsync(bob);
        await using var annHub = await ChatListener.ConnectAsync(factory, ann);
        await using var bobHub = await ChatListener.ConnectAsync(factory, bob);

        var sent = await bob.SayAsync(id, "is it still available?");
        var arrived = await annHub.NextAsync("MessageReceived");
        Assert.Equal(sent.GetProperty("id").GetInt64(), arrived.GetProperty("id").GetInt64());
        Assert.Equal("is it still available?", arrived.GetProperty("text").GetString());
        Assert.Equal("text", arrived.GetProperty("kind").GetString());
        Assert.Equal(bob.Account.Handle, arrived.GetProperty("sender").GetProperty("handle").GetString());
        Assert.Equal(1, await ann.UnreadInAsync(id));

        var receipt = await annHub.Connection.InvokeAsync<JsonElement>("MarkRead", id, arrived.GetProperty("id").GetInt64());
        Assert.Equal(arrived.GetProperty("id").GetInt64(), receipt.GetProperty("lastReadMessageId").GetInt64());
        var bobSees = await bobHub.NextAsync("ReadReceipt");
        Assert.Equal(id, bobSees.GetProperty("conversationId").GetInt64());
        Assert.Equal(arrived.GetProperty("id").GetInt64(), bobSees.GetProperty("lastReadMessageId").GetInt64());
        Assert.Equal(0, (await annHub.NextAsync("Badge")).GetProperty("unreadMessages").GetInt32());
        Assert.Equal(0, await ann.UnreadInAsync(id));
        await annHub.NoneAsync("ReadReceipt", 0);
    }

    [Fact]
    public async Task Sync_after_a_disconnect_returns_what_was_missed_oldest_first_with_the_badge()
    {
        var ann = await factory.NewSessionAsync();
        var bob = await factory.NewSessionAsync();
        var stranger = await factory.NewSessionAsync();
        var id = await ann.DirectAsync(bob);
        var seen = await bob.SayIdAsync(id, "first");
        var annHub = await ChatListener.ConnectAsync(factory, ann);
        await annHub.DisposeAsync();

        var missed = new[] { await bob.SayIdAsync(id, "second"), await bob.SayIdAsync(id, "third") };
        await using var again = await ChatListener.ConnectAsync(factory, ann);
        var sync = await again.Connection.InvokeAsync<JsonElement>("Sync", seen);

        Assert.Equal(missed, sync.GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("id").GetInt64()));
        Assert.Equal("third", sync.GetProperty("messages")[1].GetProperty("text").GetString());
        Assert.False(sync.GetProperty("more").GetBoolean());
        Assert.Equal(3, sync.GetProperty("badge").GetProperty("unreadMessages").GetInt32());
        var everything = await again.Connection.InvokeAsync<JsonElement>("Sync", 0L);
        Assert.Equal(3, everything.GetProperty("messages").GetArrayLength());

        await using var strangerHub = await ChatListener.ConnectAsync(factory, stranger);
        var nothing = await strangerHub.Connection.InvokeAsync<JsonElement>("Sync", 0L);
        Assert.Empty(nothing.GetProperty("messages").EnumerateArray());
    }

    [Fact]
    public async Task Sync_returns_at_most_two_hundred_and_says_there_is_more()
    {
        var ann = await factory.NewSessionAsync();
        var bob = await factory.NewSessionAsync();
        var id = await ann.DirectAsync(bob);
        var bobId = await Notes.EngageApi.UserIdAsync(factory, bob);
        await factory.QueryAsync(async db =>
        {
            db.ChatMessages.AddRange(Enumerable.Range(0, 205).Select(i => new Souk.Web.Modules.Chat.ChatMessage
            {
                ConversationId = id, SenderId = bobId, Kind = Souk.Web.Modules.Chat.MessageKind.Text, Text = $"m{i}", CreatedAt = DateTime.UtcNow,
            }));
            return await db.SaveChangesAsync();
        });
        await using var hub = await ChatListener.ConnectAsync(factory, ann);

        var first = await hub.Connection.InvokeAsync<JsonElement>("Sync", 0L);
        Assert.Equal(200, first.GetProperty("messages").GetArrayLength());
        Assert.True(first.GetProperty("more").GetBoolean());
        Assert.Equal("m0", first.GetProperty("messages")[0].GetProperty("text").GetString());
        var rest = await hub.Connection.InvokeAsync<JsonElement>("Sync", first.GetProperty("messages")[199].GetProperty("id").GetInt64());
        Assert.Equal(["m200", "m201", "m202", "m203", "m204"], rest.GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("text").GetString()));
        Assert.False(rest.GetProperty("more").GetBoolean());
    }

    [Fact]
    public async Task Typing_reaches_the_other_members_once_per_two_seconds_and_never_a_stranger()
    {
        var ann = await factory.NewSessionAsync();
        var bob = await factory.NewSessionAsync();
        var stranger = await factory.NewSessionAsync();
        var id = await ann.DirectAsync(bob);
        await using var annHub = await ChatListener.ConnectAsync(factory, ann);
        await using var bobHub = await ChatListener.ConnectAsync(factory, bob);
        await using var strangerHub = await ChatListener.ConnectAsync(factory, stranger);

        await annHub.Connection.InvokeAsync("Typing", id);
        await annHub.Connection.InvokeAsync("Typing", id);
        var typing = await bobHub.NextAsync("Typing");
        Assert.Equal(id, typing.GetProperty("conversationId").GetInt64());
        Assert.Equal(ann.Account.Handle, typing.GetProperty("handle").GetString());
        await bobHub.NoneAsync("Typing");
        await strangerHub.NoneAsync("Typing", 0);
        await annHub.NoneAsync("Typing", 0);

        // A stranger typing into the conversation is ignored: no error that would tell them it exists, and no signal.
        await strangerHub.Connection.InvokeAsync("Typing", id);
        await strangerHub.Connection.InvokeAsync("Typing", 987654321L);
        await annHub.NoneAsync("Typing");
        await bobHub.NoneAsync("Typing", 0);
    }

    [Fact]
    public async Task Someone_blocked_no_longer_hears_the_blocker_typing_or_reading()
    {
        var ann = await factory.NewSessionAsync();
        var bob = await factory.NewSessionAsync();
        var id = await ann.DirectAsync(bob);
        var first = await ann.SayIdAsync(id, "still there?");
        var second = await ann.SayIdAsync(id, "hello?");
        await using var annHub = await ChatListener.ConnectAsync(factory, ann);
        await using var bobHub = await ChatListener.ConnectAsync(factory, bob);
        // Before the block, Ann hears both.
        await bobHub.Connection.InvokeAsync("Typing", id);
        await annHub.NextAsync("Typing");
        await bobHub.Connection.InvokeAsync<JsonElement>("MarkRead", id, first);
        Assert.Equal(first, (await annHub.NextAsync("ReadReceipt")).GetProperty("lastReadMessageId").GetInt64());

        await factory.BlockAsync(bob, ann);
        await Task.Delay(2100); // past the typing throttle of Bob's connection
        await bobHub.Connection.InvokeAsync("Typing", id);
        // Bob still reads what Ann wrote before; his own devices get the receipt, Ann does not.
        var receipt = await bobHub.Connection.InvokeAsync<JsonElement>("MarkRead", id, second);
        Assert.Equal(second, receipt.GetProperty("lastReadMessageId").GetInt64());
        await annHub.NoneAsync("Typing");
        await annHub.NoneAsync("ReadReceipt", 0);
    }

    [Fact]
    public async Task A_stranger_marking_read_gets_the_same_refusal_whether_or_not_the_conversation_exists()
    {
        var ann = await factory.NewSessionAsync();
        var bob = await factory.NewSessionAsync();
        var stranger = await factory.NewSessionAsync();
        var id = await ann.DirectAsync(bob);
        var message = await ann.SayIdAsync(id, "hi");
        await using var hub = await ChatListener.ConnectAsync(factory, stranger);

        var real = await Assert.ThrowsAsync<HubException>(() => hub.Connection.InvokeAsync<JsonElement>("MarkRead", id, message));
        var missing = await Assert.ThrowsAsync<HubException>(() => hub.Connection.InvokeAsync<JsonElement>("MarkRead", 987654321L, message));
        Assert.Equal(real.Message.Replace(id.ToString(), "N"), missing.Message.Replace("987654321", "N"));
        await (await stranger.Client.PostJsonAsync($"/api/v1/conversations/{id}/read", new { messageId = message })).ShouldBeProblemAsync(System.Net.HttpStatusCode.Forbidden);
        await (await stranger.Client.PostJsonAsync("/api/v1/conversations/987654321/read", new { messageId = message })).ShouldBeProblemAsync(System.Net.HttpStatusCode.Forbidden);
        Assert.Equal(1, await bob.UnreadInAsync(id));
    }
}

public sealed class SqliteHubTests(SqliteAppFactory factory) : HubTests(factory), IClassFixture<SqliteAppFactory>;

public sealed class PostgresHubTests(PostgresAppFactory factory) : HubTests(factory), IClassFixture<PostgresAppFactory>;
