using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Souk.Tests.Infrastructure;

namespace Souk.Tests.Platform;

/// <summary>
/// Chat across two nodes (deploy/two-nodes.sh: real nginx, real PostgreSQL, real Redis): a person connected through nginx
/// to node A hears, within a second, a message sent through nginx to node B. The hub client connects the way the browser
/// client does (WebSockets, skipNegotiation), so no sticky session is needed.
/// </summary>
public sealed class TwoNodeTests(TwoNodesWithRedis nodes) : IClassFixture<TwoNodesWithRedis>
{
    [Fact]
    public async Task A_message_sent_through_node_B_reaches_a_member_connected_to_node_A_within_a_second()
    {
        var (alice, bob, conversationId) = await TwoNodeChat.TwoPeopleInAConversationAsync(nodes);
        await using var bobOnA = await TwoNodeChat.ConnectAsync(nodes.NodeA, bob.Token);
        using var aliceOnB = TwoNodeChat.Client(nodes.NodeB, alice.Token);

        // The first message warms both nodes up (first requests compile code paths); then the one that is timed.
        await TwoNodeChat.SendAsync(aliceOnB, conversationId, "warm-up");
        await bobOnA.NextAsync(TimeSpan.FromSeconds(10));
        var sent = Stopwatch.StartNew();
        var id = await TwoNodeChat.SendAsync(aliceOnB, conversationId, "hello from node B");
        var received = await bobOnA.NextAsync(TimeSpan.FromSeconds(5));
        var elapsed = sent.Elapsed;

        Assert.Equal(id, received.GetProperty("id").GetInt64());
        Assert.Equal(conversationId, received.GetProperty("conversationId").GetInt64());
        Assert.Equal("hello from node B", received.GetProperty("text").GetString());
        Assert.True(elapsed < TimeSpan.FromSeconds(1), $"delivered after {elapsed.TotalMilliseconds:F0} ms");
    }

    [Fact]
    public async Task The_balanced_entrance_serves_the_hub_over_websockets_and_the_api()
    {
        var (alice, bob, conversationId) = await TwoNodeChat.TwoPeopleInAConversationAsync(nodes);
        await using var bobAnywhere = await TwoNodeChat.ConnectAsync(nodes.Balanced, bob.Token);
        using var aliceAnywhere = TwoNodeChat.Client(nodes.Balanced, alice.Token);

        // Whichever nodes nginx picks for the connection and for each post, every message arrives.
        var ids = new List<long>();
        for (var i = 0; i < 4; i++) ids.Add(await TwoNodeChat.SendAsync(aliceAnywhere, conversationId, $"message {i}"));
        var received = new List<long>();
        for (var i = 0; i < 4; i++) received.Add((await bobAnywhere.NextAsync(TimeSpan.FromSeconds(10))).GetProperty("id").GetInt64());

        Assert.Equal(ids.Order(), received.Order());
    }
}

/// <summary>
/// The control: the same two nodes and nginx without Redis. The message is stored and its sender's own connection on
/// node B hears it, but the member on node A does not: so the test above passes because of the backplane.
/// </summary>
public sealed class TwoNodeWithoutRedisTests(TwoNodesWithoutRedis nodes) : IClassFixture<TwoNodesWithoutRedis>
{
    [Fact]
    public async Task Without_Redis_a_message_sent_through_node_B_does_not_reach_node_A()
    {
        var (alice, bob, conversationId) = await TwoNodeChat.TwoPeopleInAConversationAsync(nodes);
        await using var bobOnA = await TwoNodeChat.ConnectAsync(nodes.NodeA, bob.Token);
        await using var aliceOnB = await TwoNodeChat.ConnectAsync(nodes.NodeB, alice.Token);
        using var aliceApiOnB = TwoNodeChat.Client(nodes.NodeB, alice.Token);

        var id = await TwoNodeChat.SendAsync(aliceApiOnB, conversationId, "hello from node B");

        Assert.Equal(id, (await aliceOnB.NextAsync(TimeSpan.FromSeconds(10))).GetProperty("id").GetInt64());
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Equal(0, bobOnA.Count);
        // Node A has it in the database all the same: only the push is missing.
        using var bobApiOnA = TwoNodeChat.Client(nodes.NodeA, bob.Token);
        using var history = await bobApiOnA.GetAsync($"/api/v1/conversations/{conversationId}/messages");
        await history.ShouldBeAsync(HttpStatusCode.OK);
        Assert.Contains(id, (await history.JsonAsync()).GetProperty("items").EnumerateArray().Select(m => m.GetProperty("id").GetInt64()));
    }
}

