using Microsoft.EntityFrameworkCore;
using Npgsql;
using Souk.Web.Data;

namespace Souk.Tests.Infrastructure;

/// <summary>
/// The app on a fresh PostgreSQL database of its own, copied from a template that is migrated once per
/// test run. The server comes from SOUK_TEST_PG (an admin connection string); without it these tests fail.
/// </summary>
public class PostgresAppFactory : SoukAppFactory
{
    public const string EnvironmentVariable = "SOUK_TEST_PG";

    static readonly string Run = Guid.NewGuid().ToString("N")[..12];
    static readonly Lazy<Task<string>> Template = new(CreateTemplateAsync);
    // CREATE DATABASE ... TEMPLATE needs the template to be free of other sessions; copy one at a time.
    static readonly SemaphoreSlim CopyLock = new(1, 1);
    static string? createdTemplate;
    string? database;

    /// <summary>Drops this run's template; called once when the test run ends (see <see cref="SoukTestFramework"/>).</summary>
    public static void DropTemplate()
    {
        if (Interlocked.Exchange(ref createdTemplate, null) is not { } name) return;
        ExecuteAsync(AdminConnectionString, $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)").GetAwaiter().GetResult();
    }

    public override DatabaseProvider Provider => DatabaseProvider.Postgres;

    public static string AdminConnectionString
    {
        get
        {
            var value = Environment.GetEnvironmentVariable(EnvironmentVariable);
            if (string.IsNullOrWhiteSpace(value))
                throw new InvalidOperationException(
                    $"{EnvironmentVariable} is not set. PostgreSQL tests need an admin connection string to a running server, " +
                    $"e.g. {EnvironmentVariable}=\"Host=127.0.0.1;Port=55432;Username=postgres;Database=postgres\". ./scripts/test.sh starts one and sets it.");
            return value;
        }
    }

    protected override async Task<string> CreateDatabaseAsync()
    {
        var admin = AdminConnectionString;
        var template = await Template.Value;
        var name = $"souk_t_{Guid.NewGuid():N}";
        await CopyLock.WaitAsync();
        try
        {
            await ExecuteAsync(admin, $"CREATE DATABASE \"{name}\" TEMPLATE \"{template}\"");
        }
        finally
        {
            CopyLock.Release();
        }
        database = name;
        return new NpgsqlConnectionStringBuilder(admin) { Database = name, MaxPoolSize = 20 }.ConnectionString;
    }

    /// <summary>Npgsql's migrator locks the history table exclusively; holding that lock in an open transaction makes it wait.</summary>
    public override async Task<IAsyncDisposable> HoldMigrationLockAsync()
    {
        var conn = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(ConnectionString) { Pooling = false }.ConnectionString);
        await conn.OpenAsync();
        var tx = await conn.BeginTransactionAsync();
        await using (var cmd = new NpgsqlCommand("LOCK TABLE \"__EFMigrationsHistory\" IN ACCESS EXCLUSIVE MODE", conn, tx))
        {
            await cmd.ExecuteNonQueryAsync();
        }
        return new Release(conn, tx);
    }

    sealed class Release(NpgsqlConnection conn, NpgsqlTransaction tx) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await tx.RollbackAsync();
            await tx.DisposeAsync();
            await conn.DisposeAsync();
        }
    }

    protected override async Task DropDatabaseAsync()
    {
        if (database is null) return;
        await ExecuteAsync(AdminConnectionString, $"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)");
    }

    static async Task<string> CreateTemplateAsync()
    {
        var admin = AdminConnectionString;
        var name = $"souk_template_{Run}";
        await ExecuteAsync(admin, $"CREATE DATABASE \"{name}\"");
        createdTemplate = name;
        // No pooling: a pooled idle connection would keep the template busy and block every copy.
        var cs = new NpgsqlConnectionStringBuilder(admin) { Database = name, Pooling = false }.ConnectionString;
        var options = new DbContextOptionsBuilder<PostgresSoukDb>().UseApplicationServiceProvider(DesignServices.Identity);
        DatabaseSetup.ConfigurePostgres(options, cs);
        await using (var db = new PostgresSoukDb(options.Options))
        {
            await db.Database.MigrateAsync();
        }
        return name;
    }

    static async Task ExecuteAsync(string connectionString, string sql)
    {
        var cs = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString;
        await using var conn = new NpgsqlConnection(cs);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        await cmd.ExecuteNonQueryAsync();
    }
}
