using System.ComponentModel;
using System.Data.Common;
using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Caching.Hybrid;
using Souk.Web.Common;
using Souk.Web.Data;

namespace Souk.Web.Modules.Catalog;

public sealed class SearchOptions
{
    /// <summary>
    /// How long a node reuses the category counts of one selection (words and filters but the category); 0 turns it off.
    /// Counting is the one part of a search that visits every match, so popular searches and browse pages share it.
    /// </summary>
    public int FacetCacheSeconds { get; set; } = 10;
}

/// <summary>Category counts of one selection, keyed by the item's own category (null for items without one).</summary>
[ImmutableObject(true)]
public sealed record FacetCounts(int?[] CategoryIds, long[] Counts);

/// <summary>
/// Runs searches on the index: one SQL query for the page (with the seller's handle and the cover joined only to the rows it
/// returns) and one for the facet counts. The SQL is written by hand per provider (FTS5 MATCH and bm25 on SQLite, @@ and
/// ts_rank on PostgreSQL) because EF cannot express either; everything else in it is shared, and every value is a parameter.
/// </summary>
public sealed class SearchReader(SoukDb db, CategoryTree categories, MediaUrlBuilder media, HybridCache cache, SearchOptions options)
{
    /// <summary>Column weights: a word in the title counts ten times one in the description (BM25 on SQLite, ts_rank on PostgreSQL).</summary>
    const double TitleWeight = 10.0;
    const double EarthDiameterKm = 12742.0;
    const double KmPerDegree = 111.195;

    sealed record Row(long EntryId, SearchKind Kind, long ItemId, string Title, long PriceAmount, string PriceCurrency, ListingCondition? Condition,
        string? District, DateTime CreatedAt, string SortKey, double? Distance, string? SellerHandle, string? CoverKey);

