using System.Collections;
using System.Globalization;
using System.Resources;
using System.Text.RegularExpressions;
using Souk.Web;
using Souk.Web.Modules.Accounts;

namespace Souk.Tests.Localization;

/// <summary>
/// Every UI string exists in English and in each of the other four languages, placeholders survive
/// translation, and every literal L["..."] key used in a Razor file is defined.
/// </summary>
public sealed partial class ResourceCompletenessTests
{
    const string BaseName = "Souk.Web.Resources.SharedResource";

    public static TheoryData<string> Cultures => new() { "zh-Hant-HK", "zh-Hans-CN", "it", "ru" };

    static readonly ResourceManager Resources = new(BaseName, typeof(SharedResource).Assembly);

    [GeneratedRegex(@"\{\d+\}")]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"\bL\[""([^""]+)""")]
    private static partial Regex LiteralKey();

    static Dictionary<string, string> Entries(CultureInfo culture)
    {
        var set = Resources.GetResourceSet(culture, createIfNotExists: true, tryParents: false)
            ?? throw new Xunit.Sdk.XunitException($"No resources for culture '{culture.Name}'.");
        var entries = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (DictionaryEntry e in set)
        {
            entries[(string)e.Key] = e.Value as string ?? "";
        }
        return entries;
    }

    static Dictionary<string, string> Neutral() => Entries(CultureInfo.InvariantCulture);

    static string[] Placeholders(string value) =>
        Placeholder().Matches(value).Select(m => m.Value).Distinct().Order(StringComparer.Ordinal).ToArray();

    [Fact]
    public void Neutral_resources_are_embedded_in_the_main_assembly()
    {
        Assert.Contains(BaseName + ".resources", typeof(SharedResource).Assembly.GetManifestResourceNames());
        var neutral = Neutral();
        Assert.True(neutral.Count >= 100, $"Only {neutral.Count} neutral strings.");
        Assert.All(neutral, e => Assert.False(string.IsNullOrWhiteSpace(e.Value), $"'{e.Key}' is empty in English."));
    }

    [Theory]
    [MemberData(nameof(Cultures))]
    public void Every_key_is_translated(string cultureName)
    {
        var neutral = Neutral();
        var translated = Entries(CultureInfo.GetCultureInfo(cultureName));

        var missing = neutral.Keys.Where(k => !translated.TryGetValue(k, out var v) || string.IsNullOrWhiteSpace(v)).ToList();
        Assert.True(missing.Count == 0, $"{cultureName} is missing: {string.Join(", ", missing)}");

        var extra = translated.Keys.Except(neutral.Keys, StringComparer.Ordinal).ToList();
        Assert.True(extra.Count == 0, $"{cultureName} has keys the neutral file lacks: {string.Join(", ", extra)}");
    }

    [Theory]
    [MemberData(nameof(Cultures))]
    public void Placeholders_are_kept(string cultureName)
    {
        var translated = Entries(CultureInfo.GetCultureInfo(cultureName));
        var broken = Neutral()
            .Where(e => translated.ContainsKey(e.Key) && !Placeholders(e.Value).SequenceEqual(Placeholders(translated[e.Key])))
            .Select(e => e.Key)
            .ToList();
        Assert.True(broken.Count == 0, $"{cultureName} changes the {{0}} placeholders of: {string.Join(", ", broken)}");
    }

    [Theory]
    [MemberData(nameof(Cultures))]
    public void Format_strings_format(string cultureName)
    {
        var culture = CultureInfo.GetCultureInfo(cultureName);
        foreach (var (key, value) in Entries(culture).Where(e => e.Value.Contains("{0}", StringComparison.Ordinal)))
        {
            // As many arguments as the string has placeholders ("{0}, photo {1} of {2}"), each one distinct.
            var count = Placeholders(value).Length;
            var args = Enumerable.Range(0, count).Select(i => (object)$"X{i}Y").ToArray();
            var formatted = string.Format(culture, value, args);
            for (var i = 0; i < count; i++)
                Assert.True(formatted.Contains($"X{i}Y", StringComparison.Ordinal), $"{cultureName} '{key}' drops its argument {{{i}}}.");
        }
    }

    [Fact]
    public void Every_literal_key_in_the_Razor_files_exists()
    {
        var root = RepositoryRoot();
        var web = Path.Combine(root, "src", "Souk.Web");
        var razor = Directory.EnumerateFiles(web, "*.razor", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                     && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .ToList();
        Assert.NotEmpty(razor);

        var used = razor
            .SelectMany(f => LiteralKey().Matches(File.ReadAllText(f)).Select(m => (Key: m.Groups[1].Value, File: Path.GetRelativePath(web, f))))
            .ToList();
        Assert.True(used.Count > 50, $"Found only {used.Count} localizer keys; is the pattern still right?");

        var neutral = Neutral();
        var missing = used.Where(u => !neutral.ContainsKey(u.Key)).Select(u => $"{u.Key} ({u.File})").Distinct().ToList();
        Assert.True(missing.Count == 0, $"Keys used in Razor files but missing from SharedResource.resx: {string.Join(", ", missing)}");
    }

    [Fact]
    public async Task Messages_the_pages_show_by_their_English_text_are_keys()
    {
        // FieldError and the sign-in/sign-up alerts look these sentences up as keys, so a reworded rule
        // must be reworded in the .resx files too.
        var validator = new CommonPasswordValidator();
        var user = new SoukUser { UserName = "amy_hk", Email = "amy@example.com", DisplayName = "Amy" };
        async Task<string> PasswordError(string password) =>
            (await validator.ValidateAsync(null!, user, password)).Errors.Single().Description;

        var messages = new List<string?>
        {
            AccountRules.CheckHandle(""),
            AccountRules.CheckHandle("a!"),
            AccountRules.CheckHandle("admin"),
            AccountRules.CheckDisplayName(" "),
            AccountRules.CheckDisplayName(new string('a', SoukUser.DisplayNameMax + 1)),
            AccountRules.CheckDisplayName("a\u0007"),
            AccountRules.CheckBio(new string('a', SoukUser.BioMax + 1)),
            await PasswordError(new string('x', AccountRules.PasswordMax + 1)),
            await PasswordError("123456789012"),
            await PasswordError("my-amy_hk-password"),
            new Microsoft.AspNetCore.Identity.IdentityErrorDescriber().PasswordTooShort(AccountRules.PasswordMin).Description,
            new Microsoft.AspNetCore.Identity.IdentityErrorDescriber().PasswordMismatch().Description,
            AuthApi.BadCredentials,
            $"The file must be at most {new AvatarOptions().MaxBytes / (1024 * 1024)} MB.",
        };
        messages.AddRange(Enum.GetValues<Souk.Web.Common.ImageFailure>()
            .Where(f => f != Souk.Web.Common.ImageFailure.None)
            .Select(f => MultipartUpload.ImageProblem(f).ProblemDetails.Detail));

        var neutral = Neutral();
        Assert.All(messages, m =>
        {
            Assert.NotNull(m);
            Assert.True(neutral.TryGetValue(m, out var english) && english == m, $"'{m}' is not a key of SharedResource.resx.");
        });
    }

    [Fact]
    public void Every_key_built_from_a_listing_enum_exists()
    {
        // L[$"Condition.{c}"], L[$"State.{s}"] and L[$"Listing.Mark.{s}"] on the listing pages and cards.
        var expected = Enum.GetValues<Souk.Web.Modules.Catalog.ListingCondition>().Select(c => $"Condition.{c}")
            .Concat(Enum.GetValues<Souk.Web.Modules.Catalog.ListingState>().SelectMany(s => new[] { $"State.{s}", $"Listing.Mark.{s}" }))
            .Concat(["Listing.ChangesSaved", "Listing.StateFailed", "Listing.YourListing", "Listing.Moderation"]);
        var neutral = Neutral();
        Assert.All(expected, key => Assert.True(neutral.ContainsKey(key), $"'{key}' is missing."));
    }

    [Fact]
    public void Messages_the_listing_forms_show_are_keys()
    {
        // The sell and edit forms show ListingRules' sentences (mapped by ListingForm.ToPage) and their own, through FieldError.
        var messages = Souk.Web.Modules.Catalog.Pages.ListingForm.PageMessages
            .Append($"The file must be at most {new Souk.Web.Modules.Catalog.MediaOptions().MaxBytes / (1024 * 1024)} MB.")
            .ToList();
        var neutral = Neutral();
        Assert.All(messages, m => Assert.True(neutral.TryGetValue(m, out var english) && english == m, $"'{m}' is not a key of SharedResource.resx."));
    }

    [Fact]
    public void Keys_the_shop_and_product_forms_show_exist()
    {
        // FieldError looks up whatever the shop and product forms put under a field; the status radios build their keys.
        var keys = Souk.Web.Modules.Catalog.Pages.ShopForm.MessageKeys
            .Concat(Souk.Web.Modules.Catalog.Pages.ProductForm.MessageKeys)
            .Concat(Enum.GetValues<Souk.Web.Modules.Catalog.ProductStatus>().SelectMany(s => new[] { $"Product.Status.{s}", $"Product.StatusHelp.{s}" }));
        var neutral = Neutral();
        Assert.All(keys, key => Assert.True(neutral.ContainsKey(key), $"'{key}' is missing."));
    }

    [GeneratedRegex(@"\bL\[\$""([^""{]*)\{[^}]+\}([^""]*)""")]
    private static partial Regex BuiltKey();

    static string[] Names<T>() where T : struct, Enum => Enum.GetNames<T>();

    /// <summary>
    /// Every L[$"Prefix.{value}Suffix"] in the Razor files, keyed "Prefix.|Suffix", with every value it can be given: an
    /// enum's members, or the strings the page passes. A new built key fails the test below until it is listed here.
    /// </summary>
    static readonly Dictionary<string, string[]> BuiltKeys = new(StringComparer.Ordinal)
    {
        ["Chat_System.|"] = Names<Souk.Web.Modules.Chat.SystemEvent>(),
        ["Chat_Preview.|"] = Names<Souk.Web.Modules.Chat.SystemEvent>(),
        ["Chat_OfferState.|"] = Names<Souk.Web.Modules.Chat.OfferState>(),
        ["TeamState.|"] = Names<Souk.Web.Modules.GroupBuys.TeamState>(),
        ["Team.Closed.|"] = ["full", "complete", "expired", "ended", "teams", "units"],
        ["OrderState.|"] = Names<Souk.Web.Modules.Orders.OrderState>(),
        ["Order.Deadline.|"] = ["Paid", "Accepted", "Shipped"],
        ["Order.Invalid.|"] = ["trackingNote", "meetUpCode", "reason", "details", "photoIds", "amount", "refundAmount", "note", "reasonText", "photoFile"],
        ["OrderEvent.|"] = Names<Souk.Web.Modules.Orders.OrderEventKind>(),
        ["DisputeState.|"] = Names<Souk.Web.Modules.Orders.DisputeState>(),
        ["DisputeReason.|"] = Names<Souk.Web.Modules.Orders.DisputeReason>(),
        ["Wallet.Payout.|"] = Names<Souk.Web.Modules.Wallet.PayoutState>(),
        ["Wallet.Kind.|"] = Names<Souk.Web.Modules.Wallet.LedgerTransactionKind>(),
        ["Engage.Kind.|"] = Names<Souk.Web.Modules.Notes.NotificationKind>(),
        ["Feed.Reason.|"] = ["followed", "popular", "fresh", "smallCreator", "hashtag", "category", "ranked"],
        ["Security.Passkey.|"] = ["added", "removed", "failed"],
        ["Condition.|"] = Names<Souk.Web.Modules.Catalog.ListingCondition>(),
        ["State.|"] = Names<Souk.Web.Modules.Catalog.ListingState>(),
        ["Listing.Mark.|"] = Names<Souk.Web.Modules.Catalog.ListingState>(),
        ["Product.Status.|"] = Names<Souk.Web.Modules.Catalog.ProductStatus>(),
        ["Product.StatusHelp.|"] = Names<Souk.Web.Modules.Catalog.ProductStatus>(),
        ["Kind.|"] = Names<AccountKind>(),
        ["Kind.|Plural"] = ["Seller", "Brand", "Creator"],
        ["Sell.KindHelp.|"] = Names<AccountKind>(),
        ["Session.|"] = Names<SessionKind>(),
    };

    [Fact]
    public void Every_key_a_Razor_file_builds_exists_for_every_value()
    {
        var web = Path.Combine(RepositoryRoot(), "src", "Souk.Web");
        var built = Directory.EnumerateFiles(web, "*.razor", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(f => BuiltKey().Matches(File.ReadAllText(f)).Select(m => (Pattern: $"{m.Groups[1].Value}|{m.Groups[2].Value}", File: Path.GetRelativePath(web, f))))
            .ToList();
        Assert.True(built.Count > 30, $"Found only {built.Count} built keys; is the pattern still right?");
        var unlisted = built.Where(b => !BuiltKeys.ContainsKey(b.Pattern)).Select(b => $"{b.Pattern} ({b.File})").Distinct().ToList();
        Assert.True(unlisted.Count == 0, $"Built keys not listed in BuiltKeys: {string.Join(", ", unlisted)}");

        var neutral = Neutral();
        var missing = BuiltKeys.SelectMany(p => p.Value.Select(v => p.Key.Replace("|", v, StringComparison.Ordinal)))
            .Where(key => !neutral.ContainsKey(key)).ToList();
        Assert.True(missing.Count == 0, $"Missing from SharedResource.resx: {string.Join(", ", missing)}");
    }

    static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Souk.slnx"))) return dir.FullName;
        }
        throw new InvalidOperationException($"Souk.slnx not found above {AppContext.BaseDirectory}.");
    }
}
