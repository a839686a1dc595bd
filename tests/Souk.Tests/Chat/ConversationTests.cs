using System.Net;
using Souk.Tests.Catalog;
using Souk.Tests.Infrastructure;
using Souk.Tests.Notes;

namespace Souk.Tests.Chat;

/// <summary>POST /api/v1/conversations (direct found again or opened, groups), GET /api/v1/conversations and /{id}.</summary>
public abstract class ConversationTests(SoukAppFactory factory)
{
    [Fact]
    public async Task A_conversation_about_a_product_and_a_product_card_shared_into_a_chat_show_the_product()
    {
        var (seller, slug) = await factory.NewShopAsync();
        var buyer = await factory.NewSessionAsync();
        var productId = await seller.CreateProductIdAsync(slug);
        var draftId = await seller.CreateProductIdAsync(slug, ShopApi.ValidProduct(await seller.UploadPhotosAsync(1), status: "draft"));

        using var opened = await buyer.OpenAsync(new { participants = new[] { seller.Account.Handle }, productId });
        await opened.ShouldBeAsync(HttpStatusCode.Created);
        var conversation = await opened.JsonAsync();
        var id = conversation.GetProperty("id").GetInt64();
        Assert.Equal(("product", productId), (conversation.GetProperty("item").GetProperty("kind").GetString(), conversation.GetProperty("item").GetProperty("id").GetInt64()));
        Assert.Equal(id, await seller.DirectAsync(buyer, productId: productId));
        Assert.Equal("product", Assert.Single(await seller.InboxAsync(), c => c.GetProperty("id").GetInt64() == id).GetProperty("item").GetProperty("kind").GetString());
        // A draft is not there for the buyer: neither to talk about nor to share.
        await (await buyer.OpenAsync(new { participants = new[] { seller.Account.Handle }, productId = draftId })).ShouldBeValidationProblemAsync("productId");
        await (await buyer.PostMessageAsync(id, new { clientMessageId = "draft", kind = "item", productId = draftId })).ShouldBeValidationProblemAsync("productId");
        await (await buyer.PostMessageAsync(id, new { clientMessageId = "both", kind = "item", productId, listingId = 1 })).ShouldBeValidationProblemAsync("listingId");

        using var shared = await seller.PostMessageAsync(id, new { clientMessageId = "card", kind = "item", productId });
        await shared.ShouldBeAsync(HttpStatusCode.Created);
        var card = (await shared.JsonAsync()).GetProperty("item");
        Assert.Equal(("product", productId, true), (card.GetProperty("kind").GetString(), card.GetProperty("id").GetInt64(), card.GetProperty("available").GetBoolean()));
        Assert.EndsWith($"/p/{productId}", card.GetProperty("url").GetString());
        var seen = (await buyer.MessagesAsync(id)).GetProperty("items").EnumerateArray().Single(m => m.GetProperty("kind").GetString() == "item");
        Assert.Equal(productId, seen.GetProperty("item").GetProperty("id").GetInt64());
    }

    [Fact]
    public async Task A_direct_conversation_about_a_listing_is_opened_once_and_found_again_by_either_side()
    {
        var seller = await factory.NewSessionAsync();
        var buyer = await factory.NewSessionAsync();
        var listingId = await seller.CreateListingIdAsync();

        using var first = await buyer.OpenAsync(new { participants = new[] { seller.Account.Handle }, listingId });
        await first.ShouldBeAsync(HttpStatusCode.Created);
        var opened = await first.JsonAsync();
        var id = opened.GetProperty("id").GetInt64();
        Assert.Equal("direct", opened.GetProperty("kind").GetString());
        Assert.Equal(listingId, opened.GetProperty("item").GetProperty("id").GetInt64());
        Assert.Equal(2, opened.GetProperty("members").GetArrayLength());

        using var again = await buyer.OpenAsync(new { participants = new[] { "@" + seller.Account.Handle.ToUpperInvariant() }, listingId });
        await again.ShouldBeAsync(HttpStatusCode.OK);
        Assert.Equal(id, (await again.JsonAsync()).GetProperty("id").GetInt64());
        Assert.Equal(id, await seller.DirectAsync(buyer, listingId));
        // About nothing, or about another item, is another conversation.
        Assert.NotEqual(id, await buyer.DirectAsync(seller));

        var row = Assert.Single(await seller.InboxAsync(), c => c.GetProperty("id").GetInt64() == id);
        Assert.Equal(buyer.Account.Handle, row.GetProperty("other").GetProperty("handle").GetString());
        Assert.Equal(2, row.GetProperty("memberCount").GetInt32());
        Assert.Equal(listingId, row.GetProperty("item").GetProperty("id").GetInt64());
        Assert.False(row.GetProperty("online").GetBoolean());
    }

