using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Souk.Web.Common;
using Souk.Web.Data;

namespace Souk.Web.Modules.Catalog.Pages;

/// <summary>
/// What the sell and edit forms post, as typed. Every value is a string (or a checkbox posting "true"), so nothing the
/// user types can fail Blazor's form binding; <see cref="ListingForm"/> parses and explains. No initial values here: an
/// unticked checkbox posts nothing, so a default of true would come back true. Defaults are set when the form is first shown.
/// </summary>
public sealed class ListingFormInput
{
    public string? Title { get; set; }
    public string? Price { get; set; }
    public string? Currency { get; set; }
    public string? Condition { get; set; }
    public string? Category { get; set; }
    public string? Description { get; set; }
    public bool MeetUp { get; set; }
    public string? MeetUpPlace { get; set; }
    public bool Shipping { get; set; }
    public string? ShippingFee { get; set; }
    public string? District { get; set; }
    public string? Lat { get; set; }
    public string? Lng { get; set; }
}

/// <summary>A photo already stored for this form (kept across a failed post, or the listing's current photo on edit).</summary>
public sealed record FormPhoto(Guid Id, string Thumbnail);

/// <summary>The result of a sell or edit post: the listing's id, or the field errors (English sentences, resx keys) to show.</summary>
public sealed record ListingFormOutcome(long Id, Dictionary<string, string[]>? Errors, List<FormPhoto> Photos, long? DuplicateOf = null)
{
    public bool Succeeded => Errors is null && DuplicateOf is null;
}

/// <summary>Where a listing is now (the edit form keeps its point while the district does not change).</summary>
sealed record SavedPlace(string District, double Lat, double Lng);

/// <summary>
/// The sell and edit pages' form handling, shared by both: stores the posted photos through <see cref="FormPhotos"/>,
/// turns the typed values into a <see cref="ListingRequest"/>, and lets <see cref="ListingService"/> decide. Problems come back
/// under the form's own field names, as sentences the pages localize (see <see cref="PageMessages"/>).
/// </summary>
public sealed class ListingForm(SoukDb db, FormPhotos formPhotos, ListingService listings, CategoryTree categories)
{
    /// <summary>Ten photos at the media limit (16 MiB each) and the text fields. Kestrel's default (30 MB) is too small for that.</summary>
    public const long MaxRequestBytes = Listing.PhotosMax * 16L * 1024 * 1024 + 1024 * 1024;

    // Sentences the forms show. Each is a key of SharedResource.resx (a test checks), so every language gets its own.
    public const string PriceFormat = "Enter the price as a number, like 120 or 99.50.";
    public const string PriceDecimals = "This currency does not use that many decimal places.";
    public const string PricePositive = "The price must be more than 0.";
    public const string PriceTooHigh = "That price is too high.";
    public const string FeeFormat = "Enter the shipping fee as a number (0 for free shipping).";
    public const string FeeTooHigh = "That shipping fee is too high.";
    public const string ChooseCurrency = "Choose a currency.";
    public const string ChooseCondition = "Choose the condition.";
    public const string ChooseCategory = "Choose a category.";
    public const string ChooseDistrict = "Choose a district from the list, or use your location.";
    public const string PhotosAgain = "Add the photos again.";
    public const string CheckField = "Check this field.";

    /// <summary>ListingRules' own sentences the forms show as they are.</summary>
    static readonly HashSet<string> RuleSentences =
    [
        "Title is required.",
        $"Title must be at most {Listing.TitleMax} characters.",
        "Title cannot contain control characters.",
        $"Description must be at most {Listing.DescriptionMax} characters.",
        "Description cannot contain control characters.",
        "Price is required.",
        $"Add 1 to {Listing.PhotosMax} photos.",
        "Each photo can appear only once.",
        "Offer a meet-up, shipping, or both.",
        $"Name the meet-up place (1–{Listing.PlaceMax} characters).",
        "Give the shipping fee (0 for free shipping).",
        $"Name the district (1–{Listing.DistrictMax} characters).",
    ];

