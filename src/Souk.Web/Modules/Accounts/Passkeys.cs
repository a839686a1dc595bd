using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Identity;
using Souk.Web.Common;

namespace Souk.Web.Modules.Accounts;

/// <summary>
/// Passkeys (WebAuthn) on the web pages, with .NET 10 Identity doing the ceremony checks. The browser
/// asks for options (JSON), runs navigator.credentials, and posts the result back in a normal form.
/// Sign-in by passkey still opens a server-side session like a password sign-in does.
/// </summary>
public static class Passkeys
{
    public const int MaxPerAccount = 10;

    public static void Map(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/account/passkeys").ExcludeFromDescription();
        group.MapPost("/creation-options", CreationOptions).RequireAuthorization();
        group.MapPost("/request-options", RequestOptions).AllowAnonymous();
        group.MapPost("/register", Register).RequireAuthorization();
        group.MapPost("/remove", Remove).RequireAuthorization();
        group.MapPost("/signin", SignIn).AllowAnonymous();
    }

    static async Task<IResult> CreationOptions(HttpContext http, IAntiforgery antiforgery, UserManager<SoukUser> users, SignInManager<SoukUser> signIn, CurrentUser current)
    {
        if (!await antiforgery.IsRequestValidAsync(http)) return TypedResults.Problem(statusCode: 400, title: "Bad request", detail: "The antiforgery token is missing or invalid.");
        var user = await users.FindByIdAsync(current.RequiredId.ToString());
        if (user is null) return TypedResults.Unauthorized();
        if ((await users.GetPasskeysAsync(user)).Count >= MaxPerAccount)
            return TypedResults.Problem(statusCode: 409, title: "Too many passkeys", detail: $"An account can have at most {MaxPerAccount} passkeys.");
        var json = await signIn.MakePasskeyCreationOptionsAsync(new PasskeyUserEntity { Id = user.Id.ToString(), Name = user.UserName!, DisplayName = user.DisplayName });
        return TypedResults.Content(json, "application/json");
    }

    /// <summary>Generic options (no allow-list), so the endpoint never reveals which accounts exist.</summary>
    static async Task<IResult> RequestOptions(HttpContext http, IAntiforgery antiforgery, SignInManager<SoukUser> signIn)
    {
        if (!await antiforgery.IsRequestValidAsync(http)) return TypedResults.Problem(statusCode: 400, title: "Bad request", detail: "The antiforgery token is missing or invalid.");
        return TypedResults.Content(await signIn.MakePasskeyRequestOptionsAsync(null), "application/json");
    }

    static async Task<IResult> Register(HttpContext http, IAntiforgery antiforgery, UserManager<SoukUser> users, SignInManager<SoukUser> signIn, CurrentUser current)
    {
        if (!await antiforgery.IsRequestValidAsync(http)) return TypedResults.LocalRedirect("/me/security?passkey=failed");
        var form = await http.Request.ReadFormAsync();
        var credential = form["credential"].ToString();
        var name = form["name"].ToString().Trim();
        var user = await users.FindByIdAsync(current.RequiredId.ToString());
        if (user is null || string.IsNullOrEmpty(credential)) return TypedResults.LocalRedirect("/me/security?passkey=failed");
        var attestation = await signIn.PerformPasskeyAttestationAsync(credential);
        if (!attestation.Succeeded) return TypedResults.LocalRedirect("/me/security?passkey=failed");
        attestation.Passkey.Name = string.IsNullOrEmpty(name) ? "Passkey" : name[..Math.Min(name.Length, 60)];
        var saved = await users.AddOrUpdatePasskeyAsync(user, attestation.Passkey);
        return TypedResults.LocalRedirect(saved.Succeeded ? "/me/security?passkey=added" : "/me/security?passkey=failed");
    }

    static async Task<IResult> Remove(HttpContext http, IAntiforgery antiforgery, UserManager<SoukUser> users, CurrentUser current)
    {
        if (!await antiforgery.IsRequestValidAsync(http)) return TypedResults.LocalRedirect("/me/security");
        var form = await http.Request.ReadFormAsync();
        var user = await users.FindByIdAsync(current.RequiredId.ToString());
        byte[] id;
        try
        {
            id = Convert.FromBase64String(form["id"].ToString());
        }
        catch (FormatException)
        {
            return TypedResults.LocalRedirect("/me/security");
        }
        if (user is not null) await users.RemovePasskeyAsync(user, id);
        return TypedResults.LocalRedirect("/me/security?passkey=removed");
    }

    static async Task<IResult> SignIn(HttpContext http, IAntiforgery antiforgery, SignInManager<SoukUser> signIn, UserManager<SoukUser> users, Sessions sessions)
    {
        if (!await antiforgery.IsRequestValidAsync(http)) return TypedResults.LocalRedirect("/signin?passkey=failed");
        var form = await http.Request.ReadFormAsync();
        var credential = form["credential"].ToString();
        if (string.IsNullOrEmpty(credential)) return TypedResults.LocalRedirect("/signin?passkey=failed");
        var assertion = await signIn.PerformPasskeyAssertionAsync(credential);
        if (!assertion.Succeeded || await users.IsLockedOutAsync(assertion.User)) return TypedResults.LocalRedirect("/signin?passkey=failed");
        // Keep the stored signature counter current (clone detection), then sign in with a fresh session.
        await users.AddOrUpdatePasskeyAsync(assertion.User, assertion.Passkey);
        await WebAuth.SignInCookieAsync(http, sessions, assertion.User, http.RequestAborted);
        var returnUrl = form["returnUrl"].ToString();
        return TypedResults.LocalRedirect(returnUrl.StartsWith('/') && !returnUrl.StartsWith("//", StringComparison.Ordinal) && !returnUrl.StartsWith("/\\", StringComparison.Ordinal) ? returnUrl : "/me");
    }
}
