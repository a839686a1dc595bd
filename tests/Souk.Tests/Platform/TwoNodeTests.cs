using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using CatalogApi = Souk.Tests.Catalog.CatalogApi;
using SearchApi = Souk.Tests.Catalog.SearchApi;
using Souk.Tests.Chat;
using Souk.Tests.Feed;
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
        await using var bobOnA = await TwoNodeChat.ConnectAsync(nodes.NodeA, bob);
        var aliceOnB = alice.On(nodes.NodeB);

        // The first message warms both nodes up (first requests compile code paths); then the one that is timed.
        await aliceOnB.SayIdAsync(conversationId, "warm-up");
        await bobOnA.NextAsync(TimeSpan.FromSeconds(10));
        var sent = Stopwatch.StartNew();
        var id = await aliceOnB.SayIdAsync(conversationId, "hello from node B");
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
        await using var bobAnywhere = await TwoNodeChat.ConnectAsync(nodes.Balanced, bob);

        // Whichever nodes nginx picks for the connection and for each post, every message arrives.
        var ids = new List<long>();
        for (var i = 0; i < 4; i++) ids.Add(await alice.SayIdAsync(conversationId, $"message {i}"));
        var received = new List<long>();
        for (var i = 0; i < 4; i++) received.Add((await bobAnywhere.NextAsync(TimeSpan.FromSeconds(10))).GetProperty("id").GetInt64());

        Assert.Equal(ids.Order(), received.Order());
    }
}

/// <summary>
/// The caches each node keeps in memory for anonymous readers (a listing's page and API answer, a profile, search answers)
/// are evicted on the other node too, through Redis, when something they show changes: a shared link opened on node A
/// shows what the seller did through node B at once, not up to a minute later.
/// </summary>
public sealed class TwoNodeCacheTests(TwoNodesWithRedis nodes) : IClassFixture<TwoNodesWithRedis>
{
    [Fact]
    public async Task What_node_A_cached_for_anonymous_readers_follows_a_change_made_through_node_B_within_a_second()
    {
        var seen = await TwoNodeCaches.CacheOnNodeAThenChangeOnNodeBAsync(nodes);

        var fresh = await seen.WithinAsync(TimeSpan.FromSeconds(1),
            s => s is { State: "reserved", DisplayName: TwoNodeCaches.NewName, Found: 0 } && s.NewestFollowed == seen.LaterNoteId);
        Assert.Equal(("reserved", TwoNodeCaches.NewName, 0, seen.LaterNoteId), (fresh.State, fresh.DisplayName, fresh.Found, fresh.NewestFollowed));
    }

    [Fact]
    public async Task Signing_out_through_node_B_ends_the_session_on_node_A_within_a_second()
    {
        var onA = await TwoNodeCaches.CheckOnNodeAThenSignOutOnNodeBAsync(nodes);

        var clock = Stopwatch.StartNew();
        HttpStatusCode status;
        do
        {
            using var me = await onA.Client.GetAsync("/api/v1/me");
            status = me.StatusCode;
        }
        while (status == HttpStatusCode.OK && clock.Elapsed < TimeSpan.FromSeconds(1));
        Assert.Equal(HttpStatusCode.Unauthorized, status);
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
        await using var bobOnA = await TwoNodeChat.ConnectAsync(nodes.NodeA, bob);
        await using var aliceOnB = await TwoNodeChat.ConnectAsync(nodes.NodeB, alice);

        var id = await alice.On(nodes.NodeB).SayIdAsync(conversationId, "hello from node B");

        Assert.Equal(id, (await aliceOnB.NextAsync(TimeSpan.FromSeconds(10))).GetProperty("id").GetInt64());
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Equal(0, bobOnA.Count);
        // Node A has it in the database all the same: only the push is missing.
        Assert.Contains(id, (await bob.On(nodes.NodeA).MessagesAsync(conversationId)).Ids());
    }
}

