using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Souk.Web.Common;
using Souk.Web.Data;

namespace Souk.Web.Modules.Accounts;

public sealed record AdminUserRow(Guid Id, string Handle, string Email, string DisplayName, AccountKind Kind, bool IsVerified, int FollowersCount, DateTime JoinedAt);

/// <summary>Operator tools: list users, grant or remove the verified badge, create operators from the CLI.</summary>
public static class Operators
{
    public const string Policy = "operator";

    public static void Map(RouteGroupBuilder api)
    {
        var admin = api.MapGroup("/admin").WithTags("Operators").RequireAuthorization(Policy);
        admin.MapGet("/users", ListUsers);
        admin.MapPut("/users/{handle}/verified", (string handle, OperatorActions actions, CancellationToken ct) => SetVerified(handle, true, actions, ct));
        admin.MapDelete("/users/{handle}/verified", (string handle, OperatorActions actions, CancellationToken ct) => SetVerified(handle, false, actions, ct));
    }

    static async Task<Results<Ok<Page<AdminUserRow>>, ValidationProblem>> ListUsers(string? q, string? cursor, int? limit, OperatorActions actions, CancellationToken ct)
    {
        if (!Cursor.TryDecode(cursor, out var after)) return Problems.Field("cursor", "The cursor is not valid.");
        return TypedResults.Ok(await actions.ListAsync(q, after, Cursor.ClampLimit(limit), ct));
    }

    static async Task<Results<NoContent, ProblemHttpResult>> SetVerified(string handle, bool verified, OperatorActions actions, CancellationToken ct) =>
        await actions.SetVerifiedAsync(handle, verified, ct) ? TypedResults.NoContent() : Problems.NotFound($"No user @{handle}.");
}

public sealed class OperatorActions(SoukDb db, UserManager<SoukUser> users, ProfileCache profiles, ILogger<OperatorActions> log)
{
    /// <summary>Newest first; q matches the start of a handle or an exact email.</summary>
    public async Task<Page<AdminUserRow>> ListAsync(string? q, long? beforeTicks, int take, CancellationToken ct)
    {
        var query = db.Users.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(q))
        {
            var upper = q.Trim().TrimStart('@').ToUpperInvariant();
            query = query.Where(u => u.NormalizedUserName!.StartsWith(upper) || u.NormalizedEmail == upper);
        }
        if (beforeTicks is { } t)
        {
            var before = new DateTime(t, DateTimeKind.Utc);
            query = query.Where(u => u.CreatedAt < before);
        }
        var rows = await query.OrderByDescending(u => u.CreatedAt).Take(take + 1)
            .Select(u => new AdminUserRow(u.Id, u.UserName!, u.Email!, u.DisplayName, u.Kind, u.IsVerified, u.FollowersCount, u.CreatedAt))
            .ToListAsync(ct);
        var next = rows.Count > take ? Cursor.Encode(rows[take - 1].JoinedAt.Ticks) : null;
        return new Page<AdminUserRow>(rows.Take(take).ToList(), next);
    }

    public async Task<bool> SetVerifiedAsync(string handle, bool verified, CancellationToken ct)
    {
        var normalized = AccountRules.NormalizeHandle(handle);
        var changed = await db.Users.Where(u => u.NormalizedUserName == normalized)
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.IsVerified, verified), ct);
        await profiles.ForgetAsync(normalized);
        if (changed > 0) log.LogInformation("Verified badge of @{Handle} set to {Verified}", handle, verified);
        return changed > 0;
    }

    /// <summary>Makes an operator: creates the account if needed, then adds the role.</summary>
    public async Task<(bool Ok, string Message)> CreateOperatorAsync(AccountService accounts, string email, string password, string handle, CancellationToken ct)
    {
        var user = await users.FindByEmailAsync(email);
        if (user is null)
        {
            var created = await accounts.RegisterAsync(email, password, handle, handle, ct);
            if (created.User is null)
                return (false, created.Conflict?.Message ?? string.Join(" ", created.Errors!.SelectMany(e => e.Value)));
            user = created.User;
        }
        if (!await users.IsInRoleAsync(user, CurrentUser.OperatorRole))
        {
            var added = await users.AddToRoleAsync(user, CurrentUser.OperatorRole);
            if (!added.Succeeded) return (false, string.Join(" ", added.Errors.Select(e => e.Description)));
        }
        return (true, $"@{user.UserName} ({user.Email}) is an operator.");
    }
}
