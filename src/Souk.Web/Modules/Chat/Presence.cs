using Microsoft.EntityFrameworkCore;
using Souk.Web.Data;

namespace Souk.Web.Modules.Chat;

/// <summary>Who of a batch of people is online, as one viewer may see it: null for those who blocked the viewer.</summary>
public sealed class OnlineSet(IReadOnlySet<Guid> online, IReadOnlySet<Guid> hidden)
{
    public bool? Visible(Guid userId) => hidden.Contains(userId) ? null : online.Contains(userId);
}

/// <summary>
/// "Online" = the person's app spoke to the chat hub in the last Chat:OnlineSeconds (default 90; clients heartbeat well
/// within that). Kept in the database, so every node answers the same and a node that dies takes no state with it.
/// </summary>
public sealed class Presence(SoukDb db, TimeProvider clock, IConfiguration config)
{
    TimeSpan Window => TimeSpan.FromSeconds(config.GetValue("Chat:OnlineSeconds", 90));

    /// <summary>One query for the whole batch, whatever its size.</summary>
    public async Task<OnlineSet> OnlineAsync(Guid viewer, IReadOnlyCollection<Guid> userIds, CancellationToken ct)
    {
        if (userIds.Count == 0) return new OnlineSet(new HashSet<Guid>(), new HashSet<Guid>());
        var since = clock.GetUtcNow().UtcDateTime - Window;
        var rows = await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id))
            .Select(u => new
            {
                u.Id,
                Online = db.UserPresences.Any(p => p.UserId == u.Id && p.LastSeenAt >= since),
                BlockedViewer = db.UserBlocks.Any(b => b.BlockerId == u.Id && b.BlockedId == viewer),
            })
            .ToListAsync(ct);
        return new OnlineSet(rows.Where(r => r.Online).Select(r => r.Id).ToHashSet(), rows.Where(r => r.BlockedViewer).Select(r => r.Id).ToHashSet());
    }

    /// <summary>Records that the person is here now (on connecting to the hub and on each heartbeat).</summary>
    public async Task TouchAsync(Guid userId, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        if (await db.UserPresences.Where(p => p.UserId == userId).ExecuteUpdateAsync(s => s.SetProperty(p => p.LastSeenAt, now), ct) > 0) return;
        db.UserPresences.Add(new UserPresence { UserId = userId, LastSeenAt = now });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another connection of the same person inserted it first; its time is as good as ours.
            db.ChangeTracker.Clear();
        }
    }
}