static class TwoNodeChat
{
    public sealed record Person(string Handle, string Token);

    /// <summary>Two new people, signed up through the balanced entrance; Alice opens a conversation with Bob through node B.</summary>
    public static async Task<(Person Alice, Person Bob, long ConversationId)> TwoPeopleInAConversationAsync(TwoNodeDeployment nodes)
    {
        var alice = await SignUpAsync(nodes.Balanced);
        var bob = await SignUpAsync(nodes.Balanced);
        using var client = Client(nodes.NodeB, alice.Token);
        using var response = await client.PostJsonAsync("/api/v1/conversations", new { participants = new[] { bob.Handle } });
        await response.ShouldBeAsync(HttpStatusCode.Created);
        return (alice, bob, (await response.JsonAsync()).GetProperty("id").GetInt64());
    }

    static async Task<Person> SignUpAsync(Uri entrance)
    {
        var account = Api.NewAccount(Api.NewHandle("tn"));
        using var client = new HttpClient { BaseAddress = entrance };
        using (var registered = await client.PostJsonAsync("/api/v1/auth/register", Api.RegisterBody(account)))
            await registered.ShouldBeAsync(HttpStatusCode.Created);
        using var login = await client.PostJsonAsync("/api/v1/auth/login", new { email = account.Email, password = account.Password });
        await login.ShouldBeAsync(HttpStatusCode.OK);
        return new Person(account.Handle, (await login.Content.ReadFromJsonAsync<Tokens>(Api.Json))!.AccessToken);
    }

    public static HttpClient Client(Uri entrance, string token)
    {
        var client = new HttpClient { BaseAddress = entrance };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public static async Task<long> SendAsync(HttpClient client, long conversationId, string text)
    {
        using var response = await client.PostJsonAsync($"/api/v1/conversations/{conversationId}/messages",
            new { clientMessageId = Guid.NewGuid().ToString("N"), kind = "text", text });
        await response.ShouldBeAsync(HttpStatusCode.Created);
        return (await response.JsonAsync()).GetProperty("id").GetInt64();
    }

    /// <summary>A hub connection as the browser client opens it: WebSockets only, no negotiate request, token in the query.</summary>
    public static async Task<Inbox> ConnectAsync(Uri entrance, string token)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(entrance, "/hubs/chat"), o =>
            {
                o.Transports = HttpTransportType.WebSockets;
                o.SkipNegotiation = true;
                o.AccessTokenProvider = () => Task.FromResult<string?>(token);
            })
            .Build();
        var inbox = new Inbox(connection);
        await connection.StartAsync();
        return inbox;
    }

    /// <summary>The MessageReceived pushes of one connection, in arrival order.</summary>
    public sealed class Inbox : IAsyncDisposable
    {
        readonly HubConnection connection;
        readonly System.Threading.Channels.Channel<JsonElement> messages = System.Threading.Channels.Channel.CreateUnbounded<JsonElement>();
        int count;

        public Inbox(HubConnection connection)
        {
            this.connection = connection;
            connection.On<JsonElement>("MessageReceived", m =>
            {
                Interlocked.Increment(ref count);
                messages.Writer.TryWrite(m);
            });
        }

        public int Count => Volatile.Read(ref count);

        public async Task<JsonElement> NextAsync(TimeSpan limit)
        {
            using var timeout = new CancellationTokenSource(limit);
            try
            {
                return await messages.Reader.ReadAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"no MessageReceived within {limit.TotalSeconds} s");
            }
        }

        public ValueTask DisposeAsync() => connection.DisposeAsync();
    }
}
