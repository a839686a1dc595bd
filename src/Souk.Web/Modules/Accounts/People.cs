using Microsoft.EntityFrameworkCore;
using Souk.Web.Data;

namespace Souk.Web.Modules.Accounts;

/// <summary>Read-only people lists for the pages: discovery and suggestions (new followers are notifications now).</summary>
public sealed class People(SoukDb db, AvatarUrls avatars)
{
    /// <summary>Search by handle prefix or display name; without a query, the most followed first.</summary>
    public async Task<IReadOnlyList<UserSummary>> DiscoverAsync(string? q, AccountKind? kind, Guid? excludeFollowedBy, int take, CancellationToken ct)
    {
        var query = db.Users.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(q))
        {
            var term = q.Trim().TrimStart('@');
            var upper = term.ToUpperInvariant();
            query = query.Where(u => u.NormalizedUserName!.StartsWith(upper) || u.DisplayName.Contains(term));
        }
        if (kind is { } k) query = query.Where(u => u.Kind == k);
        if (excludeFollowedBy is { } viewer)
            query = query.Where(u => u.Id != viewer && !db.Follows.Any(f => f.FollowerId == viewer && f.FolloweeId == u.Id));
        var rows = await query.OrderByDescending(u => u.FollowersCount).ThenBy(u => u.NormalizedUserName).Take(take)
            .Select(u => new { u.Id, u.UserName, u.DisplayName, u.Kind, u.IsVerified, u.AvatarKey }).ToListAsync(ct);
        return rows.Select(r => new UserSummary(r.Id, r.UserName!, r.DisplayName, r.Kind, r.IsVerified, avatars.For(r.AvatarKey))).ToList();
    }

    public async Task<IReadOnlyList<UserSummary>> FollowingAsync(Guid userId, int take, CancellationToken ct)
    {
        var rows = await db.Follows.AsNoTracking().Where(f => f.FollowerId == userId).OrderByDescending(f => f.Id).Take(take)
            .Join(db.Users, f => f.FolloweeId, u => u.Id, (f, u) => new { f.Id, u.UserName, u.DisplayName, u.Kind, u.IsVerified, u.AvatarKey, UserId = u.Id })
            .OrderByDescending(x => x.Id).ToListAsync(ct);
        return rows.Select(r => new UserSummary(r.UserId, r.UserName!, r.DisplayName, r.Kind, r.IsVerified, avatars.For(r.AvatarKey))).ToList();
    }
}
