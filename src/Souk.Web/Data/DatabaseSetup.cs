using System.Data.Common;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Souk.Web.Data;

public static class DatabaseSetup
{
    public const string DefaultSqlite = "Data Source=data/souk.db";

    /// <summary>Postgres when Database:Provider says so or the connection string looks like one; SQLite otherwise.</summary>
    public static DatabaseProvider ResolveProvider(IConfiguration config)
    {
        var named = config["Database:Provider"];
        if (!string.IsNullOrEmpty(named))
        {
            return named.Equals("Postgres", StringComparison.OrdinalIgnoreCase) || named.Equals("PostgreSQL", StringComparison.OrdinalIgnoreCase)
                ? DatabaseProvider.Postgres
                : DatabaseProvider.Sqlite;
        }
        var cs = config.GetConnectionString("Souk") ?? "";
        return cs.Contains("Host=", StringComparison.OrdinalIgnoreCase) ? DatabaseProvider.Postgres : DatabaseProvider.Sqlite;
    }

    public static IServiceCollection AddSoukDb(this IServiceCollection services, IConfiguration config)
    {
        var provider = ResolveProvider(config);
        var cs = config.GetConnectionString("Souk");
        if (provider == DatabaseProvider.Postgres)
        {
            if (string.IsNullOrEmpty(cs)) throw new InvalidOperationException("Database:Provider is Postgres but ConnectionStrings:Souk is empty.");
            services.AddDbContextPool<SoukDb, PostgresSoukDb>(o => ConfigurePostgres(SkipPendingModelCheck(o), cs));
        }
        else
        {
            var sqlite = PrepareSqlite(string.IsNullOrEmpty(cs) ? DefaultSqlite : cs);
            services.AddDbContextPool<SoukDb, SqliteSoukDb>(o => ConfigureSqlite(SkipPendingModelCheck(o), sqlite));
        }
        return services;
    }

    /// <summary>
    /// The app runs on the compiled models in Data/CompiledModels (found by EF Core itself; regenerate them with
    /// scripts/compile-model.sh after a model change), so it does not build its model at start-up. Migrate() would still
    /// build the design-time model and the migrations' snapshot just to warn about a missing migration, which cost about a
    /// second of every cold start: that check is made by tests/Souk.Tests/Platform/ModelTests.cs instead, which also fails
    /// while the compiled models are stale.
    /// </summary>
    static DbContextOptionsBuilder SkipPendingModelCheck(DbContextOptionsBuilder o) =>
        o.ConfigureWarnings(w => w.Ignore(Microsoft.EntityFrameworkCore.Diagnostics.RelationalEventId.PendingModelChangesWarning));

    internal static void ConfigurePostgres(DbContextOptionsBuilder o, string cs) =>
        o.UseNpgsql(TunePostgres(cs), n => n.MigrationsHistoryTable("__EFMigrationsHistory"));

    /// <summary>
    /// Defaults for what the connection string leaves unset. Auto-prepare: the same few statements run all the time
    /// (profile lookups, session checks), and preparing them spares PostgreSQL a parse and plan per request.
    /// No reset on close: Souk sets no session state, so the reset a pooled connection would send on reuse is pure cost
    /// (and would drop the prepared statements).
    /// </summary>
    internal static string TunePostgres(string cs)
    {
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(cs);
        var given = new DbConnectionStringBuilder { ConnectionString = cs };
        if (!given.ContainsKey("Max Auto Prepare") && !given.ContainsKey("MaxAutoPrepare")) builder.MaxAutoPrepare = 64;
        if (!given.ContainsKey("No Reset On Close") && !given.ContainsKey("NoResetOnClose")) builder.NoResetOnClose = true;
        return builder.ConnectionString;
    }

    internal static void ConfigureSqlite(DbContextOptionsBuilder o, string cs) =>
        o.UseSqlite(cs).AddInterceptors(SqlitePragmas.Instance);

