using Microsoft.Data.Sqlite;
using Npgsql;
using NpgsqlTypes;
using Souk.Web.Modules.Catalog;

namespace Souk.Web.Data;

/// <summary>
/// What the bulk seeders share: prepared SQLite inserts with named parameters, nullable values for PostgreSQL's binary COPY,
/// and the search entries, written the same way for listings and products (the FTS5 triggers and the generated tsvector
/// index them as they go in).
/// </summary>
static class SeedWriting
{
    /// <summary>A prepared insert in the caller's transaction: set the parameters, then <see cref="SqliteCommand.ExecuteNonQueryAsync(CancellationToken)"/>.</summary>
    public static (SqliteCommand Command, Dictionary<string, SqliteParameter> P) Prepare(
        SqliteConnection conn, SqliteTransaction tx, string sql, string[] names, params string[] textColumns)
    {
        var cmd = conn.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = sql;
        var p = names.ToDictionary(n => n, n => cmd.Parameters.Add(new SqliteParameter { ParameterName = n }));
        // GUIDs as text, as EF stores them.
        foreach (var name in textColumns) p[name].SqliteType = SqliteType.Text;
        cmd.Prepare();
        return (cmd, p);
    }

    public static object Db<T>(T? value) where T : class => value is null ? DBNull.Value : value;

    public static object Db<T>(T? value) where T : struct => value is { } v ? v : DBNull.Value;

    public static Task WriteNullableAsync<T>(NpgsqlBinaryImporter importer, T? value, NpgsqlDbType type, CancellationToken ct) where T : class =>
        value is null ? importer.WriteNullAsync(ct) : importer.WriteAsync(value, type, ct);

    public static Task WriteNullableAsync<T>(NpgsqlBinaryImporter importer, T? value, NpgsqlDbType type, CancellationToken ct) where T : struct =>
        value is { } v ? importer.WriteAsync(v, type, ct) : importer.WriteNullAsync(ct);

    /// <summary>One binary COPY: a row per item, written by <paramref name="write"/> after the row is started.</summary>
    public static async Task CopyAsync<T>(NpgsqlConnection conn, string sql, IEnumerable<T> rows, Func<NpgsqlBinaryImporter, T, Task> write,
        TimeSpan timeout, CancellationToken ct)
    {
        await using var copy = await conn.BeginBinaryImportAsync(sql, ct);
        copy.Timeout = timeout;
        foreach (var row in rows)
        {
            await copy.StartRowAsync(ct);
            await write(copy, row);
        }
        await copy.CompleteAsync(ct);
    }

    /// <summary>Photo rows (item id, position, media id) of listings or products.</summary>
    public static Task CopyPhotosAsync(NpgsqlConnection conn, string table, string itemColumn, IEnumerable<(long Item, int Position, Guid Media)> photos,
        TimeSpan timeout, CancellationToken ct) =>
        CopyAsync(conn, $"""COPY "{table}" ("{itemColumn}","Position","MediaId") FROM STDIN (FORMAT BINARY)""", photos, async (copy, photo) =>
        {
            await copy.WriteAsync(photo.Item, NpgsqlDbType.Bigint, ct);
            await copy.WriteAsync(photo.Position, NpgsqlDbType.Integer, ct);
            await copy.WriteAsync(photo.Media, NpgsqlDbType.Uuid, ct);
        }, timeout, ct);

    const string EntryColumns = """
        "Kind","ItemId","SellerId","Title","TitleTerms","BodyTerms","CategoryId","PriceAmount","PriceCurrency",
          "Condition","District","Latitude","Longitude","CoverMediaId","CreatedAt"
        """;

    /// <summary>Photo rows (item id, position, media id) of listings or products, one prepared insert each, in the caller's transaction.</summary>
    public sealed class SqlitePhotos(SqliteConnection conn, SqliteTransaction tx, string table, string itemColumn) : IAsyncDisposable
    {
        readonly (SqliteCommand Command, Dictionary<string, SqliteParameter> P) insert = Prepare(conn, tx,
            $"""INSERT INTO "{table}" ("{itemColumn}","Position","MediaId") VALUES ($id,$pos,$media)""", ["$id", "$pos", "$media"], "$media");

        public async Task WriteAsync(long itemId, int position, Guid mediaId, CancellationToken ct)
        {
            insert.P["$id"].Value = itemId;
            insert.P["$pos"].Value = position;
            insert.P["$media"].Value = mediaId;
            await insert.Command.ExecuteNonQueryAsync(ct);
        }

        public ValueTask DisposeAsync() => insert.Command.DisposeAsync();
    }

    /// <summary>Search entries one prepared insert each, in the caller's transaction.</summary>
    public sealed class SqliteEntries(SqliteConnection conn, SqliteTransaction tx) : IAsyncDisposable
    {
        readonly (SqliteCommand Command, Dictionary<string, SqliteParameter> P) insert = Prepare(conn, tx,
            $"""INSERT INTO "SearchEntries" ({EntryColumns}) VALUES ($kind,$item,$seller,$title,$tt,$bt,$cat,$amount,$cur,$cond,$district,$lat,$lng,$cover,$at)""",
            ["$kind", "$item", "$seller", "$title", "$tt", "$bt", "$cat", "$amount", "$cur", "$cond", "$district", "$lat", "$lng", "$cover", "$at"],
            "$seller", "$cover");

