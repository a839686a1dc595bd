namespace Souk.Web.Common;

/// <summary>
/// Splits the command line into a CLI verb (admin, seed, ledger), app switches (--no-demo) and the rest,
/// which goes to the host as configuration.
/// </summary>
public sealed record StartupArgs(string? Command, string[] CommandArgs, bool Demo, string[] HostArgs)
{
    static readonly string[] Verbs = ["admin", "seed", "ledger"];

    public static StartupArgs Parse(string[] args)
    {
        if (args.Length > 0 && Verbs.Contains(args[0]))
            return new StartupArgs(args[0], args[1..], Demo: false, HostArgs: []);
        var demo = !args.Contains("--no-demo");
        return new StartupArgs(null, [], demo, args.Where(a => a != "--no-demo").ToArray());
    }
}
