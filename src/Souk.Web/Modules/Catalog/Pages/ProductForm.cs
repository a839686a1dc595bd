using System.Globalization;
using System.Text.Json;
using Souk.Web.Common;

namespace Souk.Web.Modules.Catalog.Pages;

/// <summary>
/// What the add-product and edit-product forms post, as typed (strings, so nothing fails Blazor's binding). Options are typed
/// as a name and comma-separated values ("Size": "S, M"); the variants (one SKU per combination) come back as rows with their
/// own price and stock.
/// </summary>
public sealed class ProductFormInput
{
    public string? Title { get; set; }
    public string? Description { get; set; }
    public string? Category { get; set; }
    public string? Section { get; set; }
    public string? Currency { get; set; }
    public string? Status { get; set; }
    /// <summary><see cref="ProductForm.VariantsAction"/> when the "update variants" button posted the form.</summary>
    public string? Action { get; set; }
    // Blazor binds a list nothing was posted for as null; the page renders the posted form before its handler runs.
    public List<OptionRow> Options { get; set => field = value ?? []; } = [];
    public List<SkuRow> Skus { get; set => field = value ?? []; } = [];
}

public sealed class OptionRow
{
    public string? Name { get; set; }
    public string? Values { get; set; }
}

/// <summary>One variant: its option values (a JSON array, in option order), its SKU id and stock as shown (edit), price and stock.</summary>
public sealed class SkuRow
{
    public string? Values { get; set; }
    public string? Id { get; set; }
    public string? Price { get; set; }
    public string? Stock { get; set; }
    public string? Was { get; set; }

    public string[] ValueList()
    {
        try
        {
            return JsonSerializer.Deserialize<string[]>(Values ?? "") ?? [];
        }
        catch (JsonException)
        {
            return [];
        }
    }
}

/// <summary>The result of a product form post: the product's id, or the errors (resx keys or rule sentences) to show.</summary>
public sealed record ProductFormOutcome(long Id, Dictionary<string, string[]>? Errors, List<FormPhoto> Photos, bool VariantsChanged = false)
{
    public bool Succeeded => Id > 0;
}

/// <summary>
/// The add-product and edit-product pages' form handling: stores the posted photos (<see cref="FormPhotos"/>), works out the
/// variant rows from the options, parses prices in the viewer's number format, and lets <see cref="ProductService"/> (and so
/// <see cref="ProductRules"/>, as for the API) decide. Stock changes therefore go through <see cref="Inventory"/> and are logged.
/// </summary>
public sealed class ProductForm(FormPhotos formPhotos, ProductService products, CategoryTree categories)
{
    public const string VariantsAction = "variants";

    // What the form says about each field (every one a key of SharedResource.resx, in all five languages; a test checks).
    public const string SectionError = "Product.Error.Section";
    public const string OptionNameError = "Product.Error.OptionName";
    public const string OptionValuesError = "Product.Error.OptionValues";
    public const string TooManyVariants = "Product.Error.TooManyVariants";
    public const string VariantsError = "Product.Error.Variants";
    public const string StockError = "Product.Error.Stock";
    public const string StockChanged = "Product.Error.StockChanged";

    public static IEnumerable<string> MessageKeys => [SectionError, OptionNameError, OptionValuesError, TooManyVariants, VariantsError, StockError, StockChanged];

    static readonly char[] ValueSeparators = [',', '，', '、'];

    /// <summary>A new product: no options (one variant), a draft, in the given currency.</summary>
    public static ProductFormInput New(string currency) => new()
    {
        Currency = currency,
        Status = "draft",
        Options = [.. Enumerable.Range(0, Product.OptionsMax).Select(_ => new OptionRow())],
        Skus = [new SkuRow { Values = "[]" }],
    };

