using System.Data.Common;
using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Caching.Memory;
using Souk.Web.Common;
using Souk.Web.Data;
using Souk.Web.Modules.Accounts;

namespace Souk.Web.Modules.Catalog;

public sealed class SearchOptions
{
    /// <summary>
    /// How long a node reuses the answer to an anonymous search, and the facet counts of any search; 0 turns both off.
    /// Every write to the index starts both afresh, on this node at once and on the others through Redis when configured.
    /// Signed-in searchers never get a cached page (as with profiles, the people who act see exact results).
    /// </summary>
    public int CacheSeconds { get; set; } = 10;
}

/// <summary>
/// The search caches of this node: one bounded in-memory cache for answers and facet counts, and a generation that every
/// index write moves on, so entries made before a write are never read after it (their keys carry the generation).
/// Other nodes move theirs on when told through <see cref="CacheEvictions"/>. A search that runs while a write is still
/// uncommitted can cache the old state under the new generation; it lasts at most <see cref="SearchOptions.CacheSeconds"/>.
/// </summary>
public sealed class SearchCache : IDisposable
{
    /// <summary>Entries, not bytes: an answer is a few kilobytes, so this bounds the cache to some tens of megabytes.</summary>
    const int MaxEntries = 10_000;
    const string SignalName = "search";

    readonly MemoryCache cache = new(new MemoryCacheOptions { SizeLimit = MaxEntries });
    readonly SearchOptions options;
    readonly CacheEvictions evictions;
    long generation;

    public SearchCache(SearchOptions options, CacheEvictions evictions)
    {
        this.options = options;
        this.evictions = evictions;
        // Another node's index write moves this node's generation on too (through Redis, when configured).
        evictions.OnSignal(SignalName, () => Interlocked.Increment(ref generation));
    }

    public bool Enabled => options.CacheSeconds > 0;

    /// <summary>Call on every write to the index (<see cref="SearchIndex"/> does): here and on every other node.</summary>
    public void Changed()
    {
        Interlocked.Increment(ref generation);
        if (Enabled) evictions.SignalOthers(SignalName);
    }

    public async ValueTask<T> GetOrCreateAsync<T>(string key, Func<CancellationToken, Task<T>> create, CancellationToken ct) where T : class
    {
        if (!Enabled) return await create(ct);
        var full = $"{Interlocked.Read(ref generation)}|{key}";
        if (cache.TryGetValue(full, out T? hit) && hit is not null) return hit;
        var value = await create(ct);
        cache.Set(full, value, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = TimeSpan.FromSeconds(options.CacheSeconds) });
        return value;
    }

    public void Dispose() => cache.Dispose();
}

/// <summary>Category counts of one selection, keyed by the item's own category (null for items without one).</summary>
public sealed record FacetCounts(int?[] CategoryIds, long[] Counts);

/// <summary>
/// Runs searches on the index: one SQL query for the facet counts (cached briefly, see <see cref="SearchCache"/>) and one
/// for the page. The SQL is written by hand per provider (FTS5 MATCH and bm25 on SQLite, @@ and ts_rank on PostgreSQL)
/// because EF cannot express either; everything else in it is shared, and every value is a parameter.
/// <para>
/// How a page is found cheaply: the inner query orders and limits entry ids only (from the FTS5 index alone for a plain
/// text search on SQLite, otherwise from covering indexes), and the card columns, the seller's handle and the cover are
/// joined to the rows it returns. Browsing newest first with filters that match many items scans the browse index (newest
/// first, every filter column in it) and stops after a page; filters that match few items use their own index and sort
/// what they find. The facet counts, computed first, say which case it is. Nearest first searches growing rings (1 km,
/// then ×4 up to the radius) and stops at the first ring that holds a page.
/// </para>
/// </summary>
public sealed class SearchReader(SoukDb db, CategoryTree categories, MediaUrlBuilder media, SearchCache cache)
{
    /// <summary>Column weights: a word in the title counts ten times one in the description (BM25 on SQLite, ts_rank on PostgreSQL).</summary>
    const double TitleWeight = 10.0;
    const double EarthDiameterKm = 2 * 6371.0088;
    const double KmPerDegree = 111.195;
    const double FirstRingKm = 1;

    /// <summary>
    /// From this many matches, scanning the browse index newest first finds a page within a few thousand entries (fewer
    /// than sorting all the matches would take); below it, the filters' own indexes are cheaper.
    /// </summary>
    const long BrowseScanFrom = 2000;

