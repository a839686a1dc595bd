using System.Globalization;
using System.Text.Json;
using Souk.Web.Common;
using Souk.Web.Modules.Accounts;
using Souk.Web.Modules.Catalog;
using Souk.Web.Modules.Catalog.Pages;

namespace Souk.Tests.Catalog;

/// <summary>The sell form's parsing and wording, without a server: prices as people type them, districts, default currencies.</summary>
public sealed class ListingFormTests
{
    [Theory]
    [InlineData("120", "HKD", "en", 12000)]
    [InlineData("99.50", "HKD", "en", 9950)]
    [InlineData("1,200.50", "USD", "en", 120050)]
    [InlineData("1,200", "USD", "en", 120000)]
    [InlineData("HK$ 980", "HKD", "zh-Hant-HK", 98000)]
    [InlineData("99,50", "EUR", "it", 9950)]
    [InlineData("99.50", "EUR", "it", 9950)]      // two decimals: a decimal point, whatever the language
    [InlineData("1.200", "EUR", "it", 120000)]    // three digits after the point: Italian grouping
    [InlineData("1.200,50", "EUR", "it", 120050)]
    [InlineData("3 500", "RUB", "ru", 350000)]
    [InlineData("3\u00A0500,5", "RUB", "ru", 350050)]
    [InlineData("1500", "JPY", "en", 1500)]
    public void Prices_parse_as_people_type_them(string text, string currency, string culture, long expected)
    {
        var problem = ListingForm.ParseAmount(text, currency, CultureInfo.GetCultureInfo(culture), out var minor);

        Assert.Null(problem);
        Assert.Equal(expected, minor);
    }

    [Theory]
    [InlineData("abc", ListingForm.PriceFormat)]
    [InlineData("1,2,3.4.5", ListingForm.PriceFormat)]
    [InlineData("12.345", ListingForm.PriceDecimals)] // "12.345" in English is twelve and a bit: too many decimals for HKD
    [InlineData("0.001", ListingForm.PriceDecimals)]
    public void Unreadable_prices_say_why(string text, string expected)
    {
        Assert.Equal(expected, ListingForm.ParseAmount(text, "HKD", CultureInfo.GetCultureInfo("en"), out _));
    }

    [Fact]
    public void Yen_has_no_decimals()
    {
        Assert.Equal(ListingForm.PriceDecimals, ListingForm.ParseAmount("99.5", "JPY", CultureInfo.GetCultureInfo("en"), out _));
    }

    [Theory]
    [InlineData("Mong Kok", "mong-kok")]
    [InlineData("旺角 Mong Kok", "mong-kok")]
    [InlineData("mong kok, hong kong", "mong-kok")]
    [InlineData("香港旺角", "mong-kok")]
    [InlineData("Brera, Milano", "brera")]
    [InlineData("Тверской, Москва", "tverskoy")]
    [InlineData("徐汇区，上海", "xuhui")]
    public void Districts_are_found_in_any_language_and_inside_labels(string typed, string key)
    {
        Assert.Equal(key, Districts.Find(typed)?.Key);
    }

    [Theory]
    [InlineData("")]
    [InlineData("Atlantis")]
    [InlineData("North London")]
    public void Unknown_districts_are_not_guessed(string typed)
    {
        Assert.Null(Districts.Find(typed));
    }

    [Fact]
    public void Every_district_label_finds_its_district_and_its_centre_is_rounded()
    {
        foreach (var d in Districts.All)
        {
            Assert.Equal(Listing.RoundCoordinate(d.Lat), d.Lat);
            Assert.Equal(Listing.RoundCoordinate(d.Lng), d.Lng);
            foreach (var (culture, _) in Souk.Web.Common.Localization.Cultures)
                Assert.Same(d, Districts.Find(d.Label(CultureInfo.GetCultureInfo(culture))));
        }
    }

    [Theory]
    [InlineData(null, "en", "USD")]
    [InlineData("en-US,en;q=0.9", "en", "USD")]
    [InlineData("en-GB,en;q=0.9", "en", "GBP")]
    [InlineData("en-HK", "en", "HKD")]
    [InlineData("fr-CH", "en", "USD")] // CHF is not traded here: fall back to the UI language's
    [InlineData("zh-HK", "zh-Hant-HK", "HKD")]
    [InlineData(null, "zh-Hant-HK", "HKD")]
    [InlineData(null, "zh-Hans-CN", "CNY")]
    [InlineData("it-IT", "it", "EUR")]
    [InlineData(null, "ru", "RUB")]
    [InlineData("garbage;;", "it", "EUR")]
    public void The_default_currency_follows_the_browser_region_then_the_language(string? acceptLanguage, string ui, string expected)
    {
        Assert.Equal(expected, ListingForm.CurrencyFor(acceptLanguage, CultureInfo.GetCultureInfo(ui)));
    }

    [Fact]
    public void Every_rule_error_becomes_a_sentence_the_form_can_show()
    {
        var index = new CategoryIndex([
            new CategoryEntry(1, "electronics", null, 0, new Dictionary<string, string> { ["en"] = "Electronics" }),
            new CategoryEntry(101, "cameras", 1, 0, new Dictionary<string, string> { ["en"] = "Cameras" }),
        ]);
        var photo = Guid.NewGuid();
        ListingRequest[] requests =
        [
            new(null, null, null, null, null, null, null, null),
            new("", new string('d', Listing.DescriptionMax + 1), new MoneyInput(0, "HKD"), "mint", "nope", [], new DeliveryInput(null, null), new LocationInput("", null, null)),
            new(new string('t', Listing.TitleMax + 1), "a\u0001b", new MoneyInput(long.MaxValue / 4, "HKD"), "good", "electronics", [photo, photo],
                new DeliveryInput(new MeetUpInput(""), new ShippingInput(new MoneyInput(-1, "HKD"))), new LocationInput("x", 91, 181)),
            new("a\u0007b", null, new MoneyInput(100, "XXX"), "good", "cameras", [.. Enumerable.Range(0, 11).Select(_ => Guid.NewGuid())],
                new DeliveryInput(null, new ShippingInput(null)), new LocationInput(new string('d', Listing.DistrictMax + 1), 0, 0)),
            new("ok", null, new MoneyInput(100, "HKD"), "good", "cameras", [photo],
                new DeliveryInput(null, new ShippingInput(new MoneyInput(long.MaxValue / 4, "EUR"))), new LocationInput("x", 0, 0)),
            new("ok", null, new MoneyInput(null, "HKD"), "good", "cameras", [photo],
                new DeliveryInput(null, new ShippingInput(new MoneyInput(null, "HKD"))), new LocationInput("x", 0, 0)),
        ];
        var shown = new HashSet<string>(ListingForm.PageMessages);
        var fields = new HashSet<string> { "title", "description", "price", "condition", "category", "photos", "delivery", "meetUpPlace", "shippingFee", "district" };
        foreach (var request in requests)
        {
            var errors = ListingRules.Apply(request, new ListingDraft(), index, create: true);
            Assert.NotEmpty(errors);
            foreach (var (field, messages) in ListingForm.ToPage(errors))
            {
                Assert.Contains(field, fields);
                Assert.All(messages, m => Assert.True(shown.Contains(m), $"'{m}' ({field}) is not a sentence the form shows; from {JsonSerializer.Serialize(errors)}"));
            }
        }
    }
}
