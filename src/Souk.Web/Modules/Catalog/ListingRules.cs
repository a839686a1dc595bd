using System.ComponentModel;
using System.Globalization;
using System.Text.Json;
using Souk.Web.Common;

namespace Souk.Web.Modules.Catalog;

// Request shapes. Every field is nullable: a missing field must become a 400 naming it (and, in PATCH, "keep as is").
// Enums arrive as strings and are parsed here, so a wrong value is a 400 on that field rather than an unreadable body.
public sealed record MoneyInput(long? Amount, string? Currency);

public sealed record MeetUpInput(string? Place);

public sealed record ShippingInput(MoneyInput? Fee);

public sealed record DeliveryInput(MeetUpInput? MeetUp, ShippingInput? Shipping);

public sealed record LocationInput(string? District, double? Lat, double? Lng);

/// <summary>POST /listings (all required but description) and PATCH /listings/{id} (only what changes).</summary>
public sealed record ListingRequest(
    [property: Description("1–80 characters.")] string? Title,
    [property: Description("Up to 4,000 characters.")] string? Description,
    [property: Description("Amount in minor units (> 0, at most about HK$10,000,000 in any currency) and an ISO 4217 code.")] MoneyInput? Price,
    [property: Description("new, likeNew, good, fair or forParts.")] string? Condition,
    [property: Description("The slug of a leaf category from GET /api/v1/categories.")] string? Category,
    [property: Description("1–10 ids from POST /api/v1/media, your own, in display order (the first is the cover).")] Guid[]? PhotoIds,
    [property: Description("meetUp {place}, shipping {fee} in the price's currency, or both.")] DeliveryInput? Delivery,
    [property: Description("District name and coordinates; the server rounds them to 2 decimals (about 1 km) and never stores more.")] LocationInput? Location);

public sealed record ListingStateRequest(
    [property: Description("active, reserved, sold or hidden (the seller); removed (operators only).")] string? State);

/// <summary>The validated values of a listing, before they are written.</summary>
public sealed class ListingDraft
{
    public string Title { get; set; } = "";
    public string Description { get; set; } = "";
    public Money Price { get; set; }
    public ListingCondition Condition { get; set; }
    public int CategoryId { get; set; }
    public Guid[] PhotoIds { get; set; } = [];
    public bool MeetUp { get; set; }
    public string? MeetUpPlace { get; set; }
    public Money? ShippingFee { get; set; }
    public string District { get; set; } = "";
    public double Latitude { get; set; }
    public double Longitude { get; set; }

    public static ListingDraft From(Listing l) => new()
    {
        Title = l.Title, Description = l.Description, Price = l.Price, Condition = l.Condition, CategoryId = l.CategoryId,
        PhotoIds = [.. l.Photos.OrderBy(p => p.Position).Select(p => p.MediaId)],
        MeetUp = l.MeetUp, MeetUpPlace = l.MeetUpPlace, ShippingFee = l.ShippingFee,
        District = l.District, Latitude = l.Latitude, Longitude = l.Longitude,
    };

    /// <summary>Copies the scalar values (photos are written separately, as rows).</summary>
    public void ApplyTo(Listing l)
    {
        l.Title = Title;
        l.NormalizedTitle = Listing.NormalizeTitle(Title);
        l.Description = Description;
        l.Price = Price;
        l.Condition = Condition;
        l.CategoryId = CategoryId;
        l.MeetUp = MeetUp;
        l.MeetUpPlace = MeetUp ? MeetUpPlace : null;
        l.ShippingFeeAmount = ShippingFee?.Amount;
        l.ShippingFeeCurrency = ShippingFee?.Currency;
        l.District = District;
        l.Latitude = Latitude;
        l.Longitude = Longitude;
    }
}

/// <summary>Every rule a listing's fields obey, for create and for partial update alike.</summary>
public static class ListingRules
{
    /// <summary>The per-currency price bounds; they live in <see cref="PriceRules"/>, shared with products.</summary>
    public static IReadOnlyDictionary<string, long> MaxAmount => PriceRules.MaxAmount;

    public static string Name<TEnum>(TEnum value) where TEnum : struct, Enum => JsonNamingPolicy.CamelCase.ConvertName(value.ToString());

    /// <summary>
    /// The id of the leaf category with this slug; null with an error on "category" otherwise. Leaves only: "electronics"
    /// tells a buyer nothing, and browsing a parent includes all its children anyway. Listings and products share it.
    /// </summary>
    public static int? LeafCategory(string? slug, CategoryIndex categories, FieldErrors errors)
    {
        var category = string.IsNullOrWhiteSpace(slug) ? null : categories.BySlug(slug.Trim());
        if (category is null) errors.Add("category", "Unknown category. GET /api/v1/categories lists them.");
        else if (!category.IsLeaf)
            errors.Add("category", $"Choose a subcategory of {category.Slug}: {string.Join(", ", categories.ChildrenOf(category.Id).Select(c => c.Slug))}.");
        else return category.Id;
        return null;
    }

    /// <summary>Parses the API's camelCase enum names ("likeNew"); numbers and unknown names are refused.</summary>
    public static bool TryParse<TEnum>(string? text, out TEnum value) where TEnum : struct, Enum
    {
        value = default;
        if (string.IsNullOrWhiteSpace(text) || !text.All(char.IsAsciiLetter)) return false;
        return Enum.TryParse(text, ignoreCase: true, out value) && Enum.IsDefined(value);
    }

    static string Names<TEnum>() where TEnum : struct, Enum => string.Join(", ", Enum.GetValues<TEnum>().Select(Name));

