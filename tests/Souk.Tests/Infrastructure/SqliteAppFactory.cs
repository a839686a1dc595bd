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