    /// <summary>Every sentence a listing form can show (for the resource completeness test).</summary>
    public static IEnumerable<string> PageMessages =>
        RuleSentences.Concat([PriceFormat, PriceDecimals, PricePositive, PriceTooHigh, FeeFormat, FeeTooHigh, ChooseCurrency, ChooseCondition,
            ChooseCategory, ChooseDistrict, PhotosAgain, FormPhotos.TooManyPhotos, CheckField]);

    public async Task<ListingFormOutcome> CreateAsync(Guid sellerId, ListingFormInput input, IFormCollection form, CultureInfo culture, CancellationToken ct)
    {
        var (photos, photoErrors) = await formPhotos.CollectAsync(sellerId, form, ct);
        var (request, errors) = await ToRequestAsync(sellerId, input, photos, photoErrors, culture, null, ct);
        if (errors.Count > 0) return await InvalidAsync(request, errors, photos, create: true, ct);
        var outcome = await listings.CreateAsync(sellerId, request, ct);
        return outcome.Failure switch
        {
            ListingFailure.None => new ListingFormOutcome(outcome.Id, null, photos),
            ListingFailure.Duplicate => new ListingFormOutcome(0, null, photos, DuplicateOf: outcome.Id),
            _ => new ListingFormOutcome(0, ToPage(outcome.Errors ?? []), photos),
        };
    }

    /// <summary>Edits every field at once (the form shows them all); null when the listing is not this person's to edit.</summary>
    public async Task<ListingFormOutcome?> UpdateAsync(long id, Actor actor, ListingFormInput input, IFormCollection form, CultureInfo culture, CancellationToken ct)
    {
        var current = await db.Listings.AsNoTracking().Where(l => l.Id == id && l.SellerId == actor.Id)
            .Select(l => new SavedPlace(l.District, l.Latitude, l.Longitude)).FirstOrDefaultAsync(ct);
        if (current is null) return null;
        var (photos, photoErrors) = await formPhotos.CollectAsync(actor.Id, form, ct);
        var (request, errors) = await ToRequestAsync(actor.Id, input, photos, photoErrors, culture, current, ct);
        if (errors.Count > 0) return await InvalidAsync(request, errors, photos, create: false, ct);
        var outcome = await listings.UpdateAsync(id, actor, request, ct);
        return outcome.Failure switch
        {
            ListingFailure.None => new ListingFormOutcome(id, null, photos),
            ListingFailure.Invalid => new ListingFormOutcome(0, ToPage(outcome.Errors ?? []), photos),
            _ => null,
        };
    }

    /// <summary>The form's own problems plus whatever the listing rules say about the other fields, so all show at once.</summary>
    async Task<ListingFormOutcome> InvalidAsync(ListingRequest request, Dictionary<string, List<string>> errors, List<FormPhoto> photos, bool create, CancellationToken ct)
    {
        var rules = ToPage(ListingRules.Apply(request, new ListingDraft(), await categories.GetAsync(ct), create));
        foreach (var (field, messages) in rules)
        {
            if (!errors.ContainsKey(field)) errors[field] = [.. messages];
        }
        return new ListingFormOutcome(0, errors.ToDictionary(e => e.Key, e => e.Value.Distinct().ToArray()), photos);
    }

