using System.Net;
using Microsoft.EntityFrameworkCore;
using Souk.Tests.Infrastructure;

namespace Souk.Tests.Accounts;

/// <summary>The follow graph: idempotent edges, counters kept in step, keyset-paged lists, and races.</summary>
public abstract class FollowTests(SoukAppFactory factory)
{
    static async Task<int> FollowersCountAsync(HttpClient client, string handle)
    {
        using var profile = await client.GetAsync($"/api/v1/users/{handle}");
        await profile.ShouldBeAsync(HttpStatusCode.OK);
        return (await profile.JsonAsync()).GetProperty("followersCount").GetInt32();
    }

    [Fact]
    public async Task Following_twice_is_one_edge_and_unfollowing_returns_to_zero()
    {
        var alice = await factory.NewSessionAsync();
        var bob = await factory.NewSessionAsync();
        var url = $"/api/v1/users/{alice.Account.Handle}/follow";

        using var first = await bob.Client.PutAsync(url, null);
        using var second = await bob.Client.PutAsync(url, null);

        await first.ShouldBeAsync(HttpStatusCode.OK);
        await second.ShouldBeAsync(HttpStatusCode.OK);
        var state = await second.JsonAsync();
        Assert.True(state.GetProperty("following").GetBoolean());
        Assert.Equal(1, state.GetProperty("followersCount").GetInt32());
        Assert.Equal(1, await FollowersCountAsync(bob.Client, alice.Account.Handle));
        using (var me = await bob.Client.GetAsync("/api/v1/me")) Assert.Equal(1, (await me.JsonAsync()).GetProperty("followingCount").GetInt32());

        using var unfollow = await bob.Client.DeleteAsync(url);
        using var again = await bob.Client.DeleteAsync(url);

        await unfollow.ShouldBeAsync(HttpStatusCode.OK);
        await again.ShouldBeAsync(HttpStatusCode.OK);
        var after = await again.JsonAsync();
        Assert.False(after.GetProperty("following").GetBoolean());
        Assert.Equal(0, after.GetProperty("followersCount").GetInt32());
        Assert.Equal(0, await FollowersCountAsync(bob.Client, alice.Account.Handle));
        using (var me = await bob.Client.GetAsync("/api/v1/me")) Assert.Equal(0, (await me.JsonAsync()).GetProperty("followingCount").GetInt32());
    }

    [Fact]
    public async Task The_handle_in_the_url_is_case_insensitive()
    {
        var alice = await factory.NewSessionAsync();
        var bob = await factory.NewSessionAsync();

        using var follow = await bob.Client.PutAsync($"/api/v1/users/{alice.Account.Handle.ToUpperInvariant()}/follow", null);

        await follow.ShouldBeAsync(HttpStatusCode.OK);
        Assert.Equal(1, await FollowersCountAsync(bob.Client, alice.Account.Handle));
    }

    [Fact]
    public async Task Following_yourself_is_422_and_writes_nothing()
    {
        var alice = await factory.NewSessionAsync();

        using var response = await alice.Client.PutAsync($"/api/v1/users/{alice.Account.Handle}/follow", null);

        await response.ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal(0, await FollowersCountAsync(alice.Client, alice.Account.Handle));
        using var me = await alice.Client.GetAsync("/api/v1/me");
        Assert.Equal(0, (await me.JsonAsync()).GetProperty("followingCount").GetInt32());
    }

