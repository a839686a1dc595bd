using Microsoft.AspNetCore.Http.HttpResults;
using Souk.Web.Common;

namespace Souk.Web.Modules.Notes;

/// <summary>How every note endpoint answers a refused write, so they all say it the same way.</summary>
static class NoteResults
{
    public static ProblemHttpResult NotFound(long id) => Problems.NotFound($"No note {id}.");

    public static ProblemHttpResult Forbidden() => Problems.Forbidden("Only the author can change this note.");
}

/// <summary>How every comment endpoint answers a refused write.</summary>
static class CommentResults
{
    public static ProblemHttpResult NotFound(long id) => Problems.NotFound($"No comment {id}.");

    public static ProblemHttpResult Forbidden() => Problems.Forbidden("Only the commenter, the note's author or an operator can delete this comment.");
}