    public async Task<SearchResponse> SearchAsync(SearchQuery query, SearchPosition? after, string baseUrl, CultureInfo culture, CancellationToken ct)
    {
        var tree = await categories.GetAsync(ct);
        var rows = await PageAsync(query, after, ct);
        var counts = await FacetCountsAsync(query, ct);

        var items = rows.Take(query.Limit).Select(r => new SearchCard(
            r.Kind, r.ItemId, r.Kind == SearchKind.Listing ? ListingAccess.PageUrl(baseUrl, r.ItemId) : $"{baseUrl}/p/{r.ItemId}",
            r.Title, new Money(r.PriceAmount, r.PriceCurrency), r.CoverKey is null ? null : media.For(r.CoverKey), r.Condition, r.District,
            r.Distance is { } d ? Math.Round(d, 1) : null, r.SellerHandle ?? "", r.CreatedAt)).ToList();
        var next = rows.Count > query.Limit ? SearchCursor.Encode(query, rows[query.Limit - 1].SortKey, rows[query.Limit - 1].EntryId) : null;
        return new SearchResponse(items, new SearchFacets(Facets(counts, tree, culture)), next);
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

    async ValueTask<FacetCounts> FacetCountsAsync(SearchQuery query, CancellationToken ct)
    {
        if (options.FacetCacheSeconds <= 0) return await CountAsync(query, ct);
        var ttl = TimeSpan.FromSeconds(options.FacetCacheSeconds);
        return await cache.GetOrCreateAsync("search-facets:" + query.SelectionKey(withCategory: false), (reader: this, query),
            static async (s, token) => await s.reader.CountAsync(s.query, token),
            new HybridCacheEntryOptions { Expiration = ttl, LocalCacheExpiration = ttl }, cancellationToken: ct);
    }

    /// <summary>Facets ignore the category filter, so a client can show how many items every other category would give.</summary>
    async Task<FacetCounts> CountAsync(SearchQuery query, CancellationToken ct)
    {
        var ids = new List<int?>();
        var counts = new List<long>();
        await using var cmd = await CommandAsync(ct);
        try
        {
            var sql = new Sql(cmd, db.Provider);
            var (from, where) = sql.Selection(query, withCategory: false, withScore: false);
            cmd.CommandText = $"""SELECT e."CategoryId", count(*) FROM {from}{where} GROUP BY e."CategoryId" """;
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
    async Task<List<Row>> PageAsync(SearchQuery query, SearchPosition? after, CancellationToken ct)
    {
        var rows = new List<Row>(query.Limit + 1);
        await using var cmd = await CommandAsync(ct);
        try
        {
            cmd.CommandText = PageSql(new Sql(cmd, db.Provider), query, after);
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                var createdAt = DateTime.SpecifyKind(reader.GetDateTime(8), DateTimeKind.Utc);
                var sortKey = query.Sort switch
                {
                    SearchSort.Relevance or SearchSort.Nearest => reader.GetDouble(9).ToString("R", CultureInfo.InvariantCulture),
                    SearchSort.Newest => createdAt.Ticks.ToString(CultureInfo.InvariantCulture),
                    _ => reader.GetInt64(9).ToString(CultureInfo.InvariantCulture),
                };
                rows.Add(new Row(
                    reader.GetInt64(0), (SearchKind)reader.GetInt32(1), reader.GetInt64(2), reader.GetString(3), reader.GetInt64(4), reader.GetString(5),
                    reader.IsDBNull(6) ? null : (ListingCondition)reader.GetInt32(6), reader.IsDBNull(7) ? null : reader.GetString(7), createdAt,
                    sortKey, reader.IsDBNull(10) ? null : reader.GetDouble(10), reader.IsDBNull(11) ? null : reader.GetString(11),
                    reader.IsDBNull(12) ? null : reader.GetString(12)));
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
        return rows;
    }

    static string PageSql(Sql sql, SearchQuery query, SearchPosition? after)
    {
        var (from, where) = sql.Selection(query, withCategory: true, withScore: query.Sort == SearchSort.Relevance);
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
            where += (where.Length == 0 ? " WHERE " : " AND ") + $"({key}, e.\"Id\") {(ascending ? ">" : "<")} ({sql.Add(position)}, {sql.Add(after.Id)})";
        }
        // The handle and the cover are joined outside the LIMIT, so only to the rows returned.
        return $"""
            SELECT p."Id", p."Kind", p."ItemId", p."Title", p."PriceAmount", p."PriceCurrency", p."Condition", p."District", p."CreatedAt",
                p."SortKey", p."Distance", u."UserName", m."BlobKey"
            FROM (
                SELECT e."Id", e."Kind", e."ItemId", e."Title", e."PriceAmount", e."PriceCurrency", e."Condition", e."District", e."CreatedAt",
                    e."SellerId", e."CoverMediaId", {key} AS "SortKey", {sql.Distance ?? "NULL"} AS "Distance"
                FROM {from}{where}
                ORDER BY {key} {direction}, e."Id" {direction}
                LIMIT {query.Limit + 1}
            ) p
            LEFT JOIN "AspNetUsers" u ON u."Id" = p."SellerId"
            LEFT JOIN "MediaAssets" m ON m."Id" = p."CoverMediaId"
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

        /// <summary>Haversine distance in km from the near point, when there is one.</summary>
        public string? Distance { get; private set; }

        public string Add(object value)
        {
            var p = cmd.CreateParameter();
            p.ParameterName = "@p" + count++;
            p.Value = value;
            cmd.Parameters.Add(p);
            return p.ParameterName;
        }

        public (string From, string Where) Selection(SearchQuery q, bool withCategory, bool withScore)
        {
            var conditions = new List<string>();
            string from;
            if (q.Terms.Count == 0)
            {
                from = "\"SearchEntries\" e";
            }
            else if (provider == DatabaseProvider.Sqlite)
            {
                var match = Add(SearchText.ToFts5(q.Terms));
                var fts = SearchSql.FtsTable;
                from = withScore
                    ? $"(SELECT rowid AS \"Id\", bm25(\"{fts}\", {TitleWeight.ToString(CultureInfo.InvariantCulture)}, 1.0) AS \"Score\" FROM \"{fts}\" WHERE \"{fts}\" MATCH {match}) f JOIN \"SearchEntries\" e ON e.\"Id\" = f.\"Id\""
                    : $"(SELECT rowid AS \"Id\" FROM \"{fts}\" WHERE \"{fts}\" MATCH {match}) f JOIN \"SearchEntries\" e ON e.\"Id\" = f.\"Id\"";
                Score = "f.\"Score\"";
            }
            else
            {
                var match = Add(SearchText.ToTsQuery(q.Terms));
                from = $"\"SearchEntries\" e CROSS JOIN to_tsquery('simple'::regconfig, {match}) AS tq(q)";
                conditions.Add("e.\"Document\" @@ tq.q");
                // Weights {D, C, B, A}: the body is D (0.1), the title A (1.0), i.e. TitleWeight to one.
                Score = "(-ts_rank('{0.1, 0.1, 0.1, 1.0}'::float4[], e.\"Document\", tq.q))::float8";
            }

            if (q.Kind is { } kind) conditions.Add($"e.\"Kind\" = {(int)kind}");
            if (withCategory && q.CategoryIds is { } ids) conditions.Add($"e.\"CategoryId\" IN ({string.Join(", ", ids)})");
            if (q.Currency is { } currency) conditions.Add($"e.\"PriceCurrency\" = {Add(currency)}");
            if (q.MinPrice is { } min) conditions.Add($"e.\"PriceAmount\" >= {Add(min)}");
            if (q.MaxPrice is { } max) conditions.Add($"e.\"PriceAmount\" <= {Add(max)}");
            if (q.Conditions.Length > 0) conditions.Add($"e.\"Condition\" IN ({string.Join(", ", q.Conditions.Select(c => (int)c))})");
            if (q.Near is { } near)
            {
                // A bounding box first (an index range on latitude), then the exact great-circle distance.
                var dLat = q.RadiusKm / KmPerDegree;
                conditions.Add($"e.\"Latitude\" BETWEEN {Add(near.Lat - dLat)} AND {Add(near.Lat + dLat)}");
                var cosLat = Math.Cos(near.Lat * Math.PI / 180);
                var dLng = cosLat > 0.01 ? q.RadiusKm / (KmPerDegree * cosLat) : 360;
                // Near the poles or across the antimeridian the box would wrap: the distance alone decides there.
                if (near.Lng - dLng >= -180 && near.Lng + dLng <= 180)
                    conditions.Add($"e.\"Longitude\" BETWEEN {Add(near.Lng - dLng)} AND {Add(near.Lng + dLng)}");
                var lat = Add(near.Lat);
                var lng = Add(near.Lng);
                var cos = Add(cosLat);
                var clamp = provider == DatabaseProvider.Sqlite ? "min" : "least";
                Distance = $"({EarthDiameterKm.ToString("0.0", CultureInfo.InvariantCulture)} * asin({clamp}(1.0, sqrt(" +
                    $"power(sin(radians(e.\"Latitude\" - {lat}) / 2), 2) + " +
                    $"{cos} * cos(radians(e.\"Latitude\")) * power(sin(radians(e.\"Longitude\" - {lng}) / 2), 2)))))";
                conditions.Add($"{Distance} <= {Add(q.RadiusKm)}");
            }
            var where = new StringBuilder();
            for (var i = 0; i < conditions.Count; i++) where.Append(i == 0 ? " WHERE " : " AND ").Append(conditions[i]);
            return (from, where.ToString());
        }
    }
}