    /// <summary>The form's values for an existing product, amounts in the viewer's number format.</summary>
    public static ProductFormInput From(ProductResponse p, CultureInfo culture) => new()
    {
        Title = p.Title,
        Description = p.Description,
        Category = p.Category?.Slug,
        Section = p.Section?.Id.ToString(CultureInfo.InvariantCulture),
        Currency = p.PriceRange.Min.Currency,
        Status = ListingRules.Name(p.Status),
        Options = [.. p.Options.Select(o => new OptionRow { Name = o.Name, Values = string.Join(", ", o.Values) }),
            .. Enumerable.Range(0, Product.OptionsMax - p.Options.Count).Select(_ => new OptionRow())],
        Skus = [.. p.Skus.Select(s => new SkuRow
        {
            Values = JsonSerializer.Serialize(p.Options.Select(o => s.Options[o.Name])),
            Id = s.Id.ToString(CultureInfo.InvariantCulture),
            Price = ListingForm.FormatAmount(s.Price, culture),
            Stock = s.Stock.ToString(CultureInfo.InvariantCulture),
            Was = s.Stock.ToString(CultureInfo.InvariantCulture),
        })],
    };

    public Task<ProductFormOutcome> CreateAsync(ShopResponse shop, Guid ownerId, ProductFormInput input, IFormCollection form, CultureInfo culture, CancellationToken ct) =>
        SubmitAsync(shop, ownerId, null, input, form, culture, req => products.CreateAsync(shop.Slug, ownerId, req, ct), ct);

    public Task<ProductFormOutcome> UpdateAsync(ShopResponse shop, Actor actor, ProductResponse current, ProductFormInput input, IFormCollection form, CultureInfo culture, CancellationToken ct) =>
        SubmitAsync(shop, actor.Id, current, input, form, culture, req => products.UpdateAsync(current.Id, actor, req, ct), ct);

    async Task<ProductFormOutcome> SubmitAsync(ShopResponse shop, Guid ownerId, ProductResponse? current, ProductFormInput input, IFormCollection form,
        CultureInfo culture, Func<ProductRequest, Task<ProductOutcome>> save, CancellationToken ct)
    {
        Normalize(input);
        var (photos, photoErrors) = await formPhotos.CollectAsync(ownerId, form, ct);
        var errors = new FieldErrors();
        foreach (var error in photoErrors) errors.Add("photos", error);

        // Options changed (or the seller asked): show the variant rows again, one per combination, before anything is saved.
        var options = Options(input.Options);
        var combinations = Combinations(options);
        var asked = input.Action == VariantsAction;
        input.Action = null;
        if (combinations is not null && (asked || !Matches(input.Skus, combinations)))
        {
            input.Skus = Rows(combinations, input.Skus);
            return new ProductFormOutcome(0, errors.Count > 0 ? errors.ToDictionary() : null, photos, VariantsChanged: true);
        }

        var currency = input.Currency?.Trim().ToUpperInvariant() ?? "";
        if (!Money.IsSupported(currency)) errors.Add("currency", ListingForm.ChooseCurrency);
        // Same options as now: change the SKUs by id (only the stock levels the seller changed); else the whole matrix.
        var byId = current is not null && SameOptions(options, current.Options) && input.Skus.All(r => current.Skus.Any(s => s.Id.ToString(CultureInfo.InvariantCulture) == r.Id));
        var skus = input.Skus.Select((row, i) => Sku(row, i, options, currency, culture, byId, errors)).ToArray();
        var section = long.TryParse(input.Section, NumberStyles.None, CultureInfo.InvariantCulture, out var sectionId) ? sectionId : (long?)null;
        var request = new ProductRequest(input.Title ?? "", input.Description ?? "", [.. photos.Select(p => p.Id)], JsonSerializer.SerializeToElement(section),
            byId ? null : [.. options], skus, input.Status ?? "", input.Category ?? "");

        if (errors.Count > 0)
        {
            // The form's own problems, and what the rules say about the rest, all at once (nothing is saved).
            var context = ProductContext.Empty with { SectionIds = shop.Sections.Select(s => s.Id).ToHashSet(), Categories = await categories.GetAsync(ct) };
            var rules = ProductRules.Apply(request with { Options = [.. options] }, new ProductDraft(), context, create: true);
            return Invalid(photos, errors.ToDictionary(), rules);
        }
        var outcome = await save(request);
        return outcome.Failure switch
        {
            ProductFailure.None => new ProductFormOutcome(outcome.Id, null, photos),
            ProductFailure.Invalid => Invalid(photos, [], outcome.Errors ?? []),
            ProductFailure.StockConflict => Invalid(photos, new() { [SkuField(outcome.Field ?? "", "Stock")] = [StockChanged] }, []),
            // Not theirs (any more) or gone: the pages check before showing the form, so this is a race; say "check".
            _ => new ProductFormOutcome(0, new() { ["variants"] = [ListingForm.CheckField] }, photos),
        };
    }

