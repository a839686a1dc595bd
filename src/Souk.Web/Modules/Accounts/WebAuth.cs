using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Souk.Web.Common;

namespace Souk.Web.Modules.Accounts;

/// <summary>Cookie sign-in for the pages: a new session per sign-in, and sign-out ends it on the server.</summary>
public static class WebAuth
{
    public static void Map(IEndpointRouteBuilder app)
    {
        // A form post (with antiforgery) so a link or image on another site cannot sign you out.
        app.MapPost("/signout", async (HttpContext http, CurrentUser current, Sessions sessions, CancellationToken ct) =>
        {
            if (current.SessionId is { } sid) await sessions.RevokeAsync(sid, ct);
            await http.SignOutAsync(IdentityConstants.ApplicationScheme);
            return TypedResults.LocalRedirect("/");
        }).ExcludeFromDescription();
    }

    public static async Task SignInCookieAsync(HttpContext http, Sessions sessions, SoukUser user, CancellationToken ct)
    {
        var principal = await sessions.StartAsync(user, SessionKind.Browser, http.Request.Headers.UserAgent, ct);
        await http.SignInAsync(IdentityConstants.ApplicationScheme, principal, new Microsoft.AspNetCore.Authentication.AuthenticationProperties { IsPersistent = true });
    }
}
