using System.ComponentModel;
using System.Text.Json;
using Souk.Web.Common;

namespace Souk.Web.Modules.Catalog;

public sealed record OptionInput(
    [property: Description("1–30 characters, unique in the product (e.g. Size).")] string? Name,
    [property: Description("1–20 values of 1–30 characters, unique in the option, in display order.")] string[]? Values);

public sealed record SkuInput(
    [property: Description("PATCH without options: the SKU to change. Ignored when options are sent (SKUs are then matched by their values).")] long? Id,
    [property: Description("The SKU's value for each option, e.g. {\"Size\": \"S\", \"Colour\": \"Red\"}; empty or left out when the product has no options.")] Dictionary<string, string?>? Options,
    [property: Description("Amount in minor units (> 0, within the currency's bound); every SKU of a product in one currency.")] MoneyInput? Price,
    [property: Description("Units in stock, 0–1,000,000: the new stock level.")] int? Stock,
    [property: Description("PATCH of an existing SKU only: add (or, negative, take) units; refused with 409 if the stock would go below 0.")] int? StockDelta,
    [property: Description("An id from POST /api/v1/media (your own) shown for this SKU, or null for none.")] JsonElement PhotoId,
    [property: Description("The seller's own code, up to 40 characters; \"\" removes it.")] string? Code);

/// <summary>POST /shops/{slug}/products (title, photoIds and skus required) and PATCH /products/{id} (only what changes).</summary>
public sealed record ProductRequest(
    [property: Description("1–80 characters.")] string? Title,
    [property: Description("Up to 4,000 characters.")] string? Description,
    [property: Description("1–10 ids from POST /api/v1/media, your own, in display order (the first is the cover).")] Guid[]? PhotoIds,
    [property: Description("The id of one of the shop's sections, or null for none.")] JsonElement Section,
    [property: Description("0–3 options such as Size and Colour. On PATCH, sending options means sending every SKU too: SKUs whose values still exist keep their id; the others are retired (their stock is written off).")] OptionInput[]? Options,
    [property: Description("Exactly one SKU per combination of option values (one SKU when there are no options). On PATCH without options: changes to existing SKUs by id.")] SkuInput[]? Skus,
    [property: Description("draft (only you see it; the default) or published.")] string? Status,
    [property: Description("The slug of a leaf category from GET /api/v1/categories (optional); on PATCH \"\" removes it.")] string? Category = null);

public sealed record OptionDraft(string Name, IReadOnlyList<string> Values);

/// <summary>A SKU as the request wants it: a new or matched one (matrix), or changes to an existing one (by id).</summary>
public sealed class SkuDraft
{
    /// <summary>Where it was in the request, for error fields.</summary>
    public int Index { get; init; }
    /// <summary>By id: the SKU to change.</summary>
    public long? Id { get; init; }
    /// <summary>The canonical value per option position (as the options spell them).</summary>
    public string[] Values { get; set; } = [];
    /// <summary>Null: keep (by id only).</summary>
    public Money? Price { get; set; }
    /// <summary>The new stock level; null: keep (by id only).</summary>
    public int? Stock { get; set; }
    public int? StockDelta { get; set; }
    public bool PhotoGiven { get; set; }
    public Guid? PhotoId { get; set; }
    public bool CodeGiven { get; set; }
    public string? Code { get; set; }
}

public enum SkuChange
{
    /// <summary>No skus in the request.</summary>
    None,
    /// <summary>Options and every SKU: the whole matrix, matched to the current SKUs by values.</summary>
    Matrix,
    /// <summary>Skus without options: changes to existing SKUs by id.</summary>
    ById,
}

/// <summary>What a product's rules need to know about where it lives and what it has now.</summary>
public sealed record ProductContext(IReadOnlySet<long> SectionIds, IReadOnlyList<Sku> ActiveSkus, IReadOnlyList<OptionDraft> CurrentOptions)
{
    /// <summary>The category tree, for a request that names a category.</summary>
    public CategoryIndex? Categories { get; init; }

    public static readonly ProductContext Empty = new(new HashSet<long>(), [], []);
}

