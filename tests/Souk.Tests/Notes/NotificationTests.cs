using System.Net;
using Souk.Tests.Catalog;
using Souk.Tests.Infrastructure;
using Souk.Web.Modules.Notes;

namespace Souk.Tests.Notes;

/// <summary>GET /api/v1/notifications, POST /api/v1/notifications/read and GET /api/v1/notifications/unread-count: your own only.</summary>
public abstract class NotificationTests(SoukAppFactory factory)
{
    static async Task<int> UnreadAsync(Session session) =>
        (await session.Client.GetAsync("/api/v1/notifications/unread-count").OkAsync()).GetProperty("unread").GetInt32();

    [Fact]
    public async Task The_inbox_lists_newest_first_with_the_actor_the_note_and_the_comment()
    {
        var author = await factory.NewSessionAsync();
        var fan = await factory.NewSessionAsync();
        var note = await author.CreateNoteAsync();
        var noteId = note.GetProperty("id").GetInt64();
        await fan.Client.PutAsync($"/api/v1/users/{author.Account.Handle}/follow", null).OkAsync();
        await fan.Client.PutAsync($"/api/v1/notes/{noteId}/like", null).OkAsync();
        var comment = await fan.CommentIdAsync(noteId, "So   good\n\nreally " + new string('x', 200));

        var page = await author.Client.GetAsync("/api/v1/notifications").OkAsync();

        var items = page.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(["noteCommented", "noteLiked", "newFollower"], items.Select(i => i.GetProperty("kind").GetString()));
        Assert.All(items, i => Assert.Equal(fan.Account.Handle, i.GetProperty("actor").GetProperty("handle").GetString()));
        Assert.All(items, i => Assert.False(i.GetProperty("read").GetBoolean()));
        Assert.Equal(noteId, items[0].GetProperty("note").GetProperty("id").GetInt64());
        Assert.Equal(note.GetProperty("title").GetString(), items[0].GetProperty("note").GetProperty("title").GetString());
        Assert.EndsWith($"/n/{noteId}", items[0].GetProperty("note").GetProperty("url").GetString());
        Assert.EndsWith("thumbnail.webp", items[0].GetProperty("note").GetProperty("cover").GetProperty("thumbnail").GetString());
        Assert.Equal(comment, items[0].GetProperty("commentId").GetInt64());
        var excerpt = items[0].GetProperty("commentExcerpt").GetString()!;
        Assert.StartsWith("So good really x", excerpt);
        Assert.EndsWith("…", excerpt);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, items[2].GetProperty("note").ValueKind);
        Assert.Equal(3, await UnreadAsync(author));
        Assert.Empty((await fan.Client.GetAsync("/api/v1/notifications").OkAsync()).GetProperty("items").EnumerateArray());

