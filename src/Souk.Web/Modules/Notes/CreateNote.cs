using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Souk.Web.Common;
using Souk.Web.Modules.Accounts;

namespace Souk.Web.Modules.Notes;

/// <summary>POST /api/v1/notes: photos first (POST /media), then this; 201 with the note, or 400 and nothing written.</summary>
public static class CreateNote
{
    public static void Map(RouteGroupBuilder notes) =>
        notes.MapPost("", Handle).RequireAuthorization();

    static async Task<Results<Created<NoteResponse>, ValidationProblem>> Handle(
        NoteRequest req, CurrentUser current, NoteService notes, NoteReader reader, HttpContext http, CancellationToken ct)
    {
        var outcome = await notes.CreateAsync(current.RequiredId, req, CultureInfo.CurrentUICulture.Name, ct);
        if (outcome.Failure != NoteFailure.None) return TypedResults.ValidationProblem(outcome.Errors!);
        var body = await reader.ReadAsync(outcome.Id, current.Id, Profile.BaseUrl(http.Request), ct);
        return TypedResults.Created($"/api/v1/notes/{outcome.Id}", body!);
    }
}