/// <summary>The validated values of a product, before they are written.</summary>
public sealed class ProductDraft
{
    public string Title { get; set; } = "";
    public string Description { get; set; } = "";
    public Guid[] PhotoIds { get; set; } = [];
    public long? SectionId { get; set; }
    public int? CategoryId { get; set; }
    public ProductStatus Status { get; set; }
    public List<OptionDraft> Options { get; set; } = [];
    public SkuChange SkuChange { get; set; }
    public List<SkuDraft> Skus { get; set; } = [];

    public static ProductDraft From(Product p) => new()
    {
        Title = p.Title, Description = p.Description, SectionId = p.SectionId, CategoryId = p.CategoryId, Status = p.Status,
        PhotoIds = [.. p.Photos.OrderBy(x => x.Position).Select(x => x.MediaId)],
        Options = [.. p.Options.OrderBy(o => o.Position).Select(o => new OptionDraft(o.Name, o.Values))],
    };

    /// <summary>Every media id the draft attaches (product photos and SKU photos), for the ownership check.</summary>
    public IEnumerable<Guid> MediaIds => PhotoIds.Concat(Skus.Where(s => s.PhotoGiven && s.PhotoId is not null).Select(s => s.PhotoId!.Value));
}

/// <summary>Every rule a product obeys: fields, options, and the SKU matrix (one SKU per combination, one currency).</summary>
public static class ProductRules
{
    public static Dictionary<string, string[]> Apply(ProductRequest req, ProductDraft draft, ProductContext context, bool create)
    {
        var errors = new FieldErrors();

        if (req.Title is not null || create)
        {
            var title = req.Title?.Trim() ?? "";
            if (title.Length == 0) errors.Add("title", "Title is required.");
            else if (title.Length > Product.TitleMax) errors.Add("title", $"Title must be at most {Product.TitleMax} characters.");
            else if (title.Any(char.IsControl)) errors.Add("title", "Title cannot contain control characters.");
            else draft.Title = title;
        }

        if (req.Description is not null)
        {
            var description = req.Description.Trim();
            if (description.Length > Product.DescriptionMax) errors.Add("description", $"Description must be at most {Product.DescriptionMax} characters.");
            else if (description.Any(c => char.IsControl(c) && c is not ('\n' or '\r' or '\t'))) errors.Add("description", "Description cannot contain control characters.");
            else draft.Description = description;
        }

        if (req.PhotoIds is not null || create)
        {
            var ids = req.PhotoIds ?? [];
            if (ids.Length is 0 or > Product.PhotosMax) errors.Add("photoIds", $"Add 1 to {Product.PhotosMax} photos.");
            else if (ids.Distinct().Count() != ids.Length) errors.Add("photoIds", "Each photo can appear only once.");
            else draft.PhotoIds = ids;
        }

        if (JsonFields.TryReadId(req.Section, "section", "Give a section id from GET /api/v1/shops/{slug}, or null.", errors, out var sectionGiven, out var section)
            && sectionGiven)
        {
            if (section is { } id && !context.SectionIds.Contains(id))
                errors.Add("section", $"No section {id} in this shop. GET /api/v1/shops/{{slug}} lists its sections.");
            else draft.SectionId = section;
        }

        // Optional, unlike a listing's: products came before categories, and a PATCH with "" takes it away.
        if (!string.IsNullOrWhiteSpace(req.Category))
        {
            if (context.Categories is null) throw new InvalidOperationException("The category tree is needed to check a category.");
            if (ListingRules.LeafCategory(req.Category, context.Categories, errors) is { } categoryId) draft.CategoryId = categoryId;
        }
        else if (req.Category is not null) draft.CategoryId = null;

        if (req.Status is not null)
        {
            if (ListingRules.TryParse<ProductStatus>(req.Status, out var status)) draft.Status = status;
            else errors.Add("status", "Status must be draft or published.");
        }
        else if (create) draft.Status = ProductStatus.Draft;

        List<OptionDraft>? options = create ? [] : draft.Options;
        if (req.Options is not null) options = CheckOptions(req.Options, errors);
        if (options is not null) draft.Options = options;

        if (create || req.Options is not null)
        {
            draft.SkuChange = SkuChange.Matrix;
            if (req.Skus is null || req.Skus.Length == 0)
                errors.Add("skus", create
                    ? "Add the product's SKUs: one per combination of option values (one SKU when there are no options)."
                    : "Options changed: send every SKU too, one per combination of the new option values.");
            else draft.Skus = CheckMatrix(req.Skus, options, errors);
        }
        else if (req.Skus is not null)
        {
            draft.SkuChange = SkuChange.ById;
            draft.Skus = CheckChanges(req.Skus, context, errors);
        }

        return errors.ToDictionary();
    }