    async Task<(ListingRequest Request, Dictionary<string, List<string>> Errors)> ToRequestAsync(
        Guid sellerId, ListingFormInput input, List<FormPhoto> photos, List<string> photoErrors, CultureInfo culture, SavedPlace? current, CancellationToken ct)
    {
        var errors = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        void Add(string field, string message)
        {
            if (!errors.TryGetValue(field, out var list)) errors[field] = list = [];
            list.Add(message);
        }
        if (photoErrors.Count > 0) errors["photos"] = photoErrors;

        var currency = input.Currency?.Trim().ToUpperInvariant() ?? "";
        if (!Money.IsSupported(currency)) Add("price", ChooseCurrency);
        long? price = null;
        if (Money.IsSupported(currency))
        {
            if (string.IsNullOrWhiteSpace(input.Price)) Add("price", "Price is required.");
            else if (ParseAmount(input.Price, currency, culture, out var amount) is { } problem) Add("price", problem);
            else price = amount;
        }

        MoneyInput? fee = null;
        if (input.Shipping && Money.IsSupported(currency))
        {
            if (string.IsNullOrWhiteSpace(input.ShippingFee)) fee = new MoneyInput(0, currency); // left empty: free shipping
            else if (ParseAmount(input.ShippingFee, currency, culture, out var amount) is not null) Add("shippingFee", FeeFormat);
            else fee = new MoneyInput(amount, currency);
        }

        var district = input.District?.Trim() ?? "";
        // A meet-up with no place named is a meet-up somewhere in the district, to be agreed in chat.
        var place = string.IsNullOrWhiteSpace(input.MeetUpPlace) ? district : input.MeetUpPlace.Trim();
        var delivery = input.MeetUp || input.Shipping
            ? new DeliveryInput(input.MeetUp ? new MeetUpInput(place) : null, input.Shipping ? new ShippingInput(fee ?? new MoneyInput(null, currency)) : null)
            : null;

        var (lat, lng) = await LocateAsync(sellerId, input, district, current, ct);
        if (lat is null && district.Length > 0) Add("district", ChooseDistrict);

        var request = new ListingRequest(
            input.Title ?? "", input.Description ?? "",
            price is { } p ? new MoneyInput(p, currency) : null,
            string.IsNullOrWhiteSpace(input.Condition) ? null : input.Condition,
            string.IsNullOrWhiteSpace(input.Category) ? null : input.Category,
            [.. photos.Select(ph => ph.Id)],
            delivery,
            new LocationInput(district, lat, lng));
        return (request, errors);
    }

    /// <summary>
    /// Where the listing is, in this order: the point the "use my location" button filled in (rounded again here, whatever
    /// the browser sent); on edit, the listing's own point while its district stays the same; the centre of a known district;
    /// or the point of the seller's own earlier listing in that district.
    /// </summary>
    async Task<(double? Lat, double? Lng)> LocateAsync(Guid sellerId, ListingFormInput input, string district, SavedPlace? current, CancellationToken ct)
    {
        if (TryCoordinate(input.Lat, 90, out var lat) && TryCoordinate(input.Lng, 180, out var lng))
            return (Listing.RoundCoordinate(lat), Listing.RoundCoordinate(lng));
        if (district.Length == 0) return (null, null);
        if (current is not null && string.Equals(current.District, district, StringComparison.Ordinal)) return (current.Lat, current.Lng);
        if (Districts.Find(district) is { } known) return (known.Lat, known.Lng);
        var earlier = await db.Listings.AsNoTracking().Where(l => l.SellerId == sellerId && l.District == district)
            .OrderByDescending(l => l.Id).Select(l => new { l.Latitude, l.Longitude }).FirstOrDefaultAsync(ct);
        return earlier is null ? (null, null) : (earlier.Latitude, earlier.Longitude);
    }

