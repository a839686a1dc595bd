using System.ComponentModel;
using System.Text.Json;
using System.Text.RegularExpressions;
using Souk.Web.Common;
using Souk.Web.Modules.Accounts;

namespace Souk.Web.Modules.Catalog;

// Request shapes: every field nullable, as for listings (missing → 400 on create, "keep" on PATCH). A media reference that
// can be removed is a JsonElement, because PATCH must tell "not sent" (keep) from an explicit null (remove).
public sealed record SectionInput(
    [property: Description("The id of an existing section to keep (rename or move it); leave it out for a new section.")] long? Id,
    [property: Description("1–40 characters, unique in the shop.")] string? Name);

/// <summary>POST /shops (name and slug required) and PATCH /shops/{slug} (only what changes).</summary>
public sealed record ShopRequest(
    [property: Description("1–60 characters.")] string? Name,
    [property: Description("3–40 lower-case letters, digits and single hyphens; unique; the shop's address /s/{slug}.")] string? Slug,
    [property: Description("Up to 2,000 characters.")] string? Description,
    [property: Description("An id from POST /api/v1/media (your own), or null to remove the logo.")] JsonElement LogoId,
    [property: Description("An id from POST /api/v1/media (your own), or null to remove the banner.")] JsonElement BannerId,
    [property: Description("Up to 20 sections in display order. On PATCH the list replaces the old one: sections left out are deleted and their products stay in the shop without a section.")] SectionInput[]? Sections);

/// <summary>A section as it will be written: an existing one (Id) or a new one (no Id).</summary>
public sealed record SectionDraft(long? Id, string Name);

/// <summary>The validated values of a shop, before they are written.</summary>
public sealed class ShopDraft
{
    public string Name { get; set; } = "";
    public string Slug { get; set; } = "";
    public string Description { get; set; } = "";
    public Guid? LogoId { get; set; }
    public Guid? BannerId { get; set; }
    public List<SectionDraft> Sections { get; set; } = [];

    public static ShopDraft From(Shop s) => new()
    {
        Name = s.Name, Slug = s.Slug, Description = s.Description, LogoId = s.LogoId, BannerId = s.BannerId,
        Sections = [.. s.Sections.OrderBy(x => x.Position).Select(x => new SectionDraft(x.Id, x.Name))],
    };
}

/// <summary>Who may open a shop, and every rule a shop's fields obey, for create and partial update alike.</summary>
public static partial class ShopRules
{
    public static bool CanOpenShop(AccountKind kind) => kind is AccountKind.Seller or AccountKind.Brand or AccountKind.Creator;

    public const string PersonalAccountDetail =
        "Personal accounts cannot open a shop. Switch your account to seller, brand or creator first (PATCH /api/v1/me with {\"kind\": \"seller\"}), then open your shop.";

    public const string ReservedSlugMessage = "That slug is reserved.";

    /// <summary>Slugs people would mistake for Souk itself, or that a route of the app may want one day.</summary>
    static readonly HashSet<string> ReservedSlugs = new(StringComparer.Ordinal)
    {
        "admin", "administrator", "api", "app", "about", "cart", "checkout", "create", "edit", "help", "home", "live", "login",
        "logout", "me", "new", "null", "official", "operator", "orders", "products", "search", "security", "sell", "settings",
        "shop", "shops", "signin", "signout", "signup", "souk", "staff", "support", "undefined", "wallet",
    };

    [GeneratedRegex("^[a-z0-9]+(?:-[a-z0-9]+)*$")]
    private static partial Regex SlugPattern();

    /// <summary>Slugs are compared and stored in lower case: "Kowloon-Tea" and "kowloon-tea" are one shop.</summary>
    public static string NormalizeSlug(string slug) => slug.Trim().ToLowerInvariant();

    /// <summary>Null when the (normalized) slug is acceptable, otherwise why not.</summary>
    public static string? CheckSlug(string slug)
    {
        if (slug.Length is < Shop.SlugMin or > Shop.SlugMax || !SlugPattern().IsMatch(slug))
            return $"Slug must be {Shop.SlugMin}–{Shop.SlugMax} lower-case letters, digits or hyphens, starting and ending with a letter or digit (e.g. kowloon-tea).";
        if (ReservedSlugs.Contains(slug)) return ReservedSlugMessage;
        return null;
    }

