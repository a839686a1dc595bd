using System.Net;
using Souk.Tests.Infrastructure;
using Souk.Tests.Notes;

namespace Souk.Tests.Feed;

/// <summary>
/// The discover feed ranks every viewer's first page from a per-node snapshot of the candidates: counts may lag for the
/// snapshot's lifetime, but a note written on this node shows at once; an aged snapshot answers while one load replaces it.
/// Each viewer's affinity is kept for its own lifetime.
/// </summary>
public abstract class DiscoverSnapshotTests(SoukAppFactory factory)
{
    /// <summary>The snapshot's lifetime in these tests' apps: short, so a test can let it age.</summary>
    internal const int SnapshotSeconds = 1;

    static async Task<Dictionary<long, double>> ScoresAsync(HttpClient client)
    {
        using var response = await client.GetAsync("/api/v1/feed/discover?limit=100");
        await response.ShouldBeAsync(HttpStatusCode.OK);
        return (await response.JsonAsync()).GetProperty("items").EnumerateArray()
            .ToDictionary(i => i.GetProperty("note").GetProperty("id").GetInt64(), i => i.GetProperty("score").GetDouble());
    }

    [Fact]
    public async Task Counts_come_from_the_snapshot_and_a_new_note_drops_it()
    {
        var author = await factory.NewSessionAsync();
        var fan = await factory.NewSessionAsync();
        var first = await author.CreateNoteIdAsync();
        var before = await ScoresAsync(factory.Anonymous());
        Assert.True(before.ContainsKey(first));

        using (var like = await fan.Client.PutAsync($"/api/v1/notes/{first}/like", null)) await like.ShouldBeAsync(HttpStatusCode.OK);
        // The like does not drop the snapshot: the score is the one ranked before it.
        Assert.Equal(before[first], (await ScoresAsync(factory.Anonymous()))[first]);

        var second = await author.CreateNoteIdAsync();
        var after = await ScoresAsync(factory.Anonymous());
        Assert.True(after.ContainsKey(second), "A note written on this node shows at once");
        Assert.True(after[first] > before[first], "The new snapshot has the like");
    }

    [Fact]
    public async Task An_aged_snapshot_answers_at_once_while_one_load_replaces_it()
    {
        var author = await factory.NewSessionAsync();
        var fan = await factory.NewSessionAsync();
        var note = await author.CreateNoteIdAsync();
        var anonymous = factory.Anonymous();
        var before = (await ScoresAsync(anonymous))[note];
        using (var like = await fan.Client.PutAsync($"/api/v1/notes/{note}/like", null)) await like.ShouldBeAsync(HttpStatusCode.OK);
        await Task.Delay(TimeSpan.FromSeconds(SnapshotSeconds) + TimeSpan.FromMilliseconds(200));

        // The first request after the snapshot aged does not wait for a load: it ranks from the old one...
        Assert.Equal(before, (await ScoresAsync(anonymous))[note]);
        // ...and the one load it started brings the like in.
        var deadline = DateTime.UtcNow.AddSeconds(20);
        var now = before;
        while (now == before && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
            now = (await ScoresAsync(anonymous))[note];
        }
        Assert.True(now > before, "the snapshot was reloaded with the like");
    }

    [Fact]
    public async Task A_later_page_ranks_from_its_first_pages_snapshot_after_that_one_was_replaced()
    {
        var author = await factory.NewSessionAsync();
        var fan = await factory.NewSessionAsync();
        for (var i = 0; i < 3; i++) await author.CreateNoteIdAsync();
        var anonymous = factory.Anonymous();
        var cursor = (await anonymous.GetOkAsync("/api/v1/feed/discover?limit=1")).Next();
        Assert.NotNull(cursor);
        async Task<Dictionary<long, double>> SecondPageAsync() =>
            (await anonymous.GetOkAsync(FeedApi.WithCursor("/api/v1/feed/discover?limit=3", cursor))).GetProperty("items").EnumerateArray()
                .ToDictionary(i => i.GetProperty("note").GetProperty("id").GetInt64(), i => i.GetProperty("score").GetDouble());
        var second = await SecondPageAsync();
        var liked = second.Keys.First();
        using (var like = await fan.Client.PutAsync($"/api/v1/notes/{liked}/like", null)) await like.ShouldBeAsync(HttpStatusCode.OK);

        // The snapshot ages and a load replaces it: first pages show the like.
        await Task.Delay(TimeSpan.FromSeconds(SnapshotSeconds) + TimeSpan.FromMilliseconds(200));
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while ((await ScoresAsync(anonymous)).GetValueOrDefault(liked) <= second[liked] && DateTime.UtcNow < deadline) await Task.Delay(50);
        Assert.True((await ScoresAsync(anonymous))[liked] > second[liked], "the snapshot was replaced by one with the like");

        // The scroll that began on the old snapshot goes on ranking from it: the same notes with the same scores.
        Assert.Equal(second, await SecondPageAsync());
    }

    [Fact]
    public async Task A_viewers_affinity_is_kept_for_its_lifetime_so_the_pages_of_one_scroll_rank_alike()
    {
        var author = await factory.NewSessionAsync();
        var viewer = await factory.NewSessionAsync();
        var other = await factory.NewSessionAsync();
        var note = await author.CreateNoteIdAsync();
        var before = await ScoresAsync(viewer.Client);

        using (var follow = await viewer.Client.PutAsync($"/api/v1/users/{author.Account.Handle}/follow", null)) await follow.ShouldBeAsync(HttpStatusCode.OK);
        using (var follow = await other.Client.PutAsync($"/api/v1/users/{author.Account.Handle}/follow", null)) await follow.ShouldBeAsync(HttpStatusCode.OK);

        // The viewer's affinity was worked out before the follow and is kept; someone read for the first time gets the boost.
        Assert.Equal(before[note], (await ScoresAsync(viewer.Client))[note]);
        Assert.True((await ScoresAsync(other.Client))[note] > before[note], "A viewer worked out after the follow gets the followed boost");
    }
}

public sealed class SqliteDiscoverSnapshotFactory : SqliteAppFactory
{
    protected override void Tune(IDictionary<string, string?> settings) =>
        (settings["Feed:Discover:SnapshotSeconds"], settings["Feed:Discover:AffinitySeconds"]) = ($"{DiscoverSnapshotTests.SnapshotSeconds}", "600");
}

public sealed class PostgresDiscoverSnapshotFactory : PostgresAppFactory
{
    protected override void Tune(IDictionary<string, string?> settings) =>
        (settings["Feed:Discover:SnapshotSeconds"], settings["Feed:Discover:AffinitySeconds"]) = ($"{DiscoverSnapshotTests.SnapshotSeconds}", "600");
}

public sealed class SqliteDiscoverSnapshotTests(SqliteDiscoverSnapshotFactory factory) : DiscoverSnapshotTests(factory), IClassFixture<SqliteDiscoverSnapshotFactory>;

public sealed class PostgresDiscoverSnapshotTests(PostgresDiscoverSnapshotFactory factory) : DiscoverSnapshotTests(factory), IClassFixture<PostgresDiscoverSnapshotFactory>;