    /// <summary>Creates the folder of the database file so a fresh checkout just runs.</summary>
    static string PrepareSqlite(string cs)
    {
        var builder = new SqliteConnectionStringBuilder(cs) { Pooling = true };
        var dir = Path.GetDirectoryName(Path.GetFullPath(builder.DataSource));
        if (!string.IsNullOrEmpty(dir) && builder.DataSource != ":memory:") Directory.CreateDirectory(dir);
        return builder.ToString();
    }

    /// <summary>Applies the provider's migration set, and sets the SQLite journal once (it persists in the file).</summary>
    public static async Task MigrateAsync(IServiceProvider services, CancellationToken ct = default)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SoukDb>();
        if (db.Provider == DatabaseProvider.Sqlite)
        {
            await db.Database.OpenConnectionAsync(ct);
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
            await db.Database.CloseConnectionAsync();
        }
        await AdoptBaselineAsync(db, ct);
        await db.Database.MigrateAsync(ct);
        // Search entries the migration backfilled by SQL get their terms from the C# normaliser (nothing to do normally).
        await Modules.Catalog.SearchIndex.CompletePendingAsync(services, ct);
        // Straight through the context, not RoleManager: on a cold start its JIT alone cost about half a second.
        var operatorRole = Common.CurrentUser.OperatorRole.ToUpperInvariant();
        if (!await db.Roles.AnyAsync(r => r.NormalizedName == operatorRole, ct))
        {
            db.Roles.Add(new IdentityRole<Guid>(Common.CurrentUser.OperatorRole)
            {
                Id = Guid.CreateVersion7(), NormalizedName = operatorRole, ConcurrencyStamp = Guid.NewGuid().ToString(),
            });
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException)
            {
                // Another node starting at the same moment may have created it first; anything else is a real failure.
                db.ChangeTracker.Clear();
                if (!await db.Roles.AnyAsync(r => r.NormalizedName == operatorRole, ct)) throw;
            }
        }
    }

    /// <summary>
    /// The ten migrations from Foundation to NotesAuthorCovering were squashed into one Baseline (a new database is created in
    /// one step, about half a second less of every cold start). A database they built is moved onto the Baseline here, before
    /// Migrate(): their history rows become the Baseline's, and the WalletOrders migration of the same day keeps its place
    /// under its new id. A database that stopped part-way through them cannot be adopted and says so.
    /// </summary>
    static async Task AdoptBaselineAsync(SoukDb db, CancellationToken ct)
    {
        // Migrate() creates a PostgreSQL database that does not exist yet; there is nothing to adopt in one.
        if (!await Microsoft.EntityFrameworkCore.Infrastructure.AccessorExtensions.GetService<Microsoft.EntityFrameworkCore.Storage.IRelationalDatabaseCreator>(db).ExistsAsync(ct)) return;
        var sqlite = db.Provider == DatabaseProvider.Sqlite;
        var historyExists = await db.Database.SqlQueryRaw<int>(sqlite
            ? "SELECT COUNT(*) AS \"Value\" FROM sqlite_master WHERE type = 'table' AND name = '__EFMigrationsHistory'"
            : "SELECT COUNT(*)::int AS \"Value\" FROM pg_tables WHERE schemaname = current_schema() AND tablename = '__EFMigrationsHistory'")
            .SingleAsync(ct) > 0;
        if (!historyExists) return;
        var applied = await db.Database.SqlQueryRaw<string>("SELECT \"MigrationId\" AS \"Value\" FROM \"__EFMigrationsHistory\"").ToListAsync(ct);
        var (squashed, baseline, renamed) = sqlite ? SqliteSquash : PostgresSquash;
        var found = squashed.Count(applied.Contains);
        if (found == 0) return;
        if (found < squashed.Length)
            throw new InvalidOperationException(
                $"This database was made by a Souk older than its last {squashed.Length} migrations (it has {found} of them). " +
                "Start it once with Souk at commit b94a19b to bring it up to date, or delete it to start afresh.");
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        foreach (var id in squashed) await db.Database.ExecuteSqlAsync($"DELETE FROM \"__EFMigrationsHistory\" WHERE \"MigrationId\" = {id}", ct);
        var version = typeof(DbContext).Assembly.GetName().Version!.ToString(3);
        await db.Database.ExecuteSqlAsync($"INSERT INTO \"__EFMigrationsHistory\" (\"MigrationId\", \"ProductVersion\") VALUES ({baseline}, {version})", ct);
        foreach (var (from, to) in renamed)
            await db.Database.ExecuteSqlAsync($"UPDATE \"__EFMigrationsHistory\" SET \"MigrationId\" = {to} WHERE \"MigrationId\" = {from}", ct);
        await tx.CommitAsync(ct);
    }

    static readonly (string[] Squashed, string Baseline, (string From, string To)[] Renamed) SqliteSquash = (
        ["20261123100617_Foundation", "20261123113753_Catalog", "20261123121424_Shops", "20261123135727_Search", "20261123142304_ProductCategory",
         "20261123144911_ProductSearch", "20261123154117_SearchFoldChinese", "20261123171607_Notes", "20261123200707_Chat", "20261123203325_NotesAuthorCovering"],
        "20261124000004_Baseline",
        [("20261123232545_WalletOrders", "20261124000106_WalletOrders")]);

    static readonly (string[] Squashed, string Baseline, (string From, string To)[] Renamed) PostgresSquash = (
        ["20261123100628_Foundation", "20261123113759_Catalog", "20261123121434_Shops", "20261123135749_Search", "20261123142309_ProductCategory",
         "20261123145122_ProductSearch", "20261123154214_SearchFoldChinese", "20261123171612_Notes", "20261123200714_Chat", "20261123203340_NotesAuthorCovering"],
        "20261124000029_Baseline",
        [("20261123232626_WalletOrders", "20261124000137_WalletOrders")]);
}

