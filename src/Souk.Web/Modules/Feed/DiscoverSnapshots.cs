using Souk.Web.Modules.Notes;

namespace Souk.Web.Modules.Feed;

public sealed class DiscoverOptions
{
    /// <summary>How long a node reuses the discover feed's candidate notes for new first pages; 0 reads them every time.</summary>
    public int SnapshotSeconds { get; set; } = 5;

    /// <summary>How long a node keeps a viewer's affinity (see <see cref="ViewerAffinities"/>); 0 works it out on every request.</summary>
    public int AffinitySeconds { get; set; } = 30;

    /// <summary>
    /// How long a node keeps a replaced snapshot for the later pages of the scrolls ranked from it (at most
    /// <see cref="DiscoverSnapshots.KeptMax"/> of them); 0 keeps only the latest, and a later page of an older one reads
    /// its candidates from the database.
    /// </summary>
    public int ScrollSeconds { get; set; } = 300;
}

/// <summary>
/// The discover feed's candidates (recent notes with their counts, hashtags and categories) are the same for every viewer
/// at one moment; only the scoring is per viewer. Loading them is most of a discover request's cost (about 500 notes and
/// their tags), so a node keeps the latest set for <see cref="DiscoverOptions.SnapshotSeconds"/> and ranks every viewer's
/// first page from it. A later page asks for the snapshot its cursor was made from (by its time), and gets it while it is
/// the latest or still kept (below). A first page's counts may lag by the snapshot's lifetime plus one load; a note
/// written on this node drops the latest at once (<see cref="NoteChanges"/>). The lifetime is measured on the process's
/// monotonic clock, not the app's TimeProvider: it is an operational limit.
/// <para>
/// One load at a time, in its own scope: when the snapshot has only aged, requests keep ranking from it while one load
/// replaces it. Before, every request that found it old loaded its own copy (with twenty in flight, twenty loads of the
/// same 500 notes). Only a first start, or a note written on this node since the load began, makes requests wait, and then
/// for that one shared load. (At 20 connections on a quiet machine this did not move the feed's p99 measurably:
/// docs/PERFORMANCE.md "Feeds, ninth session"; it spares the database the duplicate loads.)
/// </para>
/// <para>
/// A replaced snapshot is kept for <see cref="DiscoverOptions.ScrollSeconds"/>, so a later page of a scroll that began on
/// it ranks from the same candidates and counts as its first page did (no note moves across the cursor between pages),
/// and without the four queries of a load: people scroll longer than a snapshot lives, and every later page used to
/// load its candidates again. About 150 KB each; at most <see cref="KeptMax"/>, so a node whose notes change many times a
/// second keeps a shorter past rather than more memory.
/// </para>
/// </summary>
public sealed class DiscoverSnapshots(DiscoverOptions options, NoteChanges changes, IServiceScopeFactory scopes, ILogger<DiscoverSnapshots> log)
{
    sealed record Snapshot(DateTime AsOf, IReadOnlyList<RankInput> Inputs, long TakenAtMs, long Version);

    /// <summary>The most snapshots a node keeps for later pages, the latest included.</summary>
    public const int KeptMax = 64;

    readonly Lock gate = new();
    /// <summary>The replaced snapshots still kept and, last, the latest; replaced whole by each load (one every few seconds).</summary>
    Snapshot[] kept = [];

    Snapshot? Latest => Volatile.Read(ref kept) is [.., var last] ? last : null;
    Task<Snapshot>? loading;

    bool Enabled => options.SnapshotSeconds > 0;

    /// <summary>The candidates of a later page made at asOf while that snapshot is the latest or still kept; null to load them.</summary>
    public (DateTime AsOf, IReadOnlyList<RankInput> Inputs)? Find(DateTime asOf)
    {
        if (!Enabled) return null;
        var snapshots = Volatile.Read(ref kept);
        var now = Environment.TickCount64;
        for (var i = snapshots.Length - 1; i >= 0; i--)
        {
            // The latest at any age; a replaced one while it is kept.
            var k = snapshots[i];
            if (k.AsOf == asOf && (i == snapshots.Length - 1 || now - k.TakenAtMs < options.ScrollSeconds * 1000L)) return (k.AsOf, k.Inputs);
        }
        return null;
    }

    /// <summary>The candidates for a first page: the latest snapshot, or null when snapshots are off (the caller loads).</summary>
    public async Task<(DateTime AsOf, IReadOnlyList<RankInput> Inputs)?> LatestAsync(CancellationToken ct)
    {
        if (!Enabled) return null;
        var s = Latest;
        var version = changes.Version;
        if (s is not null && s.Version == version)
        {
            if (Environment.TickCount64 - s.TakenAtMs >= options.SnapshotSeconds * 1000L) _ = LoadOnceAsync();
            return (s.AsOf, s.Inputs);
        }
        // None yet, or a note was written here since: wait for a load that began after that write (at most two: the one
        // running may have begun before it).
        for (var attempt = 0; attempt < 2; attempt++)
        {
            s = await LoadOnceAsync().WaitAsync(ct);
            if (s.Version >= version) break;
        }
        return (s!.AsOf, s.Inputs);
    }

    /// <summary>The load running now, or a new one: never two at once.</summary>
    Task<Snapshot> LoadOnceAsync()
    {
        lock (gate)
        {
            if (loading is { IsCompleted: false } running) return running;
            return loading = Task.Run(LoadAsync);
        }
    }

    async Task<Snapshot> LoadAsync()
    {
        // The version before the load, so a write during it is not missed.
        var version = changes.Version;
        try
        {
            // Its own scope: the request that started it may end first, and the others keep using the old snapshot.
            await using var scope = scopes.CreateAsyncScope();
            var (asOf, inputs) = await scope.ServiceProvider.GetRequiredService<DiscoverFeed>().LoadCandidatesAsync(null, CancellationToken.None);
            var loaded = new Snapshot(asOf, inputs, Environment.TickCount64, version);
            lock (gate)
            {
                var keepMs = options.ScrollSeconds * 1000L;
                Volatile.Write(ref kept, [.. kept.Where(k => loaded.TakenAtMs - k.TakenAtMs < keepMs).TakeLast(KeptMax - 1), loaded]);
            }
            return loaded;
        }
        catch (Exception e)
        {
            // Requests serving the old snapshot do not await this load: its failure is logged here, and the next one retries.
            log.LogError(e, "Loading the discover feed's candidates failed");
            throw;
        }
    }
}
