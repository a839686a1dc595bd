using System.Net.Http.Json;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Souk.Tests.Catalog;
using Souk.Tests.Infrastructure;
using Souk.Tests.Notes;

namespace Souk.Tests.Chat;

/// <summary>POST and GET /api/v1/conversations/{id}/messages: kinds, order, paging and resends that never duplicate.</summary>
public abstract class MessageTests(SoukAppFactory factory)
{
    [Fact]
    public async Task Messages_come_back_newest_first_and_page_by_message_id()
    {
        var ann = await factory.NewSessionAsync();
        var bob = await factory.NewSessionAsync();
        var id = await ann.DirectAsync(bob);
        var sent = new List<long>();
        for (var i = 0; i < 7; i++) sent.Add(await (i % 2 == 0 ? ann : bob).SayIdAsync(id, $"message {i}"));

        var first = await bob.MessagesAsync(id, limit: 3);
        Assert.Equal(sent[^3..].AsEnumerable().Reverse(), first.Ids());
        Assert.Equal("message 6", first.GetProperty("items")[0].GetProperty("text").GetString());
        Assert.Equal(ann.Account.Handle, first.GetProperty("items")[0].GetProperty("sender").GetProperty("handle").GetString());
        var before = first.GetProperty("before").GetInt64();
        var second = await bob.MessagesAsync(id, before, 3);
        Assert.Equal(sent[1..4].AsEnumerable().Reverse(), second.Ids());
        var last = await bob.MessagesAsync(id, second.GetProperty("before").GetInt64(), 3);
        Assert.Equal([sent[0]], last.Ids());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, last.GetProperty("before").ValueKind);
    }

    [Fact]
    public async Task A_request_to_pay_outside_souk_carries_the_warning_also_after_an_edit()
    {
        var ann = await factory.NewSessionAsync();
        var bob = await factory.NewSessionAsync();
        var id = await ann.DirectAsync(bob);

        var plain = await ann.SayAsync(id, "Can we meet at Mong Kok station at 6?");
        var payment = await ann.SayAsync(id, "Skip the app, just pay me at paypal.me/annshop and I'll post it");
        Assert.False(plain.GetProperty("paymentWarning").GetBoolean());
        Assert.True(payment.GetProperty("paymentWarning").GetBoolean());

        using (var edit = await ann.Client.PatchAsJsonAsync($"/api/v1/messages/{plain.GetProperty("id").GetInt64()}", new { text = "轉數快 FPS 12345678 俾錢先，唔使用平台" }))
            await edit.ShouldBeAsync(HttpStatusCode.OK);
        var seen = (await bob.MessagesAsync(id)).GetProperty("items").EnumerateArray().ToDictionary(m => m.GetProperty("id").GetInt64(), m => m.GetProperty("paymentWarning").GetBoolean());
        Assert.True(seen[plain.GetProperty("id").GetInt64()], "The edited message asks for payment outside Souk now");
        Assert.True(seen[payment.GetProperty("id").GetInt64()]);
    }

    [Fact]
    public async Task A_resend_with_the_same_client_message_id_returns_the_first_message_and_writes_nothing()
    {
        var ann = await factory.NewSessionAsync();
        var bob = await factory.NewSessionAsync();
        var id = await ann.DirectAsync(bob);
        var first = await ann.SayAsync(id, "on my way", "device-1");

        using var resend = await ann.PostMessageAsync(id, new { clientMessageId = "device-1", kind = "text", text = "on my way" });
        await resend.ShouldBeAsync(HttpStatusCode.OK);
        Assert.Equal(first.GetProperty("id").GetInt64(), (await resend.JsonAsync()).GetProperty("id").GetInt64());
        // The same id from another sender is that sender's own message.
        await bob.SayAsync(id, "ok", "device-1");

        var racing = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => ann.PostMessageAsync(id, new { clientMessageId = "burst-7", kind = "text", text = "lost signal" })));
        Assert.Single(racing, r => r.StatusCode == HttpStatusCode.Created);
        Assert.All(racing, r => Assert.Contains(r.StatusCode, new[] { HttpStatusCode.Created, HttpStatusCode.OK }));
        var ids = new HashSet<long>();
        foreach (var r in racing) using (r) ids.Add((await r.JsonAsync()).GetProperty("id").GetInt64());
        Assert.Single(ids);
        Assert.Equal(1, await factory.QueryAsync(db => db.ChatMessages.CountAsync(m => m.ConversationId == id && m.ClientMessageId == "burst-7")));
        Assert.Equal(3, (await bob.MessagesAsync(id)).GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task Each_kind_checks_its_content_and_offers_and_system_messages_are_refused()
    {
        var ann = await factory.NewSessionAsync();
        var bob = await factory.NewSessionAsync();
        var id = await ann.DirectAsync(bob);
        var myPhoto = await ann.UploadPhotoAsync();
        var bobsPhoto = await bob.UploadPhotoAsync();
        var listingId = await bob.CreateListingIdAsync();

        await (await ann.PostMessageAsync(id, new { kind = "text", text = "hi" })).ShouldBeValidationProblemAsync("clientMessageId");
        await (await ann.PostMessageAsync(id, new { clientMessageId = new string('c', 65), kind = "text", text = "hi" })).ShouldBeValidationProblemAsync("clientMessageId");
        await (await ann.PostMessageAsync(id, new { clientMessageId = "a", kind = "text", text = "  " })).ShouldBeValidationProblemAsync("text");
        await (await ann.PostMessageAsync(id, new { clientMessageId = "b", kind = "offer", text = "100?" })).ShouldBeValidationProblemAsync("kind");
        await (await ann.PostMessageAsync(id, new { clientMessageId = "c", kind = "system", text = "x" })).ShouldBeValidationProblemAsync("kind");
        await (await ann.PostMessageAsync(id, new { clientMessageId = "d", kind = "photo", mediaId = bobsPhoto })).ShouldBeValidationProblemAsync("mediaId");
        await (await ann.PostMessageAsync(id, new { clientMessageId = "e", kind = "item" })).ShouldBeValidationProblemAsync("listingId");
        await (await ann.PostMessageAsync(id, new { clientMessageId = "f", kind = "item", listingId = 987654321 })).ShouldBeValidationProblemAsync("listingId");
        Assert.Empty((await bob.MessagesAsync(id)).GetProperty("items").EnumerateArray());

        using var photo = await ann.PostMessageAsync(id, new { clientMessageId = "g", kind = "photo", mediaId = myPhoto, text = "the box" });
        await photo.ShouldBeAsync(HttpStatusCode.Created);
        var photoBody = await photo.JsonAsync();
        Assert.Equal("the box", photoBody.GetProperty("text").GetString());
        Assert.EndsWith(".webp", photoBody.GetProperty("photo").GetProperty("thumbnail").GetString());
        using var item = await ann.PostMessageAsync(id, new { clientMessageId = "h", kind = "item", listingId });
        await item.ShouldBeAsync(HttpStatusCode.Created);
        Assert.Equal(listingId, (await item.JsonAsync()).GetProperty("item").GetProperty("id").GetInt64());
        Assert.False(photoBody.GetProperty("paymentWarning").GetBoolean());
    }

    [Fact]
    public async Task Nobody_can_message_across_a_block_in_a_direct_conversation()
    {
        var ann = await factory.NewSessionAsync();
        var bob = await factory.NewSessionAsync();
        var id = await ann.DirectAsync(bob);
        await bob.SayAsync(id, "before the block");
        await factory.BlockAsync(ann, bob);

        await (await bob.PostMessageAsync(id, new { clientMessageId = "x", kind = "text", text = "hello?" })).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await (await ann.PostMessageAsync(id, new { clientMessageId = "y", kind = "text", text = "go away" })).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        // The history stays readable, and Ann's online state is hidden from Bob.
        Assert.Single((await bob.MessagesAsync(id)).GetProperty("items").EnumerateArray());
        var row = Assert.Single(await bob.InboxAsync());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, row.GetProperty("online").ValueKind);
        Assert.False((await ann.InboxAsync())[0].GetProperty("online").GetBoolean());
    }
}

public sealed class SqliteMessageTests(SqliteAppFactory factory) : MessageTests(factory), IClassFixture<SqliteAppFactory>;

public sealed class PostgresMessageTests(PostgresAppFactory factory) : MessageTests(factory), IClassFixture<PostgresAppFactory>;
