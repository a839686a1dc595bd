using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Souk.Web.Data;
using Souk.Web.Modules.Accounts;
using Souk.Web.Modules.Catalog;
using Souk.Web.Modules.Catalog.Pages;

namespace Souk.Web.Modules.Notes.Pages;

/// <summary>What the composer and the note edit form post, as typed (strings, so binding never fails). Tags come as "tag" fields.</summary>
public sealed class NoteFormInput
{
    public string? Title { get; set; }
    public string? Body { get; set; }
    public string? Language { get; set; }
    public string? SponsoredBy { get; set; }
}

/// <summary>
/// A product tag as the form carries it, one hidden "tag" field each: "{photo} {x} {y} {listing|product} {id}". The photo is a
/// stored photo's id, or "f{n}" for the n-th new file of this post (the composer tags photos before they are uploaded).
/// </summary>
public sealed record FormTag(string Photo, double X, double Y, string Kind, long Id)
{
    public const string Field = "tag";

    public string Value => string.Create(CultureInfo.InvariantCulture, $"{Photo} {X:0.####} {Y:0.####} {Kind} {Id}");

    public static FormTag? Parse(string? value)
    {
        var parts = value?.Split(' ', StringSplitOptions.RemoveEmptyEntries) ?? [];
        if (parts.Length != 5 || parts[3] is not ("listing" or "product")) return null;
        if (!double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var x) || !double.IsFinite(x)) return null;
        if (!double.TryParse(parts[2], NumberStyles.Float, CultureInfo.InvariantCulture, out var y) || !double.IsFinite(y)) return null;
        if (!long.TryParse(parts[4], NumberStyles.None, CultureInfo.InvariantCulture, out var id)) return null;
        return new FormTag(parts[0], Math.Clamp(x, 0, 1), Math.Clamp(y, 0, 1), parts[3], id);
    }
}

/// <summary>An item the composer offers to tag: the author's own listings and products, and the listings they saved.</summary>
public sealed record TagChoice(string Kind, long Id, string Title, string Price, string? Thumbnail);

/// <summary>A tag the form shows again (edit, or a post with a mistake), with what it points to.</summary>
public sealed record PlacedTag(FormTag Tag, string Title);

/// <summary>The result of a composer or edit post: the note's id, or the field errors (resx keys) with the photos and tags kept.</summary>
public sealed record NoteFormOutcome(long Id, Dictionary<string, string[]>? Errors, List<FormPhoto> Photos, List<FormTag> Tags)
{
    public bool Succeeded => Errors is null;
}

/// <summary>
/// The composer's and note edit page's form handling: stores the posted photos through <see cref="FormPhotos"/>, attaches the
/// tags placed on them, and lets <see cref="NoteService"/> decide with the same rules as the API. Problems come back under the
/// form's field names as resx keys.
/// </summary>
public sealed class NoteForm(SoukDb db, FormPhotos formPhotos, NoteService notes, ListingLists listingLists, ShopReader shops)
{
    /// <summary>Nine photos at the media limit and the text fields (see <see cref="ListingForm.MaxRequestBytes"/>).</summary>
    public const long MaxRequestBytes = ListingForm.MaxRequestBytes;

    /// <summary>The languages offered first in the composer: the site's own, then other common ones (any BCP 47 tag is valid in the API).</summary>
    public static readonly string[] Languages = ["en", "zh-Hant-HK", "zh-Hans-CN", "it", "ru", "ja", "ko", "fr", "de", "es"];

    // The messages the form shows, as resx keys (a test checks every language has them).
    public const string TitleTooLong = "Notes.Error.TitleTooLong";
    public const string BodyTooLong = "Notes.Error.BodyTooLong";
    public const string ChooseLanguage = "Notes.Error.Language";
    public const string PhotoCount = "Notes.Error.PhotoCount";
    public const string TagGone = "Notes.Error.TagGone";
    public const string TooManyTags = "Notes.Error.TooManyTags";
    public const string SponsorUnknown = "Notes.Error.SponsorUnknown";
    public const string SponsorSelf = "Notes.Error.SponsorSelf";
    public const string SponsorUntagged = "Notes.Error.SponsorUntagged";

