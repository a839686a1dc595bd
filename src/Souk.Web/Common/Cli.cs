using Souk.Web.Data;
using Souk.Web.Modules.Accounts;
using Souk.Web.Modules.Wallet;

namespace Souk.Web.Common;

/// <summary>Verbs of the app itself, run against the configured database: `admin create`, `seed` and `ledger verify`.</summary>
public static class Cli
{
    public static async Task<int> RunAsync(WebApplication app, StartupArgs startup)
    {
        var options = ParseOptions(startup.CommandArgs);
        await DatabaseSetup.MigrateAsync(app.Services);
        switch (startup.Command)
        {
            case "admin" when startup.CommandArgs.FirstOrDefault() == "create":
            {
                if (!options.TryGetValue("email", out var email) || !options.TryGetValue("password", out var password) || !options.TryGetValue("handle", out var handle))
                    return Usage("admin create --email E --password P --handle H");
                await using var scope = app.Services.CreateAsyncScope();
                var (ok, message) = await scope.ServiceProvider.GetRequiredService<OperatorActions>()
                    .CreateOperatorAsync(scope.ServiceProvider.GetRequiredService<AccountService>(), email, password, handle, CancellationToken.None);
                Console.WriteLine(message);
                return ok ? 0 : 1;
            }
            case "seed":
            {
                var users = options.TryGetValue("users", out var u) && int.TryParse(u, out var n) ? n : 10_000;
                var follows = options.TryGetValue("follows", out var f) && int.TryParse(f, out var m) ? m : 200;
                var listings = options.TryGetValue("listings", out var l) && int.TryParse(l, out var k) ? k : 0;
                var products = options.TryGetValue("products", out var p) && int.TryParse(p, out var q) ? q : 0;
                var notes = options.TryGetValue("notes", out var t) && int.TryParse(t, out var r) ? r : 0;
                if (users < 2 || follows < 0 || follows >= users || listings < 0 || products < 0 || notes < 0)
                    return Usage("seed --users N (≥ 2) --follows F (< N) [--listings L (≥ 0)] [--products P (≥ 0)] [--notes T (≥ 0)]");
                var report = await Seeder.RunAsync(app.Services, users, follows, listings, CancellationToken.None, products, notes);
                Console.WriteLine(report);
                return 0;
            }
            case "ledger" when startup.CommandArgs.FirstOrDefault() == "verify":
                return await LedgerCheck.VerifyAsync(app.Services, Console.Out, CancellationToken.None);
            default:
                return Usage("admin create --email E --password P --handle H | seed --users N --follows F [--listings L] [--products P] [--notes T] | ledger verify");
        }
    }

    static Dictionary<string, string> ParseOptions(string[] args)
    {
        var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < args.Length - 1; i++)
        {
            if (args[i].StartsWith("--", StringComparison.Ordinal)) result[args[i][2..]] = args[++i];
        }
        return result;
    }

    static int Usage(string usage)
    {
        Console.Error.WriteLine($"usage: dotnet run --project src/Souk.Web -- {usage}");
        return 2;
    }
}
