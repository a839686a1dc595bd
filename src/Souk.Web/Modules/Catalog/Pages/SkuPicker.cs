using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Localization;
using Souk.Web.Common;

namespace Souk.Web.Modules.Catalog.Pages;

/// <summary>A value of an option on the product page: the SKU a tap selects, or none when that combination is sold out.</summary>
public sealed record OptionChoice(string Value, long? SkuId, bool Selected);

/// <summary>
/// The product page's SKU picker. The SKU shown is the one asked for (?sku=), else the first in stock, else the first. Each
/// value of each option leads to the SKU that changes only that option; a combination that is sold out is not offered. The same
/// rule runs in souk.js on the data of <see cref="ClientJson"/>, so a tap updates the page without a reload.
/// </summary>
public sealed class SkuPicker
{
    readonly ProductResponse product;
    readonly Dictionary<string, SkuResponse> byValues;

    public SkuPicker(ProductResponse product, long? requested)
    {
        this.product = product;
        byValues = product.Skus.ToDictionary(s => Key(ValuesOf(s)));
        Selected = product.Skus.FirstOrDefault(s => s.Id == requested)
            ?? product.Skus.FirstOrDefault(s => s.Stock > 0)
            ?? product.Skus[0];
    }

    public SkuResponse Selected { get; }

    /// <summary>At or below this, the page says how many are left.</summary>
    public const int FewLeft = 5;

    public string[] ValuesOf(SkuResponse sku) => [.. product.Options.Select(o => sku.Options[o.Name])];

    public IReadOnlyList<OptionChoice> Choices(int option)
    {
        var current = ValuesOf(Selected);
        return [.. product.Options[option].Values.Select(value =>
        {
            var values = (string[])current.Clone();
            values[option] = value;
            var sku = byValues.GetValueOrDefault(Key(values));
            return new OptionChoice(value, sku is { Stock: > 0 } || sku == Selected ? sku!.Id : null, sku == Selected);
        })];
    }

    /// <summary>"In stock", "Only 3 left" or "Sold out", and its CSS state.</summary>
    public static (string Text, string State) StockText(int stock, IStringLocalizer localizer) => stock switch
    {
        <= 0 => (localizer["Product.SoldOut"], "out"),
        <= FewLeft => (localizer["Product.OnlyLeft", stock.ToString("N0", CultureInfo.CurrentCulture)], "low"),
        _ => (localizer["Product.InStock"], "in"),
    };

    /// <summary>What souk.js needs to switch SKUs: each SKU's values, price and stock line in the viewer's language, photo.</summary>
    public string ClientJson(IStringLocalizer localizer) => JsonSerializer.Serialize(product.Skus.Select(s =>
    {
        var (text, state) = StockText(s.Stock, localizer);
        return new
        {
            id = s.Id,
            values = ValuesOf(s),
            price = s.Price.Format(CultureInfo.CurrentCulture),
            stock = text,
            state,
            photo = s.Photo?.Id,
        };
    }));

    static string Key(IEnumerable<string> values) => ProductRules.Key(values);
}
