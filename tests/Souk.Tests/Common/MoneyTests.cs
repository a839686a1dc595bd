using System.Globalization;
using Souk.Web.Common;

namespace Souk.Tests.Common;

public sealed class MoneyTests
{
    [Theory]
    [InlineData("JPY", 0)]
    [InlineData("HKD", 2)]
    [InlineData("CNY", 2)]
    [InlineData("EUR", 2)]
    [InlineData("RUB", 2)]
    [InlineData("USD", 2)]
    public void Minor_units_follow_ISO_4217(string currency, int units) => Assert.Equal(units, Money.MinorUnitsOf(currency));

    [Fact]
    public void An_unknown_currency_is_refused()
    {
        Assert.False(Money.IsSupported("XYZ"));
        Assert.False(Money.IsSupported("hkd"));
        Assert.Throws<ArgumentException>(() => Money.MinorUnitsOf("XYZ"));
    }

    [Fact]
    public void Hong_Kong_dollars_format_in_english()
    {
        Assert.Equal("HK$123.45", new Money(12345, "HKD").Format(CultureInfo.GetCultureInfo("en")));
        Assert.Equal(123.45m, new Money(12345, "HKD").ToMajor());
    }

    [Fact]
    public void Yen_have_no_decimals()
    {
        var yen = new Money(1234, "JPY");
        Assert.Equal(1234m, yen.ToMajor());
        Assert.Equal("JP¥1,234", yen.Format(CultureInfo.GetCultureInfo("en")));
    }

    [Theory]
    [InlineData("it", "EUR", 123456)]
    [InlineData("ru", "RUB", 123456)]
    [InlineData("it", "HKD", 123456)]
    public void Other_cultures_use_their_own_separators(string cultureName, string currency, long minor)
    {
        var culture = CultureInfo.GetCultureInfo(cultureName);
        var text = new Money(minor, currency).Format(culture);

        var decimalSeparator = culture.NumberFormat.CurrencyDecimalSeparator;
        var groupSeparator = culture.NumberFormat.CurrencyGroupSeparator;
        Assert.Equal(",", decimalSeparator); // it and ru both write decimals with a comma
        Assert.Contains($"{groupSeparator}234{decimalSeparator}56", text, StringComparison.Ordinal);
        Assert.StartsWith("1", text.TrimStart('€', '₽', ' ', '\u00A0', 'H', 'K', '$'), StringComparison.Ordinal);
        Assert.DoesNotContain("1,234.56", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Adding_and_subtracting_keep_minor_units()
    {
        Assert.Equal(new Money(300, "EUR"), new Money(100, "EUR").Add(new Money(200, "EUR")));
        Assert.Equal(new Money(-100, "EUR"), new Money(100, "EUR").Subtract(new Money(200, "EUR")));
    }

    [Fact]
    public void Different_currencies_do_not_mix()
    {
        Assert.Throws<InvalidOperationException>(() => new Money(100, "EUR").Add(new Money(100, "HKD")));
        Assert.Throws<InvalidOperationException>(() => new Money(100, "EUR").Subtract(new Money(100, "JPY")));
    }

    [Fact]
    public void Overflow_throws_instead_of_wrapping() =>
        Assert.Throws<OverflowException>(() => new Money(long.MaxValue, "USD").Add(new Money(1, "USD")));
}
