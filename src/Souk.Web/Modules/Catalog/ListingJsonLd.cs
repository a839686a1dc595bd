using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Unicode;
using Souk.Web.Common;

namespace Souk.Web.Modules.Catalog;

/// <summary>
/// schema.org Product/Offer JSON-LD and Open Graph values for a listing page. The JSON is written by System.Text.Json with
/// an encoder that lets letters of every script through (Chinese stays readable) but, like every encoder except the
/// "unsafe relaxed" one, always escapes &lt;, &gt;, &amp; and quotes as \uXXXX: user text such as "&lt;/script&gt;" can never
/// close the &lt;script&gt; element it sits in.
/// </summary>
public static class ListingJsonLd
{
    static readonly JsonSerializerOptions Options = new() { Encoder = JavaScriptEncoder.Create(UnicodeRanges.All), WriteIndented = false };

    /// <summary>A price as schema.org and Open Graph want it: a plain decimal string in major units ("9800.00", "1500" for JPY).</summary>
    public static string DecimalPrice(Money price) =>
        price.ToMajor().ToString("F" + Money.MinorUnitsOf(price.Currency).ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    public static string Availability(ListingState state) => "https://schema.org/" + state switch
    {
        ListingState.Active => "InStock",
        ListingState.Reserved => "Reserved",
        ListingState.Sold => "SoldOut",
        _ => "OutOfStock",
    };

    public static string Condition(ListingCondition condition) => "https://schema.org/" + condition switch
    {
        ListingCondition.New => "NewCondition",
        ListingCondition.ForParts => "DamagedCondition",
        _ => "UsedCondition",
    };

    /// <summary>The JSON text for a &lt;script type="application/ld+json"&gt; element. Image URLs must already be absolute.</summary>
    public static string Product(ListingResponse listing, string pageUrl, IReadOnlyList<string> imageUrls)
    {
        var offer = new JsonObject
        {
            ["@type"] = "Offer",
            ["url"] = pageUrl,
            ["price"] = DecimalPrice(listing.Price),
            ["priceCurrency"] = listing.Price.Currency,
            ["availability"] = Availability(listing.State),
            ["itemCondition"] = Condition(listing.Condition),
            ["seller"] = new JsonObject { ["@type"] = "Person", ["name"] = listing.Seller.DisplayName },
        };
        var product = new JsonObject
        {
            ["@context"] = "https://schema.org",
            ["@type"] = "Product",
            ["name"] = listing.Title,
            ["url"] = pageUrl,
            ["sku"] = listing.Id.ToString(CultureInfo.InvariantCulture),
            ["image"] = Strings(imageUrls),
            ["category"] = listing.Category.Name,
            ["itemCondition"] = Condition(listing.Condition),
            ["offers"] = offer,
        };
        if (!string.IsNullOrWhiteSpace(listing.Description)) product["description"] = listing.Description;
        return Write(product);
    }

    /// <summary>JSON-LD as text, with the encoder that keeps it safe inside a script element (shops and products use it too).</summary>
    public static string Write(JsonObject node) => node.ToJsonString(Options);

    public static JsonArray Strings(IEnumerable<string> values) => new([.. values.Select(v => (JsonNode)JsonValue.Create(v))]);
}
