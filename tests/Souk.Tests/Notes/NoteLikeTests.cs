using System.Net;
using Microsoft.EntityFrameworkCore;
using Souk.Tests.Infrastructure;
using Souk.Web.Modules.Notes;

namespace Souk.Tests.Notes;

/// <summary>PUT/DELETE /api/v1/notes/{id}/like: idempotent, counted exactly in a crowd, and the author hears of it once.</summary>
public abstract class NoteLikeTests(SoukAppFactory factory)
{
    Task<int> RowsAsync(long id) => factory.QueryAsync(db => db.NoteLikes.CountAsync(l => l.NoteId == id));

    async Task<int> CountAsync(long id) => (await factory.Anonymous().GetNoteAsync(id)).GetProperty("likesCount").GetInt32();

    [Fact]
    public async Task Liking_twice_is_one_like_unliking_twice_is_none_and_the_author_is_told_once()
    {
        var author = await factory.NewSessionAsync();
        var fan = await factory.NewSessionAsync();
        var id = await author.CreateNoteIdAsync();
        var url = $"/api/v1/notes/{id}/like";

        await fan.Client.PutAsync(url, null).OkAsync();
        var state = await fan.Client.PutAsync(url, null).OkAsync();

        Assert.True(state.GetProperty("liked").GetBoolean());
        Assert.Equal(1, state.GetProperty("likesCount").GetInt32());
        Assert.Equal(1, await CountAsync(id));
        Assert.True((await fan.Client.GetNoteAsync(id)).GetProperty("liked").GetBoolean());
        Assert.False((await author.Client.GetNoteAsync(id)).GetProperty("liked").GetBoolean());

        await fan.Client.DeleteAsync(url).OkAsync();
        var after = await fan.Client.DeleteAsync(url).OkAsync();

        Assert.False(after.GetProperty("liked").GetBoolean());
        Assert.Equal(0, after.GetProperty("likesCount").GetInt32());
        Assert.Equal(0, await RowsAsync(id));

        // Un-liking and liking again (any number of times) does not notify again; liking your own note notifies nobody.
        for (var i = 0; i < 3; i++)
        {
            await fan.Client.PutAsync(url, null).OkAsync();
            await fan.Client.DeleteAsync(url).OkAsync();
        }
        await author.Client.PutAsync(url, null).OkAsync();
        var told = Assert.Single(await factory.NotificationsAsync(author, NotificationKind.NoteLiked));
        Assert.Equal(id, told.NoteId);
        Assert.Equal(await factory.UserIdAsync(fan), told.ActorId);
        Assert.Equal(1, await CountAsync(id));
    }

    [Fact]
    public async Task Twenty_parallel_likes_by_one_person_make_one_like_and_one_notification()
    {
        var author = await factory.NewSessionAsync();
        var fan = await factory.NewSessionAsync();
        var id = await author.CreateNoteIdAsync();

        var states = await EngageApi.AllOkAsync(Enumerable.Range(0, 20).Select(_ => fan.Client.PutAsync($"/api/v1/notes/{id}/like", null)));

        Assert.All(states, s => Assert.True(s.GetProperty("liked").GetBoolean()));
        Assert.Equal(1, await RowsAsync(id));
        Assert.Equal(1, await CountAsync(id));
        Assert.Single(await factory.NotificationsAsync(author, NotificationKind.NoteLiked));
    }

    [Fact]
    public async Task Twelve_people_liking_at_once_count_twelve_and_parallel_unlikes_count_down_exactly()
    {
        var author = await factory.NewSessionAsync();
        var id = await author.CreateNoteIdAsync();
        var fans = new List<Session>();
        for (var i = 0; i < 12; i++) fans.Add(await factory.NewSessionAsync());

        await EngageApi.AllOkAsync(fans.Select(f => f.Client.PutAsync($"/api/v1/notes/{id}/like", null)));
        Assert.Equal(12, await CountAsync(id));
        Assert.Equal(12, (await factory.NotificationsAsync(author, NotificationKind.NoteLiked)).Count);

        // Half unlike, each twice at once, while the other half like again.
        await EngageApi.AllOkAsync(fans.SelectMany((f, i) => i % 2 == 0
            ? new[] { f.Client.DeleteAsync($"/api/v1/notes/{id}/like"), f.Client.DeleteAsync($"/api/v1/notes/{id}/like") }
            : new[] { f.Client.PutAsync($"/api/v1/notes/{id}/like", null) }));

        Assert.Equal(6, await RowsAsync(id));
        Assert.Equal(6, await CountAsync(id));
    }

    [Fact]
    public async Task Parallel_like_and_unlike_leave_the_counter_matching_the_rows()
    {
        var author = await factory.NewSessionAsync();
        var fan = await factory.NewSessionAsync();
        var id = await author.CreateNoteIdAsync();
        var url = $"/api/v1/notes/{id}/like";

        await EngageApi.AllOkAsync(Enumerable.Range(0, 20).Select(i => i % 2 == 0 ? fan.Client.PutAsync(url, null) : fan.Client.DeleteAsync(url)));

        var rows = await RowsAsync(id);
        Assert.InRange(rows, 0, 1);
        Assert.Equal(rows, await CountAsync(id));
    }

    [Fact]
    public async Task An_unknown_note_is_404_and_anonymous_likes_are_401()
    {
        var fan = await factory.NewSessionAsync();
        var author = await factory.NewSessionAsync();
        var id = await author.CreateNoteIdAsync();

        using (var put = await fan.Client.PutAsync("/api/v1/notes/987654321/like", null)) await put.ShouldBeProblemAsync(HttpStatusCode.NotFound);
        using (var delete = await fan.Client.DeleteAsync("/api/v1/notes/987654321/like")) await delete.ShouldBeProblemAsync(HttpStatusCode.NotFound);
        using var anonymous = await factory.Anonymous().PutAsync($"/api/v1/notes/{id}/like", null);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(0, await RowsAsync(id));
    }
}

public sealed class SqliteNoteLikeTests(SqliteAppFactory factory) : NoteLikeTests(factory), IClassFixture<SqliteAppFactory>;

public sealed class PostgresNoteLikeTests(PostgresAppFactory factory) : NoteLikeTests(factory), IClassFixture<PostgresAppFactory>;
