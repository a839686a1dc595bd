using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Souk.Web.Common;

namespace Souk.Web.Data;

/// <summary>
/// How a <see cref="Money"/> is stored: two columns, "{prefix}Amount" (bigint minor units) and "{prefix}Currency"
/// (ISO 4217 code). Integers compare and sum exactly on both providers; no decimal or double columns.
/// </summary>
public static class MoneyMapping
{
    public const int CurrencyLength = 3;

    public static ComplexPropertyBuilder<Money> IsMoney(this ComplexPropertyBuilder<Money> b, string prefix)
    {
        b.Property(m => m.Amount).HasColumnName(prefix + "Amount");
        b.Property(m => m.Currency).HasColumnName(prefix + "Currency").HasMaxLength(CurrencyLength).IsRequired();
        return b;
    }
}
