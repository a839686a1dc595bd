using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;
using Souk.Tests.Infrastructure;
using Souk.Tests.Notes;

namespace Souk.Tests.Chat;

/// <summary>Group membership: the owner adds and removes, members leave, ownership passes on, the title changes; each says so in the chat.</summary>
public abstract class MembershipTests(SoukAppFactory factory)
{
    static string[] Events(JsonElement page) =>
        [.. page.GetProperty("items").EnumerateArray().Where(m => m.GetProperty("kind").GetString() == "system").Select(m => m.GetProperty("event").GetString()!)];

    static string[] Handles(JsonElement conversation) =>
        [.. conversation.GetProperty("members").EnumerateArray().Select(m => m.GetProperty("user").GetProperty("handle").GetString()!).Order()];

    [Fact]
    public async Task A_group_holds_at_most_one_hundred_people_when_started_and_when_added_to()
    {
        var owner = await factory.NewSessionAsync();
        // A hundred real accounts, written straight to the database: the limit is about counting members, not signing up.
        var crowd = await factory.QueryAsync(async db =>
        {
            var run = Guid.NewGuid().ToString("N")[..6];
            var people = Enumerable.Range(0, 100).Select(i => new Souk.Web.Modules.Accounts.SoukUser
            {
                UserName = $"crowd{i}_{run}", NormalizedUserName = $"CROWD{i}_{run}".ToUpperInvariant(), Email = $"crowd{i}_{run}@example.com",
                NormalizedEmail = $"CROWD{i}_{run}@EXAMPLE.COM".ToUpperInvariant(), DisplayName = $"Crowd {i}", SecurityStamp = Guid.NewGuid().ToString(),
            }).ToList();
            db.Users.AddRange(people);
            await db.SaveChangesAsync();
            return people.Select(p => p.UserName!).ToArray();
        });

        // The owner and a hundred others are 101.
        var tooMany = await (await owner.OpenAsync(new { participants = crowd, title = "Crowd" })).ShouldBeValidationProblemAsync("participants");
        Assert.Equal("A group has at most 100 members, you included.", tooMany.GetProperty("errors").GetProperty("participants")[0].GetString());
        using var started = await owner.OpenAsync(new { participants = crowd[..99], title = "Crowd" });
        await started.ShouldBeAsync(HttpStatusCode.Created);
        var id = (await started.JsonAsync()).GetProperty("id").GetInt64();

        var full = await (await owner.Client.PostJsonAsync($"/api/v1/conversations/{id}/members", new { handles = new[] { crowd[99] } })).ShouldBeValidationProblemAsync("handles");
        Assert.Equal("A group has at most 100 members; this one has 100.", full.GetProperty("errors").GetProperty("handles")[0].GetString());
        // Adding someone already in it is not a new member.
        await owner.Client.PostJsonAsync($"/api/v1/conversations/{id}/members", new { handles = new[] { crowd[0] } }).OkAsync();

        // When one leaves, the last one fits.
        using (var removed = await owner.Client.DeleteAsync($"/api/v1/conversations/{id}/members/{crowd[0]}")) await removed.ShouldBeAsync(HttpStatusCode.NoContent);
        var now = await owner.Client.PostJsonAsync($"/api/v1/conversations/{id}/members", new { handles = new[] { crowd[99] } }).OkAsync();
        Assert.Equal(100, now.GetProperty("members").GetArrayLength());
    }

