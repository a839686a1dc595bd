using Souk.Web.Modules.Notes;

namespace Souk.Web.Modules.Feed;

public sealed class DiscoverOptions
{
    /// <summary>How long a node reuses the discover feed's candidate notes for new first pages; 0 reads them every time.</summary>
    public int SnapshotSeconds { get; set; } = 5;

    /// <summary>How long a node keeps a viewer's affinity (see <see cref="ViewerAffinities"/>); 0 works it out on every request.</summary>
    public int AffinitySeconds { get; set; } = 30;
}

/// <summary>
/// The discover feed's candidates (recent notes with their counts, hashtags and categories) are the same for every viewer
/// at one moment; only the scoring is per viewer. Loading them is most of a discover request's cost (about 500 notes and
/// their tags), so a node keeps the latest set for <see cref="DiscoverOptions.SnapshotSeconds"/> and ranks every viewer's
/// first page from it. A later page asks for the snapshot its cursor was made from (by its time), and gets it while it is
/// the latest. Counts may lag by the snapshot's lifetime; a note written on this node drops it at once (<see cref="NoteChanges"/>).
/// The lifetime is measured on the process's monotonic clock, not the app's TimeProvider: it is an operational limit.
/// </summary>
public sealed class DiscoverSnapshots(DiscoverOptions options, NoteChanges changes)
{
    sealed record Snapshot(DateTime AsOf, IReadOnlyList<RankInput> Inputs, long TakenAtMs, long Version);

    Snapshot? latest;

    /// <summary>The candidates to rank a first page (asOf null) or a later page made at asOf, or null to load them.</summary>
    public (DateTime AsOf, IReadOnlyList<RankInput> Inputs)? Find(DateTime? asOf)
    {
        if (options.SnapshotSeconds <= 0 || Volatile.Read(ref latest) is not { } s) return null;
        if (asOf is { } wanted) return s.AsOf == wanted ? (s.AsOf, s.Inputs) : null;
        var fresh = Environment.TickCount64 - s.TakenAtMs < options.SnapshotSeconds * 1000L && s.Version == changes.Version;
        return fresh ? (s.AsOf, s.Inputs) : null;
    }

    /// <summary>The version to pass to <see cref="Keep"/>: read before loading, so a write during the load is not missed.</summary>
    public long VersionBeforeLoad() => changes.Version;

    public void Keep(DateTime asOf, IReadOnlyList<RankInput> inputs, long version)
    {
        if (options.SnapshotSeconds > 0) Volatile.Write(ref latest, new Snapshot(asOf, inputs, Environment.TickCount64, version));
    }
}