    /// <summary>
    /// Applies the request to the draft field by field and collects every problem under its camelCase JSON path.
    /// On create, missing required fields are errors; on update, a missing field keeps the draft's value.
    /// </summary>
    public static Dictionary<string, string[]> Apply(ListingRequest req, ListingDraft draft, CategoryIndex categories, bool create)
    {
        var errors = new FieldErrors();

        if (req.Title is not null || create)
        {
            var title = req.Title?.Trim() ?? "";
            if (title.Length == 0) errors.Add("title", "Title is required.");
            else if (title.Length > Listing.TitleMax) errors.Add("title", $"Title must be at most {Listing.TitleMax} characters.");
            else if (title.Any(char.IsControl)) errors.Add("title", "Title cannot contain control characters.");
            else draft.Title = title;
        }

        if (req.Description is not null)
        {
            var description = req.Description.Trim();
            if (description.Length > Listing.DescriptionMax) errors.Add("description", $"Description must be at most {Listing.DescriptionMax} characters.");
            else if (description.Any(c => char.IsControl(c) && c is not ('\n' or '\r' or '\t'))) errors.Add("description", "Description cannot contain control characters.");
            else draft.Description = description;
        }

        var priceCurrencyChanged = false;
        if (req.Price is not null || create)
        {
            if (req.Price is null) errors.Add("price", "Price is required.");
            else if (PriceRules.Check(req.Price, "price", errors, allowZero: false) is { } price)
            {
                priceCurrencyChanged = price.Currency != draft.Price.Currency;
                draft.Price = price;
            }
        }

        if (req.Condition is not null || create)
        {
            if (TryParse<ListingCondition>(req.Condition, out var condition)) draft.Condition = condition;
            else errors.Add("condition", $"Condition must be one of {Names<ListingCondition>()}.");
        }

        if (req.Category is not null || create)
        {
            if (LeafCategory(req.Category, categories, errors) is { } categoryId) draft.CategoryId = categoryId;
        }

        if (req.PhotoIds is not null || create)
        {
            var ids = req.PhotoIds ?? [];
            if (ids.Length is 0 or > Listing.PhotosMax) errors.Add("photoIds", $"Add 1 to {Listing.PhotosMax} photos.");
            else if (ids.Distinct().Count() != ids.Length) errors.Add("photoIds", "Each photo can appear only once.");
            else draft.PhotoIds = ids;
        }

        if (req.Delivery is not null || create)
        {
            var d = req.Delivery;
            if (d is null || (d.MeetUp is null && d.Shipping is null))
                errors.Add("delivery", "Offer a meet-up, shipping, or both.");
            else
            {
                var ok = true;
                string? place = null;
                if (d.MeetUp is not null)
                {
                    place = d.MeetUp.Place?.Trim() ?? "";
                    if (place.Length == 0 || place.Length > Listing.PlaceMax || place.Any(char.IsControl))
                    {
                        errors.Add("delivery.meetUp.place", $"Name the meet-up place (1–{Listing.PlaceMax} characters).");
                        ok = false;
                    }
                }
                Money? fee = null;
                if (d.Shipping is not null)
                {
                    if (d.Shipping.Fee is null)
                    {
                        errors.Add("delivery.shipping.fee", "Give the shipping fee (0 for free shipping).");
                        ok = false;
                    }
                    else
                    {
                        fee = PriceRules.Check(d.Shipping.Fee, "delivery.shipping.fee", errors, allowZero: true);
                        if (fee is null) ok = false;
                    }
                }
                if (ok)
                {
                    draft.MeetUp = d.MeetUp is not null;
                    draft.MeetUpPlace = place;
                    draft.ShippingFee = fee;
                }
            }
        }

        // The fee is charged with the price, so it is in the same currency (checked on the result, as PATCH may change either).
        if (!errors.Has("price") && !errors.Has("delivery") && !errors.Has("delivery.shipping.fee.currency") && draft.ShippingFee is { } shipping
            && shipping.Currency != draft.Price.Currency)
        {
            if (req.Delivery is null && priceCurrencyChanged)
                errors.Add("price.currency", $"The shipping fee is in {shipping.Currency}: send delivery with a fee in {draft.Price.Currency} too.");
            else
                errors.Add("delivery.shipping.fee.currency", $"The shipping fee must be in the listing's currency ({draft.Price.Currency}).");
        }

        if (req.Location is not null || create)
        {
            var loc = req.Location;
            if (loc is null) errors.Add("location", "Location is required (district and approximate coordinates).");
            else
            {
                var district = loc.District?.Trim() ?? "";
                var ok = true;
                if (district.Length == 0 || district.Length > Listing.DistrictMax || district.Any(char.IsControl))
                {
                    errors.Add("location.district", $"Name the district (1–{Listing.DistrictMax} characters).");
                    ok = false;
                }
                if (loc.Lat is not { } lat || double.IsNaN(lat) || lat is < -90 or > 90)
                {
                    errors.Add("location.lat", "Latitude must be between -90 and 90.");
                    ok = false;
                }
                if (loc.Lng is not { } lng || double.IsNaN(lng) || lng is < -180 or > 180)
                {
                    errors.Add("location.lng", "Longitude must be between -180 and 180.");
                    ok = false;
                }
                if (ok)
                {
                    draft.District = district;
                    // Rounded here, before anything is stored: the exact point never reaches the database.
                    draft.Latitude = Listing.RoundCoordinate(loc.Lat!.Value);
                    draft.Longitude = Listing.RoundCoordinate(loc.Lng!.Value);
                }
            }
        }

        return errors.ToDictionary();
    }
}
