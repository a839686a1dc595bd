using System.ComponentModel;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Hybrid;
using Souk.Web.Common;
using Souk.Web.Data;

namespace Souk.Web.Modules.Accounts;

/// <summary>Whom someone follows, as a node keeps it.</summary>
/// <remarks>Immutable and sealed, so HybridCache hands out the cached instance instead of a copy per hit.</remarks>
[ImmutableObject(true)]
public sealed record Followees(Guid[] Ids);

public sealed class FolloweeListsOptions
{
    /// <summary>How long a node keeps whom someone follows when no follow or unfollow evicts it first; 0 turns the cache off.</summary>
    public int Seconds { get; set; } = 120;
}

/// <summary>
/// Whom each reader follows, kept in every node's memory: the following feed needs the list on every page, and reading
/// 200 ids was a round trip and a tenth of the app's work per page (docs/PERFORMANCE.md "Feeds").
/// A follow or an unfollow evicts the follower's list at once on this node and, through <see cref="CacheEvictions"/>
/// (Redis), on the others. A list is only stored when no follow changed on this node while it was read. Memory: 16 bytes
/// per person followed, so 3.2 KB for someone following 200; kept only for people who read their feed within the lifetime.
/// </summary>
public sealed class FolloweeLists(HybridCache cache, FolloweeListsOptions options, CacheEvictions evictions)
{
    readonly HybridCacheEntryOptions[] lifetimes = HybridCacheLookups.SpreadLifetimes(options.Seconds, HybridCacheEntryFlags.DisableDistributedCache);
    long version;

    static string Key(Guid followerId) => "followees:" + followerId.ToString("N");

    public async Task<Guid[]> ForAsync(SoukDb db, Guid followerId, CancellationToken ct)
    {
        if (options.Seconds > 0 && await cache.PeekAsync<Followees>(Key(followerId), ct) is { } known) return known.Ids;
        var before = Interlocked.Read(ref version);
        var ids = await db.Follows.AsNoTracking().Where(f => f.FollowerId == followerId).Select(f => f.FolloweeId).ToArrayAsync(ct);
        if (options.Seconds > 0 && Interlocked.Read(ref version) == before)
            await cache.SetAsync(Key(followerId), new Followees(ids), lifetimes.For(followerId.GetHashCode()), cancellationToken: ct);
        return ids;
    }

    /// <summary>After <paramref name="followerId"/> followed or unfollowed someone (committed).</summary>
    public ValueTask ChangedAsync(Guid followerId)
    {
        Interlocked.Increment(ref version);
        return evictions.RemoveAsync(Key(followerId));
    }
}
