using System.ComponentModel;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Hybrid;
using Souk.Web.Common;
using Souk.Web.Data;
using Souk.Web.Modules.Notes;

namespace Souk.Web.Modules.Feed;

public sealed record TrendingHashtag(string Tag, int Notes, string Url);

/// <summary>The top hashtags by distinct notes posted since <paramref name="Since"/> (the last 24 hours).</summary>
[ImmutableObject(true)]
public sealed record TrendingHashtags(IReadOnlyList<TrendingHashtag> Items, DateTime Since);

/// <summary>Hashtag pages and trending hashtags, for the API and the pages alike. Both read NoteHashtags alone.</summary>
public sealed class Hashtags(SoukDb db, NoteReader reader, HybridCache cache, TimeProvider clock)
{
    public static readonly TimeSpan TrendingWindow = TimeSpan.FromHours(24);
    public const int TrendingMax = 20;
    public const int TrendingDefault = 10;
    /// <summary>Trending is the same for everyone and moves slowly: one count a minute per node is plenty.</summary>
    static readonly HybridCacheEntryOptions TrendingCache = new() { Expiration = TimeSpan.FromMinutes(1), LocalCacheExpiration = TimeSpan.FromMinutes(1) };

    /// <summary>The folded form of a tag as typed (with or without '#'), or null when it cannot be a hashtag.</summary>
    public static string? Fold(string tag)
    {
        var bare = tag.TrimStart('#');
        return NoteText.IsHashtag(bare) ? NoteText.FoldHashtag(bare) : null;
    }

    public static string PageUrl(string tag) => "/t/" + Uri.EscapeDataString(tag);

    /// <summary>Notes with this (folded) hashtag, newest first, keyset-paged by note id.</summary>
    public async Task<Page<NoteCard>> NotesAsync(string folded, long? before, int limit, string baseUrl, CancellationToken ct)
    {
        var ids = await db.NoteHashtags.AsNoTracking().Where(h => h.Tag == folded && (before == null || h.NoteId < before))
            .OrderByDescending(h => h.NoteId).Select(h => h.NoteId).Take(limit + 1).ToListAsync(ct);
        return await reader.PageAsync(ids, limit, baseUrl, ct);
    }

    /// <summary>
    /// Top tags by distinct notes over the last 24 hours (ties by name). Cached a minute, keyed by the minute of the clock,
    /// so a moved clock (tests, or a node whose minute turned) counts afresh.
    /// </summary>
    public async Task<TrendingHashtags> TrendingAsync(int limit, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var minute = now.Ticks / TimeSpan.TicksPerMinute;
        return await cache.GetOrCreateAsync($"feed:trending:{minute}:{limit}", async token =>
        {
            var since = now - TrendingWindow;
            var rows = await db.NoteHashtags.AsNoTracking().Where(h => h.CreatedAt > since && h.CreatedAt <= now)
                .GroupBy(h => h.Tag).Select(g => new { Tag = g.Key, Notes = g.Count() })
                .OrderByDescending(g => g.Notes).ThenBy(g => g.Tag).Take(limit).ToListAsync(token);
            return new TrendingHashtags([.. rows.Select(r => new TrendingHashtag(r.Tag, r.Notes, PageUrl(r.Tag)))], since);
        }, TrendingCache, cancellationToken: ct);
    }
}