    /// <summary>
    /// Applies the request to the draft field by field and collects every problem under its camelCase JSON path. On create,
    /// name and slug are required; on update, a missing field keeps the draft's value. Section ids must be among
    /// <paramref name="existingSectionIds"/> (none on create).
    /// </summary>
    public static Dictionary<string, string[]> Apply(ShopRequest req, ShopDraft draft, IReadOnlySet<long> existingSectionIds, bool create)
    {
        var errors = new FieldErrors();

        if (req.Name is not null || create)
        {
            var name = req.Name?.Trim() ?? "";
            if (name.Length == 0) errors.Add("name", "Name is required.");
            else if (name.Length > Shop.NameMax) errors.Add("name", $"Name must be at most {Shop.NameMax} characters.");
            else if (name.Any(char.IsControl)) errors.Add("name", "Name cannot contain control characters.");
            else draft.Name = name;
        }

        if (req.Slug is not null || create)
        {
            var slug = NormalizeSlug(req.Slug ?? "");
            if (slug.Length == 0) errors.Add("slug", "Slug is required.");
            else if (CheckSlug(slug) is { } problem) errors.Add("slug", problem);
            else draft.Slug = slug;
        }

        if (req.Description is not null)
        {
            var description = req.Description.Trim();
            if (description.Length > Shop.DescriptionMax) errors.Add("description", $"Description must be at most {Shop.DescriptionMax} characters.");
            else if (description.Any(c => char.IsControl(c) && c is not ('\n' or '\r' or '\t'))) errors.Add("description", "Description cannot contain control characters.");
            else draft.Description = description;
        }

        if (JsonFields.TryReadGuid(req.LogoId, "logoId", errors, out var logoGiven, out var logo) && logoGiven) draft.LogoId = logo;
        if (JsonFields.TryReadGuid(req.BannerId, "bannerId", errors, out var bannerGiven, out var banner) && bannerGiven) draft.BannerId = banner;

        if (req.Sections is not null)
        {
            var sections = new List<SectionDraft>();
            var names = new HashSet<string>(StringComparer.Ordinal);
            var ids = new HashSet<long>();
            var ok = true;
            if (req.Sections.Length > Shop.SectionsMax)
            {
                errors.Add("sections", $"A shop has at most {Shop.SectionsMax} sections.");
                ok = false;
            }
            for (var i = 0; ok && i < req.Sections.Length; i++)
            {
                var input = req.Sections[i];
                var field = $"sections[{i}]";
                var name = input?.Name?.Trim() ?? "";
                if (name.Length == 0 || name.Length > ShopSection.NameMax || name.Any(char.IsControl))
                    errors.Add(field + ".name", $"Name each section (1–{ShopSection.NameMax} characters).");
                else if (!names.Add(name.ToUpperInvariant()))
                    errors.Add(field + ".name", $"There is already a section called '{name}'.");
                if (input?.Id is { } id && (!existingSectionIds.Contains(id) || !ids.Add(id)))
                    errors.Add(field + ".id", create
                        ? "A new shop has no sections yet: leave the ids out."
                        : $"No section {id} in this shop (or it appears twice). Leave the id out to add a section.");
                sections.Add(new SectionDraft(input?.Id, name));
            }
            if (!errors.Has("sections")) draft.Sections = sections;
        }

        return errors.ToDictionary();
    }
}

/// <summary>Fields that PATCH must be able to clear: absent (keep), null (remove) or a value.</summary>
public static class JsonFields
{
    /// <summary>False (with an error) when the value is neither null nor a GUID string.</summary>
    public static bool TryReadGuid(JsonElement element, string field, FieldErrors errors, out bool given, out Guid? value)
    {
        given = element.ValueKind != JsonValueKind.Undefined;
        value = null;
        switch (element.ValueKind)
        {
            case JsonValueKind.Undefined or JsonValueKind.Null:
                return true;
            case JsonValueKind.String when element.TryGetGuid(out var id):
                value = id;
                return true;
            default:
                errors.Add(field, "Give a media id from POST /api/v1/media, or null.");
                return false;
        }
    }

    /// <summary>False (with an error) when the value is neither null nor a whole number.</summary>
    public static bool TryReadId(JsonElement element, string field, string message, FieldErrors errors, out bool given, out long? value)
    {
        given = element.ValueKind != JsonValueKind.Undefined;
        value = null;
        switch (element.ValueKind)
        {
            case JsonValueKind.Undefined or JsonValueKind.Null:
                return true;
            case JsonValueKind.Number when element.TryGetInt64(out var id):
                value = id;
                return true;
            default:
                errors.Add(field, message);
                return false;
        }
    }
}
