using Microsoft.AspNetCore.Http.HttpResults;
using Souk.Web.Common;
using Souk.Web.Modules.Accounts;

namespace Souk.Web.Modules.Notes;

/// <summary>GET /api/v1/notes/{id}: anyone may read a note; liked and saved are filled in for a signed-in reader.</summary>
public static class GetNote
{
    public static void Map(RouteGroupBuilder notes) =>
        notes.MapGet("/{id:long}", Handle).AllowAnonymous();

    static async Task<Results<Ok<NoteResponse>, ProblemHttpResult>> Handle(long id, CurrentUser current, NoteReader reader, HttpContext http, CancellationToken ct) =>
        await reader.ReadAsync(id, current.Id, Profile.BaseUrl(http.Request), ct) is { } note ? TypedResults.Ok(note) : NoteResults.NotFound(id);
}
