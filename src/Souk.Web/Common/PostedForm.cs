namespace Souk.Web.Common;

/// <summary>
/// Blazor runs a posted form's handler only when the page renders a form of that name, and otherwise answers with its own
/// error page. A page whose forms depend on state that can change between showing a form and posting it (an order step
/// another tab or the sweeper took, a double tap, a team that filled) renders the posted form anyway, once, so its handler
/// runs and answers with the reason.
/// </summary>
public static class PostedForm
{
    /// <summary>The name of the form this request posts (Blazor's _handler field), or null.</summary>
    public static string? Name(HttpContext http) =>
        HttpMethods.IsPost(http.Request.Method) && http.Request.HasFormContentType ? http.Request.Form["_handler"].ToString() : null;

    /// <summary>Whether this request posts the form of that name.</summary>
    public static bool Is(HttpContext http, string formName) => Name(http) == formName;
}
