using Microsoft.AspNetCore.Http.HttpResults;

namespace Souk.Web.Modules.Chat.Pages;

/// <summary>
/// What a chat API handler answered, for a page that calls it directly (the same rules, one implementation): the body on
/// success, or the status and the fields at fault so the page can say it in the reader's language.
/// </summary>
public sealed record ChatOutcome<T>(T? Value, int Status, IReadOnlyCollection<string> Fields) where T : class
{
    public bool Ok => Value is not null;

    public static ChatOutcome<T> From(IResult result) => result switch
    {
        Ok<T> ok => new(ok.Value, 200, []),
        Created<T> created => new(created.Value, 201, []),
        ValidationProblem invalid => new(null, 400, [.. invalid.ProblemDetails.Errors.Keys]),
        ProblemHttpResult problem => new(null, problem.StatusCode,
            problem.ProblemDetails.Extensions.TryGetValue("errors", out var e) && e is IDictionary<string, string[]> errors ? [.. errors.Keys] : []),
        _ => new(null, 500, []),
    };
}
