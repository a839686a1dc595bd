using Microsoft.AspNetCore.Http.HttpResults;
using Souk.Web.Common;

namespace Souk.Web.Modules.Notes;

/// <summary>DELETE /api/v1/comments/{id}: by the commenter, the note's author or an operator; a comment's replies go with it.</summary>
public static class DeleteComment
{
    public static void Map(RouteGroupBuilder comments) =>
        comments.MapDelete("/{id:long}", Handle).RequireAuthorization();

    static async Task<Results<NoContent, ProblemHttpResult>> Handle(long id, CurrentUser current, NoteComments comments, CancellationToken ct) =>
        await comments.DeleteAsync(id, current.RequiredId, current.IsOperator, ct) switch
        {
            NoteFailure.None => TypedResults.NoContent(),
            NoteFailure.Forbidden => CommentResults.Forbidden(),
            _ => CommentResults.NotFound(id),
        };
}
