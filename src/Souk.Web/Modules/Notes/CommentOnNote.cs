using Microsoft.AspNetCore.Http.HttpResults;
using Souk.Web.Common;

namespace Souk.Web.Modules.Notes;

/// <summary>A comment (no parentId) or a reply to a top-level comment of the same note.</summary>
public sealed record CommentRequest(string? Body, long? ParentId);

/// <summary>POST /api/v1/notes/{id}/comments: 201 with the comment as the list shows it, or 400 naming body or parentId.</summary>
public static class CommentOnNote
{
    public static void Map(RouteGroupBuilder notes) =>
        notes.MapPost("/{id:long}/comments", Handle).RequireAuthorization();

    static async Task<Results<Created<CommentResponse>, ValidationProblem, ProblemHttpResult>> Handle(
        long id, CommentRequest req, CurrentUser current, NoteComments comments, CommentReader reader, CancellationToken ct)
    {
        var outcome = await comments.AddAsync(current.RequiredId, id, req.Body, req.ParentId, ct);
        if (outcome.Failure == NoteFailure.None)
        {
            if (await reader.OneAsync(outcome.Id, current.Id, ct) is { } posted) return TypedResults.Created($"/api/v1/notes/{id}/comments", posted);
            // Deleted between its commit and this read, with its thread or its note: answer as if that deletion had come first,
            // which leaves the same state.
            outcome = req.ParentId is null ? new(NoteFailure.NotFound) : CommentOutcome.Invalid("parentId", NoteComments.ReplyToTopLevel);
        }
        return outcome.Failure == NoteFailure.Invalid ? Problems.Field(outcome.Field!, outcome.Error!) : NoteResults.NotFound(id);
    }
}
