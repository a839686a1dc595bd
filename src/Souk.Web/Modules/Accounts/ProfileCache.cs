using System.ComponentModel;
using Microsoft.Extensions.Caching.Hybrid;
using Souk.Web.Common;

namespace Souk.Web.Modules.Accounts;

/// <summary>The public part of a profile, as read from the database: the same for every viewer.</summary>
/// <remarks>Immutable and sealed, so HybridCache hands out the cached instance instead of deserialising a copy per hit.</remarks>
[ImmutableObject(true)]
public sealed record ProfileRow(Guid Id, string? UserName, string DisplayName, string Bio, AccountKind Kind, bool IsVerified,
    string? AvatarKey, int FollowersCount, int FollowingCount, DateTime CreatedAt);

public sealed class ProfileCacheOptions
{
    /// <summary>How long a node may serve a profile it read for an anonymous viewer; 0 turns the cache off.</summary>
    public int AnonymousSeconds { get; set; } = 10;
}

/// <summary>
/// Anonymous profile reads (shared links, search engines, the bulk of a public profile's traffic) come from a short-lived
/// in-process cache: the database lookup costs several times the rest of the request (docs/PERFORMANCE.md).
/// Signed-in viewers always read the database, so the people who act on a profile (follow, edit) see it exact.
/// A change removes the entry at once on this node and, through <see cref="CacheEvictions"/> (Redis), moments later on the
/// others; a node without Redis, or cut off from it, sees it within <see cref="ProfileCacheOptions.AnonymousSeconds"/>.
/// Unknown handles are cached too (so probing handles cannot hammer the database) and forgotten when someone takes the handle.
/// Output-cached pages of other modules that show a profile's public data (a listing's seller card) tag themselves with
/// <see cref="PublicPagesTag"/> and are evicted here too.
/// </summary>
public sealed class ProfileCache(HybridCache cache, ProfileCacheOptions options, CacheEvictions evictions)
{
    readonly HybridCacheEntryOptions[] lifetimes = HybridCacheLookups.SpreadLifetimes(options.AnonymousSeconds);

    public bool Enabled => options.AnonymousSeconds > 0;

    static string Key(string normalizedHandle) => "profile:" + normalizedHandle;

    public ValueTask<ProfileRow?> GetOrLoadAsync<TState>(string normalizedHandle, TState state,
        Func<TState, CancellationToken, ValueTask<ProfileRow?>> load, CancellationToken ct) =>
        cache.GetOrCreateAsync(Key(normalizedHandle), state, load,
            lifetimes.For(normalizedHandle.GetHashCode(StringComparison.Ordinal)), cancellationToken: ct);

    /// <summary>The output-cache tag of cached pages that show this profile's name, handle, avatar or badge.</summary>
    public static string PublicPagesTag(string normalizedHandle) => "profile-pages:" + normalizedHandle;

    /// <summary>Call after anything shown on a public profile changes (name, bio, handle, avatar, badge, counts).</summary>
    public async Task ForgetAsync(params IEnumerable<string?> normalizedHandles)
    {
        foreach (var handle in normalizedHandles)
        {
            if (string.IsNullOrEmpty(handle)) continue;
            if (Enabled) await evictions.RemoveAsync(Key(handle));
            await evictions.EvictPagesAsync(PublicPagesTag(handle));
        }
    }
}
