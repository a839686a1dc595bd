using System.Globalization;

namespace Souk.Web.Common;

/// <summary>An amount in ISO 4217 minor units (cents, fen, kopecks). Never double, never decimal columns.</summary>
public readonly record struct Money(long Amount, string Currency)
{
    // ISO 4217 minor-unit exponents for the currencies Souk trades in; anything else is refused.
    static readonly Dictionary<string, int> MinorUnits = new(StringComparer.Ordinal)
    {
        ["HKD"] = 2, ["CNY"] = 2, ["EUR"] = 2, ["RUB"] = 2, ["USD"] = 2, ["GBP"] = 2, ["JPY"] = 0,
    };

    public static IReadOnlyCollection<string> SupportedCurrencies => MinorUnits.Keys;

    public static bool IsSupported(string? currency) => currency is not null && MinorUnits.ContainsKey(currency);

    public static int MinorUnitsOf(string currency) =>
        MinorUnits.TryGetValue(currency, out var units) ? units : throw new ArgumentException($"Unsupported currency '{currency}'.", nameof(currency));

    public Money Add(Money other)
    {
        EnsureSameCurrency(other);
        return this with { Amount = checked(Amount + other.Amount) };
    }

    public Money Subtract(Money other)
    {
        EnsureSameCurrency(other);
        return this with { Amount = checked(Amount - other.Amount) };
    }

    /// <summary>The major-unit value, only for display: arithmetic stays in minor units.</summary>
    public decimal ToMajor() => Amount / (decimal)Pow10(MinorUnitsOf(Currency));

    /// <summary>Formats for a culture: symbol and grouping from the culture, decimals from the currency.</summary>
    public string Format(CultureInfo culture)
    {
        var digits = MinorUnitsOf(Currency);
        var format = (NumberFormatInfo)culture.NumberFormat.Clone();
        format.CurrencyDecimalDigits = digits;
        format.CurrencySymbol = CurrencySymbol(Currency, culture);
        return ToMajor().ToString("C", format);
    }

    public override string ToString() => Format(CultureInfo.InvariantCulture);

    static string CurrencySymbol(string currency, CultureInfo culture)
    {
        // The culture's own symbol when it is that culture's currency; otherwise an unambiguous one.
        if (!culture.IsNeutralCulture && culture.Name.Length > 0)
        {
            var region = new RegionInfo(culture.Name);
            if (region.ISOCurrencySymbol == currency) return region.CurrencySymbol;
        }
        return currency switch
        {
            "HKD" => "HK$", "CNY" => "CN¥", "EUR" => "€", "RUB" => "₽", "USD" => "US$", "GBP" => "£", "JPY" => "JP¥",
            _ => currency,
        };
    }

    static long Pow10(int n)
    {
        long result = 1;
        for (var i = 0; i < n; i++) result *= 10;
        return result;
    }

    void EnsureSameCurrency(Money other)
    {
        if (other.Currency != Currency)
            throw new InvalidOperationException($"Cannot combine {Currency} with {other.Currency}.");
    }
}