/// <summary>The control of <see cref="TwoNodeCacheTests"/>: without Redis, node A keeps serving what it cached (10–60 s).</summary>
public sealed class TwoNodeCacheWithoutRedisTests(TwoNodesWithoutRedis nodes) : IClassFixture<TwoNodesWithoutRedis>
{
    [Fact]
    public async Task Without_Redis_node_A_keeps_serving_what_it_cached()
    {
        var seen = await TwoNodeCaches.CacheOnNodeAThenChangeOnNodeBAsync(nodes);

        await Task.Delay(TimeSpan.FromSeconds(1));
        var stale = await seen.ReadAsync();
        Assert.Equal(("active", seen.OldName, 1, seen.FirstNoteId), (stale.State, stale.DisplayName, stale.Found, stale.NewestFollowed));
    }

    [Fact]
    public async Task Without_Redis_node_A_honours_a_session_ended_through_node_B_until_its_check_expires()
    {
        var onA = await TwoNodeCaches.CheckOnNodeAThenSignOutOnNodeBAsync(nodes);

        await Task.Delay(TimeSpan.FromSeconds(1));
        using var me = await onA.Client.GetAsync("/api/v1/me");
        await me.ShouldBeAsync(HttpStatusCode.OK);
    }
}

static class TwoNodeCaches
{
    /// <summary>Someone uses their token on node A (which keeps the session check), then signs out through node B.</summary>
    public static async Task<Session> CheckOnNodeAThenSignOutOnNodeBAsync(TwoNodeDeployment nodes)
    {
        var person = await TwoNodeChat.SignUpAsync(nodes.Balanced);
        var onA = person.On(nodes.NodeA);
        using (var me = await onA.Client.GetAsync("/api/v1/me")) await me.ShouldBeAsync(HttpStatusCode.OK);
        using (var logout = await person.On(nodes.NodeB).Client.PostAsync("/api/v1/auth/logout", null)) await logout.ShouldBeAsync(HttpStatusCode.NoContent);
        return onA;
    }

    public const string NewName = "Renamed through node B";

    /// <summary>
    /// What an anonymous reader on node A sees of one listing: its state, its seller's name, how many searches find it; and
    /// the newest note in the following feed of someone on node A who follows the seller.
    /// </summary>
    public sealed record Seen(string? State, string? DisplayName, int Found, long? NewestFollowed);

    public sealed record Probe(HttpClient AnonymousOnA, Session FollowerOnA, long ListingId, string Handle, string TitleWord, string OldName,
        long FirstNoteId, long LaterNoteId = 0)
    {
        public async Task<Seen> ReadAsync()
        {
            var listing = await CatalogApi.GetListingAsync(AnonymousOnA, ListingId);
            using var profile = await AnonymousOnA.GetAsync($"/api/v1/users/{Handle}");
            await profile.ShouldBeAsync(HttpStatusCode.OK);
            var search = await SearchApi.SearchAsync(AnonymousOnA, SearchApi.Q(TitleWord) + "&type=listing");
            var feed = await FollowerOnA.Client.GetOkAsync("/api/v1/feed/following?limit=5");
            long? newestNote = feed.GetProperty("items").EnumerateArray().Where(i => i.GetProperty("kind").GetString() == "note")
                .Select(i => (long?)i.GetProperty("id").GetInt64()).FirstOrDefault();
            return new(listing.GetProperty("state").GetString(), (await profile.JsonAsync()).GetProperty("displayName").GetString(),
                search.GetProperty("items").GetArrayLength(), newestNote);
        }

        /// <summary>Reads until <paramref name="done"/> holds or <paramref name="limit"/> has passed; the last reading.</summary>
        public async Task<Seen> WithinAsync(TimeSpan limit, Func<Seen, bool> done)
        {
            var clock = Stopwatch.StartNew();
            while (true)
            {
                var seen = await ReadAsync();
                if (done(seen) || clock.Elapsed > limit) return seen;
                await Task.Delay(25);
            }
        }
    }

