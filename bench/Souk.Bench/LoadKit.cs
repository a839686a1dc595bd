using System.Globalization;

namespace Souk.Bench;

/// <summary>What the HTTP load tools share: `--key value` arguments, bounded parallel loops and percentiles.</summary>
static class LoadKit
{
    /// <summary>`--key value` pairs; null when an argument is not of that form.</summary>
    public static Dictionary<string, string>? ParseArgs(string[] args)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal)) return null;
            map[args[i][2..]] = args[i + 1];
        }
        return args.Length % 2 == 0 ? map : null;
    }

    public static int Int(this Dictionary<string, string> map, string key, int fallback) =>
        map.TryGetValue(key, out var v) ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;

    public static Task ForAllAsync(int count, int parallel, Func<int, Task> body) =>
        Parallel.ForAsync(0, count, new ParallelOptions { MaxDegreeOfParallelism = parallel }, async (i, _) => await body(i));

    /// <summary>Nearest-rank percentile of sorted samples (0 when there are none).</summary>
    public static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
}
