using System.ComponentModel;
using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Souk.Web.Common;
using Souk.Web.Modules.Accounts;

namespace Souk.Web.Modules.Catalog;

public enum SearchSort
{
    Relevance,
    Newest,
    PriceAsc,
    PriceDesc,
    Nearest,
}

public sealed record GeoPoint(double Lat, double Lng);

/// <summary>The query string of GET /api/v1/search, as sent: every value is checked by <see cref="Search.Parse"/>.</summary>
public sealed record SearchParameters(
    [FromQuery(Name = "q")][property: Description("Words to find (≤ 200 characters). Chinese needs no spaces; the last word may be a prefix.")] string? Q,
    [FromQuery(Name = "type")][property: Description("listing, product or note; all when absent. Same as kind (the older name).")] string? Type,
    [FromQuery(Name = "category")][property: Description("A category slug (GET /api/v1/categories); its descendants are included.")] string? Category,
    [FromQuery(Name = "minPrice")][property: Description("Lowest price in minor units of `currency` (required with it).")] string? MinPrice,
    [FromQuery(Name = "maxPrice")][property: Description("Highest price in minor units of `currency` (required with it).")] string? MaxPrice,
    [FromQuery(Name = "currency")][property: Description("ISO 4217 code: only items priced in it (no conversion). Required with minPrice, maxPrice and the price sorts.")] string? Currency,
    [FromQuery(Name = "condition")][property: Description("new, likeNew, good, fair or forParts; several comma-separated.")] string? Condition,
    [FromQuery(Name = "near")][property: Description("lat,lng: only items within radiusKm, each with its distanceKm.")] string? Near,
    [FromQuery(Name = "radiusKm")][property: Description("Radius around near, > 0 and ≤ 100 (default 10).")] string? RadiusKm,
    [FromQuery(Name = "sort")][property: Description("relevance (default with q), newest (default without), price_asc and price_desc (need currency: prices are not converted, so only items in that currency are sorted), nearest (needs near).")] string? Sort,
    [FromQuery(Name = "cursor")][property: Description("nextCursor of the previous page of the same search.")] string? Cursor,
    [FromQuery(Name = "limit")][property: Description("Items per page, 1–100 (default 20).")] string? Limit,
    [FromQuery(Name = "kind")][property: Description("note, listing or product; all when absent. Notes have no price: a price range or price sort never returns them.")] string? Kind = null);

/// <summary>A checked search: what selects the items, how they are ordered, and how many per page.</summary>
public sealed record SearchQuery(
    IReadOnlyList<SearchText.Term> Terms, SearchKind? Kind, string? CategorySlug, int[]? CategoryIds, string? Currency, long? MinPrice,
    long? MaxPrice, ListingCondition[] Conditions, GeoPoint? Near, double RadiusKm, SearchSort Sort, int Limit)
{
    /// <summary>Browsing with nothing that narrows it but the kind and category: its facet counts are kept as they change.</summary>
    public bool IsPlainBrowse => Terms.Count == 0 && Currency is null && MinPrice is null && MaxPrice is null && Conditions.Length == 0 && Near is null;

    /// <summary>Whether anything but words narrows the search.</summary>
    public bool HasFilters => Kind is not null || CategoryIds is not null || Currency is not null || MinPrice is not null || MaxPrice is not null ||
        Conditions.Length > 0 || Near is not null;

    /// <summary>
    /// Everything that selects the items, in one canonical string: the facet cache key (without the category, since facets
    /// ignore the category filter) and, with it, what a cursor is bound to.
    /// </summary>
    public string SelectionKey(bool withCategory) => string.Join('|',
        string.Join(' ', Terms.Select(t => string.Join('+', t.Tokens) + (t.Prefix ? "*" : ""))),
        Kind?.ToString() ?? "", withCategory ? CategorySlug ?? "" : "", Currency ?? "", MinPrice?.ToString(CultureInfo.InvariantCulture) ?? "",
        MaxPrice?.ToString(CultureInfo.InvariantCulture) ?? "", string.Join(',', Conditions.Select(c => (int)c)),
        Near is { } n ? FormattableString.Invariant($"{n.Lat:R},{n.Lng:R},{RadiusKm:R}") : "");
}

