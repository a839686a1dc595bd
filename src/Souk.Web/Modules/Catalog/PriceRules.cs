using System.Globalization;
using Souk.Web.Common;

namespace Souk.Web.Modules.Catalog;

/// <summary>The one price rule of the catalog: listings, shipping fees and product SKUs all go through <see cref="Check"/>.</summary>
public static class PriceRules
{
    /// <summary>
    /// The highest price (and shipping fee) per currency, in minor units: about HK$10,000,000 in each. Anything above is a
    /// typo or a joke, and would wreck price sorting and filters. Every supported currency must have a row (a test checks).
    /// </summary>
    public static readonly IReadOnlyDictionary<string, long> MaxAmount = new Dictionary<string, long>(StringComparer.Ordinal)
    {
        ["HKD"] = 10_000_000_00,
        ["CNY"] = 9_000_000_00,
        ["EUR"] = 1_200_000_00,
        ["USD"] = 1_300_000_00,
        ["GBP"] = 1_000_000_00,
        ["RUB"] = 120_000_000_00,
        ["JPY"] = 190_000_000,
    };

    /// <summary>
    /// A supported currency (any case) and an amount in minor units, above 0 (or 0 when allowed) and within the currency's
    /// bound. Problems go under "{field}.currency" and "{field}.amount"; null when the money is not acceptable.
    /// </summary>
    public static Money? Check(MoneyInput input, string field, FieldErrors errors, bool allowZero)
    {
        var currency = input.Currency?.Trim().ToUpperInvariant();
        var known = Money.IsSupported(currency);
        if (!known)
            errors.Add(field + ".currency", string.IsNullOrEmpty(currency)
                ? "Currency is required."
                : $"Unknown currency '{input.Currency}'. Use one of {string.Join(", ", Money.SupportedCurrencies)}.");
        if (input.Amount is not { } amount)
        {
            errors.Add(field + ".amount", "Amount is required, in minor units (cents).");
            return null;
        }
        if (amount < 0 || (amount == 0 && !allowZero))
        {
            errors.Add(field + ".amount", allowZero ? "Amount cannot be negative." : "Amount must be more than 0.");
            return null;
        }
        if (!known) return null;
        var max = MaxAmount[currency!];
        if (amount > max)
        {
            errors.Add(field + ".amount", $"Amount must be at most {new Money(max, currency!).Format(CultureInfo.InvariantCulture)} ({max} in minor units).");
            return null;
        }
        return new Money(amount, currency!);
    }
}
