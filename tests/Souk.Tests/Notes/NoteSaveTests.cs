using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Souk.Tests.Catalog;
using Souk.Tests.Infrastructure;

namespace Souk.Tests.Notes;

/// <summary>PUT/DELETE /api/v1/notes/{id}/save?collection= and the private boards under /api/v1/me/collections.</summary>
public abstract class NoteSaveTests(SoukAppFactory factory)
{
    Task<int> RowsAsync(long id) => factory.QueryAsync(db => db.NoteSaves.CountAsync(s => s.NoteId == id));

    async Task<int> CountAsync(long id) => (await factory.Anonymous().GetNoteAsync(id)).GetProperty("savesCount").GetInt32();

    static async Task<List<JsonElement>> BoardsAsync(Session session, string? language = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/me/collections");
        if (language is not null) request.Headers.AcceptLanguage.ParseAdd(language);
        using var response = await session.Client.SendAsync(request);
        await response.ShouldBeAsync(HttpStatusCode.OK);
        return [.. (await response.JsonAsync()).EnumerateArray()];
    }

    [Fact]
    public async Task A_save_goes_to_the_default_board_and_moves_between_boards_without_counting_twice()
    {
        var author = await factory.NewSessionAsync();
        var saver = await factory.NewSessionAsync();
        var id = await author.CreateNoteIdAsync();

        var first = await saver.Client.PutAsync($"/api/v1/notes/{id}/save", null).OkAsync();
        Assert.True(first.GetProperty("saved").GetBoolean());
        Assert.True(first.GetProperty("collection").GetProperty("isDefault").GetBoolean());
        Assert.Equal("Saved", first.GetProperty("collection").GetProperty("name").GetString());
        Assert.Equal(1, first.GetProperty("savesCount").GetInt32());

        var moved = await saver.Client.PutAsync($"/api/v1/notes/{id}/save?collection={Uri.EscapeDataString("  Tokyo trip ")}", null).OkAsync();
        Assert.Equal("Tokyo trip", moved.GetProperty("collection").GetProperty("name").GetString());
        Assert.False(moved.GetProperty("collection").GetProperty("isDefault").GetBoolean());
        Assert.Equal(1, moved.GetProperty("savesCount").GetInt32());
        // Names are matched case-insensitively: the same board again.
        var again = await saver.Client.PutAsync($"/api/v1/notes/{id}/save?collection=TOKYO%20TRIP", null).OkAsync();
        Assert.Equal(moved.GetProperty("collection").GetProperty("id").GetInt64(), again.GetProperty("collection").GetProperty("id").GetInt64());
        Assert.Equal(1, await RowsAsync(id));
        Assert.Equal(1, await CountAsync(id));
        Assert.True((await saver.Client.GetNoteAsync(id)).GetProperty("saved").GetBoolean());

        var boards = await BoardsAsync(saver);
        Assert.Equal(["Saved", "Tokyo trip"], boards.Select(b => b.GetProperty("name").GetString()));
        Assert.Equal([0, 1], boards.Select(b => b.GetProperty("count").GetInt32()));
        Assert.Equal(JsonValueKind.Null, boards[0].GetProperty("cover").ValueKind);
        Assert.EndsWith("thumbnail.webp", boards[1].GetProperty("cover").GetProperty("thumbnail").GetString());
        // The default board's name is shown in the reader's language.
        Assert.Equal("已收藏", (await BoardsAsync(saver, "zh-Hant-HK"))[0].GetProperty("name").GetString());

        var unsaved = await saver.Client.DeleteAsync($"/api/v1/notes/{id}/save").OkAsync();
        Assert.False(unsaved.GetProperty("saved").GetBoolean());
        Assert.Equal(JsonValueKind.Null, unsaved.GetProperty("collection").ValueKind);
        Assert.Equal(0, (await saver.Client.DeleteAsync($"/api/v1/notes/{id}/save").OkAsync()).GetProperty("savesCount").GetInt32());
        Assert.Equal(0, await CountAsync(id));
        Assert.Equal(0, await RowsAsync(id));
    }