    /// <summary>A skipped index binds as a null row; the form shows every option row again.</summary>
    static void Normalize(ProductFormInput input)
    {
        input.Options = [.. input.Options.OfType<OptionRow>()];
        while (input.Options.Count < Product.OptionsMax) input.Options.Add(new OptionRow());
        input.Skus = [.. input.Skus.OfType<SkuRow>()];
    }

    /// <summary>The option rows that say something, as the API takes them; values split at commas (also "，" and "、").</summary>
    static List<OptionInput> Options(IEnumerable<OptionRow> rows) =>
        [.. rows.Where(r => !string.IsNullOrWhiteSpace(r.Name) || !string.IsNullOrWhiteSpace(r.Values))
            .Select(r => new OptionInput(r.Name?.Trim() ?? "", (r.Values ?? "").Split(ValueSeparators, StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)))];

    /// <summary>Every combination of the options' values, or null when the options cannot make a matrix (the rules will say why).</summary>
    static List<string[]>? Combinations(List<OptionInput> options)
    {
        if (options.Count > Product.OptionsMax || options.Any(o => o.Name!.Length == 0 || o.Values!.Length == 0)) return null;
        if (options.Aggregate(1L, (n, o) => n * o.Values!.Length) > Product.SkusMax) return null;
        return [.. ProductRules.Combinations([.. options.Select(o => new OptionDraft(o.Name!, o.Values!))])];
    }

    static bool Matches(List<SkuRow> rows, List<string[]> combinations) =>
        rows.Count == combinations.Count
        && rows.Select(r => ProductRules.Key(r.ValueList())).ToHashSet(StringComparer.Ordinal).SetEquals(combinations.Select(ProductRules.Key));

    /// <summary>A row per combination: the rows already there keep what was typed; new ones start at the first row's price.</summary>
    static List<SkuRow> Rows(List<string[]> combinations, List<SkuRow> old)
    {
        var byKey = old.GroupBy(r => ProductRules.Key(r.ValueList())).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var price = old.FirstOrDefault(r => !string.IsNullOrWhiteSpace(r.Price))?.Price;
        return [.. combinations.Select(values => byKey.TryGetValue(ProductRules.Key(values), out var row)
            ? new SkuRow { Values = JsonSerializer.Serialize(values), Id = row.Id, Price = row.Price, Stock = row.Stock, Was = row.Was }
            : new SkuRow { Values = JsonSerializer.Serialize(values), Price = price })];
    }

    static bool SameOptions(List<OptionInput> options, IReadOnlyList<OptionResponse> current) =>
        options.Count == current.Count
        && options.Zip(current).All(p => p.First.Name == p.Second.Name && p.First.Values!.SequenceEqual(p.Second.Values, StringComparer.Ordinal));

