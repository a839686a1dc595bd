using Microsoft.Extensions.Caching.Memory;

namespace Souk.Web.Modules.Feed;

/// <summary>
/// Each viewer's affinity (whom they follow, the hashtags and categories of what they last liked and saved), kept by a node for
/// <see cref="DiscoverOptions.AffinitySeconds"/>. Working it out was most of a discover request once the candidates came from
/// the snapshot (five queries per page); a person scrolling asks for several pages within seconds, and the pages of one
/// scroll should be ranked with one affinity anyway, or a like between two pages moves scores across the cursor's boundary.
/// What one does shows in one's discover feed within that lifetime. At most <see cref="ViewersMax"/> viewers are kept.
/// </summary>
public sealed class ViewerAffinities(DiscoverOptions options) : IDisposable
{
    public const int ViewersMax = 20_000;

    readonly MemoryCache cache = new(new MemoryCacheOptions { SizeLimit = ViewersMax });

    public async Task<ViewerAffinity> GetAsync(Guid viewerId, Func<Task<ViewerAffinity>> load)
    {
        if (options.AffinitySeconds <= 0) return await load();
        if (cache.TryGetValue(viewerId, out ViewerAffinity? known) && known is not null) return known;
        var loaded = await load();
        cache.Set(viewerId, loaded, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = TimeSpan.FromSeconds(options.AffinitySeconds) });
        return loaded;
    }

    public void Dispose() => cache.Dispose();
}
