using System.Globalization;
using System.Net;

namespace Souk.Bench;

/// <summary>
/// `listing-ids`: which listing ids an anonymous visitor can open, for the listing-page load to rotate over. Draws ids at
/// random from 1…max (a fresh seeded database numbers its listings from 1), asks the running app for each
/// (GET /api/v1/listings/{id}, several at a time) and prints the ones that answer 200, in the order drawn, until it has
/// `count`. Hidden listings answer 404 and are left out; sold and reserved ones stay, as their links keep being shared.
/// </summary>
public static class ListingIds
{
    const string Usage = "listing-ids --base URL --max N --count K";

    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length != 6 || args[0] != "--base" || args[2] != "--max" || args[4] != "--count"
            || !long.TryParse(args[3], CultureInfo.InvariantCulture, out var max) || !int.TryParse(args[5], CultureInfo.InvariantCulture, out var count)
            || max < 1 || count < 1)
        {
            Console.Error.WriteLine("usage: " + Usage);
            return 2;
        }
        using var http = new HttpClient { BaseAddress = new Uri(args[1]) };
        var random = new Random(42);
        var candidates = max <= 1_000_000 ? Shuffled(max, random) : [.. Enumerable.Range(0, count * 2).Select(_ => random.NextInt64(1, max + 1)).Distinct()];
        var found = new List<long>(count);
        // Batches in the order drawn, several requests in flight, so the output order does not depend on timing.
        foreach (var batch in candidates.Chunk(64))
        {
            var visible = await Task.WhenAll(batch.Select(async id =>
            {
                using var response = await http.GetAsync($"/api/v1/listings/{id}");
                return response.StatusCode == HttpStatusCode.OK ? id : (long?)null;
            }));
            found.AddRange(visible.OfType<long>());
            if (found.Count >= count) break;
        }
        foreach (var id in found.Take(count)) Console.WriteLine(id.ToString(CultureInfo.InvariantCulture));
        Console.Error.WriteLine($"{Math.Min(found.Count, count)} visible listing ids of 1…{max}");
        return found.Count > 0 ? 0 : 1;
    }

    static long[] Shuffled(long max, Random random)
    {
        var ids = new long[max];
        for (var i = 0; i < ids.Length; i++) ids[i] = i + 1;
        random.Shuffle(ids);
        return ids;
    }
}
