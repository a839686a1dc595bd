using Microsoft.AspNetCore.Http.HttpResults;

namespace Souk.Web.Common;

/// <summary>Problem Details (RFC 9457) shortcuts so every module answers errors the same way.</summary>
public static class Problems
{
    public static ValidationProblem Field(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] });

    public static ProblemHttpResult Conflict(string detail, string? field = null) =>
        TypedResults.Problem(detail: detail, statusCode: StatusCodes.Status409Conflict, title: "Conflict",
            extensions: field is null ? null : new Dictionary<string, object?> { ["field"] = field });

    /// <summary>A 409 whose extensions tell the client what it collided with (e.g. the listing that already exists).</summary>
    public static ProblemHttpResult ConflictWith(string detail, IDictionary<string, object?> extensions) =>
        TypedResults.Problem(detail: detail, statusCode: StatusCodes.Status409Conflict, title: "Conflict", extensions: extensions);

    public static ProblemHttpResult Forbidden(string detail) =>
        TypedResults.Problem(detail: detail, statusCode: StatusCodes.Status403Forbidden, title: "Forbidden");

    public static ProblemHttpResult NotFound(string detail) =>
        TypedResults.Problem(detail: detail, statusCode: StatusCodes.Status404NotFound, title: "Not found");

    public static ProblemHttpResult Status(int status, string title, string detail) =>
        TypedResults.Problem(detail: detail, statusCode: status, title: title);
}