    [Fact]
    public async Task Opening_refuses_unknown_people_yourself_and_a_blocked_person()
    {
        var me = await factory.NewSessionAsync();
        var friend = await factory.NewSessionAsync();
        var blocker = await factory.NewSessionAsync();
        await factory.BlockAsync(blocker, me);

        var unknown = await (await me.OpenAsync(new { participants = new[] { friend.Account.Handle, "nobody_here_42" } })).ShouldBeValidationProblemAsync("participants");
        Assert.Contains("@nobody_here_42", unknown.GetProperty("errors").GetProperty("participants")[0].GetString());
        await (await me.OpenAsync(new { participants = new[] { me.Account.Handle } })).ShouldBeValidationProblemAsync("participants");
        await (await me.OpenAsync(new { participants = Array.Empty<string>() })).ShouldBeValidationProblemAsync("participants");
        await (await me.OpenAsync(new { participants = new[] { blocker.Account.Handle } })).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await (await blocker.OpenAsync(new { participants = new[] { me.Account.Handle } })).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await (await me.OpenAsync(new { participants = new[] { friend.Account.Handle, blocker.Account.Handle }, title = "Hiking" })).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        var tooMany = Enumerable.Range(0, 100).Select(i => $"h{i}").ToArray();
        await (await me.OpenAsync(new { participants = tooMany, title = "Crowd" })).ShouldBeValidationProblemAsync("participants");
        Assert.Empty(await me.InboxAsync());
    }

    [Fact]
    public async Task A_reserved_listing_takes_no_new_conversation_but_the_existing_one_is_returned()
    {
        var seller = await factory.NewSessionAsync();
        var early = await factory.NewSessionAsync();
        var late = await factory.NewSessionAsync();
        var listingId = await seller.CreateListingIdAsync();
        var existing = await early.DirectAsync(seller, listingId);
        await (await seller.SetStateAsync(listingId, "reserved")).ShouldBeAsync(HttpStatusCode.OK);

        await (await late.OpenAsync(new { participants = new[] { seller.Account.Handle }, listingId })).ShouldBeProblemAsync(HttpStatusCode.Conflict);
        await (await late.OpenAsync(new { participants = new[] { seller.Account.Handle, early.Account.Handle }, listingId, title = "Share?" }))
            .ShouldBeProblemAsync(HttpStatusCode.Conflict);
        using var again = await early.OpenAsync(new { participants = new[] { seller.Account.Handle }, listingId });
        await again.ShouldBeAsync(HttpStatusCode.OK);
        Assert.Equal(existing, (await again.JsonAsync()).GetProperty("id").GetInt64());
        await (await late.OpenAsync(new { participants = new[] { seller.Account.Handle }, listingId = 987654321 })).ShouldBeValidationProblemAsync("listingId");
    }

