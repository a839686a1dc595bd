using System.Net;
using System.Text.RegularExpressions;
using Souk.Tests.Catalog;
using Souk.Tests.Infrastructure;
using Souk.Tests.Notes;

namespace Souk.Tests.Chat;

/// <summary>
/// The chat pages as a browser without JavaScript sees them: "Chat with seller" on a listing, the conversation page (history,
/// plain form post to send, 403 for strangers), the live fragments chat.js fetches, the Inbox's Chats tab and a new group.
/// </summary>
public abstract partial class ChatPageTests(SoukAppFactory factory)
{
    [GeneratedRegex(@"<form[^>]*>(?:(?!</form>).)*name=""_handler"" value=""chat-with-seller""", RegexOptions.Singleline)]
    private static partial Regex ChatWithSellerForm();

    [Fact]
    public async Task Chat_with_seller_opens_the_conversation_once_and_the_seller_never_sees_the_button()
    {
        var seller = await factory.NewSessionAsync();
        var buyer = await factory.NewSessionAsync();
        var listingId = await seller.CreateListingIdAsync();

        Assert.DoesNotContain("chat-with-seller", await factory.Browser(seller).PageAsync($"/l/{listingId}"));
        var anonymous = await factory.Anonymous().PageAsync($"/l/{listingId}");
        Assert.Contains($"href=\"/signin?ReturnUrl=%2Fl%2F{listingId}\" data-testid=\"chat-with-seller\"", anonymous);

        var browser = factory.Browser(buyer);
        var page = await browser.PageAsync($"/l/{listingId}");
        Assert.Matches(ChatWithSellerForm(), page);
        using var posted = await browser.PostFormAsync($"/l/{listingId}", "chat-with-seller", page, [("Open", "1")]);
        var chatPath = PageTesting.LocationPath(posted);
        var id = long.Parse(Regex.Match(chatPath, @"^/chat/(\d+)$").Groups[1].Value);
        Assert.Equal(id, await buyer.DirectAsync(seller, listingId));

        // Found again: the button is now a link to the same conversation, and the conversation page shows the item.
        Assert.Contains($"href=\"/chat/{id}\" data-testid=\"chat-with-seller\"", await browser.PageAsync($"/l/{listingId}"));
        var chat = await browser.PageAsync(chatPath);
        Assert.Contains("data-testid=\"chat-item\"", chat);
        Assert.Contains($"href=\"/l/{listingId}\"", chat);
        Assert.Contains("og:title", PageTesting.Meta(chat).Keys);
    }

    [Fact]
    public async Task A_reserved_listing_takes_no_new_chat_but_an_existing_one_goes_on()
    {
        var seller = await factory.NewSessionAsync();
        var talking = await factory.NewSessionAsync();
        var late = await factory.NewSessionAsync();
        var listingId = await seller.CreateListingIdAsync();
        var id = await talking.DirectAsync(seller, listingId);
        (await seller.SetStateAsync(listingId, "reserved")).EnsureSuccessStatusCode();

        var closed = await factory.Browser(late).PageAsync($"/l/{listingId}");
        Assert.Matches(@"<button type=""button"" class=""button button-secondary"" disabled[^>]*data-testid=""chat-with-seller""", closed);
        Assert.Contains("This item is reserved or sold, so no new chats can start about it.", closed);
        Assert.DoesNotMatch(ChatWithSellerForm(), closed);
        Assert.Contains($"href=\"/chat/{id}\" data-testid=\"chat-with-seller\"", await factory.Browser(talking).PageAsync($"/l/{listingId}"));

        var chat = await factory.Browser(talking).PageAsync($"/chat/{id}");
        Assert.Contains("data-testid=\"chat-item-state\">Reserved<", chat);
    }

