using System.ComponentModel;
using System.Globalization;
using Souk.Web.Common;

namespace Souk.Web.Modules.Notes;

// Request shapes. Every field is nullable: a missing field becomes a 400 naming it (and, in PATCH, "keep as is").
public sealed record NoteTagInput(
    [property: Description("0 (left) to 1 (right) on the photo.")] double? X,
    [property: Description("0 (top) to 1 (bottom) on the photo.")] double? Y,
    [property: Description("A listing to tag; give this or productId, not both.")] long? ListingId,
    [property: Description("A shop product to tag; give this or listingId, not both.")] long? ProductId);

public sealed record NotePhotoInput(
    [property: Description("An id from POST /api/v1/media, your own.")] Guid? MediaId,
    [property: Description("Up to 5 product tags pinned on this photo.")] NoteTagInput[]? Tags);

/// <summary>POST /notes (title and photos required) and PATCH /notes/{id} (only what changes; photos replace the old set).</summary>
public sealed record NoteRequest(
    [property: Description("1–100 characters.")] string? Title,
    [property: Description("Up to 10,000 characters of Markdown: paragraphs, *emphasis*, lists and links; #hashtags and @mentions link. Raw HTML is shown as text.")] string? Body,
    [property: Description("The note's language as a BCP 47 tag (en, zh-Hant-HK, zh-Hans-CN, it, ru...). Defaults to the request's language.")] string? Language,
    [property: Description("Paid partnership: the @handle (without @) of the brand that sponsored the note; a tag must point to one of its items. An empty string removes it.")] string? SponsoredBy,
    [property: Description("1–9 photos in display order (the first is the cover), each with its product tags.")] NotePhotoInput[]? Photos);

/// <summary>The validated values of a note, before they are written.</summary>
public sealed class NoteDraft
{
    public string Title { get; set; } = "";
    public string Body { get; set; } = "";
    public string Language { get; set; } = "";
    /// <summary>The sponsor's handle as given (resolved by the service), or null for none.</summary>
    public string? SponsorHandle { get; set; }
    public List<DraftPhoto> Photos { get; set; } = [];

    public sealed record DraftPhoto(Guid MediaId, IReadOnlyList<DraftTag> Tags);

    public sealed record DraftTag(double X, double Y, long? ListingId, long? ProductId);
}

/// <summary>Every rule a note's fields obey, for create and for partial update alike.</summary>
public static class NoteRules
{
    /// <summary>Checks the request and copies what is valid into <paramref name="draft"/>; in PATCH, absent fields keep their value.</summary>
    public static Dictionary<string, string[]> Apply(NoteRequest req, NoteDraft draft, bool create, string defaultLanguage)
    {
        var errors = new FieldErrors();
        if (req.Title is not null || create)
        {
            var title = req.Title?.Trim();
            if (string.IsNullOrEmpty(title)) errors.Add("title", "Title is required.");
            else if (title.Length > Note.TitleMax) errors.Add("title", $"Title must be at most {Note.TitleMax} characters.");
            else draft.Title = title;
        }
        if (req.Body is not null)
        {
            var body = req.Body.Replace("\r\n", "\n").Trim();
            if (body.Length > Note.BodyMax) errors.Add("body", $"Body must be at most {Note.BodyMax:N0} characters.");
            else draft.Body = body;
        }
        if (req.Language is not null || create)
        {
            var language = string.IsNullOrWhiteSpace(req.Language) ? defaultLanguage : req.Language.Trim();
            if (CanonicalLanguage(language) is { } canonical) draft.Language = canonical;
            else errors.Add("language", "Language must be a language tag such as en, zh-Hant-HK, zh-Hans-CN, it or ru.");
        }
        if (req.SponsoredBy is not null)
            draft.SponsorHandle = req.SponsoredBy.Trim().TrimStart('@') is { Length: > 0 } handle ? handle : null;
        if (req.Photos is not null || create) ApplyPhotos(req.Photos, draft, errors);
        return errors.ToDictionary();
    }

    static void ApplyPhotos(NotePhotoInput[]? photos, NoteDraft draft, FieldErrors errors)
    {
        if (photos is null || photos.Length < Note.PhotosMin)
        {
            errors.Add("photos", $"Add {Note.PhotosMin} to {Note.PhotosMax} photos.");
            return;
        }
        if (photos.Length > Note.PhotosMax)
        {
            errors.Add("photos", $"A note has at most {Note.PhotosMax} photos.");
            return;
        }
        var result = new List<NoteDraft.DraftPhoto>();
        var seen = new HashSet<Guid>();
        for (var i = 0; i < photos.Length; i++)
        {
            var field = $"photos[{i}]";
            if (photos[i] is not { MediaId: { } mediaId } photo || mediaId == Guid.Empty)
            {
                errors.Add($"{field}.mediaId", "Give the id of a photo from POST /api/v1/media.");
                continue;
            }
            if (!seen.Add(mediaId)) errors.Add($"{field}.mediaId", "The same photo appears twice.");
            var tags = photo.Tags ?? [];
            if (tags.Length > Note.TagsPerPhotoMax) errors.Add($"{field}.tags", $"A photo has at most {Note.TagsPerPhotoMax} product tags.");
            var draftTags = new List<NoteDraft.DraftTag>();
            for (var t = 0; t < tags.Length && t < Note.TagsPerPhotoMax; t++)
            {
                var tagField = $"{field}.tags[{t}]";
                if (tags[t] is not { } tag)
                {
                    errors.Add(tagField, "A tag needs x, y and a listingId or a productId.");
                    continue;
                }
                var ok = true;
                if (tag.X is not (>= 0 and <= 1)) { errors.Add($"{tagField}.x", "x must be from 0 to 1."); ok = false; }
                if (tag.Y is not (>= 0 and <= 1)) { errors.Add($"{tagField}.y", "y must be from 0 to 1."); ok = false; }
                if ((tag.ListingId is null) == (tag.ProductId is null))
                {
                    errors.Add(tagField, "Give either a listingId or a productId.");
                    ok = false;
                }
                if (ok) draftTags.Add(new(tag.X!.Value, tag.Y!.Value, tag.ListingId, tag.ProductId));
            }
            result.Add(new(mediaId, draftTags));
        }
        draft.Photos = result;
    }

    /// <summary>The tag as .NET names it (zh-hant-hk → zh-Hant-HK), or null when it is not a known language.</summary>
    public static string? CanonicalLanguage(string tag)
    {
        if (tag.Length is 0 or > Note.LanguageMax) return null;
        try
        {
            var culture = CultureInfo.GetCultureInfo(tag, predefinedOnly: true);
            return culture.Equals(CultureInfo.InvariantCulture) ? null : culture.Name;
        }
        catch (CultureNotFoundException)
        {
            return null;
        }
    }
}