/// <summary>Where the previous page stopped: the sort key (as text) and the entry id of its last item.</summary>
public sealed record SearchPosition(string Key, long Id);

/// <summary>
/// One result: a listing (Url /l/{id}), a product (Url /p/{id}; Price is its lowest in-stock price, no condition or place) or a
/// note (Url /n/{id}; no price, SellerHandle is its author).
/// SellerVerified is the badge the item's page shows beside its seller: a brand's official shop for a product, a verified
/// person for a listing.
/// </summary>
public sealed record SearchCard(
    SearchKind Kind, long Id, string Url, string Title, Money? Price, MediaUrls? Cover, ListingCondition? Condition, string? District,
    double? DistanceKm, string SellerHandle, bool SellerVerified, DateTime CreatedAt);

/// <summary>A category with the number of matching items in it or below it; Parent is the parent's slug (null for a root).</summary>
public sealed record CategoryFacet(string Slug, string Name, string? Parent, long Count);

/// <summary>Categories with their counts, and Total: every match, in any category or none (the category filter left out, like the counts).</summary>
public sealed record SearchFacets(IReadOnlyList<CategoryFacet> Categories, long Total);

public sealed record SearchResponse(IReadOnlyList<SearchCard> Items, SearchFacets Facets, string? NextCursor);

/// <summary>
/// GET /api/v1/search: listings, shop products and notes by words (kind= narrows to one), category (with descendants), price in one currency,
/// condition and distance; sorted by relevance, newest, price or distance; keyset-paged; with category facet counts.
/// Every bad value is a 400 naming its field. A parameter that needs another one names the missing one (minPrice without
/// currency → currency; sort=nearest or radiusKm without near → near).
/// </summary>
public static class Search
{
    public const double DefaultRadiusKm = 10;
    public const double MaxRadiusKm = 100;

    static readonly Dictionary<string, SearchSort> Sorts = new(StringComparer.Ordinal)
    {
        ["relevance"] = SearchSort.Relevance,
        ["newest"] = SearchSort.Newest,
        ["price_asc"] = SearchSort.PriceAsc,
        ["price_desc"] = SearchSort.PriceDesc,
        ["nearest"] = SearchSort.Nearest,
    };

    public static string SortName(SearchSort sort) => Sorts.First(s => s.Value == sort).Key;

    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/search", Handle).WithTags("Search").AllowAnonymous()
            .WithSummary("Find listings, products and notes")
            .WithDescription("Full text in Chinese, Russian, Italian and English with prefix matching, filters, distance, sorting, cursor paging and category " +
                "facets. Prices are never converted between currencies: a price range and the price sorts (price_asc, price_desc) need `currency` and " +
                "keep only the items priced in it (400 naming `currency` without it).");

    static async Task<Results<Ok<SearchResponse>, ValidationProblem>> Handle(
        [AsParameters] SearchParameters p, SearchReader reader, SearchCache cache, CategoryTree categories, CurrentUser current, HttpContext http,
        CancellationToken ct)
    {
        var (query, after, errors) = Parse(p, await categories.GetAsync(ct));
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        return TypedResults.Ok(await RunAsync(query!, after, current.IsAuthenticated, reader, cache, Profile.BaseUrl(http.Request), ct));
    }

    /// <summary>Runs a checked search for the API and the search page alike, in the current UI culture (category names).</summary>
    public static async Task<SearchResponse> RunAsync(
        SearchQuery query, SearchPosition? after, bool signedIn, SearchReader reader, SearchCache cache, string baseUrl, CancellationToken ct)
    {
        var culture = CultureInfo.CurrentUICulture;
        // Anonymous answers are the same for everyone: shared for a few seconds (see SearchCache). Signed-in searchers read afresh.
        if (signedIn || !cache.Enabled) return await reader.SearchAsync(query, after, baseUrl, culture, ct);
        var key = string.Join('|', "page", culture.Name, baseUrl, query.SelectionKey(withCategory: true), SortName(query.Sort), query.Limit,
            after is null ? "" : $"{after.Key}/{after.Id}");
        return await cache.GetOrCreateAsync(key, token => reader.SearchAsync(query, after, baseUrl, culture, token), ct);
    }

