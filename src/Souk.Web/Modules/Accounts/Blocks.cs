using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Souk.Web.Common;
using Souk.Web.Data;

namespace Souk.Web.Modules.Accounts;

public sealed record BlockState(string Handle, bool Blocked);

public enum BlockError
{
    None,
    NoSuchUser,
    Self,
}

/// <summary>
/// PUT/DELETE /api/v1/users/{handle}/block (idempotent) and GET /api/v1/me/blocks. Chat and presence read UserBlocks to
/// honour a block; managing them lives here.
/// </summary>
public static class Blocks
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapPut("/users/{handle}/block", (string handle, CurrentUser current, BlockList blocks, CancellationToken ct) =>
            SetAsync(handle, block: true, current, blocks, ct)).WithTags("Blocks").RequireAuthorization();
        api.MapDelete("/users/{handle}/block", (string handle, CurrentUser current, BlockList blocks, CancellationToken ct) =>
            SetAsync(handle, block: false, current, blocks, ct)).WithTags("Blocks").RequireAuthorization();
        api.MapGet("/me/blocks", async (CurrentUser current, BlockList blocks, CancellationToken ct) =>
            TypedResults.Ok(await blocks.ListAsync(current.RequiredId, ct))).WithTags("Blocks").RequireAuthorization();
    }

    static async Task<Results<Ok<BlockState>, ProblemHttpResult>> SetAsync(string handle, bool block, CurrentUser current, BlockList blocks, CancellationToken ct) =>
        await blocks.SetAsync(current.RequiredId, handle, block, ct) switch
        {
            BlockError.NoSuchUser => Problems.NotFound($"No user @{handle}."),
            BlockError.Self => Problems.Status(StatusCodes.Status422UnprocessableEntity, "Cannot block yourself", "You cannot block yourself."),
            _ => TypedResults.Ok(new BlockState(handle, block)),
        };
}

/// <summary>One person's blocks: set or lift one (by handle), ask about one, list them all (newest first).</summary>
public sealed class BlockList(SoukDb db, TimeProvider clock, AvatarUrls avatars)
{
    /// <summary>Most people block a handful; the list is returned whole, capped so a scripted account cannot make it huge.</summary>
    public const int ListMax = 1000;

    public async Task<BlockError> SetAsync(Guid blockerId, string handle, bool block, CancellationToken ct)
    {
        var normalized = AccountRules.NormalizeHandle(handle);
        var targetId = await db.Users.Where(u => u.NormalizedUserName == normalized).Select(u => (Guid?)u.Id).FirstOrDefaultAsync(ct);
        if (targetId is not { } target) return BlockError.NoSuchUser;
        if (target == blockerId) return BlockError.Self;
        if (!block)
        {
            await db.UserBlocks.Where(b => b.BlockerId == blockerId && b.BlockedId == target).ExecuteDeleteAsync(ct);
            return BlockError.None;
        }
        if (await IsBlockedAsync(blockerId, target, ct)) return BlockError.None;
        db.UserBlocks.Add(new UserBlock { BlockerId = blockerId, BlockedId = target, CreatedAt = clock.GetUtcNow().UtcDateTime });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // A second tap at the same moment wrote it first: blocked either way.
            db.ChangeTracker.Clear();
        }
        return BlockError.None;
    }

    public Task<bool> IsBlockedAsync(Guid blockerId, Guid blockedId, CancellationToken ct) =>
        db.UserBlocks.AnyAsync(b => b.BlockerId == blockerId && b.BlockedId == blockedId, ct);

    public async Task<IReadOnlyList<UserSummary>> ListAsync(Guid blockerId, CancellationToken ct)
    {
        var rows = await db.UserBlocks.AsNoTracking().Where(b => b.BlockerId == blockerId)
            .OrderByDescending(b => b.CreatedAt).Take(ListMax)
            .Join(db.Users, b => b.BlockedId, u => u.Id, (b, u) => new { b.CreatedAt, u.Id, u.UserName, u.DisplayName, u.Kind, u.IsVerified, u.AvatarKey })
            .OrderByDescending(x => x.CreatedAt)
            .ToListAsync(ct);
        return [.. rows.Select(r => new UserSummary(r.Id, r.UserName!, r.DisplayName, r.Kind, r.IsVerified, avatars.For(r.AvatarKey)))];
    }
}
