using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Npgsql;

namespace Souk.BrowserTests;

public enum Provider
{
    Sqlite,
    Postgres,
}

/// <summary>
/// The real Souk.Web, built by this project's build, run as its own process on a free loopback port,
/// with a fresh database (a SQLite file in a temp folder, or a fresh PostgreSQL database) and demo data.
/// </summary>
public sealed class SoukApp : IAsyncDisposable
{
    public const string PostgresVariable = "SOUK_TEST_PG";

    readonly Process process;
    readonly StringBuilder output = new();
    readonly string tempDir;
    readonly string? pgAdmin;
    readonly string? pgDatabase;

    SoukApp(Process process, string baseUrl, string tempDir, string? pgAdmin, string? pgDatabase)
    {
        this.process = process;
        BaseUrl = baseUrl;
        this.tempDir = tempDir;
        this.pgAdmin = pgAdmin;
        this.pgDatabase = pgDatabase;
    }

    public string BaseUrl { get; }

    /// <summary>Everything the app printed so far, for failure messages.</summary>
    public string Output
    {
        get { lock (output) return output.ToString(); }
    }

    public static string RepoRoot { get; } = FindRepoRoot();

    static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Souk.slnx"))) return dir.FullName;
        }
        throw new InvalidOperationException($"No Souk.slnx above {AppContext.BaseDirectory}.");
    }

    static string Configuration =>
#if DEBUG
        "Debug";
#else
        "Release";
#endif

    public static async Task<SoukApp> StartAsync(Provider provider)
    {
        var binDir = Path.Combine(RepoRoot, "src", "Souk.Web", "bin", Configuration, "net10.0");
        var dll = Path.Combine(binDir, "Souk.Web.dll");
        if (!File.Exists(dll)) throw new InvalidOperationException($"{dll} is missing: build the solution first ({Configuration}).");

        var tempDir = Directory.CreateTempSubdirectory("souk-browser-").FullName;
        var port = FreePort();
        var baseUrl = $"http://127.0.0.1:{port}";

        var psi = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = tempDir,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { dll, "--urls", baseUrl }) psi.ArgumentList.Add(arg);
        psi.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        psi.Environment["DOTNET_ENVIRONMENT"] = "Development";
        psi.Environment["Blobs__Root"] = Path.Combine(tempDir, "media");
        psi.Environment["Demo__Enabled"] = "true";
        // The culture comes from the culture cookie or Accept-Language, never from the machine.
        psi.Environment["DOTNET_SYSTEM_GLOBALIZATION_INVARIANT"] = "false";

        string? pgAdmin = null, pgDatabase = null;
        if (provider == Provider.Postgres)
        {
            pgAdmin = Environment.GetEnvironmentVariable(PostgresVariable);
            if (string.IsNullOrWhiteSpace(pgAdmin))
                throw new InvalidOperationException($"{PostgresVariable} is not set: the PostgreSQL browser journey needs a server (scripts/test.sh starts one).");
            pgDatabase = $"souk_b_{Guid.NewGuid():N}";
            await using (var conn = new NpgsqlConnection(pgAdmin))
            {
                await conn.OpenAsync();
                await using var cmd = new NpgsqlCommand($"CREATE DATABASE \"{pgDatabase}\"", conn);
                await cmd.ExecuteNonQueryAsync();
            }
            var cs = new NpgsqlConnectionStringBuilder(pgAdmin) { Database = pgDatabase }.ConnectionString;
            psi.Environment["Database__Provider"] = "Postgres";
            psi.Environment["ConnectionStrings__Souk"] = cs;
        }
        else
        {
            psi.Environment["Database__Provider"] = "Sqlite";
            psi.Environment["ConnectionStrings__Souk"] = $"Data Source={Path.Combine(tempDir, "souk.db")}";
        }

        var process = new Process { StartInfo = psi, EnableRaisingEvents = true };
        var app = new SoukApp(process, baseUrl, tempDir, pgAdmin, pgDatabase);
        process.OutputDataReceived += (_, e) => app.Append(e.Data);
        process.ErrorDataReceived += (_, e) => app.Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await app.WaitHealthyAsync(TimeSpan.FromSeconds(90));
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
        return app;
    }

    void Append(string? line)
    {
        if (line is null) return;
        lock (output) output.AppendLine(line);
    }

    async Task WaitHealthyAsync(TimeSpan timeout)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
                throw new InvalidOperationException($"Souk.Web exited with code {process.ExitCode} before it was ready.\n{Output}");
            try
            {
                // The app listens while it migrates (/readyz is 503 until then) and writes the demo just after: the
                // journeys visit demo people and listings, so wait for both.
                using var response = await http.GetAsync($"{BaseUrl}/readyz");
                if (response.StatusCode == HttpStatusCode.OK && Output.Contains("Demo data created in", StringComparison.Ordinal)) return;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            await Task.Delay(250);
        }
        throw new TimeoutException($"Souk.Web was not ready (/readyz and demo data) within {timeout}.\n{Output}");
    }

    static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(15));
            }
        }
        catch (Exception e) when (e is InvalidOperationException or TimeoutException) { }
        process.Dispose();

        if (pgAdmin is not null && pgDatabase is not null)
        {
            try
            {
                NpgsqlConnection.ClearAllPools();
                await using var conn = new NpgsqlConnection(pgAdmin);
                await conn.OpenAsync();
                await using var cmd = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{pgDatabase}\" WITH (FORCE)", conn);
                await cmd.ExecuteNonQueryAsync();
            }
            catch (NpgsqlException) { }
        }
        try { Directory.Delete(tempDir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