        var ids = await author.Client.AllIdsAsync("/api/v1/notifications", limit: 2);
        Assert.Equal(items.Select(i => i.GetProperty("id").GetInt64()), ids);
        using (var bad = await author.Client.GetAsync("/api/v1/notifications?cursor=!!!")) await bad.ShouldBeValidationProblemAsync("cursor");
        using (var anonymous = await factory.Anonymous().GetAsync("/api/v1/notifications")) Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        using (var anonymousCount = await factory.Anonymous().GetAsync("/api/v1/notifications/unread-count")) Assert.Equal(HttpStatusCode.Unauthorized, anonymousCount.StatusCode);
    }

    [Fact]
    public async Task Marking_read_touches_only_your_own_notifications()
    {
        var author = await factory.NewSessionAsync();
        var other = await factory.NewSessionAsync();
        var fan = await factory.NewSessionAsync();
        var mine = new List<long>();
        for (var i = 0; i < 3; i++) mine.Add(await author.CreateNoteIdAsync());
        var theirs = await other.CreateNoteIdAsync();
        foreach (var id in mine.Append(theirs)) await fan.Client.PutAsync($"/api/v1/notes/{id}/like", null).OkAsync();
        var myIds = await author.Client.AllIdsAsync("/api/v1/notifications", limit: 10);
        var theirIds = await other.Client.AllIdsAsync("/api/v1/notifications", limit: 10);

        var someone = await other.Client.PostJsonAsync("/api/v1/notifications/read", new { ids = myIds }).OkAsync();
        Assert.Equal(0, someone.GetProperty("marked").GetInt32());
        Assert.Equal(3, await UnreadAsync(author));

        var some = await author.Client.PostJsonAsync("/api/v1/notifications/read", new { ids = new[] { myIds[0], theirIds[0] } }).OkAsync();
        Assert.Equal(1, some.GetProperty("marked").GetInt32());
        Assert.Equal(2, some.GetProperty("unread").GetInt32());
        Assert.Equal(1, await UnreadAsync(other));
        var items = (await author.Client.GetAsync("/api/v1/notifications").OkAsync()).GetProperty("items").EnumerateArray().ToList();
        Assert.Equal([true, false, false], items.Select(i => i.GetProperty("read").GetBoolean()));

        var none = await author.Client.PostJsonAsync("/api/v1/notifications/read", new { ids = Array.Empty<long>() }).OkAsync();
        Assert.Equal(0, none.GetProperty("marked").GetInt32());
        // No body at all marks everything, like a body without ids.
        var all = await author.Client.PostAsync("/api/v1/notifications/read", null).OkAsync();
        Assert.Equal(2, all.GetProperty("marked").GetInt32());
        Assert.Equal(0, await UnreadAsync(author));
        Assert.Equal(1, await UnreadAsync(other));
        using (var tooMany = await author.Client.PostJsonAsync("/api/v1/notifications/read", new { ids = Enumerable.Range(1, 101).ToArray() }))
            await tooMany.ShouldBeValidationProblemAsync("ids");
        using (var anonymous = await factory.Anonymous().PostJsonAsync("/api/v1/notifications/read", new { }))
            Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }

    [Fact]
    public async Task A_new_follow_notifies_once_and_an_unfollow_never()
    {
        var star = await factory.NewSessionAsync();
        var fan = await factory.NewSessionAsync();
        var url = $"/api/v1/users/{star.Account.Handle}/follow";

        await EngageApi.AllOkAsync(Enumerable.Range(0, 10).Select(_ => fan.Client.PutAsync(url, null)));
        await fan.Client.DeleteAsync(url).OkAsync();
        await fan.Client.PutAsync(url, null).OkAsync();

        var told = Assert.Single(await factory.NotificationsAsync(star, NotificationKind.NewFollower));
        Assert.Equal(await factory.UserIdAsync(fan), told.ActorId);
        Assert.Null(told.NoteId);
        Assert.Empty(await factory.NotificationsAsync(fan, NotificationKind.NewFollower));
    }

    [Fact]
    public async Task The_inbox_page_says_what_happened_in_the_readers_language_and_marks_it_read()
    {
        var author = await factory.NewSessionAsync();
        var fan = await factory.NewSessionAsync();
        var noteId = await author.CreateNoteIdAsync();
        await fan.Client.PutAsync($"/api/v1/users/{author.Account.Handle}/follow", null).OkAsync();
        await fan.Client.PutAsync($"/api/v1/notes/{noteId}/like", null).OkAsync();
        var comment = await fan.CommentIdAsync(noteId, "Where is this <b>café</b>?");

        // The tab bar's badge on any page, for the signed-in person only.
        var home = await factory.Browser(author).PageAsync("/");
        Assert.Contains("<div class=\"tab-badge\" aria-hidden=\"true\">3</div>", home);
        Assert.DoesNotContain("tab-badge", await factory.Anonymous().PageAsync("/"));

        var html = await factory.Browser(author, "zh-Hant-HK").PageAsync("/inbox?tab=notifications");

        Assert.Contains($"@{fan.Account.Handle} 讚好了你的筆記", html);
        Assert.Contains($"@{fan.Account.Handle} 在你的筆記留言", html);
        Assert.Contains($"@{fan.Account.Handle} 開始追蹤你", html);
        Assert.Contains("“Where is this &lt;b&gt;café&lt;/b&gt;?”", html);
        Assert.Contains($"href=\"/n/{noteId}#comment-{comment}\"", html);
        Assert.Contains($"href=\"/u/{fan.Account.Handle}\"", html);
        Assert.Equal(3, System.Text.RegularExpressions.Regex.Matches(html, "badge-new").Count);
        Assert.Contains("og:title", PageTesting.Meta(html).Keys);
        Assert.Equal(0, await UnreadAsync(author));
        var english = await factory.Browser(author).PageAsync("/inbox?tab=notifications");
        Assert.Contains($"@{fan.Account.Handle} liked your note", english);
        Assert.DoesNotContain("badge-new", english);
        Assert.DoesNotContain("tab-badge", await factory.Browser(author).PageAsync("/"));
    }

    [Fact]
    public async Task The_unread_count_stops_at_one_hundred()
    {
        var star = await factory.NewSessionAsync();
        var starId = await factory.UserIdAsync(star);
        var fan = await factory.NewSessionAsync();
        var fanId = await factory.UserIdAsync(fan);
        await factory.QueryAsync(async db =>
        {
            db.Notifications.AddRange(Enumerable.Range(0, 105).Select(_ => new Notification
            {
                RecipientId = starId, ActorId = fanId, Kind = NotificationKind.NewFollower, CreatedAt = DateTime.UtcNow,
            }));
            return await db.SaveChangesAsync();
        });

        Assert.Equal(100, await UnreadAsync(star));
        Assert.Equal(105, (await star.Client.PostJsonAsync("/api/v1/notifications/read", new { }).OkAsync()).GetProperty("marked").GetInt32());
        Assert.Equal(0, await UnreadAsync(star));
    }
}

public sealed class SqliteNotificationTests(SqliteAppFactory factory) : NotificationTests(factory), IClassFixture<SqliteAppFactory>;

public sealed class PostgresNotificationTests(PostgresAppFactory factory) : NotificationTests(factory), IClassFixture<PostgresAppFactory>;