    [Fact]
    public async Task Bad_names_unknown_notes_and_anonymous_saves_are_refused()
    {
        var author = await factory.NewSessionAsync();
        var saver = await factory.NewSessionAsync();
        var id = await author.CreateNoteIdAsync();

        using (var tooLong = await saver.Client.PutAsync($"/api/v1/notes/{id}/save?collection={new string('x', 41)}", null))
            await tooLong.ShouldBeValidationProblemAsync("collection");
        using (var fits = await saver.Client.PutAsync($"/api/v1/notes/{id}/save?collection={new string('x', 40)}", null))
            await fits.ShouldBeAsync(HttpStatusCode.OK);
        using (var unknown = await saver.Client.PutAsync("/api/v1/notes/987654321/save", null))
            await unknown.ShouldBeProblemAsync(HttpStatusCode.NotFound);
        using (var anonymous = await factory.Anonymous().PutAsync($"/api/v1/notes/{id}/save", null))
            Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        using (var anonymousBoards = await factory.Anonymous().GetAsync("/api/v1/me/collections"))
            Assert.Equal(HttpStatusCode.Unauthorized, anonymousBoards.StatusCode);
        Assert.Equal(1, await RowsAsync(id));
    }

    [Fact]
    public async Task A_board_is_paged_latest_save_first_and_nobody_else_can_read_it()
    {
        var author = await factory.NewSessionAsync();
        var saver = await factory.NewSessionAsync();
        var stranger = await factory.NewSessionAsync();
        var ids = new List<long>();
        for (var i = 0; i < 5; i++) ids.Add(await author.CreateNoteIdAsync());
        foreach (var id in ids) await saver.Client.PutAsync($"/api/v1/notes/{id}/save?collection=Cameras", null).OkAsync();
        // Moved away: no longer in the board.
        await saver.Client.PutAsync($"/api/v1/notes/{ids[1]}/save?collection=Elsewhere", null).OkAsync();
        var board = (await BoardsAsync(saver)).Single(b => b.GetProperty("name").GetString() == "Cameras").GetProperty("id").GetInt64();

        var seen = await saver.Client.AllIdsAsync($"/api/v1/me/collections/{board}/notes", limit: 2);

        Assert.Equal(new[] { ids[4], ids[3], ids[2], ids[0] }, seen);
        using (var theirs = await stranger.Client.GetAsync($"/api/v1/me/collections/{board}/notes"))
            await theirs.ShouldBeProblemAsync(HttpStatusCode.NotFound);
        using (var missing = await saver.Client.GetAsync("/api/v1/me/collections/987654321/notes"))
            await missing.ShouldBeProblemAsync(HttpStatusCode.NotFound);
        using (var bad = await saver.Client.GetAsync($"/api/v1/me/collections/{board}/notes?cursor=!!!"))
            await bad.ShouldBeValidationProblemAsync("cursor");
        Assert.Empty(await BoardsAsync(stranger));
    }

    [Fact]
    public async Task Parallel_saves_make_one_board_and_one_save_per_person_and_count_every_person()
    {
        var author = await factory.NewSessionAsync();
        var id = await author.CreateNoteIdAsync();
        var saver = await factory.NewSessionAsync();

        await EngageApi.AllOkAsync(Enumerable.Range(0, 20).Select(_ => saver.Client.PutAsync($"/api/v1/notes/{id}/save?collection=Race", null)));

        Assert.Single(await BoardsAsync(saver));
        Assert.Equal(1, await RowsAsync(id));
        Assert.Equal(1, await CountAsync(id));

        var others = new List<Session>();
        for (var i = 0; i < 11; i++) others.Add(await factory.NewSessionAsync());
        await EngageApi.AllOkAsync(others.Select(o => o.Client.PutAsync($"/api/v1/notes/{id}/save", null)));
        Assert.Equal(12, await CountAsync(id));
        await EngageApi.AllOkAsync(others.SelectMany(o => new[] { o.Client.DeleteAsync($"/api/v1/notes/{id}/save"), o.Client.DeleteAsync($"/api/v1/notes/{id}/save") }));
        Assert.Equal(1, await RowsAsync(id));
        Assert.Equal(1, await CountAsync(id));
    }
}

public sealed class SqliteNoteSaveTests(SqliteAppFactory factory) : NoteSaveTests(factory), IClassFixture<SqliteAppFactory>;

public sealed class PostgresNoteSaveTests(PostgresAppFactory factory) : NoteSaveTests(factory), IClassFixture<PostgresAppFactory>;
