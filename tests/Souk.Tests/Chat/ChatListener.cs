using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Threading.Channels;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Souk.Tests.Infrastructure;

namespace Souk.Tests.Chat;

/// <summary>
/// A SignalR .NET client on /hubs/chat of the test server, signed in with the session's bearer token, that records every
/// event the hub sends it (by method name) so a test can wait for the next one or check that none came.
/// </summary>
public sealed class ChatListener : IAsyncDisposable
{
    static readonly string[] Events = ["MessageReceived", "MessageUpdated", "ReadReceipt", "Typing", "Badge", "ConversationUpdated"];
    readonly ConcurrentDictionary<string, Channel<JsonElement>> received = new();

    ChatListener(HubConnection connection)
    {
        Connection = connection;
        foreach (var name in Events)
            connection.On<JsonElement>(name, payload => Channel(name).Writer.TryWrite(payload));
    }

    public HubConnection Connection { get; }

    Channel<JsonElement> Channel(string name) => received.GetOrAdd(name, _ => System.Threading.Channels.Channel.CreateUnbounded<JsonElement>());

    public static async Task<ChatListener> ConnectAsync(SoukAppFactory factory, Session session)
    {
        var server = factory.Server;
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(server.BaseAddress, "/hubs/chat"), o =>
            {
                o.HttpMessageHandlerFactory = _ => server.CreateHandler();
                o.Transports = HttpTransportType.LongPolling;
                o.AccessTokenProvider = () => Task.FromResult<string?>(session.Tokens.AccessToken);
            })
            .AddJsonProtocol(o => o.PayloadSerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase)))
            .Build();
        var listener = new ChatListener(connection);
        await connection.StartAsync();
        return listener;
    }

    /// <summary>The next event of this name (fails after the timeout, 5 s unless given).</summary>
    public async Task<JsonElement> NextAsync(string name, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(5));
        try
        {
            return await Channel(name).Reader.ReadAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            throw new Xunit.Sdk.XunitException($"No {name} event arrived in time.");
        }
    }

    /// <summary>Waits a moment and asserts that no event of this name arrived (the push path is asynchronous).</summary>
    public async Task NoneAsync(string name, int milliseconds = 700)
    {
        await Task.Delay(milliseconds);
        Assert.False(Channel(name).Reader.TryRead(out var stray), $"Unexpected {name}: {stray}");
    }

    /// <summary>Drops the events of this name received so far.</summary>
    public void Clear(string name)
    {
        while (Channel(name).Reader.TryRead(out _)) { }
    }

    public async ValueTask DisposeAsync() => await Connection.DisposeAsync();
}
