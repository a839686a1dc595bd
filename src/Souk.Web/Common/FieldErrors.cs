namespace Souk.Web.Common;

/// <summary>
/// Validation messages collected under camelCase JSON paths ("price.amount", "skus[2].stock"), so one 400 names every
/// broken field at once. Shared by the rules of every module.
/// </summary>
public sealed class FieldErrors
{
    readonly Dictionary<string, List<string>> byField = new(StringComparer.Ordinal);

    public int Count => byField.Count;

    public void Add(string field, string message)
    {
        if (!byField.TryGetValue(field, out var list)) byField[field] = list = [];
        list.Add(message);
    }

    /// <summary>True when the field itself or anything under it ("price" covers "price.amount") has an error.</summary>
    public bool Has(string prefix) => byField.Keys.Any(k => k == prefix || k.StartsWith(prefix + ".", StringComparison.Ordinal) || k.StartsWith(prefix + "[", StringComparison.Ordinal));

    public Dictionary<string, string[]> ToDictionary() => byField.ToDictionary(e => e.Key, e => e.Value.ToArray());
}
