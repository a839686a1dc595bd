using Souk.Tests.Infrastructure;
using Souk.Tests.Notes;

namespace Souk.Tests.Chat;

/// <summary>Notifications from the notes module reach the recipient's badge through the hub once committed, and again when read.</summary>
public abstract class NotificationPushTests(SoukAppFactory factory)
{
    [Fact]
    public async Task A_like_and_a_follow_push_the_badge_and_marking_them_read_pushes_it_again()
    {
        var author = await factory.NewSessionAsync();
        var fan = await factory.NewSessionAsync();
        var noteId = await author.CreateNoteIdAsync();
        await using var hub = await ChatListener.ConnectAsync(factory, author);
        await using var fanHub = await ChatListener.ConnectAsync(factory, fan);

        await fan.Client.PutAsync($"/api/v1/notes/{noteId}/like", null).OkAsync();
        Assert.Equal(1, (await hub.NextAsync("Badge")).GetProperty("unreadNotifications").GetInt32());
        // A comment is written inside the commenter's transaction: the push waits for its commit.
        await fan.CommentAsync(noteId, "Lovely light");
        Assert.Equal(2, (await hub.NextAsync("Badge")).GetProperty("unreadNotifications").GetInt32());

        await author.Client.PostJsonAsync("/api/v1/notifications/read", new { }).OkAsync();
        var read = await hub.NextAsync("Badge");
        Assert.Equal(0, read.GetProperty("unreadNotifications").GetInt32());
        Assert.Equal(0, read.GetProperty("unreadMessages").GetInt32());
        await fanHub.NoneAsync("Badge", 0);
    }
}

public sealed class SqliteNotificationPushTests(SqliteAppFactory factory) : NotificationPushTests(factory), IClassFixture<SqliteAppFactory>;

public sealed class PostgresNotificationPushTests(PostgresAppFactory factory) : NotificationPushTests(factory), IClassFixture<PostgresAppFactory>;
