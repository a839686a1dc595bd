using Microsoft.Extensions.Caching.Hybrid;

namespace Souk.Web.Common;

/// <summary>What the per-node caches built on HybridCache share: lifetimes spread per key, and a look-up that loads nothing.</summary>
public static class HybridCacheLookups
{
    static readonly HybridCacheEntryOptions LookUpOnly = new()
    {
        Flags = HybridCacheEntryFlags.DisableUnderlyingData | HybridCacheEntryFlags.DisableLocalCacheWrite | HybridCacheEntryFlags.DisableDistributedCache,
    };

    /// <summary>
    /// The entry under <paramref name="key"/> if this node has it, else null, loading nothing. For callers that load their
    /// misses together in one query, or store an entry only when nothing changed while it was read (HybridCache has no TryGet).
    /// </summary>
    public static ValueTask<T?> PeekAsync<T>(this HybridCache cache, string key, CancellationToken ct) where T : class =>
        cache.GetOrCreateAsync<T?>(key, static _ => ValueTask.FromResult<T?>(null), LookUpOnly, cancellationToken: ct);

    /// <summary>
    /// Nine lifetimes from 75 % to 125 % of <paramref name="seconds"/>, one picked per key (<see cref="For"/>): entries filled
    /// together (a burst of traffic, a restart) would otherwise expire together and send a wave of misses to the database.
    /// </summary>
    public static HybridCacheEntryOptions[] SpreadLifetimes(int seconds, HybridCacheEntryFlags flags = HybridCacheEntryFlags.None) =>
        [.. Enumerable.Range(0, 9).Select(i =>
        {
            var ttl = TimeSpan.FromSeconds(seconds * (0.75 + i / 16.0));
            return new HybridCacheEntryOptions { Expiration = ttl, LocalCacheExpiration = ttl, Flags = flags };
        })];

    /// <summary>The lifetime of <paramref name="lifetimes"/> for a key with this hash.</summary>
    public static HybridCacheEntryOptions For(this HybridCacheEntryOptions[] lifetimes, int hash) => lifetimes[(uint)hash % (uint)lifetimes.Length];
}
