using System.Text;
using System.Text.Json;
using Microsoft.Playwright;

namespace Souk.BrowserTests;

/// <summary>
/// Debian's Chromium driven by Playwright. Never `playwright install`: no browser download is reachable here.
/// </summary>
public static class Browser
{
    public const string ChromiumPath = "/usr/bin/chromium";

    static readonly string[] Args =
    [
        "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
    ];

    public static async Task<(IPlaywright Playwright, IBrowser Browser)> LaunchAsync()
    {
        if (!File.Exists(ChromiumPath)) throw new InvalidOperationException($"{ChromiumPath} is missing: apt-get install chromium (scripts/test.sh does).");
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = Args,
            Timeout = 60_000,
        });
        return (playwright, browser);
    }

    /// <summary>An iPhone-sized touch phone (390×844).</summary>
    public static BrowserNewContextOptions Phone(string baseUrl) => new()
    {
        BaseURL = baseUrl,
        ViewportSize = new ViewportSize { Width = 390, Height = 844 },
        DeviceScaleFactor = 2,
        IsMobile = true,
        HasTouch = true,
        Locale = "en-US",
        // The service worker would cache pages between steps; the tests look at what the server says.
        ServiceWorkers = ServiceWorkerPolicy.Block,
    };

    public static BrowserNewContextOptions Desktop(string baseUrl) => new()
    {
        BaseURL = baseUrl,
        ViewportSize = new ViewportSize { Width = 1280, Height = 800 },
        Locale = "en-US",
        ServiceWorkers = ServiceWorkerPolicy.Block,
    };
}

/// <summary>axe-core, from tests/Souk.BrowserTests/node_modules (scripts/test.sh runs npm ci there).</summary>
public static class Axe
{
    static readonly Lazy<string> Source = new(() =>
    {
        var path = Path.Combine(SoukApp.RepoRoot, "tests", "Souk.BrowserTests", "node_modules", "axe-core", "axe.min.js");
        if (!File.Exists(path)) throw new InvalidOperationException($"{path} is missing: run `npm ci` in tests/Souk.BrowserTests (scripts/test.sh does).");
        return File.ReadAllText(path);
    });

    const string Run = """
        async () => {
          const result = await axe.run(document, { resultTypes: ['violations'] });
          return result.violations.map(v => ({
            id: v.id, impact: v.impact || '', help: v.help,
            targets: v.nodes.map(n => n.target.join(' ') + (n.failureSummary ? ' — ' + n.failureSummary.replace(/\s+/g, ' ') : '')),
          }));
        }
        """;

    sealed record Violation(string Id, string Impact, string Help, string[] Targets);

    /// <summary>Fails on any "serious" or "critical" violation on the page as it is now.</summary>
    public static async Task CheckAsync(IPage page, string step)
    {
        if (!await page.EvaluateAsync<bool>("() => typeof window.axe !== 'undefined'"))
            await page.AddScriptTagAsync(new PageAddScriptTagOptions { Content = Source.Value });
        var json = await page.EvaluateAsync<JsonElement>(Run);
        var violations = json.Deserialize<Violation[]>(new JsonSerializerOptions(JsonSerializerDefaults.Web)) ?? [];
        var bad = violations.Where(v => v.Impact is "serious" or "critical").ToList();
        if (bad.Count == 0) return;
        var report = new StringBuilder($"axe: {bad.Count} serious/critical violation(s) at step '{step}' ({page.Url}):\n");
        foreach (var v in bad)
        {
            report.AppendLine($"  [{v.Impact}] {v.Id}: {v.Help}");
            foreach (var t in v.Targets) report.AppendLine($"      {t}");
        }
        throw new Xunit.Sdk.XunitException(report.ToString());
    }
}