    static SkuInput Sku(SkuRow row, int i, List<OptionInput> options, string currency, CultureInfo culture, bool byId, FieldErrors errors)
    {
        MoneyInput? price = null;
        if (Money.IsSupported(currency))
        {
            if (string.IsNullOrWhiteSpace(row.Price)) errors.Add(SkuField(i, "Price"), "Price is required.");
            else if (ListingForm.ParseAmount(row.Price, currency, culture, out var minor) is { } problem) errors.Add(SkuField(i, "Price"), problem);
            else price = new MoneyInput(minor, currency);
        }
        int? stock = null;
        var text = row.Stock?.Replace(" ", "", StringComparison.Ordinal).Replace("\u00A0", "", StringComparison.Ordinal);
        if (!int.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowThousands, culture, out var level)) errors.Add(SkuField(i, "Stock"), StockError);
        // By id, only a stock level the seller changed is sent: an order may have taken stock since the form was shown.
        else if (!byId || row.Was != level.ToString(CultureInfo.InvariantCulture)) stock = level;
        if (byId) return new SkuInput(long.Parse(row.Id!, CultureInfo.InvariantCulture), null, price, stock, null, default, null);
        var values = row.ValueList();
        var named = options.Select((o, k) => KeyValuePair.Create(o.Name!, k < values.Length ? values[k] : null)).ToDictionary();
        return new SkuInput(null, named, price, stock, null, default, null);
    }

    static string SkuField(int index, string what) => $"sku{index}{what}";

    /// <summary>"skus[2].stock" → "sku2Stock".</summary>
    static string SkuField(string path, string what)
    {
        var open = path.IndexOf('[');
        var close = path.IndexOf(']');
        return open >= 0 && close > open && int.TryParse(path[(open + 1)..close], NumberStyles.None, CultureInfo.InvariantCulture, out var i) ? SkuField(i, what) : "variants";
    }

    /// <summary>The form's errors, then the rules' (under the form's fields, as sentences it can show) where the form had none.</summary>
    static ProductFormOutcome Invalid(List<FormPhoto> photos, Dictionary<string, string[]> own, Dictionary<string, string[]> rules)
    {
        var page = own.ToDictionary(e => e.Key, e => e.Value.ToList(), StringComparer.Ordinal);
        foreach (var (path, messages) in rules)
        {
            var field = FieldOf(path);
            if (own.ContainsKey(field)) continue;
            if (!page.TryGetValue(field, out var list)) page[field] = list = [];
            list.AddRange(messages.Select(m => Sentence(field, m)));
        }
        if (page.Count == 0) page["variants"] = [ListingForm.CheckField];
        return new ProductFormOutcome(0, page.ToDictionary(e => e.Key, e => e.Value.Distinct().ToArray()), photos);
    }

    static string FieldOf(string path) => path switch
    {
        "title" or "description" or "category" or "section" or "status" => path,
        "photoIds" => "photos",
        _ when path.StartsWith("options", StringComparison.Ordinal) => "options",
        _ when path.StartsWith("skus[", StringComparison.Ordinal) && path.Contains("].price", StringComparison.Ordinal) => SkuField(path, "Price"),
        _ when path.StartsWith("skus[", StringComparison.Ordinal) && path.Contains("].stock", StringComparison.Ordinal) => SkuField(path, "Stock"),
        _ => "variants",
    };

    static string Sentence(string field, string message)
    {
        // Title, description and photo sentences are the listing rules' own words, already in every language.
        if (ListingForm.PageMessages.Contains(message)) return message;
        if (field.StartsWith("sku", StringComparison.Ordinal) && field.EndsWith("Price", StringComparison.Ordinal))
        {
            if (message.StartsWith("Amount must be at most", StringComparison.Ordinal)) return ListingForm.PriceTooHigh;
            if (message.Contains("more than 0", StringComparison.Ordinal)) return ListingForm.PricePositive;
            return message.Contains("urrency", StringComparison.Ordinal) ? ListingForm.ChooseCurrency : "Price is required.";
        }
        if (field.StartsWith("sku", StringComparison.Ordinal)) return StockError;
        return field switch
        {
            "photos" => ListingForm.PhotosAgain,
            "category" => ListingForm.ChooseCategory,
            "section" => SectionError,
            "options" when message.StartsWith("Name the option", StringComparison.Ordinal) || message.StartsWith("There is already an option", StringComparison.Ordinal) => OptionNameError,
            "options" when message.Contains("combinations", StringComparison.Ordinal) || message.Contains("at most", StringComparison.Ordinal) => TooManyVariants,
            "options" => OptionValuesError,
            "variants" => VariantsError,
            _ => ListingForm.CheckField,
        };
    }
}
