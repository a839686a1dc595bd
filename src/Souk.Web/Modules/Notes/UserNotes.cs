using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Souk.Web.Common;
using Souk.Web.Data;
using Souk.Web.Modules.Accounts;

namespace Souk.Web.Modules.Notes;

/// <summary>
/// GET /api/v1/users/{handle}/notes?cursor=: a person's notes, newest first. GET /api/v1/me/sponsored-notes: the notes that
/// name the signed-in account as their sponsor, so a brand sees every disclosure about it.
/// </summary>
public static class UserNotes
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/users/{handle}/notes", ByAuthor).WithTags("Notes").AllowAnonymous();
        api.MapGet("/me/sponsored-notes", Sponsored).WithTags("Notes").RequireAuthorization();
    }

    static async Task<Results<Ok<Page<NoteCard>>, ValidationProblem, ProblemHttpResult>> ByAuthor(
        string handle, string? cursor, int? limit, SoukDb db, NoteReader reader, HttpContext http, CancellationToken ct)
    {
        if (!Cursor.TryDecode(cursor, out var before)) return Problems.Field("cursor", "The cursor is not valid.");
        if (handle.Length > AccountRules.HandleMax) return Problems.NotFound($"No user @{handle}.");
        var normalized = AccountRules.NormalizeHandle(handle);
        var authorId = await db.Users.Where(u => u.NormalizedUserName == normalized).Select(u => (Guid?)u.Id).FirstOrDefaultAsync(ct);
        if (authorId is not { } author) return Problems.NotFound($"No user @{handle}.");
        return TypedResults.Ok(await reader.ByAuthorAsync(author, before, Cursor.ClampLimit(limit), Profile.BaseUrl(http.Request), ct));
    }

    static async Task<Results<Ok<Page<NoteCard>>, ValidationProblem>> Sponsored(
        string? cursor, int? limit, CurrentUser current, NoteReader reader, HttpContext http, CancellationToken ct)
    {
        if (!Cursor.TryDecode(cursor, out var before)) return Problems.Field("cursor", "The cursor is not valid.");
        return TypedResults.Ok(await reader.SponsoredByAsync(current.RequiredId, before, Cursor.ClampLimit(limit), Profile.BaseUrl(http.Request), ct));
    }
}
