using System.Globalization;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.Localization;

namespace Souk.Web.Common;

/// <summary>The five languages of Souk. The choice lives in the standard culture cookie.</summary>
public static class Localization
{
    public static readonly (string Name, string NativeName)[] Cultures =
    [
        ("en", "English"),
        ("zh-Hant-HK", "繁體中文（香港）"),
        ("zh-Hans-CN", "简体中文"),
        ("it", "Italiano"),
        ("ru", "Русский"),
    ];

    public static IEnumerable<string> CultureNames => Cultures.Select(c => c.Name);

    public static bool IsSupported(string? name) =>
        name is not null && Cultures.Any(c => string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase));

    public static IServiceCollection AddSoukLocalization(this IServiceCollection services)
    {
        services.AddLocalization(o => o.ResourcesPath = "Resources");
        services.Configure<RequestLocalizationOptions>(o =>
        {
            var cultures = CultureNames.Select(CultureInfo.GetCultureInfo).ToList();
            o.DefaultRequestCulture = new RequestCulture("en");
            o.SupportedCultures = cultures;
            o.SupportedUICultures = cultures;
            o.FallBackToParentCultures = true;
            o.FallBackToParentUICultures = true;
            // Cookie first (an explicit choice), then the browser's Accept-Language; ?culture= for sharing a link.
            o.RequestCultureProviders =
            [
                new QueryStringRequestCultureProvider(),
                new CookieRequestCultureProvider(),
                new AcceptLanguageHeaderRequestCultureProvider(),
            ];
        });
        return services;
    }

    /// <summary>
    /// Answers an API refusal in the request's language (the culture cookie, else Accept-Language: the same rule as pages):
    /// a detail or a field message that is a key of the shared resources (the English sentence itself, the convention the
    /// pages use for service messages) is replaced by its translation. Messages built with ids or names stay English;
    /// clients also get the field names and status to act on.
    /// </summary>
    public static void TranslateProblem(ProblemDetailsContext context)
    {
        if (CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en") return;
        var strings = context.HttpContext.RequestServices.GetRequiredService<IStringLocalizer<SharedResource>>();
        string Translate(string message) => strings[message] is { ResourceNotFound: false } found ? found.Value : message;
        if (context.ProblemDetails.Detail is { } detail) context.ProblemDetails.Detail = Translate(detail);
        if (context.ProblemDetails is HttpValidationProblemDetails validation)
            foreach (var (field, messages) in validation.Errors.ToList())
                validation.Errors[field] = Array.ConvertAll(messages, Translate);
    }

    public static void MapCulturePicker(this IEndpointRouteBuilder app) =>
        app.MapGet("/culture/{culture}", (string culture, string? returnUrl, HttpContext http) =>
        {
            if (!IsSupported(culture)) return Results.NotFound();
            var name = Cultures.First(c => string.Equals(c.Name, culture, StringComparison.OrdinalIgnoreCase)).Name;
            http.Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(name)),
                new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, SameSite = SameSiteMode.Lax, HttpOnly = false });
            var target = !string.IsNullOrEmpty(returnUrl) && Uri.IsWellFormedUriString(returnUrl, UriKind.Relative) && returnUrl.StartsWith('/') && !returnUrl.StartsWith("//", StringComparison.Ordinal)
                ? returnUrl : "/";
            return Results.LocalRedirect(target);
        }).ExcludeFromDescription();
}
