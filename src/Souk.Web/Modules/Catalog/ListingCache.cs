using System.Globalization;
using Microsoft.AspNetCore.OutputCaching;
using Souk.Web.Common;
using Souk.Web.Modules.Accounts;

namespace Souk.Web.Modules.Catalog;

public sealed class ListingCacheOptions
{
    /// <summary>How long a node may serve a listing it rendered for an anonymous visitor; 0 turns the cache off.</summary>
    public int AnonymousSeconds { get; set; } = 60;

    /// <summary>
    /// Memory for the node's output cache (all of it, not only listings). A page is about 8–12 kB, so the framework's
    /// default of 100 MB holds some 10,000 pages with their API answers; past the limit it drops entries early.
    /// </summary>
    public int MaxMegabytes { get; set; } = 256;
}

/// <summary>
/// Anonymous reads of a listing (the page /l/{id} and GET /api/v1/listings/{id}: shared links, chat-app previews,
/// search engines) are answered from ASP.NET Core's output cache: rendering the page costs many times what serving the
/// stored bytes does (docs/PERFORMANCE.md). Signed-in visitors and API clients with a token always get a fresh answer
/// (the output cache's default policy skips them), so the seller, operators and savers see their own view exact.
/// A change on this node evicts at once: an edit, a state change, a delete or a save of the listing through
/// <see cref="ForgetAsync"/>, and any change to the seller's public profile through <see cref="ProfileCache.ForgetAsync"/>
/// (the page shows the seller's name, handle, avatar and badge). Other nodes evict through <see cref="CacheEvictions"/>
/// (Redis) moments later; without Redis, or cut off from it, within <see cref="ListingCacheOptions.AnonymousSeconds"/>.
/// </summary>
public sealed class ListingCache(CacheEvictions evictions)
{
    public const string PolicyName = "anonymous-listing";

    public static void Configure(OutputCacheOptions outputCache, ListingCacheOptions options)
    {
        outputCache.SizeLimit = options.MaxMegabytes * 1024L * 1024L;
        outputCache.AddPolicy(PolicyName, b =>
        {
            if (options.AnonymousSeconds <= 0)
            {
                b.NoCache();
                return;
            }
            // The default policy in the builder already skips signed-in requests, non-GET methods and responses that set
            // cookies or are not 200 (a hidden or missing listing is never stored), and varies by the query string.
            b.Expire(TimeSpan.FromSeconds(options.AnonymousSeconds)).VaryByValue(Variant);
        });
    }

    /// <summary>Call after anything on the listing's page changes: its fields, photos, state, saves count, or its deletion.</summary>
    public ValueTask ForgetAsync(long id) => evictions.EvictPagesAsync(Tag(id));

    /// <summary>Marks the response being rendered with what it shows, so <see cref="ForgetAsync"/> and profile changes find it.</summary>
    public static void TagResponse(HttpContext http, long id, string sellerHandle)
    {
        if (http.Features.Get<IOutputCacheFeature>()?.Context is not { } context) return;
        context.Tags.Add(Tag(id));
        if (sellerHandle.Length > 0) context.Tags.Add(ProfileCache.PublicPagesTag(AccountRules.NormalizeHandle(sellerHandle)));
    }

    static string Tag(long id) => "listing:" + id.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// The same URL renders differently per language (text), per culture (price format) and for Blazor's enhanced
    /// navigation, which asks with its own Accept header and gets a response framed for patching the open page.
    /// </summary>
    static KeyValuePair<string, string> Variant(HttpContext http) => new("view", string.Concat(
        CultureInfo.CurrentCulture.Name, "|", CultureInfo.CurrentUICulture.Name,
        http.Request.Headers.Accept.ToString().Contains("blazor-enhanced-nav=on", StringComparison.Ordinal) ? "|enhanced" : ""));
}
