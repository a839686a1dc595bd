using System.Globalization;
using System.Text.Json.Nodes;

namespace Souk.Web.Modules.Catalog;

/// <summary>
/// schema.org JSON-LD for the shop page (a Store) and the product page (a Product with one Offer per SKU), written like
/// <see cref="ListingJsonLd"/> and through its encoder. URLs must already be absolute.
/// </summary>
public static class ShopJsonLd
{
    public static string Availability(int stock) => stock > 0 ? "https://schema.org/InStock" : "https://schema.org/OutOfStock";

    public static string Store(ShopResponse shop, string? logoUrl, string? bannerUrl)
    {
        var store = new JsonObject
        {
            ["@context"] = "https://schema.org",
            ["@type"] = "Store",
            ["name"] = shop.Name,
            ["url"] = shop.Url,
        };
        if (!string.IsNullOrWhiteSpace(shop.Description)) store["description"] = shop.Description;
        if (logoUrl is not null) store["logo"] = logoUrl;
        if (bannerUrl is not null) store["image"] = bannerUrl;
        return ListingJsonLd.Write(store);
    }

    /// <summary>
    /// The product and an Offer per SKU (its price, currency and availability; its own address ?sku=), so a search engine or a
    /// chat preview knows that size M costs more than S and that S is sold out.
    /// </summary>
    public static string Product(ProductResponse product, IReadOnlyList<string> imageUrls)
    {
        var seller = new JsonObject { ["@type"] = "Organization", ["name"] = product.Shop.Name, ["url"] = product.Shop.Url };
        var offers = new JsonArray();
        foreach (var sku in product.Skus)
        {
            var offer = new JsonObject
            {
                ["@type"] = "Offer",
                ["sku"] = sku.Code ?? sku.Id.ToString(CultureInfo.InvariantCulture),
                ["url"] = $"{product.Url}?sku={sku.Id}",
                ["price"] = ListingJsonLd.DecimalPrice(sku.Price),
                ["priceCurrency"] = sku.Price.Currency,
                ["availability"] = Availability(sku.Stock),
                ["itemCondition"] = "https://schema.org/NewCondition",
                ["seller"] = seller.DeepClone(),
            };
            if (sku.Options.Count > 0) offer["name"] = string.Join(" / ", sku.Options.Values);
            offers.Add(offer);
        }
        var node = new JsonObject
        {
            ["@context"] = "https://schema.org",
            ["@type"] = "Product",
            ["name"] = product.Title,
            ["url"] = product.Url,
            ["sku"] = product.Id.ToString(CultureInfo.InvariantCulture),
            ["image"] = ListingJsonLd.Strings(imageUrls),
            ["brand"] = new JsonObject { ["@type"] = "Brand", ["name"] = product.Shop.Name },
            ["offers"] = offers,
        };
        if (!string.IsNullOrWhiteSpace(product.Description)) node["description"] = product.Description;
        if (product.Category is { } category) node["category"] = category.Name;
        return ListingJsonLd.Write(node);
    }
}
