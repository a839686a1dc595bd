using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Souk.Web.Common;

namespace Souk.Web.Modules.Accounts;

public sealed class AvatarOptions
{
    public long MaxBytes { get; set; } = 8 * 1024 * 1024;
}

/// <summary>POST /api/v1/me/avatar: multipart field "file"; checked by content, resized, metadata stripped.</summary>
public static class UploadAvatar
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/me/avatar", Handle).WithTags("Profile").RequireAuthorization()
            .Accepts<IFormFile>("multipart/form-data")
            .DisableAntiforgery(); // Bearer clients carry no antiforgery token; the SameSite=Lax cookie blocks cross-site posts.

    static async Task<Results<Ok<MeResponse>, ValidationProblem, ProblemHttpResult, UnauthorizedHttpResult>> Handle(
        HttpRequest request, CurrentUser current, AvatarService avatars, CancellationToken ct)
    {
        if (!request.HasFormContentType)
            return Problems.Status(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type", "Send the image as multipart/form-data in a field named 'file'.");
        var (file, problem) = await MultipartUpload.ReadFileAsync(request, "file", avatars.MaxBytes, ct);
        if (problem is not null) return problem;
        if (file is null) return Problems.Field("file", "Choose an image to upload.");
        var outcome = await avatars.SetAsync(current.RequiredId, file, ct);
        return outcome.Match<Results<Ok<MeResponse>, ValidationProblem, ProblemHttpResult, UnauthorizedHttpResult>>(
            me => TypedResults.Ok(me), p => p, () => TypedResults.Unauthorized());
    }
}

public sealed record AvatarOutcome(MeResponse? Me, ProblemHttpResult? Problem)
{
    public T Match<T>(Func<MeResponse, T> ok, Func<ProblemHttpResult, T> failed, Func<T> missingUser) =>
        Me is not null ? ok(Me) : Problem is not null ? failed(Problem) : missingUser();
}

/// <summary>Shared by the API and the profile editor page.</summary>
public sealed class AvatarService(UserManager<SoukUser> users, ImagePipeline images, IBlobStore blobs, AvatarUrls urls, AvatarOptions options, ProfileCache profiles)
{
    public long MaxBytes => options.MaxBytes;

    public async Task<AvatarOutcome> SetAsync(Guid userId, byte[] upload, CancellationToken ct)
    {
        var (stored, failure) = await images.StoreAsync(upload, $"avatars/{userId:N}", ImagePipeline.AvatarRenditions, ct);
        if (stored is null) return new(null, MultipartUpload.ImageProblem(failure));
        var user = await users.FindByIdAsync(userId.ToString());
        if (user is null)
        {
            await blobs.DeletePrefixAsync(stored.Key, ct);
            return new(null, null);
        }
        var previous = user.AvatarKey;
        user.AvatarKey = stored.Key;
        await users.UpdateAsync(user);
        await profiles.ForgetAsync(user.NormalizedUserName);
        if (previous is not null) await blobs.DeletePrefixAsync(previous, ct);
        return new(MeResponse.From(user, urls), null);
    }
}

public static class MultipartUpload
{
    /// <summary>Reads one file field, refusing (413) anything over the limit before and while reading.</summary>
    public static async Task<(byte[]? File, ProblemHttpResult? Problem)> ReadFileAsync(HttpRequest request, string field, long maxBytes, CancellationToken ct)
    {
        var tooLarge = Problems.Status(StatusCodes.Status413PayloadTooLarge, "Payload too large", $"The file must be at most {maxBytes / (1024 * 1024)} MB.");
        // Multipart framing adds a little; anything far over the limit is refused before a byte is read.
        if (request.ContentLength > maxBytes + 64 * 1024) return (null, tooLarge);
        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(ct);
        }
        catch (InvalidDataException)
        {
            return (null, Problems.Status(StatusCodes.Status400BadRequest, "Bad request", "The multipart body could not be read."));
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, tooLarge);
        }
        var file = form.Files.GetFile(field);
        if (file is null || file.Length == 0) return (null, null);
        if (file.Length > maxBytes) return (null, tooLarge);
        using var buffer = new MemoryStream((int)file.Length);
        await file.CopyToAsync(buffer, ct);
        return (buffer.ToArray(), null);
    }

    public static ProblemHttpResult ImageProblem(ImageFailure failure) => failure switch
    {
        ImageFailure.TooManyPixels => Problems.Status(StatusCodes.Status413PayloadTooLarge, "Image too large", "The image has too many pixels (50 megapixels at most)."),
        ImageFailure.UnsupportedFormat => Problems.Status(StatusCodes.Status415UnsupportedMediaType, "Unsupported image format", "Use a JPEG, PNG, WebP or HEIC image."),
        _ => Problems.Status(StatusCodes.Status415UnsupportedMediaType, "Not an image", "The file is not an image Souk can read. Use a JPEG, PNG, WebP or HEIC image."),
    };
}
