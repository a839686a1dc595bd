using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Souk.Web.Common;
using Souk.Web.Data;
using Souk.Web.Modules.Accounts;

namespace Souk.Web.Modules.Catalog;

public sealed class MediaOptions
{
    /// <summary>Phone cameras write 3–12 MB JPEGs (HEIC less); 16 MB leaves room without inviting abuse.</summary>
    public long MaxBytes { get; set; } = 16 * 1024 * 1024;
}

public sealed record MediaUrls(string Thumbnail, string Medium, string Large);

public sealed record MediaResponse(Guid Id, MediaUrls Urls, int Width, int Height);

/// <summary>
/// POST /api/v1/media: multipart field "file". Checked by content, turned upright, EXIF/GPS dropped, stored as
/// WebP renditions. Listings (and later products, notes, chat) then refer to it by id.
/// </summary>
public static class UploadMedia
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/media", Handle).WithTags("Media").RequireAuthorization()
            .Accepts<IFormFile>("multipart/form-data")
            .DisableAntiforgery(); // Bearer clients carry no antiforgery token; the SameSite=Lax cookie blocks cross-site posts.

    static async Task<Results<Created<MediaResponse>, ValidationProblem, ProblemHttpResult>> Handle(
        HttpRequest request, CurrentUser current, MediaLibrary media, CancellationToken ct)
    {
        if (!request.HasFormContentType)
            return Problems.Status(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type", "Send the image as multipart/form-data in a field named 'file'.");
        var (file, problem) = await MultipartUpload.ReadFileAsync(request, "file", media.MaxBytes, ct);
        if (problem is not null) return problem;
        if (file is null) return Problems.Field("file", "Choose an image to upload.");
        var (stored, failure) = await media.StoreAsync(current.RequiredId, file, ct);
        // No Location: a media asset has no API resource of its own; its renditions are at the URLs in the body.
        return stored is null ? failure! : TypedResults.Created((string?)null, stored);
    }
}

/// <summary>Turns a stored blob key into the URLs of its photo renditions.</summary>
public sealed class MediaUrlBuilder(IBlobStore blobs)
{
    public MediaUrls For(string key) =>
        new(blobs.UrlFor($"{key}/{Photo[0].FileName}"), blobs.UrlFor($"{key}/{Photo[1].FileName}"), blobs.UrlFor($"{key}/{Photo[2].FileName}"));

    /// <summary>The URLs of several media assets by id, in one query (unknown ids are left out).</summary>
    public async Task<Dictionary<Guid, MediaUrls>> ForAssetsAsync(SoukDb db, IEnumerable<Guid?> ids, CancellationToken ct)
    {
        var wanted = ids.OfType<Guid>().Distinct().ToList();
        if (wanted.Count == 0) return [];
        var keys = await db.MediaAssets.AsNoTracking().Where(m => wanted.Contains(m.Id)).Select(m => new { m.Id, m.BlobKey }).ToListAsync(ct);
        return keys.ToDictionary(k => k.Id, k => For(k.BlobKey));
    }

    static readonly Rendition[] Photo = ImagePipeline.PhotoRenditions;
}

/// <summary>Stores uploads as media assets; also used by the demo data.</summary>
public sealed class MediaLibrary(SoukDb db, ImagePipeline images, IBlobStore blobs, MediaUrlBuilder urls, MediaOptions options, TimeProvider clock)
{
    public long MaxBytes => options.MaxBytes;

    public async Task<(MediaResponse? Media, ProblemHttpResult? Problem)> StoreAsync(Guid ownerId, byte[] upload, CancellationToken ct)
    {
        var (stored, failure) = await images.StoreAsync(upload, $"media/{ownerId:N}", ImagePipeline.PhotoRenditions, ct);
        if (stored is null) return (null, MultipartUpload.ImageProblem(failure));
        var asset = new MediaAsset
        {
            Id = Guid.CreateVersion7(clock.GetUtcNow()),
            OwnerId = ownerId,
            BlobKey = stored.Key,
            Width = stored.Width,
            Height = stored.Height,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.MediaAssets.Add(asset);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch
        {
            // No row, no files: a failed insert must not leave unreachable blobs behind.
            await blobs.DeletePrefixAsync(stored.Key, CancellationToken.None);
            throw;
        }
        finally
        {
            db.Entry(asset).State = EntityState.Detached;
        }
        return (new MediaResponse(asset.Id, urls.For(asset.BlobKey), asset.Width, asset.Height), null);
    }

    /// <summary>Records images already in the blob store (demo data) in one insert; returns the ids in the order given.</summary>
    public async Task<Guid[]> RecordManyAsync(IReadOnlyList<(Guid OwnerId, StoredImage Image)> stored, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var assets = stored.Select(s => new MediaAsset
        {
            Id = Guid.CreateVersion7(now),
            OwnerId = s.OwnerId,
            BlobKey = s.Image.Key,
            Width = s.Image.Width,
            Height = s.Image.Height,
            CreatedAt = now.UtcDateTime,
        }).ToList();
        db.MediaAssets.AddRange(assets);
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
        return [.. assets.Select(a => a.Id)];
    }
}
