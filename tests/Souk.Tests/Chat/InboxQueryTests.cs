using System.Data.Common;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Souk.Tests.Catalog;
using Souk.Tests.Infrastructure;
using Souk.Web.Data;

namespace Souk.Tests.Chat;

/// <summary>Counts the SQL commands the app sends (only meaningful while a single request runs).</summary>
public sealed class CommandCounter : DbCommandInterceptor
{
    int count;

    public int Count => Volatile.Read(ref count);

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken ct = default)
    {
        Interlocked.Increment(ref count);
        return ValueTask.FromResult(result);
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken ct = default)
    {
        Interlocked.Increment(ref count);
        return ValueTask.FromResult(result);
    }
}

public sealed class SqliteCountingFactory : SqliteAppFactory
{
    public CommandCounter Commands { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(s => s.ConfigureDbContext<SqliteSoukDb>(o => o.AddInterceptors(Commands)));
    }
}

public sealed class PostgresCountingFactory : PostgresAppFactory
{
    public CommandCounter Commands { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(s => s.ConfigureDbContext<PostgresSoukDb>(o => o.AddInterceptors(Commands)));
    }
}

/// <summary>The Inbox list runs on every Inbox visit: its cost must not grow with the number of conversations on the page.</summary>
public abstract class InboxQueryTests(SoukAppFactory factory, CommandCounter commands)
{
    async Task<int> CommandsForInboxAsync(Session session, int expectedRows)
    {
        await session.InboxAsync(100); // warm: the first request of a client may touch caches
        var before = commands.Count;
        Assert.Equal(expectedRows, (await session.InboxAsync(100)).Count);
        return commands.Count - before;
    }

    [Fact]
    public async Task The_conversation_list_takes_the_same_number_of_queries_for_two_conversations_or_twelve()
    {
        var me = await factory.NewSessionAsync();
        var seller = await factory.NewSessionAsync();
        var friend = await factory.NewSessionAsync();
        await me.SayAsync(await me.DirectAsync(seller, await seller.CreateListingIdAsync()), "still available?");
        await friend.SayAsync(await friend.GroupAsync("Pals", me, seller), "hi");
        var few = await CommandsForInboxAsync(me, 2);
        Assert.InRange(few, 3, 12); // the counter sees the queries (list, last messages, people, presence, item cards…)

        for (var i = 0; i < 5; i++)
        {
            var other = await factory.NewSessionAsync();
            await other.SayAsync(await other.DirectAsync(me, await other.CreateListingIdAsync()), $"offer {i}");
            await me.SayAsync(await me.GroupAsync($"Group {i}", other, friend), "hello");
        }
        Assert.Equal(few, await CommandsForInboxAsync(me, 12));
    }
}

public sealed class SqliteInboxQueryTests(SqliteCountingFactory factory) : InboxQueryTests(factory, factory.Commands), IClassFixture<SqliteCountingFactory>;

public sealed class PostgresInboxQueryTests(PostgresCountingFactory factory) : InboxQueryTests(factory, factory.Commands), IClassFixture<PostgresCountingFactory>;