    [Fact]
    public async Task A_group_starts_with_a_system_message_and_lists_newest_activity_first_with_unread_counts()
    {
        var owner = await factory.NewSessionAsync();
        var ann = await factory.NewSessionAsync();
        var bob = await factory.NewSessionAsync();
        var group = await owner.GroupAsync("Camera club", ann, bob);
        var direct = await ann.DirectAsync(bob);

        var detail = await ann.ConversationAsync(group);
        Assert.Equal("group", detail.GetProperty("kind").GetString());
        Assert.Equal("Camera club", detail.GetProperty("title").GetString());
        Assert.Equal(3, detail.GetProperty("members").GetArrayLength());
        var start = Assert.Single((await ann.MessagesAsync(group)).GetProperty("items").EnumerateArray());
        Assert.Equal("system", start.GetProperty("kind").GetString());
        Assert.Equal("conversationCreated", start.GetProperty("event").GetString());
        Assert.Equal(owner.Account.Handle, start.GetProperty("actor").GetProperty("handle").GetString());

        await bob.SayAsync(direct, "hi Ann");
        await bob.SayAsync(direct, "are you there?");
        var inbox = await ann.InboxAsync();
        Assert.Equal([direct, group], inbox.Select(c => c.GetProperty("id").GetInt64()));
        Assert.Equal(2, inbox[0].GetProperty("unread").GetInt32());
        Assert.Equal("are you there?", inbox[0].GetProperty("lastMessage").GetProperty("text").GetString());
        Assert.Equal(1, inbox[1].GetProperty("unread").GetInt32());
        Assert.Equal(3, inbox[1].GetProperty("memberCount").GetInt32());
        Assert.Equal(0, await bob.UnreadInAsync(direct));
        Assert.Equal(0, await owner.UnreadInAsync(group));

        await ann.SayAsync(group, "hello club");
        Assert.Equal([group, direct], (await ann.InboxAsync()).Select(c => c.GetProperty("id").GetInt64()));
        Assert.Equal(0, await ann.UnreadInAsync(group));
        Assert.Equal(2, await bob.UnreadInAsync(group));
    }

    [Fact]
    public async Task The_conversation_list_pages_by_cursor()
    {
        var me = await factory.NewSessionAsync();
        var ids = new List<long>();
        for (var i = 0; i < 5; i++)
        {
            var other = await factory.NewSessionAsync();
            ids.Add(await me.DirectAsync(other));
        }
        // Two conversations get messages (newest activity first), three have none yet (newest opened first).
        await me.SayAsync(ids[1], "one");
        await me.SayAsync(ids[3], "three");
        var expected = new[] { ids[3], ids[1], ids[4], ids[2], ids[0] };

        Assert.Equal(expected, await me.Client.AllIdsAsync("/api/v1/conversations", limit: 2));
        using var bad = await me.Client.GetAsync("/api/v1/conversations?cursor=!!!");
        await bad.ShouldBeValidationProblemAsync("cursor");
        using var anonymous = await factory.Anonymous().GetAsync("/api/v1/conversations");
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }

    [Fact]
    public async Task A_stranger_gets_403_for_a_conversation_whether_or_not_it_exists()
    {
        var ann = await factory.NewSessionAsync();
        var bob = await factory.NewSessionAsync();
        var stranger = await factory.NewSessionAsync();
        var id = await ann.DirectAsync(bob);
        await ann.SayAsync(id, "secret plans");
        const long missing = 987654321;

        foreach (var conversation in new[] { id, missing })
        {
            var read = await (await stranger.Client.GetAsync($"/api/v1/conversations/{conversation}")).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
            var history = await (await stranger.Client.GetAsync($"/api/v1/conversations/{conversation}/messages")).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
            var post = await (await stranger.PostMessageAsync(conversation, new { clientMessageId = "x1", kind = "text", text = "hi" })).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
            Assert.DoesNotContain("secret", read.ToString() + history + post);
            Assert.Equal($"You are not a member of conversation {conversation}.", read.GetProperty("detail").GetString());
        }
        Assert.Single((await ann.MessagesAsync(id)).GetProperty("items").EnumerateArray());
    }
}

public sealed class SqliteConversationTests(SqliteAppFactory factory) : ConversationTests(factory), IClassFixture<SqliteAppFactory>;

public sealed class PostgresConversationTests(PostgresAppFactory factory) : ConversationTests(factory), IClassFixture<PostgresAppFactory>;