    [Fact]
    public async Task The_conversation_reads_and_sends_without_javascript_and_a_resubmitted_form_sends_once()
    {
        var ann = await factory.NewSessionAsync();
        var bob = await factory.NewSessionAsync();
        var id = await ann.DirectAsync(bob);
        await bob.SayAsync(id, "Hello <b>Ann</b>");

        var browser = factory.Browser(ann, "zh-Hant-HK");
        var page = await browser.PageAsync($"/chat/{id}");
        Assert.Contains("Hello &lt;b&gt;Ann&lt;/b&gt;", page);
        Assert.Contains("傳送", page); // the Send button, in the reader's language
        var clientId = Regex.Match(page, @"name=""Send.ClientMessageId"" value=""([0-9a-f]{32})""").Groups[1].Value;
        Assert.NotEmpty(clientId);

        (string, string)[] fields = [("Send.ClientMessageId", clientId), ("Send.Text", "  Hi Bob  ")];
        using (var sent = await browser.PostFormAsync($"/chat/{id}", "chat-send", page, fields))
            Assert.Equal($"/chat/{id}", PageTesting.LocationPath(sent));
        using (var again = await browser.PostFormAsync($"/chat/{id}", "chat-send", page, fields))
            Assert.Equal($"/chat/{id}", PageTesting.LocationPath(again));

        var texts = (await bob.MessagesAsync(id)).GetProperty("items").EnumerateArray().Select(m => m.GetProperty("text").GetString()!).ToArray();
        Assert.Equal(new[] { "Hi Bob", "Hello <b>Ann</b>" }, texts);

        // Nothing to send: the page says so in the reader's language and stores nothing.
        using var empty = await browser.PostFormAsync($"/chat/{id}", "chat-send", page, [("Send.ClientMessageId", Guid.NewGuid().ToString("N")), ("Send.Text", " ")]);
        await empty.ShouldBeAsync(HttpStatusCode.OK);
        Assert.Contains("請先輸入內容。", await empty.Content.ReadAsStringAsync());
        Assert.Equal(2, (await bob.MessagesAsync(id)).GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task Strangers_get_403_for_the_page_and_its_fragments_and_signed_out_people_go_to_sign_in()
    {
        var ann = await factory.NewSessionAsync();
        var bob = await factory.NewSessionAsync();
        var stranger = await factory.NewSessionAsync();
        var id = await ann.DirectAsync(bob);
        await ann.SayAsync(id, "secret plans");
        const long missing = 987654321;

        foreach (var conversation in new[] { id, missing })
        {
            var page = await factory.Browser(stranger).PageAsync($"/chat/{conversation}", HttpStatusCode.Forbidden);
            Assert.Contains("data-testid=\"forbidden\"", page);
            Assert.DoesNotContain("secret", page);
            var fragment = await (await factory.Browser(stranger).GetAsync($"/chat/{conversation}/messages?after=0")).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
            Assert.DoesNotContain("secret", fragment.ToString());
        }

        using var anonymous = await factory.Anonymous().GetAsync($"/chat/{id}");
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.StartsWith("/signin", anonymous.Headers.Location!.IsAbsoluteUri ? anonymous.Headers.Location.AbsolutePath : anonymous.Headers.Location.OriginalString);
    }

    [Fact]
    public async Task Fragments_render_what_came_after_a_message_or_the_messages_asked_for()
    {
        var ann = await factory.NewSessionAsync();
        var bob = await factory.NewSessionAsync();
        var id = await ann.DirectAsync(bob);
        var first = await ann.SayIdAsync(id, "one");
        var second = await bob.SayIdAsync(id, "two");
        var third = await bob.SayIdAsync(id, "three");

        var after = await factory.Browser(ann).PageAsync($"/chat/{id}/messages?after={first}");
        Assert.Equal(new[] { second, third }, MessageIds(after));
        Assert.Contains("chat-msg-theirs", after);
        var mine = await factory.Browser(ann).PageAsync($"/chat/{id}/messages?ids={first},{third}");
        Assert.Equal(new[] { first, third }, MessageIds(mine));
        Assert.Contains($"data-message-id=\"{first}\" data-mine", mine);
    }

    [Fact]
    public async Task The_chats_tab_lists_conversations_newest_first_with_unread_counts_and_notifications_have_their_tab()
    {
        var ann = await factory.NewSessionAsync();
        var bob = await factory.NewSessionAsync();
        var cat = await factory.NewSessionAsync();
        var withBob = await ann.DirectAsync(bob);
        var withCat = await ann.DirectAsync(cat);
        await bob.SayAsync(withBob, "first from bob");
        await cat.SayAsync(withCat, "hello from cat");
        await cat.SayAsync(withCat, "are you there?");

        var inbox = await factory.Browser(ann).PageAsync("/inbox");
        Assert.Contains("href=\"/chat/new\"", inbox);
        var rows = Regex.Matches(inbox, @"href=""/chat/(\d+)""").Select(m => long.Parse(m.Groups[1].Value)).ToArray();
        Assert.Equal(new[] { withCat, withBob }, rows);
        Assert.Contains("are you there?", inbox);
        Assert.Matches(@"<span class=""visually-hidden"">2 unread</span>", inbox);
        Assert.Contains("aria-current=\"page\" data-testid=\"tab-chats\"", inbox);

        var notifications = await factory.Browser(ann).PageAsync("/inbox?tab=notifications");
        Assert.Contains("data-testid=\"tab-notifications\"", notifications);
        Assert.DoesNotContain("conversation-row", notifications);
    }

    [Fact]
    public async Task A_new_group_is_made_from_a_title_and_handles_and_unknown_handles_are_refused()
    {
        var owner = await factory.NewSessionAsync();
        var ann = await factory.NewSessionAsync();
        var bob = await factory.NewSessionAsync();
        var browser = factory.Browser(owner);
        var page = await browser.PageAsync("/chat/new");

        using var unknown = await browser.PostFormAsync("/chat/new", "new-group", page, [("Group.Title", "Hikers"), ("Group.Handles", "@nobody_here_at_all")]);
        await unknown.ShouldBeAsync(HttpStatusCode.OK);
        Assert.Contains("Check the handles", await unknown.Content.ReadAsStringAsync());

        using var created = await browser.PostFormAsync("/chat/new", "new-group", page, [("Group.Title", "Hikers"), ("Group.Handles", $"@{ann.Account.Handle}, {bob.Account.Handle}")]);
        var path = PageTesting.LocationPath(created);
        var id = long.Parse(path["/chat/".Length..]);
        var group = await ann.ConversationAsync(id);
        Assert.Equal("Hikers", group.GetProperty("title").GetString());
        Assert.Equal(3, group.GetProperty("members").GetArrayLength());
        var chat = await browser.PageAsync(path);
        Assert.Contains("data-testid=\"chat-members\"", chat);
        Assert.Contains("created the group", chat);
    }

    static long[] MessageIds(string html) =>
        [.. Regex.Matches(html, @"data-message-id=""(\d+)""").Select(m => long.Parse(m.Groups[1].Value))];
}

public sealed class SqliteChatPageTests(SqliteAppFactory factory) : ChatPageTests(factory), IClassFixture<SqliteAppFactory>;

public sealed class PostgresChatPageTests(PostgresAppFactory factory) : ChatPageTests(factory), IClassFixture<PostgresAppFactory>;