    /// <summary>
    /// A seller lists an item and posts a note through node B; an anonymous reader reads the listing, its seller's profile
    /// and a search that finds it through node A, and a follower their following feed (so node A caches all four); then
    /// the seller reserves the listing, renames themself and posts a second note through node B.
    /// </summary>
    public static async Task<Probe> CacheOnNodeAThenChangeOnNodeBAsync(TwoNodeDeployment nodes)
    {
        var seller = (await TwoNodeChat.SignUpAsync(nodes.Balanced)).On(nodes.NodeB);
        var titleWord = "twonode" + Guid.NewGuid().ToString("N")[..8];
        var listingId = await CatalogApi.CreateListingIdAsync(seller, CatalogApi.ValidListing(await CatalogApi.UploadPhotosAsync(seller, 1), $"Film camera {titleWord}"));
        var photo = await CatalogApi.UploadPhotoAsync(seller);
        var firstNote = await seller.PostNoteAsync(photo, "Shot on the film camera");
        var follower = (await TwoNodeChat.SignUpAsync(nodes.Balanced)).On(nodes.NodeA);
        await follower.FollowAsync(seller);
        var probe = new Probe(new HttpClient { BaseAddress = nodes.NodeA }, follower, listingId, seller.Account.Handle, titleWord,
            seller.Account.DisplayName, firstNote);

        var before = await probe.ReadAsync();
        Assert.Equal(("active", seller.Account.DisplayName, 1, firstNote), (before.State, before.DisplayName, before.Found, before.NewestFollowed));
        // Node A answers from its caches now: a second read is the same whatever happens in the database meanwhile.
        using (var reserved = await CatalogApi.SetStateAsync(seller, listingId, "reserved")) await reserved.ShouldBeAsync(HttpStatusCode.OK);
        using (var renamed = await seller.Client.PatchJsonAsync("/api/v1/me", new { displayName = NewName })) await renamed.ShouldBeAsync(HttpStatusCode.OK);
        return probe with { LaterNoteId = await seller.PostNoteAsync(photo, "The prints came back") };
    }
}

static class TwoNodeChat
{
    /// <summary>Two new people, signed up through the balanced entrance; Alice opens a conversation with Bob through node B.</summary>
    public static async Task<(Session Alice, Session Bob, long ConversationId)> TwoPeopleInAConversationAsync(TwoNodeDeployment nodes)
    {
        var alice = await SignUpAsync(nodes.Balanced);
        var bob = await SignUpAsync(nodes.Balanced);
        return (alice, bob, await alice.On(nodes.NodeB).DirectAsync(bob));
    }

    public static async Task<Session> SignUpAsync(Uri entrance)
    {
        var account = Api.NewAccount(Api.NewHandle("tn"));
        var client = new HttpClient { BaseAddress = entrance };
        using (var registered = await client.PostJsonAsync("/api/v1/auth/register", Api.RegisterBody(account)))
            await registered.ShouldBeAsync(HttpStatusCode.Created);
        using var login = await client.PostJsonAsync("/api/v1/auth/login", new { email = account.Email, password = account.Password });
        await login.ShouldBeAsync(HttpStatusCode.OK);
        var tokens = (await login.Content.ReadFromJsonAsync<Tokens>(Api.Json))!;
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tokens.AccessToken);
        return new Session(account, tokens, client);
    }

    /// <summary>The same person, their API calls going through another entrance (a pinned node or the balanced one).</summary>
    public static Session On(this Session session, Uri entrance)
    {
        var client = new HttpClient { BaseAddress = entrance };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", session.Tokens.AccessToken);
        return session with { Client = client };
    }

    /// <summary>A hub connection as the browser client opens it: WebSockets only, no negotiate request, token in the query.</summary>
    public static async Task<Inbox> ConnectAsync(Uri entrance, Session person)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(entrance, "/hubs/chat"), o =>
            {
                o.Transports = HttpTransportType.WebSockets;
                o.SkipNegotiation = true;
                o.AccessTokenProvider = () => Task.FromResult<string?>(person.Tokens.AccessToken);
            })
            .Build();
        var inbox = new Inbox(connection);
        await connection.StartAsync();
        // The handshake is answered before the server joins the connection to its backplane channels (on a node's first
        // connection that includes connecting to Redis), and a push published meanwhile is missed; invocations are
        // dispatched only after that join, so once one answers, pushes arrive. (chat.js covers the same gap with Sync.)
        await connection.InvokeAsync("Heartbeat");
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
