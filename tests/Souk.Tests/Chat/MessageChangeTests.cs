using System.Net;
using Souk.Tests.Accounts;
using Microsoft.AspNetCore.SignalR.Client;
using Souk.Tests.Infrastructure;
using Souk.Tests.Notes;

namespace Souk.Tests.Chat;

/// <summary>PATCH and DELETE /api/v1/messages/{id}: your own messages; text edits within 15 minutes; deletion for everyone; presence ages out.</summary>
public abstract class MessageChangeTests(SoukAppFactory factory)
{
    [Fact]
    public async Task The_sender_edits_a_text_message_within_fifteen_minutes_and_everyone_sees_the_change()
    {
        var ann = await factory.NewSessionAsync();
        var bob = await factory.NewSessionAsync();
        var stranger = await factory.NewSessionAsync();
        var id = await ann.DirectAsync(bob);
        var message = await ann.SayIdAsync(id, "see you at 6");
        await using var bobHub = await ChatListener.ConnectAsync(factory, bob);

        factory.Clock!.Advance(TimeSpan.FromMinutes(14));
        await (await bob.Client.PatchJsonAsync($"/api/v1/messages/{message}", new { text = "mine now" })).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await (await stranger.Client.PatchJsonAsync($"/api/v1/messages/{message}", new { text = "mine now" })).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await stranger.Client.PatchJsonAsync("/api/v1/messages/987654321", new { text = "mine now" })).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await ann.Client.PatchJsonAsync($"/api/v1/messages/{message}", new { text = "" })).ShouldBeValidationProblemAsync("text");
        var edited = await ann.Client.PatchJsonAsync($"/api/v1/messages/{message}", new { text = "see you at 7" }).OkAsync();
        Assert.Equal("see you at 7", edited.GetProperty("text").GetString());
        Assert.NotEqual(System.Text.Json.JsonValueKind.Null, edited.GetProperty("editedAt").ValueKind);
        var pushed = await bobHub.NextAsync("MessageUpdated");
        Assert.Equal("see you at 7", pushed.GetProperty("text").GetString());

        factory.Clock.Advance(TimeSpan.FromMinutes(2));
        var late = await (await ann.Client.PatchJsonAsync($"/api/v1/messages/{message}", new { text = "at 8" })).ShouldBeProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("15 minutes", late.GetProperty("detail").GetString());
        Assert.Equal("see you at 7", (await bob.MessagesAsync(id)).GetProperty("items")[0].GetProperty("text").GetString());
    }

    [Fact]
    public async Task Deleting_clears_the_content_for_everyone_and_keeps_the_place()
    {
        var ann = await factory.NewSessionAsync();
        var bob = await factory.NewSessionAsync();
        var id = await ann.DirectAsync(bob);
        var photo = await Catalog.CatalogApi.UploadPhotoAsync(ann);
        using var sent = await ann.PostMessageAsync(id, new { clientMessageId = "p1", kind = "photo", mediaId = photo, text = "my address is…" });
        var message = (await sent.JsonAsync()).GetProperty("id").GetInt64();
        var after = await bob.SayIdAsync(id, "got it");
        await using var bobHub = await ChatListener.ConnectAsync(factory, bob);

        await (await bob.Client.DeleteAsync($"/api/v1/messages/{message}")).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        using (var deleted = await ann.Client.DeleteAsync($"/api/v1/messages/{message}")) await deleted.ShouldBeAsync(HttpStatusCode.NoContent);
        var pushed = await bobHub.NextAsync("MessageUpdated");
        Assert.True(pushed.GetProperty("deleted").GetBoolean());
        // Long after the edit window, deleting is still allowed (and deleting twice changes nothing).
        factory.Clock!.Advance(TimeSpan.FromMinutes(30));
        using (var again = await ann.Client.DeleteAsync($"/api/v1/messages/{message}")) await again.ShouldBeAsync(HttpStatusCode.NoContent);
        await (await ann.Client.PatchJsonAsync($"/api/v1/messages/{message}", new { text = "x" })).ShouldBeProblemAsync(HttpStatusCode.Conflict);

        var items = (await bob.MessagesAsync(id)).GetProperty("items").EnumerateArray().ToList();
        Assert.Equal([after, message], items.Select(m => m.GetProperty("id").GetInt64()));
        Assert.True(items[1].GetProperty("deleted").GetBoolean());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, items[1].GetProperty("text").ValueKind);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, items[1].GetProperty("photo").ValueKind);
    }

    [Fact]
    public async Task A_person_is_online_while_their_app_talks_to_the_hub_and_not_after_ninety_seconds_of_silence()
    {
        var ann = await factory.NewSessionAsync();
        var bob = await factory.NewSessionAsync();
        var id = await ann.DirectAsync(bob);
        Assert.False((await ann.InboxAsync())[0].GetProperty("online").GetBoolean());

        await using var bobHub = await ChatListener.ConnectAsync(factory, bob);
        // The hub records presence in OnConnectedAsync, which runs just after the client's handshake completes.
        for (var tries = 0; tries < 50 && !(await ann.InboxAsync())[0].GetProperty("online").GetBoolean(); tries++) await Task.Delay(100);
        Assert.True((await ann.InboxAsync())[0].GetProperty("online").GetBoolean());
        var member = (await ann.ConversationAsync(id)).GetProperty("members").EnumerateArray()
            .Single(m => m.GetProperty("user").GetProperty("handle").GetString() == bob.Account.Handle);
        Assert.True(member.GetProperty("online").GetBoolean());

        factory.Clock!.Advance(TimeSpan.FromSeconds(91));
        Assert.False((await ann.InboxAsync())[0].GetProperty("online").GetBoolean());
        await bobHub.Connection.InvokeAsync("Heartbeat");
        Assert.True((await ann.InboxAsync())[0].GetProperty("online").GetBoolean());
    }
}

public sealed class SqliteMessageChangeTests(SqliteFakeClockFactory factory) : MessageChangeTests(factory), IClassFixture<SqliteFakeClockFactory>;

public sealed class PostgresMessageChangeTests(PostgresFakeClockFactory factory) : MessageChangeTests(factory), IClassFixture<PostgresFakeClockFactory>;
