using System.Collections.Concurrent;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Caching.Hybrid;
using StackExchange.Redis;

namespace Souk.Web.Common;

/// <summary>
/// Evictions of the caches every node keeps in its own memory (the output cache of anonymous pages, HybridCache entries,
/// and per-node generation counters such as the search answers' and the discover snapshot's), applied on every node.
/// <para>
/// The caches stay in process so that a hit costs no network round trip. A change evicts on this node at once and, with
/// <c>Redis:Connection</c> configured, is published on one channel that every node of the deployment listens to and
/// applies to its own caches: another node drops its copy milliseconds later instead of serving it for the rest of its
/// lifetime (10–60 s). Without Redis (one node) only the local eviction happens. A message published while a node is cut
/// off from Redis, or before it has subscribed at start-up, is not replayed: that node keeps its entry for the entry's
/// lifetime, the bound every node had before. Callers evict after their change is written; a signal sent from inside a
/// transaction can reach another node before the commit, and a read there in that moment can cache the old state for one
/// lifetime, the same race the local eviction has.
/// </para>
/// </summary>
public sealed class CacheEvictions(IOutputCacheStore pages, HybridCache cache, IConfiguration config, ILogger<CacheEvictions> log)
    : BackgroundService
{
    const char PageTag = 'p', CacheKey = 'k', Signal = 's';

    /// <summary>Tells this node's own messages apart from the others' (every node hears the channel, the sender too).</summary>
    readonly string node = Guid.NewGuid().ToString("N");
    readonly RedisChannel channel = RedisChannel.Literal((config["Redis:ChannelPrefix"] ?? "souk") + ":cache-evictions");
    readonly ConcurrentDictionary<string, Action> signalHandlers = new(StringComparer.Ordinal);
    volatile ISubscriber? redis;

    /// <summary>Evicts the output-cached pages tagged <paramref name="tag"/>, here and on every other node.</summary>
    public async ValueTask EvictPagesAsync(string tag)
    {
        await pages.EvictByTagAsync(tag, CancellationToken.None);
        Publish(PageTag, tag);
    }

    /// <summary>Removes the HybridCache entry <paramref name="key"/>, here and on every other node.</summary>
    public async ValueTask RemoveAsync(string key)
    {
        await cache.RemoveAsync(key);
        Publish(CacheKey, key);
    }

    /// <summary>Runs on the other nodes what <see cref="OnSignal"/> registered there under <paramref name="name"/>; the caller has done its own part.</summary>
    public void SignalOthers(string name) => Publish(Signal, name);

    /// <summary>What this node does when another node signals <paramref name="name"/> (e.g. moves a cache generation on).</summary>
    public void OnSignal(string name, Action handler) => signalHandlers[name] = handler;

    void Publish(char kind, string value)
    {
        if (redis is not { } subscriber) return;
        // Fire and forget: the change is written already, and a caller must not wait on (or fail with) the cache channel.
        subscriber.Publish(channel, $"{node}|{kind}|{value}", CommandFlags.FireAndForget);
    }

    protected override async Task ExecuteAsync(CancellationToken stopping)
    {
        if (config["Redis:Connection"] is not { Length: > 0 } connection) return;
        var options = ConfigurationOptions.Parse(connection);
        // Keep trying in the background when Redis is down at start: the node serves meanwhile, evicting locally only.
        options.AbortOnConnectFail = false;
        try
        {
            var multiplexer = await ConnectionMultiplexer.ConnectAsync(options);
            stopping.Register(() => multiplexer.Dispose());
            var subscriber = multiplexer.GetSubscriber();
            // One queue, applied in order: an eviction never overtakes an earlier one.
            (await subscriber.SubscribeAsync(channel)).OnMessage(m => ApplyAsync(m.Message));
            redis = subscriber;
        }
        catch (Exception e) when (e is RedisException or ObjectDisposedException)
        {
            log.LogWarning(e, "Cache evictions are local only: could not subscribe to {Channel}", channel);
        }
    }

    async Task ApplyAsync(RedisValue message)
    {
        var text = (string?)message;
        if (text is null || text.Length < node.Length + 3 || text.StartsWith(node, StringComparison.Ordinal)) return;
        var value = text[(node.Length + 3)..];
        try
        {
            switch (text[node.Length + 1])
            {
                case PageTag: await pages.EvictByTagAsync(value, CancellationToken.None); break;
                case CacheKey: await cache.RemoveAsync(value); break;
                case Signal when signalHandlers.TryGetValue(value, out var handler): handler(); break;
            }
        }
        catch (Exception e)
        {
            log.LogWarning(e, "Could not apply the cache eviction {Message}", text);
        }
    }
}

public static class CacheEvictionsSetup
{
    public static IServiceCollection AddCacheEvictions(this IServiceCollection services)
    {
        services.AddHybridCache();
        services.AddOutputCache();
        services.AddSingleton<CacheEvictions>();
        services.AddHostedService(sp => sp.GetRequiredService<CacheEvictions>());
        return services;
    }
}
