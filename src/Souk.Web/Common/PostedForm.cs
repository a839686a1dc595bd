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

    /// <summary>The id of the posted form when it is one of a list's per-row forms, named "{prefix}-{id}"; else null.</summary>
    public static long? RowId(HttpContext http, string prefix) =>
        Name(http) is { } name && name.Length > prefix.Length + 1 && name.StartsWith(prefix, StringComparison.Ordinal) && name[prefix.Length] == '-'
        && long.TryParse(name.AsSpan(prefix.Length + 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id)
            ? id : null;

    /// <summary>
    /// One per page: whether a posted form must still be rendered for its handler to run. It stops once the handler has
    /// run, so the page rendered after the handler shows only the forms its state allows.
    /// </summary>
    public sealed class Gate
    {
        bool handled;

        /// <summary>Whether this request posts <paramref name="formName"/> and its handler has not run yet.</summary>
        public bool Awaits(HttpContext http, string formName) => !handled && Is(http, formName);

        /// <summary>Call first thing in each gated form's handler.</summary>
        public void Handled() => handled = true;
    }
}
