using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Souk.Web.Data;
using Souk.Web.Modules.Accounts;

namespace Souk.Web.Modules.Catalog.Pages;

/// <summary>What the open-shop and edit-shop forms post, as typed (strings, so nothing fails Blazor's binding).</summary>
public sealed class ShopFormInput
{
    public string? Name { get; set; }
    public string? Slug { get; set; }
    public string? Description { get; set; }
    /// <summary>The logo and banner already stored (the shop's, or uploaded by an earlier post of this form).</summary>
    public string? LogoId { get; set; }
    public string? BannerId { get; set; }
    public bool RemoveLogo { get; set; }
    public bool RemoveBanner { get; set; }
    /// <summary>The sections in order; an empty name drops the section (its products stay in the shop).</summary>
    // Blazor binds a list nothing was posted for as null; the page renders the posted form before its handler runs.
    public List<SectionRow> Sections { get; set => field = value ?? []; } = [];
}

public sealed class SectionRow
{
    /// <summary>An existing section's id (it keeps its products when renamed); empty for a new one.</summary>
    public string? Id { get; set; }
    public string? Name { get; set; }
}

/// <summary>The result of a shop form post: the shop's slug, or the errors (resx keys) and the pictures to show again.</summary>
public sealed record ShopFormOutcome(string? Slug, Dictionary<string, string[]>? Errors, FormPhoto? Logo, FormPhoto? Banner, string? ExistingShop = null)
{
    public bool Succeeded => Slug is not null;
}

/// <summary>
/// The open-shop and edit-shop pages' form handling: stores the posted logo and banner through <see cref="FormPhotos"/>, turns the
/// typed values into a <see cref="ShopRequest"/> and lets <see cref="ShopService"/> (and so <see cref="ShopRules"/>) decide, as
/// the API does. The rules' errors come back under the form's fields as resx keys in the viewer's language.
/// </summary>
public sealed class ShopForm(SoukDb db, FormPhotos photos, ShopService shops)
{
    public const string LogoField = "logo";
    public const string BannerField = "banner";
    /// <summary>Empty rows offered for new sections.</summary>
    public const int NewSectionRows = 3;

    // What the form says about each field (every one a key of SharedResource.resx, in all five languages; a test checks).
    public const string NameError = "Shop.Error.Name";
    public const string SlugError = "Shop.Error.Slug";
    public const string SlugReserved = "Shop.Error.SlugReserved";
    public const string SlugTaken = "Shop.Error.SlugTaken";
    public const string DescriptionError = "Shop.Error.Description";
    public const string PictureAgain = "Shop.Error.Picture";
    public const string SectionsError = "Shop.Error.Sections";

    public static IEnumerable<string> MessageKeys => [NameError, SlugError, SlugReserved, SlugTaken, DescriptionError, PictureAgain, SectionsError];

    /// <summary>The account's kind and its shop's slug, if it has one: who may open a shop, and who already did.</summary>
    public async Task<(AccountKind Kind, string? ShopSlug)> OwnerAsync(Guid ownerId, CancellationToken ct)
    {
        var kind = await db.Users.AsNoTracking().Where(u => u.Id == ownerId).Select(u => u.Kind).FirstOrDefaultAsync(ct);
        var slug = await db.Shops.AsNoTracking().Where(s => s.OwnerId == ownerId).Select(s => s.Slug).FirstOrDefaultAsync(ct);
        return (kind, slug);
    }

    /// <summary>A new form: empty rows for sections.</summary>
    public static ShopFormInput Empty() => new() { Sections = [.. Enumerable.Range(0, NewSectionRows).Select(_ => new SectionRow())] };