    public async Task<NoteFormOutcome> CreateAsync(Guid authorId, NoteFormInput input, IFormCollection form, CancellationToken ct)
    {
        var (photos, tags, photoErrors) = await CollectAsync(authorId, form, ct);
        var request = ToRequest(input, photos, tags, create: true);
        if (photoErrors.Count > 0) return Invalid(new() { ["photos"] = [.. photoErrors] }, photos, tags);
        var outcome = await notes.CreateAsync(authorId, request, input.Language ?? CultureInfo.CurrentUICulture.Name, ct);
        return outcome.Failure == NoteFailure.None ? new(outcome.Id, null, photos, tags) : Invalid(ToPage(outcome.Errors ?? []), photos, tags);
    }

    /// <summary>Every field at once (the form shows them all); null when the note is not this person's to edit.</summary>
    public async Task<NoteFormOutcome?> UpdateAsync(long id, Guid authorId, NoteFormInput input, IFormCollection form, CancellationToken ct)
    {
        if (!await db.Notes.AnyAsync(n => n.Id == id && n.AuthorId == authorId, ct)) return null;
        var (photos, tags, photoErrors) = await CollectAsync(authorId, form, ct);
        var request = ToRequest(input, photos, tags, create: false);
        if (photoErrors.Count > 0) return Invalid(new() { ["photos"] = [.. photoErrors] }, photos, tags);
        var outcome = await notes.UpdateAsync(id, authorId, request, ct);
        return outcome.Failure switch
        {
            NoteFailure.None => new(id, null, photos, tags),
            NoteFailure.Invalid => Invalid(ToPage(outcome.Errors ?? []), photos, tags),
            _ => null,
        };
    }

    /// <summary>The posted photos (kept ones, then the new files stored now) and the tags placed on them, now keyed by photo id.</summary>
    async Task<(List<FormPhoto> Photos, List<FormTag> Tags, List<string> Errors)> CollectAsync(Guid authorId, IFormCollection form, CancellationToken ct)
    {
        var (photos, files, errors) = await formPhotos.CollectEachAsync(authorId, form, ct);
        var ids = photos.Select(p => p.Id.ToString()).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var tags = new List<FormTag>();
        foreach (var tag in form[FormTag.Field].Select(FormTag.Parse).OfType<FormTag>())
        {
            // A tag on a new file follows the photo that file became; a tag on a photo no longer in the note is dropped.
            var photo = tag.Photo.StartsWith('f') && int.TryParse(tag.Photo.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out var n)
                ? (n < files.Count ? files[n]?.Id.ToString() : null)
                : tag.Photo;
            if (photo is not null && ids.Contains(photo)) tags.Add(tag with { Photo = photo.ToLowerInvariant() });
        }
        return (photos, tags, errors);
    }

    static NoteRequest ToRequest(NoteFormInput input, List<FormPhoto> photos, List<FormTag> tags, bool create) => new(
        input.Title ?? "", input.Body ?? "", string.IsNullOrWhiteSpace(input.Language) ? null : input.Language,
        // On create an empty field means no sponsor; on edit it removes the one there was.
        create && string.IsNullOrWhiteSpace(input.SponsoredBy) ? null : input.SponsoredBy ?? "",
        [.. photos.Select(p => new NotePhotoInput(p.Id, [.. tags.Where(t => t.Photo == p.Id.ToString())
            .Select(t => new NoteTagInput(t.X, t.Y, t.Kind == "listing" ? t.Id : null, t.Kind == "product" ? t.Id : null))]))]);

    static NoteFormOutcome Invalid(Dictionary<string, string[]> errors, List<FormPhoto> photos, List<FormTag> tags) => new(0, errors, photos, tags);

    /// <summary>The service's field errors under the form's fields: every tag problem under "tags", sentences turned into resx keys.</summary>
    static Dictionary<string, string[]> ToPage(Dictionary<string, string[]> errors)
    {
        var page = new Dictionary<string, List<string>>();
        foreach (var (field, messages) in errors)
        {
            foreach (var message in messages)
            {
                var (target, key) = field switch
                {
                    "title" => ("title", message == "Title is required." ? message : TitleTooLong),
                    "body" => ("body", BodyTooLong),
                    "language" => ("language", ChooseLanguage),
                    "sponsoredBy" => ("sponsoredBy", message.StartsWith("No account", StringComparison.Ordinal) ? SponsorUnknown
                        : message.StartsWith("A note cannot", StringComparison.Ordinal) ? SponsorSelf : SponsorUntagged),
                    "photos" when message == MediaOwnership.UseYourOwn => ("photos", ListingForm.PhotosAgain),
                    "photos" => ("photos", PhotoCount),
                    _ when field.EndsWith(".tags", StringComparison.Ordinal) => ("tags", TooManyTags),
                    _ => ("tags", TagGone),
                };
                if (!page.TryGetValue(target, out var list)) page[target] = list = [];
                if (!list.Contains(key)) list.Add(key);
            }
        }
        return page.ToDictionary(e => e.Key, e => e.Value.ToArray());
    }