    static bool TryCoordinate(string? text, double bound, out double value) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value) && Math.Abs(value) <= bound;

    /// <summary>
    /// A typed amount in major units to minor units. People type "1,200.50", "1.200,50", "99,5", "1 200" or "HK$120": both
    /// separators are accepted, and one that could be either ("1.200") means what it means in the viewer's language.
    /// Null when it parsed, else the problem (a sentence the page shows).
    /// </summary>
    public static string? ParseAmount(string text, string currency, CultureInfo culture, out long minor)
    {
        minor = 0;
        var cleaned = text.Trim();
        foreach (var symbol in new[] { currency, "HK$", "US$", "CN¥", "JP¥", "$", "€", "£", "¥", "₽" })
            cleaned = cleaned.Replace(symbol, "", StringComparison.OrdinalIgnoreCase);
        cleaned = new string([.. cleaned.Where(c => !char.IsWhiteSpace(c) && c is not ('\u00A0' or '\u202F' or '\'' or '’'))]);
        if (cleaned.Length == 0 || cleaned.Length > 24) return PriceFormat;
        if (Invariant(cleaned, culture) is not { } invariant
            || !decimal.TryParse(invariant, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
            return PriceFormat;
        var scaled = value * Pow10(Money.MinorUnitsOf(currency));
        if (scaled != decimal.Truncate(scaled)) return PriceDecimals;
        if (scaled > long.MaxValue / 2 || scaled < long.MinValue / 2) return PriceTooHigh;
        minor = (long)scaled;
        return null;
    }

    /// <summary>Rewrites "1.200,50" / "1,200.50" as "1200.50": which of '.' and ',' is the decimal separator, and drops the other.</summary>
    static string? Invariant(string text, CultureInfo culture)
    {
        var dots = text.Count(c => c == '.');
        var commas = text.Count(c => c == ',');
        char? separator = null;
        if (dots > 0 && commas > 0) separator = text.LastIndexOf('.') > text.LastIndexOf(',') ? '.' : ',';
        else if (dots + commas == 1)
        {
            var sep = dots == 1 ? '.' : ',';
            var decimals = text.Length - text.IndexOf(sep) - 1;
            // "99.5", "99,50": a decimal separator. "1.200": three digits after it could be either; the viewer's language decides.
            separator = decimals != 3 || culture.NumberFormat.NumberDecimalSeparator == sep.ToString() ? sep : null;
        }
        if (separator is { } s && text.Count(c => c == s) > 1) return null;
        var result = new System.Text.StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (c == separator) result.Append('.');
            else if (c is not ('.' or ',')) result.Append(c);
        }
        return result.ToString();
    }

    static decimal Pow10(int n)
    {
        decimal result = 1;
        for (var i = 0; i < n; i++) result *= 10;
        return result;
    }

    /// <summary>Maps the rules' errors (API field paths) to the form's fields, in sentences the form can show.</summary>
    public static Dictionary<string, List<string>> ToPage(IReadOnlyDictionary<string, string[]> ruleErrors)
    {
        var page = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var (path, messages) in ruleErrors)
        {
            var field = FieldOf(path);
            if (!page.TryGetValue(field, out var list)) page[field] = list = [];
            list.AddRange(messages.Select(m => Sentence(field, m)));
        }
        // "Name the district" says more than the generic line its missing coordinates add; keep the specific sentences.
        foreach (var list in page.Values)
        {
            if (list.Any(RuleSentences.Contains)) list.RemoveAll(m => !RuleSentences.Contains(m));
        }
        return page;
    }

    // ToPage's result as the pages hold it.
    static Dictionary<string, string[]> ToPage(Dictionary<string, string[]> ruleErrors) =>
        ToPage((IReadOnlyDictionary<string, string[]>)ruleErrors).ToDictionary(e => e.Key, e => e.Value.Distinct().ToArray());

    static string FieldOf(string path) => path switch
    {
        "title" or "description" or "condition" or "category" or "delivery" => path,
        "photoIds" => "photos",
        "delivery.meetUp.place" or "delivery.meetUp" => "meetUpPlace",
        _ when path.StartsWith("price", StringComparison.Ordinal) => "price",
        _ when path.StartsWith("delivery.shipping", StringComparison.Ordinal) => "shippingFee",
        _ when path.StartsWith("location", StringComparison.Ordinal) => "district",
        _ => path,
    };

    static string Sentence(string field, string message)
    {
        if (RuleSentences.Contains(message)) return message;
        var tooHigh = message.StartsWith("Amount must be at most", StringComparison.Ordinal);
        return field switch
        {
            "price" when tooHigh => PriceTooHigh,
            "price" when message.Contains("more than 0", StringComparison.Ordinal) => PricePositive,
            "price" when message.Contains("urrency", StringComparison.Ordinal) => ChooseCurrency,
            "price" => "Price is required.",
            "shippingFee" when tooHigh => FeeTooHigh,
            "shippingFee" => FeeFormat,
            "condition" => ChooseCondition,
            "category" => ChooseCategory,
            "photos" => PhotosAgain,
            "district" => ChooseDistrict,
            _ => CheckField,
        };
    }

    /// <summary>
    /// The currency a new listing starts in: the seller's last listing's; else the region of the browser's first language when we
    /// trade in its currency (en-GB → GBP, en-HK → HKD); else the UI language's (zh-Hant-HK → HKD, zh-Hans-CN → CNY, it → EUR,
    /// ru → RUB, en → USD).
    /// </summary>
    public async Task<string> DefaultCurrencyAsync(Guid sellerId, string? acceptLanguage, CultureInfo uiCulture, CancellationToken ct)
    {
        var last = await db.Listings.AsNoTracking().Where(l => l.SellerId == sellerId).OrderByDescending(l => l.Id)
            .Select(l => l.Price.Currency).FirstOrDefaultAsync(ct);
        if (Money.IsSupported(last)) return last!;
        return CurrencyFor(acceptLanguage, uiCulture);
    }

    public static string CurrencyFor(string? acceptLanguage, CultureInfo uiCulture)
    {
        var first = acceptLanguage?.Split(',')[0].Split(';')[0].Trim();
        if (!string.IsNullOrEmpty(first))
        {
            try
            {
                var culture = CultureInfo.GetCultureInfo(first);
                if (!culture.IsNeutralCulture && culture.Name.Length > 0 && new RegionInfo(culture.Name).ISOCurrencySymbol is var iso && Money.IsSupported(iso))
                    return iso;
            }
            catch (CultureNotFoundException)
            {
            }
            catch (ArgumentException)
            {
            }
        }
        return CategoryIndex.CultureKey(uiCulture) switch
        {
            "zh-Hant-HK" => "HKD",
            "zh-Hans-CN" => "CNY",
            "it" => "EUR",
            "ru" => "RUB",
            _ => "USD",
        };
    }

    /// <summary>The seller's most recent district, to start the next listing in the same place.</summary>
    public Task<string?> LastDistrictAsync(Guid sellerId, CancellationToken ct) =>
        db.Listings.AsNoTracking().Where(l => l.SellerId == sellerId).OrderByDescending(l => l.Id).Select(l => l.District).FirstOrDefaultAsync(ct);

    /// <summary>The form's values for an existing listing (the edit page), amounts shown in the viewer's number format.</summary>
    public static ListingFormInput From(ListingResponse l, CultureInfo culture) => new()
    {
        Title = l.Title,
        Price = FormatAmount(l.Price, culture),
        Currency = l.Price.Currency,
        Condition = ListingRules.Name(l.Condition),
        Category = l.Category.Slug,
        Description = l.Description,
        MeetUp = l.Delivery.MeetUp is not null,
        MeetUpPlace = l.Delivery.MeetUp?.Place,
        Shipping = l.Delivery.Shipping is not null,
        ShippingFee = l.Delivery.Shipping is { } s ? FormatAmount(s.Fee, culture) : null,
        // No coordinates: the hidden fields carry only what "use my location" finds; an unchanged district keeps the listing's point.
        District = l.Location.District,
    };

    /// <summary>An amount as the forms show it to edit: "120" rather than "120.00", no grouping, so it parses back in any culture.</summary>
    public static string FormatAmount(Money money, CultureInfo culture)
    {
        var digits = Money.MinorUnitsOf(money.Currency);
        var major = money.ToMajor();
        // "120" rather than "120.00" when there are no cents; no grouping, so it parses back in any culture.
        return major == decimal.Truncate(major) ? major.ToString("0", culture) : major.ToString("F" + digits.ToString(CultureInfo.InvariantCulture), culture);
    }
}
