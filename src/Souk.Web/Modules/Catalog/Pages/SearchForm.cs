using System.Globalization;
using Souk.Web.Common;

namespace Souk.Web.Modules.Catalog.Pages;

/// <summary>
/// The search page's GET form as typed (every value a string, so nothing the address bar holds can fail binding). Prices are
/// typed in major units ("120", "99.50") in <see cref="Currency"/>; the type is "" for both kinds.
/// </summary>
public sealed record SearchFormInput(
    string? Q, string? Type, string? Category, string? Min, string? Max, string? Currency, string[]? Condition, string? Near, string? Radius,
    string? Sort, string? Cursor)
{
    /// <summary>Whether anything but the words narrows or orders the search (the filters panel starts open then).</summary>
    public bool HasFilters => !string.IsNullOrEmpty(Type) || !string.IsNullOrEmpty(Category) || !string.IsNullOrWhiteSpace(Min) ||
        !string.IsNullOrWhiteSpace(Max) || Condition is { Length: > 0 } || !string.IsNullOrEmpty(Near) || !string.IsNullOrEmpty(Sort);
}

/// <summary>
/// Turns the search page's form into the API's <see cref="SearchParameters"/>, so the page runs the very same
/// <see cref="Search.Parse"/> and <see cref="SearchReader"/> as GET /api/v1/search, and turns that parser's field errors into
/// the page's fields and sentences (keys of SharedResource, so every language gets its own).
/// </summary>
public static class SearchForm
{
    public const int PageSize = 24;

    /// <summary>The radius choices of "Nearby", in km (the API allows up to 100).</summary>
    public static readonly int[] Radii = [1, 2, 5, 10, 25, 50, 100];

    public const string ErrorQuery = "Search.ErrorQuery";
    public const string ErrorType = "Search.ErrorType";
    public const string ErrorCategory = "Search.ErrorCategory";
    public const string ErrorNegativePrice = "Search.ErrorNegativePrice";
    public const string ErrorPriceOrder = "Search.ErrorPriceOrder";
    public const string ErrorCurrency = "Search.ErrorCurrency";
    public const string ErrorCondition = "Search.ErrorCondition";
    public const string ErrorLocation = "Search.ErrorLocation";
    public const string ErrorNeedsLocation = "Search.ErrorNeedsLocation";
    public const string ErrorRadius = "Search.ErrorRadius";
    public const string ErrorSort = "Search.ErrorSort";
    public const string ErrorCursor = "Search.ErrorCursor";

    /// <summary>
    /// The API's parameters for this form, and the problems only the page can see (a price that is not a number). The
    /// currency goes along only with a price range or a price sort: it says what the prices are in, it is not a filter of its
    /// own. The radius goes along only with a point (the select always posts one).
    /// </summary>
    public static (SearchParameters Parameters, Dictionary<string, string[]> Errors) ToParameters(SearchFormInput input, string currency, CultureInfo culture)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var known = Money.IsSupported(currency);
        string? Amount(string? typed, string field)
        {
            if (!known || string.IsNullOrWhiteSpace(typed)) return null;
            if (ListingForm.ParseAmount(typed, currency, culture, out var minor) is { } problem)
            {
                errors[field] = [problem];
                return null;
            }
            return minor.ToString(CultureInfo.InvariantCulture);
        }
        var min = Amount(input.Min, "min");
        var max = Amount(input.Max, "max");
        var byPrice = input.Sort is "price_asc" or "price_desc";
        var priced = !string.IsNullOrWhiteSpace(input.Min) || !string.IsNullOrWhiteSpace(input.Max) || byPrice;
        var near = string.IsNullOrWhiteSpace(input.Near) ? null : input.Near.Trim();
        var parameters = new SearchParameters(
            input.Q, string.IsNullOrEmpty(input.Type) ? null : input.Type, string.IsNullOrEmpty(input.Category) ? null : input.Category, min, max,
            priced ? currency : null, input.Condition is { Length: > 0 } c ? string.Join(',', c) : null, near, near is null ? null : input.Radius,
            string.IsNullOrEmpty(input.Sort) ? null : input.Sort, string.IsNullOrEmpty(input.Cursor) ? null : input.Cursor,
            PageSize.ToString(CultureInfo.InvariantCulture));
        return (parameters, errors);
    }

    /// <summary>The parser's errors (API field names, English sentences) as the page's fields and sentences.</summary>
    public static void AddParserErrors(Dictionary<string, string[]> page, IReadOnlyDictionary<string, string[]> api, SearchFormInput input)
    {
        foreach (var (field, messages) in api)
        {
            var message = messages.FirstOrDefault() ?? "";
            var (name, sentence) = field switch
            {
                "q" => ("q", ErrorQuery),
                "type" => ("type", ErrorType),
                "category" => ("category", ErrorCategory),
                "minPrice" or "maxPrice" => (field == "minPrice" ? "min" : "max",
                    message.Contains("negative", StringComparison.Ordinal) ? ErrorNegativePrice
                    : message.Contains("above", StringComparison.Ordinal) ? ErrorPriceOrder : ListingForm.PriceFormat),
                "currency" => ("currency", ErrorCurrency),
                "condition" => ("condition", ErrorCondition),
                "near" => ("near", string.IsNullOrWhiteSpace(input.Near) ? ErrorNeedsLocation : ErrorLocation),
                "radiusKm" => ("radius", ErrorRadius),
                "sort" => ("sort", ErrorSort),
                _ => ("cursor", ErrorCursor),
            };
            page.TryAdd(name, [sentence]);
        }
    }

    /// <summary>Every sentence the page can show under a field (for the resource completeness test).</summary>
    public static IEnumerable<string> PageMessages =>
    [
        ErrorQuery, ErrorType, ErrorCategory, ErrorNegativePrice, ErrorPriceOrder, ErrorCurrency, ErrorCondition, ErrorLocation,
        ErrorNeedsLocation, ErrorRadius, ErrorSort, ErrorCursor, ListingForm.PriceFormat, ListingForm.PriceDecimals, ListingForm.PriceTooHigh,
    ];
}