    public const string BrowseIndex = "IX_SearchEntries_Browse";

    /// <summary>A row of a page; Distance is the haversine term (see <see cref="Sql.Distance"/>), not yet kilometres.</summary>
    sealed record Row(long EntryId, SearchKind Kind, long ItemId, string Title, long PriceAmount, string PriceCurrency, ListingCondition? Condition,
        string? District, DateTime CreatedAt, string SortKey, double? Distance, string? SellerHandle, string? CoverKey, bool SellerVerified);

    /// <summary>The great-circle distance for a haversine term a = sin²(Δφ/2) + cos φ₁ cos φ₂ sin²(Δλ/2).</summary>
    static double KmFromHaversine(double a) => EarthDiameterKm * Math.Asin(Math.Sqrt(Math.Clamp(a, 0, 1)));

    /// <summary>The haversine term of a distance (the inverse of <see cref="KmFromHaversine"/>).</summary>
    static double HaversineFromKm(double km) => Math.Pow(Math.Sin(km / EarthDiameterKm), 2);

    public async Task<SearchResponse> SearchAsync(SearchQuery query, SearchPosition? after, string baseUrl, CultureInfo culture, CancellationToken ct)
    {
        var tree = await categories.GetAsync(ct);
        var counts = await FacetCountsAsync(query, ct);
        var rows = await PageAsync(query, after, Total(counts, query), ct);

        var items = rows.Take(query.Limit).Select(r => new SearchCard(
            r.Kind, r.ItemId, PageUrl(r.Kind, baseUrl, r.ItemId),
            r.Title, r.Kind == SearchKind.Note ? null : new Money(r.PriceAmount, r.PriceCurrency), r.CoverKey is null ? null : media.For(r.CoverKey), r.Condition, r.District,
            r.Distance is { } a ? Math.Round(KmFromHaversine(a), 1) : null, r.SellerHandle ?? "", r.SellerVerified, r.CreatedAt)).ToList();
        var next = rows.Count > query.Limit ? SearchCursor.Encode(query, rows[query.Limit - 1].SortKey, rows[query.Limit - 1].EntryId) : null;
        return new SearchResponse(items, new SearchFacets(Facets(counts, tree, culture), counts.Counts.Sum()), next);
    }

    static string PageUrl(SearchKind kind, string baseUrl, long id) => kind switch
    {
        SearchKind.Listing => ListingAccess.PageUrl(baseUrl, id),
        SearchKind.Product => ProductAccess.PageUrl(baseUrl, id),
        _ => $"{baseUrl}/n/{id}",
    };

    /// <summary>How many items the whole selection has, category filter included (the counts are per own category).</summary>
    static long Total(FacetCounts counts, SearchQuery query)
    {
        long total = 0;
        for (var i = 0; i < counts.CategoryIds.Length; i++)
        {
            if (query.CategoryIds is null || (counts.CategoryIds[i] is { } id && query.CategoryIds.Contains(id))) total += counts.Counts[i];
        }
        return total;
    }

    /// <summary>Counts rolled up the tree (an item counts for its category and every ancestor), in tree order, empty ones left out.</summary>
    static List<CategoryFacet> Facets(FacetCounts counts, CategoryIndex tree, CultureInfo culture)
    {
        var totals = new Dictionary<int, long>();
        for (var i = 0; i < counts.CategoryIds.Length; i++)
        {
            if (counts.CategoryIds[i] is not { } id) continue;
            for (CategoryEntry? c = tree.ById(id); c is not null; c = tree.ParentOf(c.Id))
                totals[c.Id] = totals.GetValueOrDefault(c.Id) + counts.Counts[i];
        }
        return [.. tree.InTreeOrder().Where(c => totals.ContainsKey(c.Id))
            .Select(c => new CategoryFacet(c.Slug, c.NameIn(culture), tree.ParentOf(c.Id)?.Slug, totals[c.Id]))];
    }

    ValueTask<FacetCounts> FacetCountsAsync(SearchQuery query, CancellationToken ct) =>
        cache.GetOrCreateAsync("facets|" + query.SelectionKey(withCategory: false), token => CountAsync(query, token), ct);

