using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Souk.BrowserTests;

/// <summary>
/// What every phone journey shares: the real app on a fresh database, Chromium at 390×844, a step log, and on failure a
/// full-page screenshot and the app's output in the message. Also the steps several journeys take (sign up, wait for a photo).
/// </summary>
public static class Journey
{
    public static Task RunAsync(Provider provider, string name, ITestOutputHelper log, Func<IPage, Action<string>, Task> journey,
        Action<BrowserNewContextOptions>? configure = null) =>
        RunAsync(provider, name, log, [configure ?? (_ => { })], (pages, step) => journey(pages[0], step));

    /// <summary>
    /// A journey of several people, each on their own phone (a browser context each, configured in order); on failure a
    /// screenshot of every page.
    /// </summary>
    public static Task RunAsync(Provider provider, string name, ITestOutputHelper log, IReadOnlyList<Action<BrowserNewContextOptions>> phones,
        Func<IReadOnlyList<IPage>, Action<string>, Task> journey) =>
        RunAsync(provider, name, log, phones, (_, pages, step) => journey(pages, step));

    /// <summary>The same, with the running app at hand (its output holds the demo accounts' password).</summary>
    public static async Task RunAsync(Provider provider, string name, ITestOutputHelper log, IReadOnlyList<Action<BrowserNewContextOptions>> phones,
        Func<SoukApp, IReadOnlyList<IPage>, Action<string>, Task> journey)
    {
        await using var app = await SoukApp.StartAsync(provider);
        var (playwright, browser) = await Browser.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        var contexts = new List<IBrowserContext>();
        var pages = new List<IPage>();
        foreach (var configure in phones)
        {
            var options = Browser.Phone(app.BaseUrl);
            configure(options);
            var context = await browser.NewContextAsync(options);
            context.SetDefaultTimeout(15_000);
            contexts.Add(context);
            pages.Add(await context.NewPageAsync());
        }
        var step = "start";
        try
        {
            await journey(app, pages, s => { step = s; log.WriteLine($"[{provider}] {s}"); });
        }
        catch (Exception e)
        {
            var shots = new List<string>();
            for (var i = 0; i < pages.Count; i++)
            {
                var shot = Path.Combine(Path.GetTempPath(), $"souk-{name}-{provider}-{(pages.Count > 1 ? $"{i + 1}-" : "")}{DateTime.UtcNow:HHmmss}.png");
                try { await pages[i].ScreenshotAsync(new PageScreenshotOptions { Path = shot, FullPage = true }); shots.Add(shot); } catch (PlaywrightException) { }
            }
            // The whole log goes to a file (start-up noise can push the failing request's error out of the tail shown here).
            var logFile = Path.Combine(Path.GetTempPath(), $"souk-{name}-{provider}-{DateTime.UtcNow:HHmmss}.log");
            await File.WriteAllTextAsync(logFile, app.Output);
            var appLog = app.Output;
            if (appLog.Length > 8000) appLog = "…" + appLog[^8000..];
            throw new Xunit.Sdk.XunitException(
                $"{name} on {provider} failed at step '{step}' ({string.Join(", ", pages.Select(p => p.Url))}); screenshot {string.Join(", ", shots)}; app log {logFile}\n{e.Message}\n--- Souk.Web output ---\n{appLog}");
        }
        finally
        {
            foreach (var context in contexts) await context.CloseAsync();
        }
    }

    /// <summary>A new account through the sign-up page; lands on the profile editor. Returns the handle.</summary>
    public static async Task<string> SignUpAsync(IPage page, string prefix)
    {
        var id = Guid.NewGuid().ToString("N")[..10];
        await page.GotoAsync("/signup");
        await page.FillAsync("#email", $"{prefix}.{id}@example.test");
        await page.FillAsync("#handle", $"{prefix}_{id}");
        await page.FillAsync("#displayName", $"{prefix} {id}");
        await page.FillAsync("#password", $"Tall-lamp-{id}-river");
        await page.ClickAsync("form:has(#password) button[type=submit]");
        await page.WaitForURLAsync(new Regex("/me/edit"));
        return $"{prefix}_{id}";
    }

    /// <summary>Signs in through the sign-in page with an email and a password.</summary>
    public static async Task SignInAsync(IPage page, string email, string password)
    {
        await page.GotoAsync("/signin");
        await page.FillAsync("#email", email);
        await page.FillAsync("#password", password);
        await page.ClickAsync("form:has(#password) button[type=submit]");
        await page.WaitForURLAsync(url => !url.Contains("/signin", StringComparison.Ordinal));
    }

    /// <summary>The demo operator's email and the password every demo account shares, from the app's start-up output.</summary>
    public static (string OperatorEmail, string Password) DemoCredentials(SoukApp app)
    {
        var match = Regex.Match(app.Output, @"Operator: (\S+) / (\S+) ");
        Assert.True(match.Success, "the demo credentials line was not in the app's output");
        return (match.Groups[1].Value, match.Groups[2].Value);
    }

    /// <summary>Waits until the image has really loaded (not just its element), and fails when it cannot.</summary>
    public static async Task WaitImageLoadedAsync(ILocator img)
    {
        await img.ScrollIntoViewIfNeededAsync();
        var handle = await img.ElementHandleAsync();
        await handle.EvaluateAsync("""
            el => el.complete && el.naturalWidth > 0 ? true : new Promise((resolve, reject) => {
              el.addEventListener('load', () => resolve(true), { once: true });
              el.addEventListener('error', () => reject(new Error('image failed to load: ' + el.currentSrc)), { once: true });
            })
            """);
        Assert.True(await handle.EvaluateAsync<int>("el => el.naturalWidth") > 0, $"image {await img.GetAttributeAsync("src")} did not load");
    }
}
