using Microsoft.AspNetCore.Http.HttpResults;
using Souk.Web.Common;
using Souk.Web.Modules.Accounts;

namespace Souk.Web.Modules.Notes;

/// <summary>PATCH /api/v1/notes/{id}: the author changes what they send; 403 for anyone else, and nothing changes on a 400.</summary>
public static class UpdateNote
{
    public static void Map(RouteGroupBuilder notes) =>
        notes.MapPatch("/{id:long}", Handle).RequireAuthorization();

    static async Task<Results<Ok<NoteResponse>, ValidationProblem, ProblemHttpResult>> Handle(
        long id, NoteRequest req, CurrentUser current, NoteService notes, NoteReader reader, HttpContext http, CancellationToken ct)
    {
        var outcome = await notes.UpdateAsync(id, current.RequiredId, req, ct);
        return outcome.Failure switch
        {
            NoteFailure.None => TypedResults.Ok((await reader.ReadAsync(id, current.Id, Profile.BaseUrl(http.Request), ct))!),
            NoteFailure.Invalid => TypedResults.ValidationProblem(outcome.Errors!),
            NoteFailure.Forbidden => NoteResults.Forbidden(),
            _ => NoteResults.NotFound(id),
        };
    }
}
