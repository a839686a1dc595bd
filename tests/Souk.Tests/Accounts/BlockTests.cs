using System.Net;
using Microsoft.EntityFrameworkCore;
using Souk.Tests.Infrastructure;

using static Souk.Tests.Catalog.PageTesting;

namespace Souk.Tests.Accounts;

/// <summary>PUT/DELETE /api/v1/users/{handle}/block, GET /api/v1/me/blocks, and the Block/Unblock control on the profile page.</summary>
public abstract class BlockTests(SoukAppFactory factory)
{
    static async Task<string[]> BlockedHandlesAsync(Session who)
    {
        using var response = await who.Client.GetAsync("/api/v1/me/blocks");
        await response.ShouldBeAsync(HttpStatusCode.OK);
        return [.. (await response.JsonAsync()).EnumerateArray().Select(u => u.GetProperty("handle").GetString()!)];
    }

    [Fact]
    public async Task Blocking_and_unblocking_are_idempotent_and_the_list_shows_who_is_blocked()
    {
        var me = await factory.NewSessionAsync();
        var pest = await factory.NewSessionAsync();
        var other = await factory.NewSessionAsync();

        for (var i = 0; i < 2; i++)
        {
            using var put = await me.Client.PutAsync($"/api/v1/users/{pest.Account.Handle.ToUpperInvariant()}/block", null);
            await put.ShouldBeAsync(HttpStatusCode.OK);
            Assert.True((await put.JsonAsync()).GetProperty("blocked").GetBoolean());
        }
        using (var second = await me.Client.PutAsync($"/api/v1/users/{other.Account.Handle}/block", null)) await second.ShouldBeAsync(HttpStatusCode.OK);

        Assert.Equal([other.Account.Handle, pest.Account.Handle], await BlockedHandlesAsync(me));
        Assert.Empty(await BlockedHandlesAsync(pest));

        for (var i = 0; i < 2; i++)
        {
            using var delete = await me.Client.DeleteAsync($"/api/v1/users/{pest.Account.Handle}/block");
            await delete.ShouldBeAsync(HttpStatusCode.OK);
            Assert.False((await delete.JsonAsync()).GetProperty("blocked").GetBoolean());
        }
        Assert.Equal([other.Account.Handle], await BlockedHandlesAsync(me));
    }

    [Fact]
    public async Task Parallel_blocks_store_one_row()
    {
        var me = await factory.NewSessionAsync();
        var pest = await factory.NewSessionAsync();

        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => me.Client.PutAsync($"/api/v1/users/{pest.Account.Handle}/block", null)));

        try
        {
            Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        }
        finally
        {
            foreach (var r in responses) r.Dispose();
        }
        Assert.Single(await BlockedHandlesAsync(me));
    }

    [Fact]
    public async Task Blocking_nobody_or_yourself_is_refused_and_visitors_cannot_block()
    {
        var me = await factory.NewSessionAsync();

        using var unknown = await me.Client.PutAsync("/api/v1/users/nobody_here_at_all/block", null);
        using var self = await me.Client.PutAsync($"/api/v1/users/{me.Account.Handle}/block", null);
        using var anonymous = factory.Anonymous();
        using var visitor = await anonymous.PutAsync($"/api/v1/users/{me.Account.Handle}/block", null);
        using var visitorList = await anonymous.GetAsync("/api/v1/me/blocks");

        await unknown.ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await self.ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal(HttpStatusCode.Unauthorized, visitor.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, visitorList.StatusCode);
        Assert.Empty(await BlockedHandlesAsync(me));
    }

    [Fact]
    public async Task The_profile_page_blocks_and_unblocks_with_a_plain_form_post()
    {
        var me = await factory.NewSessionAsync();
        var pest = await factory.NewSessionAsync();
        using var browser = factory.Browser(me);
        var path = $"/u/{pest.Account.Handle}";

        var page = await browser.PageAsync(path);
        Assert.Contains("data-testid=\"block\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"blocked-notice\"", page, StringComparison.Ordinal);
        using (var block = await browser.PostFormAsync(path, "block", page, [("BlockAction", "block")])) Assert.Equal(path, LocationPath(block));

        Assert.Equal([pest.Account.Handle], await BlockedHandlesAsync(me));
        var blocked = await browser.PageAsync(path);
        Assert.Contains("data-testid=\"blocked-notice\"", blocked, StringComparison.Ordinal);
        Assert.Contains("value=\"unblock\"", blocked, StringComparison.Ordinal);

        using (var unblock = await browser.PostFormAsync(path, "block", blocked, [("BlockAction", "unblock")])) Assert.Equal(path, LocationPath(unblock));
        Assert.Empty(await BlockedHandlesAsync(me));

        // Not on your own profile, nor for visitors.
        Assert.DoesNotContain("data-testid=\"block\"", await factory.Browser(pest).PageAsync(path), StringComparison.Ordinal);
        using var anonymous = factory.Anonymous();
        Assert.DoesNotContain("data-testid=\"block\"", await anonymous.PageAsync(path), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_blocked_profile_page_is_localised()
    {
        var me = await factory.NewSessionAsync();
        var pest = await factory.NewSessionAsync();
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var blocks = scope.ServiceProvider.GetRequiredService<Souk.Web.Modules.Accounts.BlockList>();
            await blocks.SetAsync(await factory.QueryAsync(db => db.Users.Where(u => u.UserName == me.Account.Handle).Select(u => u.Id).SingleAsync()),
                pest.Account.Handle, block: true, CancellationToken.None);
        }

        var page = await factory.Browser(me, "zh-Hant-HK").PageAsync($"/u/{pest.Account.Handle}");

        Assert.Contains("解除封鎖", page, StringComparison.Ordinal);
        Assert.Contains($"你已封鎖 @{pest.Account.Handle}", page, StringComparison.Ordinal);
    }
}

public sealed class SqliteBlockTests(SqliteAppFactory factory) : BlockTests(factory), IClassFixture<SqliteAppFactory>;

public sealed class PostgresBlockTests(PostgresAppFactory factory) : BlockTests(factory), IClassFixture<PostgresAppFactory>;
