using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Souk.Web.Common;
using Souk.Web.Data;

namespace Souk.Web.Modules.Accounts;

public sealed record FollowState(bool Following, int FollowersCount);

public enum FollowError
{
    None,
    NoSuchUser,
    Self,
}

/// <summary>PUT/DELETE /users/{handle}/follow and the cursor-paged follower lists.</summary>
public static class Follows
{
    public static void Map(RouteGroupBuilder api)
    {
        var users = api.MapGroup("/users/{handle}").WithTags("Follows");
        users.MapPut("/follow", Follow).RequireAuthorization();
        users.MapDelete("/follow", Unfollow).RequireAuthorization();
        users.MapGet("/followers", (string handle, string? cursor, int? limit, SoukDb db, AvatarUrls avatars, CancellationToken ct) =>
            ListAsync(handle, cursor, limit, followers: true, db, avatars, ct)).AllowAnonymous();
        users.MapGet("/following", (string handle, string? cursor, int? limit, SoukDb db, AvatarUrls avatars, CancellationToken ct) =>
            ListAsync(handle, cursor, limit, followers: false, db, avatars, ct)).AllowAnonymous();
    }

    static async Task<Results<Ok<FollowState>, ProblemHttpResult>> Follow(string handle, CurrentUser current, FollowGraph graph, CancellationToken ct) =>
        ToResult(await graph.SetAsync(current.RequiredId, handle, follow: true, ct), handle);

    static async Task<Results<Ok<FollowState>, ProblemHttpResult>> Unfollow(string handle, CurrentUser current, FollowGraph graph, CancellationToken ct) =>
        ToResult(await graph.SetAsync(current.RequiredId, handle, follow: false, ct), handle);

    static Results<Ok<FollowState>, ProblemHttpResult> ToResult((FollowState? State, FollowError Error) r, string handle) => r.Error switch
    {
        FollowError.NoSuchUser => Problems.NotFound($"No user @{handle}."),
        FollowError.Self => Problems.Status(StatusCodes.Status422UnprocessableEntity, "Cannot follow yourself", "You cannot follow yourself."),
        _ => TypedResults.Ok(r.State!),
    };

    public static async Task<Results<Ok<Page<UserSummary>>, ProblemHttpResult, ValidationProblem>> ListAsync(
        string handle, string? cursor, int? limit, bool followers, SoukDb db, AvatarUrls avatars, CancellationToken ct)
    {
        if (!Cursor.TryDecode(cursor, out var before)) return Problems.Field("cursor", "The cursor is not valid.");
        var normalized = AccountRules.NormalizeHandle(handle);
        var userId = await db.Users.Where(u => u.NormalizedUserName == normalized).Select(u => (Guid?)u.Id).FirstOrDefaultAsync(ct);
        if (userId is null) return Problems.NotFound($"No user @{handle}.");
        var take = Cursor.ClampLimit(limit);
        var edges = db.Follows.AsNoTracking().Where(f => followers ? f.FolloweeId == userId : f.FollowerId == userId);
        if (before is { } b) edges = edges.Where(f => f.Id < b);
        var rows = await edges.OrderByDescending(f => f.Id).Take(take + 1)
            .Join(db.Users, f => followers ? f.FollowerId : f.FolloweeId, u => u.Id,
                (f, u) => new { f.Id, u.UserName, u.DisplayName, u.Kind, u.IsVerified, u.AvatarKey, UserId = u.Id })
            .OrderByDescending(x => x.Id)
            .ToListAsync(ct);
        var items = rows.Take(take).Select(r => new UserSummary(r.UserId, r.UserName!, r.DisplayName, r.Kind, r.IsVerified, avatars.For(r.AvatarKey))).ToList();
        var next = rows.Count > take ? Cursor.Encode(rows[take - 1].Id) : null;
        return TypedResults.Ok(new Page<UserSummary>(items, next));
    }
}

/// <summary>Adds and removes follow edges with the counters kept in the same transaction.</summary>
public sealed class FollowGraph(SoukDb db, TimeProvider clock, ProfileCache profiles, FolloweeLists followees, Notes.Notifier notifier)
{
    public async Task<(FollowState? State, FollowError Error)> SetAsync(Guid followerId, string handle, bool follow, CancellationToken ct)
    {
        var normalized = AccountRules.NormalizeHandle(handle);
        var targetId = await db.Users.Where(u => u.NormalizedUserName == normalized).Select(u => (Guid?)u.Id).FirstOrDefaultAsync(ct);
        if (targetId is not { } target) return (null, FollowError.NoSuchUser);
        if (target == followerId) return (null, FollowError.Self);

        var delta = await CountedToggle.SetAsync(db, follow,
            exists: () => db.Follows.AnyAsync(f => f.FollowerId == followerId && f.FolloweeId == target, ct),
            add: async () =>
            {
                db.Follows.Add(new Follow { FollowerId = followerId, FolloweeId = target, CreatedAt = clock.GetUtcNow().UtcDateTime });
                // Saved with the edge, so a lost race notifies nobody; unfollowing and following again does not notify twice.
                await notifier.AddOnceAsync(target, Notes.NotificationKind.NewFollower, followerId, null, null, ct);
            },
            remove: () => db.Follows.Where(f => f.FollowerId == followerId && f.FolloweeId == target).ExecuteDeleteAsync(ct),
            adjust: async delta =>
            {
                await db.Users.Where(u => u.Id == target).ExecuteUpdateAsync(s => s.SetProperty(u => u.FollowersCount, u => u.FollowersCount + delta), ct);
                await db.Users.Where(u => u.Id == followerId).ExecuteUpdateAsync(s => s.SetProperty(u => u.FollowingCount, u => u.FollowingCount + delta), ct);
            },
            ct);
        if (delta != 0)
        {
            await followees.ChangedAsync(followerId);
            var followerHandle = await db.Users.Where(u => u.Id == followerId).Select(u => u.NormalizedUserName).FirstOrDefaultAsync(ct);
            await profiles.ForgetAsync(normalized, followerHandle);
        }
        return (await CurrentStateAsync(target, followerId, ct), FollowError.None);
    }

    /// <summary>Whether one person follows another (a follow button outside the profile page).</summary>
    public Task<bool> IsFollowingAsync(Guid follower, Guid target, CancellationToken ct) =>
        db.Follows.AnyAsync(f => f.FollowerId == follower && f.FolloweeId == target, ct);

    async Task<FollowState> CurrentStateAsync(Guid target, Guid follower, CancellationToken ct)
    {
        var count = await db.Users.Where(u => u.Id == target).Select(u => u.FollowersCount).FirstAsync(ct);
        return new FollowState(await IsFollowingAsync(follower, target, ct), count);
    }
}
