using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Souk.Tests.Infrastructure;

namespace Souk.Tests.Catalog;

/// <summary>
/// Reading and posting the server-rendered pages as a browser without JavaScript would: GET a page, read its meta tags and
/// JSON-LD, and post a Blazor form (its handler name, the antiforgery token, fields and files) as multipart/form-data.
/// </summary>
public static partial class PageTesting
{
    [GeneratedRegex("""<script type="application/ld\+json">(.*?)</script>""", RegexOptions.Singleline)]
    public static partial Regex JsonLdScript();

    [GeneratedRegex("""<meta (?:property|name)="([^"]+)" content="([^"]*)"\s*/?>""")]
    private static partial Regex MetaTag();

    [GeneratedRegex(@"<input[^>]*name=""__RequestVerificationToken""[^>]*value=""([^""]+)""|<input[^>]*value=""([^""]+)""[^>]*name=""__RequestVerificationToken""")]
    private static partial Regex AntiforgeryInput();

    public static async Task<string> PageAsync(this HttpClient client, string path, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var response = await client.GetAsync(path);
        await response.ShouldBeAsync(expected);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadAsStringAsync();
    }

    public static Dictionary<string, string> Meta(string html) =>
        MetaTag().Matches(html).GroupBy(m => m.Groups[1].Value).ToDictionary(g => g.Key, g => WebUtility.HtmlDecode(g.First().Groups[2].Value));

    /// <summary>A browser-like client for one person: their bearer token (the pages accept it too) and a cookie jar for antiforgery.</summary>
    public static HttpClient Browser(this SoukAppFactory factory, Session session, string? acceptLanguage = null)
    {
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", session.Tokens.AccessToken);
        if (acceptLanguage is not null) client.DefaultRequestHeaders.AcceptLanguage.ParseAdd(acceptLanguage);
        return client;
    }

    public static string Antiforgery(string html)
    {
        var match = AntiforgeryInput().Match(html);
        Assert.True(match.Success, "no antiforgery token on the page");
        return WebUtility.HtmlDecode(match.Groups[1].Success ? match.Groups[1].Value : match.Groups[2].Value);
    }

    /// <summary>Posts a Blazor form (its _handler name, the antiforgery token, the fields) as multipart/form-data.</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(this HttpClient client, string path, string formName, string pageHtml,
        IEnumerable<(string Name, string Value)> fields, IEnumerable<(string Name, byte[] Bytes)>? files = null)
    {
        var form = new MultipartFormDataContent
        {
            { new StringContent(formName), "_handler" },
            { new StringContent(Antiforgery(pageHtml)), "__RequestVerificationToken" },
        };
        foreach (var (name, value) in fields) form.Add(new StringContent(value), name);
        foreach (var (name, bytes) in files ?? [])
        {
            var file = new ByteArrayContent(bytes);
            file.Headers.ContentType = new MediaTypeHeaderValue("image/png");
            form.Add(file, name, "photo.png");
        }
        return await client.PostAsync(path, form);
    }

    public static string LocationPath(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!;
        return location.IsAbsoluteUri ? location.PathAndQuery : location.OriginalString;
    }
}