    /// <summary>Checks every parameter and collects every problem under its name; the query and cursor position when none.</summary>
    public static (SearchQuery? Query, SearchPosition? After, Dictionary<string, string[]> Errors) Parse(SearchParameters p, CategoryIndex tree)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        void Error(string field, string message) => errors.TryAdd(field, [message]);

        IReadOnlyList<SearchText.Term> terms = [];
        if (p.Q is { Length: > SearchText.QueryMax }) Error("q", $"Search for at most {SearchText.QueryMax} characters.");
        else terms = SearchText.Parse(p.Q);

        SearchKind? kind = null;
        foreach (var (field, value) in new[] { ("kind", p.Kind), ("type", p.Type) })
        {
            if (string.IsNullOrEmpty(value)) continue;
            if (!ListingRules.TryParse<SearchKind>(value, out var k)) Error(field, $"{field} must be note, listing or product.");
            else if (kind is not null && kind != k) Error("kind", "kind and type disagree; give one of them.");
            else kind = k;
        }

        int[]? categoryIds = null;
        string? categorySlug = null;
        if (!string.IsNullOrEmpty(p.Category))
        {
            if (tree.BySlug(p.Category) is { } entry)
            {
                categorySlug = entry.Slug;
                categoryIds = [.. tree.SelfAndDescendants(entry.Id)];
            }
            else
            {
                Error("category", $"No category '{p.Category}' (see GET /api/v1/categories).");
            }
        }

        var min = ParseAmount(p.MinPrice, "minPrice", Error);
        var max = ParseAmount(p.MaxPrice, "maxPrice", Error);
        if (min is { } lo && max is { } hi && lo > hi) Error("minPrice", "minPrice must not be above maxPrice.");
        string? currency = null;
        if (!string.IsNullOrEmpty(p.Currency))
        {
            currency = p.Currency.ToUpperInvariant();
            if (!Money.IsSupported(currency)) Error("currency", $"Currency must be one of {string.Join(", ", Money.SupportedCurrencies)}.");
        }
        else if (!string.IsNullOrEmpty(p.MinPrice) || !string.IsNullOrEmpty(p.MaxPrice))
        {
            Error("currency", "Give the currency of minPrice and maxPrice (prices are not converted).");
        }

        var conditions = new List<ListingCondition>();
        if (!string.IsNullOrEmpty(p.Condition))
        {
            foreach (var part in p.Condition.Split(',', StringSplitOptions.TrimEntries))
            {
                if (ListingRules.TryParse<ListingCondition>(part, out var c)) { if (!conditions.Contains(c)) conditions.Add(c); }
                else Error("condition", $"Condition must be one or more of {string.Join(", ", Enum.GetValues<ListingCondition>().Select(ListingRules.Name))}, comma-separated.");
            }
        }

        GeoPoint? near = null;
        if (!string.IsNullOrEmpty(p.Near))
        {
            near = ParsePoint(p.Near);
            if (near is null) Error("near", "near must be lat,lng in degrees, e.g. 22.32,114.17.");
        }
        var radius = DefaultRadiusKm;
        if (!string.IsNullOrEmpty(p.RadiusKm))
        {
            if (!double.TryParse(p.RadiusKm, NumberStyles.Float, CultureInfo.InvariantCulture, out radius) || !double.IsFinite(radius) || radius <= 0 || radius > MaxRadiusKm)
                Error("radiusKm", $"radiusKm must be a number above 0 and at most {MaxRadiusKm:0}.");
            else if (string.IsNullOrEmpty(p.Near)) Error("near", "radiusKm needs near=lat,lng.");
        }

        SearchSort sort;
        if (string.IsNullOrEmpty(p.Sort)) sort = terms.Count > 0 ? SearchSort.Relevance : SearchSort.Newest;
        else if (!Sorts.TryGetValue(p.Sort, out sort)) Error("sort", $"Sort must be one of {string.Join(", ", Sorts.Keys)}.");
        // Without words there is nothing to rank: relevance is newest.
        if (sort == SearchSort.Relevance && terms.Count == 0) sort = SearchSort.Newest;
        if (sort == SearchSort.Nearest && string.IsNullOrEmpty(p.Near)) Error("near", "sort=nearest needs near=lat,lng.");
        // Amounts in different currencies cannot be ordered without exchange rates, which Souk does not keep.
        if (sort is SearchSort.PriceAsc or SearchSort.PriceDesc && string.IsNullOrEmpty(p.Currency))
            Error("currency", "Sorting by price needs currency: only items priced in it are sorted (prices are not converted).");

