using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Souk.Web.Data;

namespace Souk.Web.Modules.Catalog;

public sealed record CategoryNode(string Slug, string Name, IReadOnlyList<CategoryNode> Children);

public sealed record CategoryRef(string Slug, string Name);

/// <summary>GET /api/v1/categories: the whole tree, named in the request's UI culture.</summary>
public static class Categories
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/categories", async (CategoryTree tree, CancellationToken ct) =>
            TypedResults.Ok((await tree.GetAsync(ct)).Tree(CultureInfo.CurrentUICulture))).WithTags("Categories").AllowAnonymous();
}

/// <summary>One category with its names in every culture, as read from the database.</summary>
public sealed record CategoryEntry(int Id, string Slug, int? ParentId, int Position, IReadOnlyDictionary<string, string> Names)
{
    public bool IsLeaf { get; init; }

    public string NameIn(CultureInfo culture) => Names.TryGetValue(CategoryIndex.CultureKey(culture), out var name) ? name : Names.GetValueOrDefault("en", Slug);
}

/// <summary>The tree in memory: lookups by slug and id, and the localized tree for responses.</summary>
public sealed class CategoryIndex
{
    readonly Dictionary<string, CategoryEntry> bySlug;
    readonly Dictionary<int, CategoryEntry> byId;
    readonly CategoryEntry[] roots;
    readonly ILookup<int, CategoryEntry> children;

    public CategoryIndex(IEnumerable<CategoryEntry> entries)
    {
        var list = entries.ToList();
        var parents = list.Where(e => e.ParentId is not null).Select(e => e.ParentId!.Value).ToHashSet();
        list = list.Select(e => e with { IsLeaf = !parents.Contains(e.Id) }).ToList();
        bySlug = list.ToDictionary(e => e.Slug, StringComparer.OrdinalIgnoreCase);
        byId = list.ToDictionary(e => e.Id);
        roots = [.. list.Where(e => e.ParentId is null).OrderBy(e => e.Position)];
        children = list.Where(e => e.ParentId is not null).OrderBy(e => e.Position).ToLookup(e => e.ParentId!.Value);
    }

    public CategoryEntry? BySlug(string slug) => bySlug.GetValueOrDefault(slug);

    public CategoryEntry ById(int id) => byId[id];

    public IEnumerable<CategoryEntry> ChildrenOf(int id) => children[id];

    /// <summary>The category and everything below it (what a filter on it matches).</summary>
    public IEnumerable<int> SelfAndDescendants(int id)
    {
        yield return id;
        foreach (var child in ChildrenOf(id))
            foreach (var d in SelfAndDescendants(child.Id)) yield return d;
    }

    /// <summary>The category's parent, or null for a root.</summary>
    public CategoryEntry? ParentOf(int id) => byId.TryGetValue(id, out var e) && e.ParentId is { } p ? byId[p] : null;

    /// <summary>Every category in tree order: each root, then its subtree.</summary>
    public IEnumerable<CategoryEntry> InTreeOrder()
    {
        IEnumerable<CategoryEntry> Walk(CategoryEntry e) => ChildrenOf(e.Id).SelectMany(Walk).Prepend(e);
        return roots.SelectMany(Walk);
    }

    public CategoryRef RefFor(int id, CultureInfo culture)
    {
        var entry = byId[id];
        return new CategoryRef(entry.Slug, entry.NameIn(culture));
    }

    public IReadOnlyList<CategoryNode> Tree(CultureInfo culture) => [.. roots.Select(r => Node(r, culture))];

    CategoryNode Node(CategoryEntry entry, CultureInfo culture) =>
        new(entry.Slug, entry.NameIn(culture), [.. ChildrenOf(entry.Id).Select(c => Node(c, culture))]);

    /// <summary>The stored culture for a UI culture: itself, else its nearest parent we store (zh-Hant-HK → zh-Hant-HK, it-CH → it), else en.</summary>
    public static string CultureKey(CultureInfo culture)
    {
        for (var c = culture; !string.IsNullOrEmpty(c.Name); c = c.Parent)
        {
            foreach (var stored in CategorySeed.Cultures)
            {
                if (string.Equals(stored, c.Name, StringComparison.OrdinalIgnoreCase)) return stored;
            }
        }
        return "en";
    }
}

/// <summary>
/// The category tree, read once per process: it changes only through migrations (see <see cref="CategoryConfiguration"/>),
/// and every listing read and write needs it.
/// </summary>
public sealed class CategoryTree(IServiceScopeFactory scopes)
{
    CategoryIndex? index;

    public async ValueTask<CategoryIndex> GetAsync(CancellationToken ct)
    {
        if (index is { } cached) return cached;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SoukDb>();
        var categories = await db.Categories.AsNoTracking().Include(c => c.Names).ToListAsync(ct);
        var loaded = new CategoryIndex(categories.Select(c => new CategoryEntry(c.Id, c.Slug, c.ParentId, c.Position,
            c.Names.ToDictionary(n => n.Culture, n => n.Name, StringComparer.OrdinalIgnoreCase))));
        // Two first requests may both load it; the copies are equal, so whichever lands last is fine.
        index = loaded;
        return loaded;
    }
}