    /// <summary>Null (with errors) when the options are not acceptable.</summary>
    static List<OptionDraft>? CheckOptions(OptionInput[] inputs, FieldErrors errors)
    {
        if (inputs.Length > Product.OptionsMax)
        {
            errors.Add("options", $"A product has at most {Product.OptionsMax} options (e.g. size, colour, material).");
            return null;
        }
        var result = new List<OptionDraft>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        var ok = true;
        for (var i = 0; i < inputs.Length; i++)
        {
            var field = $"options[{i}]";
            var name = inputs[i]?.Name?.Trim() ?? "";
            if (name.Length == 0 || name.Length > Product.OptionNameMax || name.Any(char.IsControl))
            {
                errors.Add(field + ".name", $"Name the option (1–{Product.OptionNameMax} characters).");
                ok = false;
            }
            else if (!names.Add(name.ToUpperInvariant()))
            {
                errors.Add(field + ".name", $"There is already an option called '{name}'.");
                ok = false;
            }
            var values = (inputs[i]?.Values ?? []).Select(v => v?.Trim() ?? "").ToList();
            if (values.Count is 0 or > Product.ValuesMax)
            {
                errors.Add(field + ".values", $"Give the option 1 to {Product.ValuesMax} values.");
                ok = false;
            }
            else if (values.Any(v => v.Length == 0 || v.Length > Product.OptionValueMax || v.Any(char.IsControl)))
            {
                errors.Add(field + ".values", $"Each value has 1–{Product.OptionValueMax} characters.");
                ok = false;
            }
            else if (values.Select(v => v.ToUpperInvariant()).Distinct().Count() != values.Count)
            {
                errors.Add(field + ".values", "Each value can appear only once.");
                ok = false;
            }
            result.Add(new OptionDraft(name, values));
        }
        if (!ok) return null;
        var combinations = result.Aggregate(1L, (n, o) => n * o.Values.Count);
        if (combinations > Product.SkusMax)
        {
            errors.Add("options", $"These options make {combinations} combinations; a product has at most {Product.SkusMax} SKUs.");
            return null;
        }
        return result;
    }

