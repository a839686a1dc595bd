using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Reflection;
using Npgsql;
using Souk.Tests.Infrastructure;

namespace Souk.Tests.Platform;

/// <summary>
/// Two real Souk nodes (the built Souk.Web.dll, Production) on one fresh PostgreSQL database, behind a real nginx on
/// loopback, started and stopped by the operator's own script, deploy/two-nodes.sh. With Redis (SOUK_TEST_REDIS) the nodes
/// share the SignalR backplane; without it they do not, which the control test uses to show the backplane is what
/// carries a message between nodes. nginx has a balanced entrance and one entrance pinned to each node.
/// </summary>
public abstract class TwoNodeDeployment(bool withRedis) : IAsyncLifetime
{
    public const string RedisVariable = "SOUK_TEST_REDIS";

    string? dir, database;
    int port;

    /// <summary>nginx, balanced over both nodes.</summary>
    public Uri Balanced => new($"http://127.0.0.1:{port}");
    /// <summary>nginx, always proxying to node A.</summary>
    public Uri NodeA => new($"http://127.0.0.1:{port + 1}");
    /// <summary>nginx, always proxying to node B.</summary>
    public Uri NodeB => new($"http://127.0.0.1:{port + 2}");

    public async Task InitializeAsync()
    {
        var admin = PostgresAppFactory.AdminConnectionString;
        var redis = Environment.GetEnvironmentVariable(RedisVariable);
        if (withRedis && string.IsNullOrWhiteSpace(redis))
            throw new InvalidOperationException($"{RedisVariable} is not set (host:port of a Redis server); ./scripts/test.sh starts one and sets it.");
        var root = RepositoryRoot();
        dir = Directory.CreateTempSubdirectory("souk-two-nodes-").FullName;
        database = $"souk_t2n_{Guid.NewGuid():N}";
        // nginx's three entrances, then the two nodes.
        port = FreeConsecutivePorts(5);
        var nodePorts = $"{port + 3} {port + 4}";
        var env = new Dictionary<string, string>
        {
            ["SOUK_DIR"] = dir,
            ["SOUK_PG"] = new NpgsqlConnectionStringBuilder(admin) { Database = database }.ConnectionString,
            ["SOUK_PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["SOUK_NODE_PORTS"] = nodePorts,
            ["SOUK_DLL"] = Path.Combine(root, "src", "Souk.Web", "bin", Configuration(), "net10.0", "Souk.Web.dll"),
            // One channel prefix per deployment: test classes running at once on the same Redis do not hear each other.
            ["Redis__ChannelPrefix"] = $"souk-test-{Guid.NewGuid():N}",
            // Cheap sign-ups: the test is about delivery, not password hashing.
            ["Auth__PasswordHashIterations"] = "1000",
            ["Logging__LogLevel__Default"] = "Warning",
        };
        if (withRedis) env["SOUK_REDIS"] = redis!;
        var (code, output) = await RunScriptAsync(root, env, withRedis ? ["start"] : ["start", "--no-redis"], TimeSpan.FromMinutes(4));
        if (code != 0) throw new InvalidOperationException($"deploy/two-nodes.sh start exited {code}:\n{output}");
    }

    public async Task DisposeAsync()
    {
        if (dir is not null)
        {
            await RunScriptAsync(RepositoryRoot(), new() { ["SOUK_DIR"] = dir }, ["stop"], TimeSpan.FromMinutes(1));
            try { Directory.Delete(dir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
        if (database is not null)
        {
            await using var conn = new NpgsqlConnection(PostgresAppFactory.AdminConnectionString);
            await conn.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)", conn);
            await drop.ExecuteNonQueryAsync();
        }
    }

    static async Task<(int Code, string Output)> RunScriptAsync(string root, Dictionary<string, string> env, string[] args, TimeSpan limit)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = root };
        start.ArgumentList.Add(Path.Combine(root, "deploy", "two-nodes.sh"));
        foreach (var a in args) start.ArgumentList.Add(a);
        foreach (var (k, v) in env) start.Environment[k] = v;
        using var process = Process.Start(start)!;
        var stdout = new System.Text.StringBuilder();
        process.OutputDataReceived += (_, e) => { lock (stdout) stdout.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { lock (stdout) stdout.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var timeout = new CancellationTokenSource(limit);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            return (-1, $"timed out after {limit}\n{stdout}");
        }
        lock (stdout) return (process.ExitCode, stdout.ToString());
    }

    static string RepositoryRoot()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
            if (File.Exists(Path.Combine(d.FullName, "Souk.slnx"))) return d.FullName;
        throw new InvalidOperationException("Souk.slnx not found above " + AppContext.BaseDirectory);
    }

    /// <summary>The configuration this test assembly was built in; the app was built in the same one.</summary>
    static string Configuration() =>
        typeof(TwoNodeDeployment).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";

    /// <summary>
    /// The first of <paramref name="count"/> consecutive free ports, below the
    /// kernel's ephemeral range (32768 and up on Linux), where an outgoing connection may hold a port the moment a node binds it.
    /// </summary>
    static int FreeConsecutivePorts(int count)
    {
        for (var attempt = 0; attempt < 200; attempt++)
        {
            var first = Random.Shared.Next(20_000, 32_000);
            var listeners = new List<TcpListener>();
            try
            {
                for (var p = first; p < first + count; p++)
                {
                    var l = new TcpListener(IPAddress.Loopback, p);
                    l.Start();
                    listeners.Add(l);
                }
                return first;
            }
            catch (SocketException)
            {
            }
            finally
            {
                foreach (var l in listeners) l.Stop();
            }
        }
        throw new InvalidOperationException("no free consecutive ports");
    }
}

public sealed class TwoNodesWithRedis() : TwoNodeDeployment(withRedis: true);

public sealed class TwoNodesWithoutRedis() : TwoNodeDeployment(withRedis: false);