    /// <summary>What the tag picker offers without searching: the author's own listings and products, then listings they saved.</summary>
    public async Task<List<TagChoice>> ChoicesAsync(Guid authorId, string baseUrl, CultureInfo culture, CancellationToken ct)
    {
        var own = await listingLists.BySellerAsync(authorId, own: false, null, 30, baseUrl, ct);
        var saved = await listingLists.SavedAsync(authorId, null, 30, baseUrl, ct);
        var products = await shops.CardsAsync(db.Products.AsNoTracking()
            .Where(p => p.Status == ProductStatus.Published && db.Shops.Any(s => s.Id == p.ShopId && s.OwnerId == authorId))
            .OrderByDescending(p => p.Id).Take(30), baseUrl, ct);
        return
        [
            .. own.Items.Select(l => new TagChoice("listing", l.Id, l.Title, l.Price.Format(culture), l.Cover?.Thumbnail)),
            .. products.Select(p => new TagChoice("product", p.Id, p.Title, p.PriceRange.Min.Format(culture), p.Cover?.Thumbnail)),
            .. saved.Items.Where(l => l.State != ListingState.Sold).DistinctBy(l => l.Id).Select(l => new TagChoice("listing", l.Id, l.Title, l.Price.Format(culture), l.Cover?.Thumbnail)),
        ];
    }

    /// <summary>The titles of the tagged items, for the tags a form shows again.</summary>
    public async Task<List<PlacedTag>> PlacedAsync(IReadOnlyList<FormTag> tags, CancellationToken ct)
    {
        var listingIds = tags.Where(t => t.Kind == "listing").Select(t => t.Id).ToArray();
        var productIds = tags.Where(t => t.Kind == "product").Select(t => t.Id).ToArray();
        var listings = await db.Listings.AsNoTracking().Where(l => listingIds.Contains(l.Id)).ToDictionaryAsync(l => l.Id, l => l.Title, ct);
        var products = await db.Products.AsNoTracking().Where(p => productIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Title, ct);
        return [.. tags.Select(t => new PlacedTag(t, (t.Kind == "listing" ? listings.GetValueOrDefault(t.Id) : products.GetValueOrDefault(t.Id)) ?? $"#{t.Id}"))];
    }

    /// <summary>A note as the edit form starts: its fields, photos and tags; null when it is not this person's.</summary>
    public async Task<(NoteFormInput Input, List<FormPhoto> Photos, List<FormTag> Tags)?> ForEditAsync(long id, Guid authorId, CancellationToken ct)
    {
        var note = await db.Notes.AsNoTracking().Include(n => n.Photos).Include(n => n.Tags).AsSplitQuery()
            .FirstOrDefaultAsync(n => n.Id == id && n.AuthorId == authorId, ct);
        if (note is null) return null;
        var sponsor = note.SponsorId is { } s ? await db.Users.Where(u => u.Id == s).Select(u => u.UserName).FirstOrDefaultAsync(ct) : null;
        var photos = await formPhotos.OwnPhotosAsync(authorId, note.Photos.OrderBy(p => p.Position).Select(p => p.MediaId), ct);
        var byPosition = note.Photos.ToDictionary(p => p.Position, p => p.MediaId.ToString());
        var tags = note.Tags.OrderBy(t => t.PhotoPosition).ThenBy(t => t.Id).Select(t => new FormTag(byPosition[t.PhotoPosition], t.X, t.Y,
            t.ListingId is null ? "product" : "listing", t.ListingId ?? t.ProductId!.Value)).ToList();
        return (new NoteFormInput { Title = note.Title, Body = note.Body, Language = note.Language, SponsoredBy = sponsor }, photos, tags);
    }
}