        public async Task WriteAsync(SearchEntry entry, CancellationToken ct)
        {
            var p = insert.P;
            p["$kind"].Value = (int)entry.Kind;
            p["$item"].Value = entry.ItemId;
            p["$seller"].Value = entry.SellerId;
            p["$title"].Value = entry.Title;
            p["$tt"].Value = Db(entry.TitleTerms);
            p["$bt"].Value = Db(entry.BodyTerms);
            p["$cat"].Value = Db(entry.CategoryId);
            p["$amount"].Value = entry.PriceAmount;
            p["$cur"].Value = entry.PriceCurrency;
            p["$cond"].Value = Db((int?)entry.Condition);
            p["$district"].Value = Db(entry.District);
            p["$lat"].Value = Db(entry.Latitude);
            p["$lng"].Value = Db(entry.Longitude);
            p["$cover"].Value = Db(entry.CoverMediaId);
            p["$at"].Value = entry.CreatedAt;
            await insert.Command.ExecuteNonQueryAsync(ct);
        }

        public ValueTask DisposeAsync() => insert.Command.DisposeAsync();
    }

    /// <summary>
    /// Search entries in one binary COPY; PostgreSQL computes each tsvector (a generated column) as it goes in. The table's
    /// secondary indexes are dropped first and built again after (a sorted build of each, instead of a million random inserts
    /// into seven b-trees and a GIN), and the count trigger is off meanwhile (see <see cref="SearchSql.PostgresCountsOff"/>).
    /// All inside the caller's transaction: a failed load leaves the indexes as they were.
    /// </summary>
    public static async Task CopyEntriesAsync(NpgsqlConnection conn, IEnumerable<SearchEntry> entries, TimeSpan timeout, CancellationToken ct)
    {
        var indexes = new List<(string Name, string Definition)>();
        await using (var list = new NpgsqlCommand("""
            SELECT i.indexname, i.indexdef FROM pg_indexes i
            WHERE i.tablename = 'SearchEntries' AND i.schemaname = current_schema()
              AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)
            """, conn))
        await using (var reader = await list.ExecuteReaderAsync(ct))
            while (await reader.ReadAsync(ct)) indexes.Add((reader.GetString(0), reader.GetString(1)));
        await ExecuteAsync(conn, SearchSql.PostgresCountsOff + string.Concat(indexes.Select(i => $"DROP INDEX \"{i.Name}\";")), timeout, ct);
        await CopyRowsAsync(conn, entries, timeout, ct);
        await ExecuteAsync(conn, "SET LOCAL maintenance_work_mem = '512MB';" + string.Concat(indexes.Select(i => i.Definition + ";")) + SearchSql.PostgresCountsRecount, timeout, ct);
    }

    static async Task ExecuteAsync(NpgsqlConnection conn, string sql, TimeSpan timeout, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(sql, conn) { CommandTimeout = (int)timeout.TotalSeconds };
        await cmd.ExecuteNonQueryAsync(ct);
    }

    static Task CopyRowsAsync(NpgsqlConnection conn, IEnumerable<SearchEntry> entries, TimeSpan timeout, CancellationToken ct) =>
        CopyAsync(conn, $"""COPY "SearchEntries" ({EntryColumns}) FROM STDIN (FORMAT BINARY)""", entries, async (copy, entry) =>
        {
            await copy.WriteAsync((int)entry.Kind, NpgsqlDbType.Integer, ct);
            await copy.WriteAsync(entry.ItemId, NpgsqlDbType.Bigint, ct);
            await copy.WriteAsync(entry.SellerId, NpgsqlDbType.Uuid, ct);
            await copy.WriteAsync(entry.Title, NpgsqlDbType.Varchar, ct);
            await WriteNullableAsync(copy, entry.TitleTerms, NpgsqlDbType.Text, ct);
            await WriteNullableAsync(copy, entry.BodyTerms, NpgsqlDbType.Text, ct);
            await WriteNullableAsync(copy, entry.CategoryId, NpgsqlDbType.Integer, ct);
            await copy.WriteAsync(entry.PriceAmount, NpgsqlDbType.Bigint, ct);
            await copy.WriteAsync(entry.PriceCurrency, NpgsqlDbType.Varchar, ct);
            await WriteNullableAsync(copy, (int?)entry.Condition, NpgsqlDbType.Integer, ct);
            await WriteNullableAsync(copy, entry.District, NpgsqlDbType.Varchar, ct);
            await WriteNullableAsync(copy, entry.Latitude, NpgsqlDbType.Double, ct);
            await WriteNullableAsync(copy, entry.Longitude, NpgsqlDbType.Double, ct);
            await WriteNullableAsync(copy, entry.CoverMediaId, NpgsqlDbType.Uuid, ct);
            await copy.WriteAsync(entry.CreatedAt, NpgsqlDbType.TimestampTz, ct);
        }, timeout, ct);

    /// <summary>Explicit ids were copied: moves each table's identity sequence past its largest id.</summary>
    public static async Task AdvanceSequencesAsync(NpgsqlConnection conn, IEnumerable<string> tables, CancellationToken ct)
    {
        foreach (var table in tables)
        {
            await using var cmd = new NpgsqlCommand(
                $"""SELECT setval(pg_get_serial_sequence('"{table}"', 'Id'), (SELECT max("Id") FROM "{table}"))""", conn);
            await cmd.ExecuteNonQueryAsync(ct);
        }
    }
}