    /// <summary>Facets ignore the category filter, so a client can show how many items every other category would give.</summary>
    async Task<FacetCounts> CountAsync(SearchQuery query, CancellationToken ct)
    {
        var ids = new List<int?>();
        var counts = new List<long>();
        await using var cmd = await CommandAsync(ct);
        try
        {
            if (query.IsPlainBrowse)
            {
                // Kept by triggers (see SearchSql): a few rows instead of every entry. Category 0 stands for none.
                cmd.CommandText = $"""
                    SELECT NULLIF("CategoryId", 0), CAST(sum("Count") AS bigint) FROM "{SearchSql.CountsTable}"
                    WHERE "Count" > 0{(query.Kind is { } kind ? $" AND \"Kind\" = {(int)kind}" : "")} GROUP BY "CategoryId"
                    """;
            }
            else
            {
                var sql = new Sql(cmd, db.Provider);
                var (from, where) = sql.Selection(query, withCategory: false, withScore: false, withEntry: true, query.RadiusKm, indexHint: null);
                cmd.CommandText = $"""SELECT e."CategoryId", count(*) FROM {from}{where} GROUP BY e."CategoryId" """;
            }
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                ids.Add(reader.IsDBNull(0) ? null : reader.GetInt32(0));
                counts.Add(reader.GetInt64(1));
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
        return new FacetCounts([.. ids], [.. counts]);
    }

    /// <summary>One more row than the page, to know whether there is a next one.</summary>
    async Task<List<Row>> PageAsync(SearchQuery query, SearchPosition? after, long total, CancellationToken ct)
    {
        if (query.Sort != SearchSort.Nearest)
        {
            var browse = db.Provider == DatabaseProvider.Sqlite && query.Terms.Count == 0 && query.Sort == SearchSort.Newest && total >= BrowseScanFrom;
            return await PageOnceAsync(query, after, query.RadiusKm, browse ? BrowseIndex : null, ct);
        }
        // Nearest first: the smallest ring that holds a page (everything outside it is farther than everything inside).
        var from = after is null ? 0 : KmFromHaversine(double.Parse(after.Key, CultureInfo.InvariantCulture));
        var ring = Math.Min(query.RadiusKm, Math.Max(FirstRingKm, from * 2));
        while (true)
        {
            var rows = await PageOnceAsync(query, after, ring, null, ct);
            if (rows.Count > query.Limit || ring >= query.RadiusKm) return rows;
            ring = Math.Min(query.RadiusKm, ring * 4);
        }
    }

    async Task<List<Row>> PageOnceAsync(SearchQuery query, SearchPosition? after, double radiusKm, string? indexHint, CancellationToken ct)
    {
        var rows = new List<Row>(query.Limit + 1);
        await using var cmd = await CommandAsync(ct);
        try
        {
            cmd.CommandText = PageSql(new Sql(cmd, db.Provider), query, after, radiusKm, indexHint, db.Provider);
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                var createdAt = DateTime.SpecifyKind(reader.GetDateTime(8), DateTimeKind.Utc);
                var kind = (SearchKind)reader.GetInt32(1);
                var sortKey = query.Sort switch
                {
                    SearchSort.Relevance or SearchSort.Nearest => reader.GetDouble(9).ToString("R", CultureInfo.InvariantCulture),
                    SearchSort.Newest => createdAt.Ticks.ToString(CultureInfo.InvariantCulture),
                    _ => reader.GetInt64(9).ToString(CultureInfo.InvariantCulture),
                };
                rows.Add(new Row(
                    reader.GetInt64(0), kind, reader.GetInt64(2), reader.GetString(3), reader.GetInt64(4), reader.GetString(5),
                    reader.IsDBNull(6) ? null : (ListingCondition)reader.GetInt32(6), reader.IsDBNull(7) ? null : reader.GetString(7), createdAt,
                    sortKey, reader.IsDBNull(10) ? null : reader.GetDouble(10), reader.IsDBNull(11) ? null : reader.GetString(11),
                    reader.IsDBNull(12) ? null : reader.GetString(12),
                    SellerVerified(kind, reader.IsDBNull(13) ? null : (AccountKind)reader.GetInt32(13), !reader.IsDBNull(14) && reader.GetBoolean(14))));
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
        return rows;
    }

    /// <summary>
    /// The badge the item's own page shows beside its seller: on a product, the shop is a brand's official account
    /// (<see cref="ShopAccess.IsOfficial"/>); on a listing, the person is verified.
    /// </summary>
    static bool SellerVerified(SearchKind kind, AccountKind? account, bool isVerified) =>
        kind == SearchKind.Product ? account is { } k && ShopAccess.IsOfficial(k, isVerified) : isVerified;

    static string PageSql(Sql sql, SearchQuery query, SearchPosition? after, double radiusKm, string? indexHint, DatabaseProvider provider)
    {
        // A plain text search ordered by relevance needs nothing but the FTS5 index until the page is known.
        var withEntry = provider == DatabaseProvider.Postgres || query.Terms.Count == 0 || query.Sort != SearchSort.Relevance || query.HasFilters;
        var (from, where) = sql.Selection(query, withCategory: true, withScore: query.Sort == SearchSort.Relevance, withEntry, radiusKm, indexHint);
        var id = withEntry ? "e.\"Id\"" : "f.\"Id\"";
        var key = query.Sort switch
        {
            SearchSort.Relevance => sql.Score,
            SearchSort.Newest => "e.\"CreatedAt\"",
            SearchSort.PriceAsc or SearchSort.PriceDesc => "e.\"PriceAmount\"",
            _ => sql.Distance!,
        };
        var ascending = query.Sort is SearchSort.Relevance or SearchSort.PriceAsc or SearchSort.Nearest;
        var direction = ascending ? "ASC" : "DESC";
        if (after is not null)
        {
            object position = query.Sort switch
            {
                SearchSort.Relevance or SearchSort.Nearest => double.Parse(after.Key, CultureInfo.InvariantCulture),
                SearchSort.Newest => new DateTime(long.Parse(after.Key, CultureInfo.InvariantCulture), DateTimeKind.Utc),
                _ => long.Parse(after.Key, CultureInfo.InvariantCulture),
            };
            // Row values: one comparison the planner can turn into an index range on (key, id), on both providers.
            where += (where.Length == 0 ? " WHERE " : " AND ") + $"({key}, {id}) {(ascending ? ">" : "<")} ({sql.Add(position)}, {sql.Add(after.Id)})";
        }
        // Ids and sort keys first, limited; the card's columns, the handle and the cover only for the rows returned.
        return $"""
            SELECT p."Id", e."Kind", e."ItemId", e."Title", e."PriceAmount", e."PriceCurrency", e."Condition", e."District", e."CreatedAt",
                p."SortKey", p."Distance", u."UserName", m."BlobKey", u."Kind", u."IsVerified"
            FROM (
                SELECT {id} AS "Id", {key} AS "SortKey", {sql.Distance ?? "NULL"} AS "Distance"
                FROM {from}{where}
                ORDER BY {key} {direction}, {id} {direction}
                LIMIT {query.Limit + 1}
            ) p
            JOIN "SearchEntries" e ON e."Id" = p."Id"
            LEFT JOIN "AspNetUsers" u ON u."Id" = e."SellerId"
            LEFT JOIN "MediaAssets" m ON m."Id" = e."CoverMediaId"
            ORDER BY p."SortKey" {direction}, p."Id" {direction}
            """;
    }

    async Task<DbCommand> CommandAsync(CancellationToken ct)
    {
        // Opened through EF so the connection interceptors (SQLite pragmas) run, and closed by the caller the same way.
        await db.Database.OpenConnectionAsync(ct);
        var cmd = db.Database.GetDbConnection().CreateCommand();
        cmd.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        return cmd;
    }

    /// <summary>Builds the shared FROM … WHERE of a search; values become parameters of the command.</summary>
    sealed class Sql(DbCommand cmd, DatabaseProvider provider)
    {
        int count;

        /// <summary>The relevance key, smaller is better: BM25 on SQLite (negative), minus ts_rank on PostgreSQL.</summary>
        public string Score { get; private set; } = "0";

        /// <summary>
        /// The haversine term a = sin²(Δφ/2) + cos φ₁ cos φ₂ sin²(Δλ/2) from the near point, when there is one. It grows with the
        /// distance, so the radius test (a ≤ sin²(r/2R)), the nearest-first order and its cursor all use it as it is, and
        /// only the returned rows are turned into kilometres (in C#): three trigonometric calls a row instead of eight.
        /// </summary>
        public string? Distance { get; private set; }

        public string Add(object value)
        {
            var p = cmd.CreateParameter();
            p.ParameterName = "@p" + count++;
            p.Value = value;
            cmd.Parameters.Add(p);
            return p.ParameterName;
        }

        /// <summary>
        /// FROM and WHERE of the selection. <paramref name="withEntry"/> false (SQLite, text, no filters) leaves the entries
        /// table out; <paramref name="radiusKm"/> may be a ring smaller than the query's radius; <paramref name="indexHint"/>
        /// names the SQLite index to scan.
        /// </summary>
        public (string From, string Where) Selection(SearchQuery q, bool withCategory, bool withScore, bool withEntry, double radiusKm, string? indexHint)
        {
            var conditions = new List<string>();
            var entries = indexHint is null ? "\"SearchEntries\" e" : $"\"SearchEntries\" e INDEXED BY \"{indexHint}\"";
            string from;
            if (q.Terms.Count == 0)
            {
                from = entries;
            }
            else if (provider == DatabaseProvider.Sqlite)
            {
                var match = Add(SearchText.ToFts5(q.Terms));
                var fts = SearchSql.FtsTable;
                var score = withScore ? $", bm25(\"{fts}\", {TitleWeight.ToString(CultureInfo.InvariantCulture)}, 1.0) AS \"Score\"" : "";
                from = $"(SELECT rowid AS \"Id\"{score} FROM \"{fts}\" WHERE \"{fts}\" MATCH {match}) f";
                if (withEntry) from += $" JOIN {entries} ON e.\"Id\" = f.\"Id\"";
                Score = "f.\"Score\"";
            }
            else
            {
                var match = Add(SearchText.ToTsQuery(q.Terms));
                from = $"{entries} CROSS JOIN to_tsquery('simple'::regconfig, {match}) AS tq(q)";
                conditions.Add("e.\"Document\" @@ tq.q");
                // Weights {D, C, B, A}: the body is D (0.1), the title A (1.0), i.e. TitleWeight to one.
                Score = "(-ts_rank('{0.1, 0.1, 0.1, 1.0}'::float4[], e.\"Document\", tq.q))::float8";
            }

            if (q.Kind is { } kind) conditions.Add($"e.\"Kind\" = {(int)kind}");
            if (withCategory && q.CategoryIds is { } ids) conditions.Add($"e.\"CategoryId\" IN ({string.Join(", ", ids)})");
            if (q.Currency is { } currency) conditions.Add($"e.\"PriceCurrency\" = {Add(currency)}");
            // Notes have no price: a price range or price sort is about things for sale (the currency test above already
            // excludes them, since their currency is empty; this says so where it matters).
            if (q.Currency is not null || q.MinPrice is not null || q.MaxPrice is not null || q.Sort is SearchSort.PriceAsc or SearchSort.PriceDesc)
                conditions.Add($"e.\"Kind\" <> {(int)SearchKind.Note}");
            if (q.MinPrice is { } min) conditions.Add($"e.\"PriceAmount\" >= {Add(min)}");
            if (q.MaxPrice is { } max) conditions.Add($"e.\"PriceAmount\" <= {Add(max)}");
            if (q.Conditions.Length > 0) conditions.Add($"e.\"Condition\" IN ({string.Join(", ", q.Conditions.Select(c => (int)c))})");
            if (q.Near is { } near)
            {
                // A bounding box first (an index range on latitude), then the exact great-circle distance.
                var dLat = radiusKm / KmPerDegree;
                conditions.Add($"e.\"Latitude\" BETWEEN {Add(near.Lat - dLat)} AND {Add(near.Lat + dLat)}");
                var cosLat = Math.Cos(near.Lat * Math.PI / 180);
                var dLng = cosLat > 0.01 ? radiusKm / (KmPerDegree * cosLat) : 360;
                // Near the poles or across the antimeridian the box would wrap: the distance alone decides there.
                if (near.Lng - dLng >= -180 && near.Lng + dLng <= 180)
                    conditions.Add($"e.\"Longitude\" BETWEEN {Add(near.Lng - dLng)} AND {Add(near.Lng + dLng)}");
                var lat = Add(near.Lat);
                var lng = Add(near.Lng);
                var cos = Add(cosLat);
                var half = (Math.PI / 360).ToString("R", CultureInfo.InvariantCulture);
                var radians = (Math.PI / 180).ToString("R", CultureInfo.InvariantCulture);
                Distance = $"(power(sin((e.\"Latitude\" - {lat}) * {half}), 2) + " +
                    $"{cos} * cos(e.\"Latitude\" * {radians}) * power(sin((e.\"Longitude\" - {lng}) * {half}), 2))";
                conditions.Add($"{Distance} <= {Add(HaversineFromKm(radiusKm))}");
            }
            var where = new StringBuilder();
            for (var i = 0; i < conditions.Count; i++) where.Append(i == 0 ? " WHERE " : " AND ").Append(conditions[i]);
            return (from, where.ToString());
        }
    }
}
