using Microsoft.AspNetCore.Http.HttpResults;
using Souk.Web.Common;

namespace Souk.Web.Modules.Notes;

/// <summary>DELETE /api/v1/notes/{id}: the author (or an operator) deletes the note with its likes, saves, comments and tags.</summary>
public static class DeleteNote
{
    public static void Map(RouteGroupBuilder notes) =>
        notes.MapDelete("/{id:long}", Handle).RequireAuthorization();

    static async Task<Results<NoContent, ProblemHttpResult>> Handle(long id, CurrentUser current, NoteService notes, CancellationToken ct) =>
        await notes.DeleteAsync(id, current.RequiredId, current.IsOperator, ct) switch
        {
            NoteFailure.None => TypedResults.NoContent(),
            NoteFailure.Forbidden => NoteResults.Forbidden(),
            _ => NoteResults.NotFound(id),
        };
}
