namespace Souk.Web.Modules.Notes;

/// <summary>
/// A per-node counter of note writes (created, edited, deleted), so readers that keep a short snapshot of recent notes
/// (the discover feed's candidates) drop it at once when this node changes a note. Other nodes notice within their
/// snapshot's lifetime.
/// </summary>
public sealed class NoteChanges
{
    long version;

    public long Version => Interlocked.Read(ref version);

    public void Changed() => Interlocked.Increment(ref version);
}
