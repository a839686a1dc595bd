using Microsoft.EntityFrameworkCore;
using Souk.Web.Data;

namespace Souk.Web.Modules.Catalog.Pages;

/// <summary>
/// The photos a page form posts (multipart, works without JavaScript): new files are stored as media assets at once, so a post
/// that fails on another field never asks for them again; the ones already stored come back as ids the person keeps. The sell,
/// listing, shop and product forms all go through here.
/// </summary>
public sealed class FormPhotos(SoukDb db, MediaLibrary media, MediaUrlBuilder urls)
{
    /// <summary>The multipart field of new photos, and of the ids of photos already stored that the user keeps.</summary>
    public const string PhotosField = "photos";
    public const string KeepField = "keep";

    /// <summary>Listings and products both take up to ten photos.</summary>
    public const int Max = Listing.PhotosMax;

    public const string TooManyPhotos = "You can add up to 10 photos; the rest were left out.";

    /// <summary>The ids of the photos kept from an earlier post (or the item's), in order, that are really this person's.</summary>
    public async Task<List<FormPhoto>> OwnPhotosAsync(Guid ownerId, IEnumerable<Guid> ids, CancellationToken ct)
    {
        var wanted = ids.Distinct().Take(Max).ToList();
        if (wanted.Count == 0) return [];
        var found = await db.MediaAssets.AsNoTracking().Where(m => wanted.Contains(m.Id) && m.OwnerId == ownerId)
            .Select(m => new { m.Id, m.BlobKey }).ToDictionaryAsync(m => m.Id, m => m.BlobKey, ct);
        return [.. wanted.Where(found.ContainsKey).Select(id => new FormPhoto(id, urls.For(found[id]).Thumbnail))];
    }

    /// <summary>
    /// The photos of a post: the kept ones first, then each new file of <see cref="PhotosField"/> stored as a media asset. A file
    /// that is not an image is reported and skipped; the others are kept.
    /// </summary>
    public async Task<(List<FormPhoto> Photos, List<string> Errors)> CollectAsync(Guid ownerId, IFormCollection form, CancellationToken ct)
    {
        var (photos, _, errors) = await CollectEachAsync(ownerId, form, ct);
        return (photos, errors);
    }

    /// <summary>
    /// As <see cref="CollectAsync"/>, and which stored photo each posted file became, in the order of the non-empty files (null
    /// for one refused or left out), so a form can attach what was placed on a file before it was stored (a note's tags).
    /// </summary>
    public async Task<(List<FormPhoto> Photos, List<FormPhoto?> Files, List<string> Errors)> CollectEachAsync(Guid ownerId, IFormCollection form, CancellationToken ct)
    {
        var keep = form[KeepField].Select(v => Guid.TryParse(v, out var id) ? id : Guid.Empty).Where(id => id != Guid.Empty);
        var photos = await OwnPhotosAsync(ownerId, keep, ct);
        var files = new List<FormPhoto?>();
        var errors = new List<string>();
        foreach (var file in form.Files.GetFiles(PhotosField))
        {
            if (file.Length == 0) continue; // an empty file input still posts an empty part
            if (photos.Count >= Max)
            {
                errors.Add(TooManyPhotos);
                break;
            }
            var (stored, error) = await StoreAsync(ownerId, file, ct);
            files.Add(stored);
            if (stored is not null) photos.Add(stored);
            else errors.Add(error!);
        }
        return (photos, files, errors.Distinct().ToList());
    }

    /// <summary>One posted file (a shop's logo or banner), or null when none was picked; else the stored photo or the problem.</summary>
    public async Task<(FormPhoto? Photo, string? Error)> StoreOneAsync(Guid ownerId, IFormCollection form, string field, CancellationToken ct)
    {
        var file = form.Files.GetFile(field);
        return file is null || file.Length == 0 ? (null, null) : await StoreAsync(ownerId, file, ct);
    }

    async Task<(FormPhoto? Photo, string? Error)> StoreAsync(Guid ownerId, IFormFile file, CancellationToken ct)
    {
        if (file.Length > media.MaxBytes) return (null, $"The file must be at most {media.MaxBytes / (1024 * 1024)} MB.");
        var bytes = new byte[file.Length];
        await using (var stream = file.OpenReadStream()) await stream.ReadExactlyAsync(bytes, ct);
        var (stored, problem) = await media.StoreAsync(ownerId, bytes, ct);
        return stored is null ? (null, problem!.ProblemDetails.Detail ?? ListingForm.CheckField) : (new FormPhoto(stored.Id, stored.Urls.Thumbnail), null);
    }
}