/// <summary>
/// Per-connection SQLite settings: wait instead of failing when another writer holds the lock,
/// and fsync on every commit because money must survive power loss. EF Core turns foreign keys on itself.
/// Reads go through a memory map of the file (up to the build's 2 GiB cap) instead of a read() system call per page:
/// the pages live once in the OS cache, shared by every pooled connection, and a search that visits thousands of
/// index entries ran 2–4 times faster with it (docs/PERFORMANCE.md, Search). Writes still go through the WAL.
/// </summary>
sealed class SqlitePragmas : DbConnectionInterceptor
{
    public static readonly SqlitePragmas Instance = new();
    const string Sql = "PRAGMA busy_timeout=10000; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON; PRAGMA mmap_size=2147418112;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = Sql;
        cmd.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var cmd = connection.CreateCommand();
        cmd.CommandText = Sql;
        await cmd.ExecuteNonQueryAsync(cancellationToken);
    }
}

/// <summary>Lets `dotnet ef` build each provider's context without starting the app.</summary>
public sealed class SqliteDesignFactory : IDesignTimeDbContextFactory<SqliteSoukDb>
{
    public SqliteSoukDb CreateDbContext(string[] args)
    {
        var o = new DbContextOptionsBuilder<SqliteSoukDb>().UseApplicationServiceProvider(DesignServices.Identity);
        DatabaseSetup.ConfigureSqlite(o, "Data Source=design.db");
        return new SqliteSoukDb(o.Options);
    }
}

public sealed class PostgresDesignFactory : IDesignTimeDbContextFactory<PostgresSoukDb>
{
    public PostgresSoukDb CreateDbContext(string[] args)
    {
        var o = new DbContextOptionsBuilder<PostgresSoukDb>().UseApplicationServiceProvider(DesignServices.Identity);
        DatabaseSetup.ConfigurePostgres(o, "Host=localhost;Database=souk_design");
        return new PostgresSoukDb(o.Options);
    }
}

/// <summary>Identity reads its schema version (3: passkeys) from options; design time must see the same as the app.</summary>
static class DesignServices
{
    public static readonly IServiceProvider Identity = new ServiceCollection()
        .Configure<IdentityOptions>(o => o.Stores.SchemaVersion = IdentitySchemaVersions.Version3)
        .BuildServiceProvider();
}