    [Fact]
    public async Task The_owner_adds_and_removes_and_someone_added_later_sees_the_history()
    {
        var owner = await factory.NewSessionAsync();
        var ann = await factory.NewSessionAsync();
        var bob = await factory.NewSessionAsync();
        var id = await owner.GroupAsync("Lens swap", ann);
        await ann.SayAsync(id, "before Bob");

        await (await ann.Client.PostJsonAsync($"/api/v1/conversations/{id}/members", new { handles = new[] { bob.Account.Handle } })).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await (await owner.Client.PostJsonAsync($"/api/v1/conversations/{id}/members", new { handles = new[] { "nobody_42" } })).ShouldBeValidationProblemAsync("handles");
        var added = await owner.Client.PostJsonAsync($"/api/v1/conversations/{id}/members", new { handles = new[] { bob.Account.Handle, ann.Account.Handle } }).OkAsync();
        Assert.Equal(new[] { owner, ann, bob }.Select(s => s.Account.Handle).Order(), Handles(added));

        var history = await bob.MessagesAsync(id);
        Assert.Contains(history.GetProperty("items").EnumerateArray(), m => m.GetProperty("text").GetString() == "before Bob");
        Assert.Equal(["memberAdded", "conversationCreated"], Events(history));
        // Only what came after joining is unread for him: the message that he was added, not the history before.
        Assert.Equal(1, await bob.UnreadInAsync(id));

        await (await ann.Client.DeleteAsync($"/api/v1/conversations/{id}/members/{bob.Account.Handle}")).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        using (var removed = await owner.Client.DeleteAsync($"/api/v1/conversations/{id}/members/{bob.Account.Handle}")) await removed.ShouldBeAsync(HttpStatusCode.NoContent);
        await (await bob.Client.GetAsync($"/api/v1/conversations/{id}/messages")).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await (await bob.PostMessageAsync(id, new { clientMessageId = "z", kind = "text", text = "still here?" })).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        Assert.DoesNotContain(await bob.InboxAsync(), c => c.GetProperty("id").GetInt64() == id);
        var last = (await ann.MessagesAsync(id, limit: 1)).GetProperty("items")[0];
        Assert.Equal("memberRemoved", last.GetProperty("event").GetString());
        Assert.Equal(bob.Account.Handle, last.GetProperty("subject").GetProperty("handle").GetString());
        await (await owner.Client.DeleteAsync($"/api/v1/conversations/{id}/members/{bob.Account.Handle}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task When_the_owner_leaves_the_longest_standing_member_owns_the_group()
    {
        var owner = await factory.NewSessionAsync();
        var ann = await factory.NewSessionAsync();
        var bob = await factory.NewSessionAsync();
        var id = await owner.GroupAsync("Weekend market", ann);
        await owner.Client.PostJsonAsync($"/api/v1/conversations/{id}/members", new { handles = new[] { bob.Account.Handle } }).OkAsync();

        using (var left = await owner.Client.DeleteAsync($"/api/v1/conversations/{id}/members/{owner.Account.Handle}")) await left.ShouldBeAsync(HttpStatusCode.NoContent);
        var group = await ann.ConversationAsync(id);
        Assert.Equal(await Notes.EngageApi.UserIdAsync(factory, ann), group.GetProperty("ownerId").GetGuid());
        Assert.Equal(new[] { ann, bob }.Select(s => s.Account.Handle).Order(), Handles(group));
        Assert.Equal("memberLeft", (await ann.MessagesAsync(id, limit: 1)).GetProperty("items")[0].GetProperty("event").GetString());
        await (await owner.Client.GetAsync($"/api/v1/conversations/{id}")).ShouldBeProblemAsync(HttpStatusCode.Forbidden);

        // The new owner renames the group; the old one, now outside, cannot; a member who is not the owner cannot either.
        await (await bob.Client.PatchJsonAsync($"/api/v1/conversations/{id}", new { title = "Bob's" })).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await (await owner.Client.PatchJsonAsync($"/api/v1/conversations/{id}", new { title = "Mine" })).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await (await ann.Client.PatchJsonAsync($"/api/v1/conversations/{id}", new { title = " " })).ShouldBeValidationProblemAsync("title");
        var renamed = await ann.Client.PatchJsonAsync($"/api/v1/conversations/{id}", new { title = "Sunday market" }).OkAsync();
        Assert.Equal("Sunday market", renamed.GetProperty("title").GetString());
        Assert.Equal("titleChanged", (await bob.MessagesAsync(id, limit: 1)).GetProperty("items")[0].GetProperty("event").GetString());

        // Bob leaves by himself.
        using (var bobLeaves = await bob.Client.DeleteAsync($"/api/v1/conversations/{id}/members/@{bob.Account.Handle}")) await bobLeaves.ShouldBeAsync(HttpStatusCode.NoContent);
        Assert.Equal([ann.Account.Handle], Handles(await ann.ConversationAsync(id)));
    }

    [Fact]
    public async Task A_direct_conversation_has_no_members_to_change_and_a_blocked_person_cannot_be_added()
    {
        var owner = await factory.NewSessionAsync();
        var ann = await factory.NewSessionAsync();
        var blocker = await factory.NewSessionAsync();
        await factory.BlockAsync(blocker, owner);
        var direct = await owner.DirectAsync(ann);
        var group = await owner.GroupAsync("Club", ann);

        await (await owner.Client.PostJsonAsync($"/api/v1/conversations/{direct}/members", new { handles = new[] { blocker.Account.Handle } })).ShouldBeProblemAsync(HttpStatusCode.Conflict);
        await (await owner.Client.PatchJsonAsync($"/api/v1/conversations/{direct}", new { title = "Us" })).ShouldBeProblemAsync(HttpStatusCode.Conflict);
        await (await owner.Client.PostJsonAsync($"/api/v1/conversations/{group}/members", new { handles = new[] { blocker.Account.Handle } })).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        // A stranger gets the same 403 for a group as for a conversation that does not exist.
        await (await blocker.Client.PostJsonAsync($"/api/v1/conversations/{group}/members", new { handles = new[] { blocker.Account.Handle } })).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await (await blocker.Client.DeleteAsync($"/api/v1/conversations/987654321/members/{ann.Account.Handle}")).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal(2, (await ann.ConversationAsync(group)).GetProperty("members").GetArrayLength());
    }

    [Fact]
    public async Task A_removed_member_gets_no_more_events_and_the_others_hear_of_the_change()
    {
        var owner = await factory.NewSessionAsync();
        var ann = await factory.NewSessionAsync();
        var bob = await factory.NewSessionAsync();
        var id = await owner.GroupAsync("Trades", ann, bob);
        await using var annHub = await ChatListener.ConnectAsync(factory, ann);
        await using var bobHub = await ChatListener.ConnectAsync(factory, bob);

        using (var removed = await owner.Client.DeleteAsync($"/api/v1/conversations/{id}/members/{bob.Account.Handle}")) await removed.ShouldBeAsync(HttpStatusCode.NoContent);
        Assert.Equal(id, (await bobHub.NextAsync("ConversationUpdated")).GetInt64());
        Assert.Equal(id, (await annHub.NextAsync("ConversationUpdated")).GetInt64());
        Assert.Equal("memberRemoved", (await annHub.NextAsync("MessageReceived")).GetProperty("event").GetString());

        await owner.SayAsync(id, "now without Bob");
        Assert.Equal("now without Bob", (await annHub.NextAsync("MessageReceived")).GetProperty("text").GetString());
        await bobHub.Connection.InvokeAsync("Typing", id);
        await annHub.NoneAsync("Typing");
        await bobHub.NoneAsync("MessageReceived", 0);
        var sync = await bobHub.Connection.InvokeAsync<JsonElement>("Sync", 0L);
        Assert.DoesNotContain(sync.GetProperty("messages").EnumerateArray(), m => m.GetProperty("conversationId").GetInt64() == id);
    }
}

public sealed class SqliteMembershipTests(SqliteAppFactory factory) : MembershipTests(factory), IClassFixture<SqliteAppFactory>;

public sealed class PostgresMembershipTests(PostgresAppFactory factory) : MembershipTests(factory), IClassFixture<PostgresAppFactory>;