    [Fact]
    public async Task Following_an_unknown_handle_is_404()
    {
        var alice = await factory.NewSessionAsync();

        using var put = await alice.Client.PutAsync($"/api/v1/users/{Api.NewHandle("ghost")}/follow", null);
        using var delete = await alice.Client.DeleteAsync($"/api/v1/users/{Api.NewHandle("ghost")}/follow");

        await put.ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await delete.ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Following_without_credentials_is_401()
    {
        var alice = await factory.NewSessionAsync();
        using var client = factory.Anonymous();

        using var put = await client.PutAsync($"/api/v1/users/{alice.Account.Handle}/follow", null);
        using var delete = await client.DeleteAsync($"/api/v1/users/{alice.Account.Handle}/follow");

        await put.ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        await delete.ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Equal(0, await FollowersCountAsync(client, alice.Account.Handle));
    }

    [Fact]
    public async Task Followers_and_following_are_cursor_paged_without_gaps_or_repeats()
    {
        var star = await factory.NewSessionAsync();
        var fans = new List<string>();
        for (var i = 0; i < 25; i++)
        {
            var fan = await factory.NewSessionAsync();
            using var follow = await fan.Client.PutAsync($"/api/v1/users/{star.Account.Handle}/follow", null);
            await follow.ShouldBeAsync(HttpStatusCode.OK);
            fans.Add(fan.Account.Handle);
            if (i == 0)
            {
                using var back = await star.Client.PutAsync($"/api/v1/users/{fan.Account.Handle}/follow", null);
                await back.ShouldBeAsync(HttpStatusCode.OK);
            }
        }
        using var client = factory.Anonymous();

        var seen = new List<string>();
        var pages = 0;
        string? cursor = null;
        do
        {
            var url = $"/api/v1/users/{star.Account.Handle}/followers?limit=10" + (cursor is null ? "" : $"&cursor={Uri.EscapeDataString(cursor)}");
            using var page = await client.GetAsync(url);
            await page.ShouldBeAsync(HttpStatusCode.OK);
            var body = await page.JsonAsync();
            seen.AddRange(body.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("handle").GetString()!));
            cursor = body.GetProperty("nextCursor").GetString();
            pages++;
            Assert.True(pages <= 5, "The cursor never ended");
        }
        while (cursor is not null);

        Assert.Equal(3, pages);
        Assert.Equal(25, seen.Count);
        Assert.Equal(25, seen.Distinct().Count());
        // Newest first.
        Assert.Equal(Enumerable.Reverse(fans), seen);
        Assert.Equal(25, await FollowersCountAsync(client, star.Account.Handle));

        using var following = await client.GetAsync($"/api/v1/users/{star.Account.Handle}/following?limit=10");
        await following.ShouldBeAsync(HttpStatusCode.OK);
        var followingBody = await following.JsonAsync();
        Assert.Equal([fans[0]], followingBody.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("handle").GetString()!));
        Assert.Null(followingBody.GetProperty("nextCursor").GetString());
    }

    [Theory]
    [InlineData("!!!")]
    [InlineData("bm90LWEtbnVtYmVy")] // base64url of "not-a-number"
    public async Task A_bad_cursor_is_400_on_cursor(string cursor)
    {
        var alice = await factory.NewSessionAsync();
        using var client = factory.Anonymous();

        using var followers = await client.GetAsync($"/api/v1/users/{alice.Account.Handle}/followers?cursor={Uri.EscapeDataString(cursor)}");
        using var following = await client.GetAsync($"/api/v1/users/{alice.Account.Handle}/following?cursor={Uri.EscapeDataString(cursor)}");

        await followers.ShouldBeValidationProblemAsync("cursor");
        await following.ShouldBeValidationProblemAsync("cursor");
    }

    [Fact]
    public async Task Lists_of_an_unknown_handle_are_404()
    {
        using var client = factory.Anonymous();

        using var followers = await client.GetAsync($"/api/v1/users/{Api.NewHandle("ghost")}/followers");

        await followers.ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Twenty_parallel_follows_make_exactly_one_edge()
    {
        var target = await factory.NewSessionAsync();
        var fan = await factory.NewSessionAsync();
        var url = $"/api/v1/users/{target.Account.Handle}/follow";

        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => fan.Client.PutAsync(url, null)));

        try
        {
            foreach (var r in responses) await r.ShouldBeAsync(HttpStatusCode.OK);
            Assert.All(responses, r => Assert.True(r.JsonAsync().GetAwaiter().GetResult().GetProperty("following").GetBoolean()));
        }
        finally
        {
            foreach (var r in responses) r.Dispose();
        }
        Assert.Equal(1, await FollowersCountAsync(fan.Client, target.Account.Handle));
        var targetId = await factory.QueryAsync(db => db.Users.Where(u => u.UserName == target.Account.Handle).Select(u => u.Id).SingleAsync());
        Assert.Equal(1, await factory.QueryAsync(db => db.Follows.CountAsync(f => f.FolloweeId == targetId)));
        using var me = await fan.Client.GetAsync("/api/v1/me");
        Assert.Equal(1, (await me.JsonAsync()).GetProperty("followingCount").GetInt32());
    }

    [Fact]
    public async Task Twenty_parallel_follow_and_unfollow_leave_counters_matching_the_edges()
    {
        var target = await factory.NewSessionAsync();
        var fan = await factory.NewSessionAsync();
        var url = $"/api/v1/users/{target.Account.Handle}/follow";

        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => i % 2 == 0 ? fan.Client.PutAsync(url, null) : fan.Client.DeleteAsync(url)));

        foreach (var r in responses)
        {
            await r.ShouldBeAsync(HttpStatusCode.OK);
            r.Dispose();
        }
        var targetId = await factory.QueryAsync(db => db.Users.Where(u => u.UserName == target.Account.Handle).Select(u => u.Id).SingleAsync());
        var edges = await factory.QueryAsync(db => db.Follows.CountAsync(f => f.FolloweeId == targetId));
        Assert.InRange(edges, 0, 1);
        Assert.Equal(edges, await FollowersCountAsync(fan.Client, target.Account.Handle));
        using var me = await fan.Client.GetAsync("/api/v1/me");
        Assert.Equal(edges, (await me.JsonAsync()).GetProperty("followingCount").GetInt32());
    }
}

public sealed class SqliteFollowTests(SqliteAppFactory factory) : FollowTests(factory), IClassFixture<SqliteAppFactory>;

public sealed class PostgresFollowTests(PostgresAppFactory factory) : FollowTests(factory), IClassFixture<PostgresAppFactory>;
