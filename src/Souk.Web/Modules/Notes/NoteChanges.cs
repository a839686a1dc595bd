using Souk.Web.Common;

namespace Souk.Web.Modules.Notes;

/// <summary>
/// A per-node counter of note writes (created, edited, deleted), so readers that keep a short snapshot of recent notes
/// (the discover feed's candidates) drop it at once when a note changes, and the eviction of the author's newest notes
/// (<see cref="AuthorNoteHeads"/>): on this node directly, on the others through
/// <see cref="CacheEvictions"/> (Redis, when configured; without it they notice within their snapshot's lifetime).
/// </summary>
public sealed class NoteChanges
{
    const string SignalName = "notes";

    readonly CacheEvictions evictions;
    long version;

    public NoteChanges(CacheEvictions evictions)
    {
        this.evictions = evictions;
        evictions.OnSignal(SignalName, () => Interlocked.Increment(ref version));
    }

    public long Version => Interlocked.Read(ref version);

    /// <summary>After a note by <paramref name="authorId"/> was created, edited or deleted (and committed).</summary>
    public async ValueTask ChangedAsync(Guid authorId)
    {
        Interlocked.Increment(ref version);
        evictions.SignalOthers(SignalName);
        await evictions.RemoveAsync(AuthorNoteHeads.Key(authorId));
    }
}