    /// <summary>The whole matrix: every combination exactly once, all in one currency. Options null: they were invalid.</summary>
    static List<SkuDraft> CheckMatrix(SkuInput[] inputs, List<OptionDraft>? options, FieldErrors errors)
    {
        var skus = new List<SkuDraft>();
        if (inputs.Length > Product.SkusMax)
        {
            errors.Add("skus", $"A product has at most {Product.SkusMax} SKUs.");
            return skus;
        }
        string? currency = null;
        var valuesOk = options is not null;
        for (var i = 0; i < inputs.Length; i++)
        {
            var field = $"skus[{i}]";
            var input = inputs[i];
            if (input is null)
            {
                errors.Add(field, "A SKU is an object with options, price and stock.");
                valuesOk = false;
                continue;
            }
            var sku = new SkuDraft { Index = i };
            if (options is not null)
            {
                if (ResolveValues(input.Options, options, field + ".options", errors) is { } values) sku.Values = values;
                else valuesOk = false;
            }
            if (input.Price is null) errors.Add(field + ".price", "Price is required.");
            else if (PriceRules.Check(input.Price, field + ".price", errors, allowZero: false) is { } price)
            {
                currency ??= price.Currency;
                if (price.Currency != currency) errors.Add(field + ".price.currency", $"All SKUs of a product are priced in one currency ({currency}).");
                else sku.Price = price;
            }
            if (input.Stock is null) errors.Add(field + ".stock", "Stock is required (0 or more units).");
            else if (CheckStock(input.Stock.Value, field + ".stock", errors)) sku.Stock = input.Stock;
            if (input.StockDelta is not null)
                errors.Add(field + ".stockDelta", "Give the stock level (stock) here; stockDelta moves the stock of an existing SKU, changed by id.");
            CheckPhotoAndCode(input, sku, field, errors);
            skus.Add(sku);
        }
        if (valuesOk)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var sku in skus)
            {
                if (!seen.Add(Key(sku.Values)))
                    errors.Add("skus", $"Two SKUs for {Describe(options!, sku.Values)}: one SKU per combination.");
            }
            if (options!.Count == 0)
            {
                if (skus.Count != 1) errors.Add("skus", "A product without options has exactly one SKU.");
            }
            else
            {
                var missing = Combinations(options).Where(c => !seen.Contains(Key(c))).ToList();
                if (missing.Count > 0)
                    errors.Add("skus", $"Missing SKUs for {string.Join("; ", missing.Take(5).Select(c => Describe(options, c)))}{(missing.Count > 5 ? $" and {missing.Count - 5} more" : "")}: one SKU per combination.");
            }
        }
        CheckCodesUnique(skus.Where(s => s.Code is not null).Select(s => (s.Index, s.Code!)), errors);
        return skus;
    }

    /// <summary>Changes to existing SKUs by id: price, stock (level or delta), photo, code. The values stay.</summary>
    static List<SkuDraft> CheckChanges(SkuInput[] inputs, ProductContext context, FieldErrors errors)
    {
        var skus = new List<SkuDraft>();
        var byId = context.ActiveSkus.ToDictionary(s => s.Id);
        var ids = new HashSet<long>();
        for (var i = 0; i < inputs.Length; i++)
        {
            var field = $"skus[{i}]";
            var input = inputs[i];
            if (input?.Id is not { } id || !byId.TryGetValue(id, out var current) || !ids.Add(id))
            {
                errors.Add(field + ".id", "Give the id of one of this product's SKUs, once. To add or remove SKUs, send the options and every SKU.");
                continue;
            }
            var sku = new SkuDraft { Index = i, Id = id, Values = current.Values(context.CurrentOptions.Count) };
            if (input.Options is not null)
            {
                var values = ResolveValues(input.Options, context.CurrentOptions, field + ".options", errors);
                if (values is not null && Key(values) != Key(sku.Values))
                    errors.Add(field + ".options", "A SKU's option values change only with the product's options: send the options and every SKU.");
            }
            if (input.Price is not null && PriceRules.Check(input.Price, field + ".price", errors, allowZero: false) is { } price) sku.Price = price;
            if (input.Stock is not null && input.StockDelta is not null) errors.Add(field + ".stockDelta", "Send stock (the new level) or stockDelta (the change), not both.");
            else if (input.Stock is { } stock)
            {
                if (CheckStock(stock, field + ".stock", errors)) sku.Stock = stock;
            }
            else if (input.StockDelta is { } delta)
            {
                if (Math.Abs((long)delta) > Sku.StockMax) errors.Add(field + ".stockDelta", $"A change of stock is at most {Sku.StockMax} units either way.");
                else sku.StockDelta = delta;
            }
            CheckPhotoAndCode(input, sku, field, errors);
            skus.Add(sku);
        }
        if (errors.Has("skus")) return skus;

        // The result must still be in one currency: the currency changes only when every active SKU is repriced together.
        var changed = skus.Where(s => s.Price is not null).ToDictionary(s => s.Id!.Value);
        var currencies = context.ActiveSkus.Select(s => changed.TryGetValue(s.Id, out var c) ? c.Price!.Value.Currency : s.Price.Currency).Distinct().ToList();
        if (currencies.Count > 1)
        {
            var first = skus.First(s => s.Price is not null);
            errors.Add($"skus[{first.Index}].price.currency",
                $"All SKUs of a product are priced in one currency ({context.ActiveSkus[0].Price.Currency}). To switch currency, reprice every SKU in one request.");
        }
        // Codes stay unique among the product's SKUs after the change.
        var codes = context.ActiveSkus.Select(s =>
        {
            var change = skus.FirstOrDefault(x => x.Id == s.Id);
            return (Index: change?.Index ?? -1, Code: change is { CodeGiven: true } ? change.Code : s.Code);
        }).Where(x => x.Code is not null).Select(x => (x.Index, x.Code!));
        CheckCodesUnique(codes, errors);
        return skus;
    }

    static bool CheckStock(int stock, string field, FieldErrors errors)
    {
        if (stock is >= 0 and <= Sku.StockMax) return true;
        errors.Add(field, stock < 0 ? "Stock cannot be negative." : $"Stock must be at most {Sku.StockMax} units.");
        return false;
    }

    static void CheckPhotoAndCode(SkuInput input, SkuDraft sku, string field, FieldErrors errors)
    {
        if (JsonFields.TryReadGuid(input.PhotoId, field + ".photoId", errors, out var photoGiven, out var photo))
        {
            sku.PhotoGiven = photoGiven;
            sku.PhotoId = photo;
        }
        if (input.Code is not null)
        {
            var code = input.Code.Trim();
            if (code.Length > Sku.CodeMax || code.Any(char.IsControl)) errors.Add(field + ".code", $"A SKU code has at most {Sku.CodeMax} characters.");
            else
            {
                sku.CodeGiven = true;
                sku.Code = code.Length == 0 ? null : code;
            }
        }
    }

    /// <summary>Codes compared case-insensitively; the error goes on a SKU of the request (Index ≥ 0).</summary>
    static void CheckCodesUnique(IEnumerable<(int Index, string Code)> codes, FieldErrors errors)
    {
        foreach (var group in codes.GroupBy(c => c.Code.ToUpperInvariant()).Where(g => g.Count() > 1))
        {
            var index = group.Select(c => c.Index).Where(i => i >= 0).DefaultIfEmpty(-1).Max();
            if (index >= 0) errors.Add($"skus[{index}].code", $"Another SKU of this product has the code '{group.First().Code}'.");
        }
    }

    /// <summary>
    /// The SKU's value per option position, as the options spell them (names and values match case-insensitively);
    /// null with an error under <paramref name="field"/> when an option is unknown, missing, twice, or has an unknown value.
    /// </summary>
    static string[]? ResolveValues(Dictionary<string, string?>? given, IReadOnlyList<OptionDraft> options, string field, FieldErrors errors)
    {
        given ??= [];
        if (options.Count == 0)
        {
            if (given.Count == 0) return [];
            errors.Add(field, "This product has no options: leave options out of its SKU.");
            return null;
        }
        var values = new string?[options.Count];
        var ok = true;
        foreach (var (name, value) in given)
        {
            var position = -1;
            for (var k = 0; k < options.Count; k++)
            {
                if (string.Equals(options[k].Name, name?.Trim(), StringComparison.OrdinalIgnoreCase)) position = k;
            }
            if (position < 0)
            {
                errors.Add(field, $"Unknown option '{name}'. The options are {string.Join(", ", options.Select(o => o.Name))}.");
                ok = false;
                continue;
            }
            var option = options[position];
            var match = option.Values.FirstOrDefault(v => string.Equals(v, value?.Trim(), StringComparison.OrdinalIgnoreCase));
            if (match is null)
            {
                errors.Add(field, $"'{value}' is not a value of {option.Name} ({string.Join(", ", option.Values)}).");
                ok = false;
            }
            else if (values[position] is not null)
            {
                errors.Add(field, $"{option.Name} is given twice.");
                ok = false;
            }
            else values[position] = match;
        }
        for (var k = 0; k < options.Count; k++)
        {
            if (values[k] is null && given.Keys.All(n => !string.Equals(options[k].Name, n?.Trim(), StringComparison.OrdinalIgnoreCase)))
            {
                errors.Add(field, $"Give the SKU's {options[k].Name}.");
                ok = false;
            }
        }
        return ok ? values.Select(v => v!).ToArray() : null;
    }

    public static IEnumerable<string[]> Combinations(IReadOnlyList<OptionDraft> options)
    {
        IEnumerable<string[]> result = [[]];
        foreach (var option in options)
            result = result.SelectMany(prefix => option.Values.Select(v => (string[])[.. prefix, v]));
        return result;
    }

    /// <summary>Case-insensitive identity of a combination; the unit separator never occurs in a value (control characters are refused).</summary>
    public static string Key(IEnumerable<string> values) => string.Join('\u001F', values.Select(v => v.ToUpperInvariant()));

    static string Describe(IReadOnlyList<OptionDraft> options, string[] values) =>
        string.Join(" / ", options.Select((o, k) => $"{o.Name} {values[k]}"));
}