    /// <summary>The form's values for an existing shop, with empty rows to add sections.</summary>
    public static ShopFormInput From(ShopResponse shop) => new()
    {
        Name = shop.Name,
        Slug = shop.Slug,
        Description = shop.Description,
        LogoId = shop.Logo?.Id.ToString(),
        BannerId = shop.Banner?.Id.ToString(),
        Sections = [.. shop.Sections.Select(s => new SectionRow { Id = s.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), Name = s.Name }),
            .. Enumerable.Range(0, NewSectionRows).Select(_ => new SectionRow())],
    };

    /// <summary>The stored logo and banner the form shows (thumbnails), when they are this person's.</summary>
    public async Task<(FormPhoto? Logo, FormPhoto? Banner)> PicturesAsync(Guid ownerId, ShopFormInput input, CancellationToken ct)
    {
        var logo = Guid.TryParse(input.LogoId, out var l) ? (await photos.OwnPhotosAsync(ownerId, [l], ct)).FirstOrDefault() : null;
        var banner = Guid.TryParse(input.BannerId, out var b) ? (await photos.OwnPhotosAsync(ownerId, [b], ct)).FirstOrDefault() : null;
        return (logo, banner);
    }

    public async Task<ShopFormOutcome> CreateAsync(Guid ownerId, ShopFormInput input, IFormCollection form, CancellationToken ct)
    {
        var (request, errors) = await ToRequestAsync(ownerId, input, form, ct);
        var outcome = errors.Count > 0 ? null : await shops.CreateAsync(ownerId, request, ct);
        return await OutcomeAsync(ownerId, input, outcome, errors, ct);
    }

    public async Task<ShopFormOutcome> UpdateAsync(string slug, Actor actor, ShopFormInput input, IFormCollection form, CancellationToken ct)
    {
        var (request, errors) = await ToRequestAsync(actor.Id, input, form, ct);
        var outcome = errors.Count > 0 ? null : await shops.UpdateAsync(slug, actor, request, ct);
        return await OutcomeAsync(actor.Id, input, outcome, errors, ct);
    }

    async Task<ShopFormOutcome> OutcomeAsync(Guid ownerId, ShopFormInput input, ShopOutcome? outcome, Dictionary<string, List<string>> errors, CancellationToken ct)
    {
        if (outcome is { Failure: ShopFailure.None }) return new ShopFormOutcome(outcome.Slug, null, null, null);
        if (outcome is { Failure: ShopFailure.AlreadyOpen }) return new ShopFormOutcome(null, null, null, null, ExistingShop: outcome.Slug);
        if (outcome is { Failure: ShopFailure.SlugTaken }) Add(errors, "slug", SlugTaken);
        foreach (var (path, messages) in outcome?.Errors ?? [])
        {
            foreach (var message in messages) Add(errors, FieldOf(path), Key(path, message));
        }
        // Forbidden and NotFound are decided before the form is shown; should they happen now, the form says "check".
        if (outcome is { Failure: ShopFailure.Forbidden or ShopFailure.NotFound } && errors.Count == 0) Add(errors, "name", ListingForm.CheckField);
        var (logo, banner) = await PicturesAsync(ownerId, input, ct);
        return new ShopFormOutcome(null, errors.ToDictionary(e => e.Key, e => e.Value.Distinct().ToArray()), logo, banner);
    }

    /// <summary>
    /// Stores a new logo or banner (it replaces the kept one, whose id the form then carries, so a failed post keeps it) and
    /// builds the request: both pictures are always sent (null removes), and every named section in order.
    /// </summary>
    async Task<(ShopRequest Request, Dictionary<string, List<string>> Errors)> ToRequestAsync(Guid ownerId, ShopFormInput input, IFormCollection form, CancellationToken ct)
    {
        var errors = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        // A skipped index binds as a null row; the form shows the rows again, with room for new sections.
        input.Sections = [.. input.Sections.OfType<SectionRow>()];
        if (input.Sections.All(s => !string.IsNullOrEmpty(s.Name))) input.Sections.AddRange(Enumerable.Range(0, NewSectionRows).Select(_ => new SectionRow()));
        var logo = await PictureAsync(ownerId, form, LogoField, input.RemoveLogo, input.LogoId, errors, ct);
        input.LogoId = logo?.ToString();
        var banner = await PictureAsync(ownerId, form, BannerField, input.RemoveBanner, input.BannerId, errors, ct);
        input.BannerId = banner?.ToString();
        input.RemoveLogo = input.RemoveBanner = false;
        var sections = input.Sections.Where(s => !string.IsNullOrWhiteSpace(s.Name))
            .Select(s => new SectionInput(long.TryParse(s.Id, out var id) ? id : null, s.Name)).ToArray();
        var request = new ShopRequest(input.Name ?? "", input.Slug ?? "", input.Description ?? "",
            JsonSerializer.SerializeToElement(logo), JsonSerializer.SerializeToElement(banner), sections);
        return (request, errors);
    }

    async Task<Guid?> PictureAsync(Guid ownerId, IFormCollection form, string field, bool remove, string? kept, Dictionary<string, List<string>> errors, CancellationToken ct)
    {
        var (stored, error) = await photos.StoreOneAsync(ownerId, form, field, ct);
        if (error is not null) Add(errors, field, error);
        if (stored is not null) return stored.Id;
        return remove || !Guid.TryParse(kept, out var id) ? null : id;
    }

    static void Add(Dictionary<string, List<string>> errors, string field, string message)
    {
        if (!errors.TryGetValue(field, out var list)) errors[field] = list = [];
        list.Add(message);
    }

    static string FieldOf(string path) => path switch
    {
        "logoId" => LogoField,
        "bannerId" => BannerField,
        _ when path.StartsWith("sections", StringComparison.Ordinal) => "sections",
        _ => path,
    };

    /// <summary>One sentence per field, in the viewer's language (the rules' own words name API fields and limits).</summary>
    static string Key(string path, string message) => FieldOf(path) switch
    {
        "name" => NameError,
        "slug" => message == ShopRules.ReservedSlugMessage ? SlugReserved : SlugError,
        "description" => DescriptionError,
        LogoField or BannerField => PictureAgain,
        "sections" => SectionsError,
        _ => ListingForm.CheckField,
    };
}