        var limit = Cursor.DefaultLimit;
        if (!string.IsNullOrEmpty(p.Limit))
        {
            if (int.TryParse(p.Limit, NumberStyles.None, CultureInfo.InvariantCulture, out var l)) limit = Cursor.ClampLimit(l);
            else Error("limit", $"limit must be a whole number from 1 to {Cursor.MaxLimit}.");
        }

        if (errors.Count > 0) return (null, null, errors);
        var query = new SearchQuery(terms, kind, categorySlug, categoryIds, currency, min, max, [.. conditions], near, radius, sort, limit);
        SearchPosition? after = null;
        if (!string.IsNullOrEmpty(p.Cursor))
        {
            after = SearchCursor.Decode(p.Cursor, query);
            if (after is null)
            {
                Error("cursor", "The cursor is not valid for this search (use the nextCursor of the same query, filters and sort).");
                return (null, null, errors);
            }
        }
        return (query, after, errors);
    }

    static long? ParseAmount(string? text, string field, Action<string, string> error)
    {
        if (string.IsNullOrEmpty(text)) return null;
        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var amount))
        {
            if (amount >= 0) return amount;
            error(field, $"{field} must not be negative.");
            return null;
        }
        error(field, $"{field} must be a whole number of minor units (e.g. 12000 for HK$120.00).");
        return null;
    }

    static GeoPoint? ParsePoint(string text)
    {
        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        if (parts.Length != 2) return null;
        if (!double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var lat) ||
            !double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var lng)) return null;
        if (!double.IsFinite(lat) || !double.IsFinite(lng) || lat is < -90 or > 90 || lng is < -180 or > 180) return null;
        return new GeoPoint(lat, lng);
    }
}

/// <summary>
/// Search cursors: "s1|sort|fingerprint|key|id", base64url. The key is the sort key of the last item (BM25 or rank score,
/// distance as round-trip doubles, creation time in ticks, price in minor units); the id breaks ties. The fingerprint
/// (64-bit FNV-1a of <see cref="SearchQuery.SelectionKey"/>) binds the cursor to its query and filters, so a cursor used with
/// another search is refused instead of silently skipping or repeating items.
/// </summary>
public static class SearchCursor
{
    const string Version = "s1";

    public static string Encode(SearchQuery query, string key, long id) =>
        Cursor.EncodeText(FormattableString.Invariant($"{Version}|{Search.SortName(query.Sort)}|{Fingerprint(query):x16}|{key}|{id}"));

    /// <summary>The position the cursor holds; null when it is malformed or was made for another search or sort.</summary>
    public static SearchPosition? Decode(string cursor, SearchQuery query)
    {
        if (!Cursor.TryDecodeText(cursor, out var text)) return null;
        var parts = text.Split('|');
        if (parts.Length != 5 || parts[0] != Version || parts[1] != Search.SortName(query.Sort)) return null;
        if (!ulong.TryParse(parts[2], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var fingerprint) || fingerprint != Fingerprint(query)) return null;
        if (!long.TryParse(parts[4], NumberStyles.None, CultureInfo.InvariantCulture, out var id)) return null;
        var key = parts[3];
        var valid = query.Sort switch
        {
            SearchSort.Relevance or SearchSort.Nearest => double.TryParse(key, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d),
            SearchSort.Newest => long.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out var ticks) && ticks <= DateTime.MaxValue.Ticks,
            _ => long.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out _),
        };
        return valid ? new SearchPosition(key, id) : null;
    }

    static ulong Fingerprint(SearchQuery query)
    {
        var hash = 14695981039346656037UL;
        foreach (var b in System.Text.Encoding.UTF8.GetBytes(query.SelectionKey(withCategory: true)))
        {
            hash ^= b;
            hash *= 1099511628211UL;
        }
        return hash;
    }
}
