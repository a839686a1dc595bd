using Microsoft.Data.Sqlite;
using Souk.Web.Data;

namespace Souk.Tests.Infrastructure;

/// <summary>The app on a fresh SQLite file of its own (the app migrates it at start).</summary>
public class SqliteAppFactory : SoukAppFactory
{
    string? file;

    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;

    protected override Task<string> CreateDatabaseAsync()
    {
        file = ScratchFile($"souk-{Guid.NewGuid():N}.db");
        return Task.FromResult(new SqliteConnectionStringBuilder { DataSource = file }.ToString());
    }

    /// <summary>EF Core's SQLite migrator polls for the row of its lock table, and waits while it is there.</summary>
    public override async Task<IAsyncDisposable> HoldMigrationLockAsync()
    {
        await using (var conn = new SqliteConnection(ConnectionString))
        {
            await conn.OpenAsync();
            await using var cmd = conn.CreateCommand();
            cmd.CommandText = """
                CREATE TABLE IF NOT EXISTS "__EFMigrationsLock" ("Id" INTEGER NOT NULL CONSTRAINT "PK___EFMigrationsLock" PRIMARY KEY, "Timestamp" TEXT NOT NULL);
                INSERT INTO "__EFMigrationsLock" ("Id", "Timestamp") VALUES (1, '2026-01-01 00:00:00+00:00');
                """;
            await cmd.ExecuteNonQueryAsync();
        }
        return new Release(ConnectionString);
    }

    sealed class Release(string connectionString) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await using var conn = new SqliteConnection(connectionString);
            await conn.OpenAsync();
            await using var cmd = conn.CreateCommand();
            cmd.CommandText = "DELETE FROM \"__EFMigrationsLock\"";
            await cmd.ExecuteNonQueryAsync();
        }
    }

    protected override Task DropDatabaseAsync()
    {
        if (file is null) return Task.CompletedTask;
        // Pooled connections keep the file open; closing idle ones elsewhere is harmless.
        SqliteConnection.ClearAllPools();
        foreach (var path in new[] { file, file + "-wal", file + "-shm" })
        {
            try
            {
                File.Delete(path);
            }
            catch (IOException)
            {
            }
        }
        return Task.CompletedTask;
    }
}
