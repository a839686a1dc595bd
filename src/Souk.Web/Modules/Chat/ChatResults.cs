using Microsoft.AspNetCore.Http.HttpResults;
using Souk.Web.Common;

namespace Souk.Web.Modules.Chat;

/// <summary>How every chat endpoint answers a refusal, so they all say it the same way.</summary>
static class ChatResults
{
    /// <summary>The same answer whether the conversation does not exist or the caller is not in it: nothing leaks.</summary>
    public static ProblemHttpResult NotMember(long id) => Problems.Forbidden($"You are not a member of conversation {id}.");

    public static ProblemHttpResult Blocked() => Problems.Forbidden("You cannot message this person.");

    public static ProblemHttpResult MessageNotFound(long id) => Problems.NotFound($"No message {id}.");
}
