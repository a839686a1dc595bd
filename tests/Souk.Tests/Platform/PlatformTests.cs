using System.Net;
using System.Text.Json;
using Souk.Tests.Infrastructure;

namespace Souk.Tests.Platform;

/// <summary>Health probes, the OpenAPI document and its reference UI, the server-rendered pages and the QR card.</summary>
public abstract class PlatformTests(SoukAppFactory factory)
{
    [Theory]
    [InlineData("/healthz")]
    [InlineData("/readyz")]
    public async Task Probes_answer_200(string path)
    {
        using var client = factory.Anonymous();

        using var response = await client.GetAsync(path);

        await response.ShouldBeAsync(HttpStatusCode.OK);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_openapi_document_is_3_1_and_lists_the_api()
    {
        using var client = factory.Anonymous();

        using var response = await client.GetAsync("/openapi/v1.json");

        await response.ShouldBeAsync(HttpStatusCode.OK);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var doc = await response.JsonAsync();
        Assert.StartsWith("3.1.", doc.GetProperty("openapi").GetString(), StringComparison.Ordinal);
        var paths = doc.GetProperty("paths");
        Assert.True(paths.TryGetProperty("/api/v1/auth/login", out var login) && login.TryGetProperty("post", out _), "login missing");
        Assert.True(paths.TryGetProperty("/api/v1/users/{handle}/follow", out var follow), "follow missing");
        Assert.True(follow.TryGetProperty("put", out _) && follow.TryGetProperty("delete", out _));
        Assert.True(paths.TryGetProperty("/api/v1/me", out _));
        Assert.DoesNotContain(paths.EnumerateObject(), p => p.Name.StartsWith("/culture", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_api_reference_page_answers()
    {
        using var client = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = true, HandleCookies = false });

        using var response = await client.GetAsync("/api/docs");

        await response.ShouldBeAsync(HttpStatusCode.OK);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("scalar", await response.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/signin")]
    [InlineData("/signup")]
    [InlineData("/discover")]
    [InlineData("/listings")]
    [InlineData("/c")]
    [InlineData("/c/cameras")]
    public async Task Pages_render_html_with_open_graph_tags(string path)
    {
        using var client = factory.Anonymous();

        using var response = await client.GetAsync(path);

        await response.ShouldBeAsync(HttpStatusCode.OK);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("og:title", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_profile_page_renders_the_person()
    {
        var account = await factory.RegisterAsync();
        using var client = factory.Anonymous();

        using var response = await client.GetAsync($"/u/{account.Handle}");

        await response.ShouldBeAsync(HttpStatusCode.OK);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("og:title", html, StringComparison.Ordinal);
        Assert.Contains(account.DisplayName, html, StringComparison.Ordinal);
        Assert.Contains("@" + account.Handle, html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_profile_page_is_404_html()
    {
        using var client = factory.Anonymous();

        using var response = await client.GetAsync("/u/nobody");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("og:title", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Me_without_a_cookie_redirects_to_signin()
    {
        using var client = factory.Anonymous();

        using var response = await client.GetAsync("/me");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!;
        var path = location.IsAbsoluteUri ? location.AbsolutePath : location.OriginalString.Split('?')[0];
        Assert.Equal("/signin", path);
    }

    [Fact]
    public async Task The_culture_picker_sets_the_cookie_and_goes_back()
    {
        using var client = factory.Anonymous();

        using var response = await client.GetAsync("/culture/it?returnUrl=/signin");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/signin", response.Headers.Location?.OriginalString);
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith(".AspNetCore.Culture=", StringComparison.Ordinal));
        Assert.Contains("c%3Dit%7Cuic%3Dit", cookie, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://evil.example/")]
    [InlineData("//evil.example/")]
    public async Task The_culture_picker_never_redirects_off_site(string returnUrl)
    {
        using var client = factory.Anonymous();

        using var response = await client.GetAsync($"/culture/ru?returnUrl={Uri.EscapeDataString(returnUrl)}");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task A_qr_card_is_svg_and_unknown_handles_are_404()
    {
        var account = await factory.RegisterAsync();
        using var client = factory.Anonymous();

        using var qr = await client.GetAsync($"/users/{account.Handle}/qr.svg");
        using var missing = await client.GetAsync($"/users/{Api.NewHandle("ghost")}/qr.svg");

        await qr.ShouldBeAsync(HttpStatusCode.OK);
        Assert.Equal("image/svg+xml", qr.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<svg", await qr.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await missing.ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }
}

public sealed class SqlitePlatformTests(SqliteAppFactory factory) : PlatformTests(factory), IClassFixture<SqliteAppFactory>;

public sealed class PostgresPlatformTests(PostgresAppFactory factory) : PlatformTests(factory), IClassFixture<PostgresAppFactory>;
