using SkiaSharp;

namespace Souk.Web.Common;

public sealed record Rendition(string Name, int MaxEdge, bool Square);

public enum ImageFailure
{
    None,
    NotAnImage,
    UnsupportedFormat,
    TooManyPixels,
}

/// <summary>Where the renditions were written, their URLs, and the size of the upright original.</summary>
public sealed record StoredImage(string Key, IReadOnlyDictionary<string, string> Urls, int Width, int Height);

/// <summary>
/// Decodes an upload by its content (never its name), turns it upright, and writes re-encoded WebP
/// renditions. Re-encoding drops every metadata block, EXIF and GPS included.
/// </summary>
public sealed class ImagePipeline(IBlobStore blobs)
{
    public static readonly Rendition[] AvatarRenditions = [new("small", 96, true), new("medium", 256, true), new("large", 640, true)];

    /// <summary>Photos of listings, products, notes and chat: a square grid thumbnail, a phone-width view and a zoom view.</summary>
    public static readonly Rendition[] PhotoRenditions = [new("thumbnail", 320, true), new("medium", 800, false), new("large", 1600, false)];

    // Refuse decompression bombs before decoding: 50 megapixels is far above any phone camera's output.
    const long MaxPixels = 50_000_000;
    const int WebpQuality = 82;

    static readonly HashSet<SKEncodedImageFormat> Accepted =
        [SKEncodedImageFormat.Jpeg, SKEncodedImageFormat.Png, SKEncodedImageFormat.Webp, SKEncodedImageFormat.Heif, SKEncodedImageFormat.Avif];

    public async Task<(StoredImage? Image, ImageFailure Failure)> StoreAsync(byte[] upload, string keyPrefix, Rendition[] renditions, CancellationToken ct)
    {
        using var data = SKData.CreateCopy(upload);
        using var codec = SKCodec.Create(data);
        if (codec is null) return (null, ImageFailure.NotAnImage);
        if (!Accepted.Contains(codec.EncodedFormat)) return (null, ImageFailure.UnsupportedFormat);
        if ((long)codec.Info.Width * codec.Info.Height > MaxPixels) return (null, ImageFailure.TooManyPixels);

        using var decoded = SKBitmap.Decode(codec, codec.Info.WithColorType(SKImageInfo.PlatformColorType).WithAlphaType(SKAlphaType.Premul));
        if (decoded is null) return (null, ImageFailure.NotAnImage);
        using var upright = Orient(decoded, codec.EncodedOrigin);

        var key = $"{keyPrefix}/{Guid.NewGuid():N}";
        var urls = new Dictionary<string, string>();
        // A small upload makes identical renditions (a 640 px photo is its own "medium" and "large"): encode each size once.
        (SKRectI Source, int W, int H)? lastPlan = null;
        byte[] lastBytes = [];
        foreach (var r in renditions)
        {
            var plan = Plan(upright, r);
            if (plan != lastPlan)
            {
                using var resized = Resize(upright, plan);
                using var image = SKImage.FromBitmap(resized);
                using var encoded = image.Encode(SKEncodedImageFormat.Webp, WebpQuality);
                lastBytes = encoded.ToArray();
                lastPlan = plan;
            }
            var blobKey = $"{key}/{r.Name}.webp";
            await blobs.PutAsync(blobKey, lastBytes, ct);
            urls[r.Name] = blobs.UrlFor(blobKey);
        }
        return (new StoredImage(key, urls, upright.Width, upright.Height), ImageFailure.None);
    }

    /// <summary>Which part of the source a rendition shows (a centred square, or all of it) and at what size.</summary>
    static (SKRectI Source, int W, int H) Plan(SKBitmap source, Rendition r)
    {
        if (r.Square)
        {
            var side = Math.Min(source.Width, source.Height);
            var edge = Math.Min(side, r.MaxEdge);
            return (SKRectI.Create((source.Width - side) / 2, (source.Height - side) / 2, side, side), edge, edge);
        }
        var scale = Math.Min(1.0, (double)r.MaxEdge / Math.Max(source.Width, source.Height));
        return (new SKRectI(0, 0, source.Width, source.Height),
            Math.Max(1, (int)Math.Round(source.Width * scale)), Math.Max(1, (int)Math.Round(source.Height * scale)));
    }

    static SKBitmap Resize(SKBitmap source, (SKRectI Source, int W, int H) plan)
    {
        var (src, w, h) = plan;
        var target = new SKBitmap(new SKImageInfo(w, h, SKImageInfo.PlatformColorType, SKAlphaType.Premul));
        using var canvas = new SKCanvas(target);
        using var image = SKImage.FromBitmap(source);
        canvas.DrawImage(image, new SKRect(src.Left, src.Top, src.Right, src.Bottom), new SKRect(0, 0, w, h),
            new SKSamplingOptions(SKCubicResampler.Mitchell), null);
        return target;
    }

    /// <summary>Applies the EXIF orientation, since the metadata that carried it is about to be dropped.</summary>
    static SKBitmap Orient(SKBitmap bitmap, SKEncodedOrigin origin)
    {
        if (origin == SKEncodedOrigin.TopLeft) return bitmap.Copy();
        var swap = origin is SKEncodedOrigin.LeftTop or SKEncodedOrigin.RightTop or SKEncodedOrigin.RightBottom or SKEncodedOrigin.LeftBottom;
        var result = new SKBitmap(new SKImageInfo(swap ? bitmap.Height : bitmap.Width, swap ? bitmap.Width : bitmap.Height, bitmap.ColorType, bitmap.AlphaType));
        using var canvas = new SKCanvas(result);
        float w = bitmap.Width, h = bitmap.Height;
        var m = origin switch
        {
            SKEncodedOrigin.TopRight => new SKMatrix(-1, 0, w, 0, 1, 0, 0, 0, 1),
            SKEncodedOrigin.BottomRight => new SKMatrix(-1, 0, w, 0, -1, h, 0, 0, 1),
            SKEncodedOrigin.BottomLeft => new SKMatrix(1, 0, 0, 0, -1, h, 0, 0, 1),
            SKEncodedOrigin.LeftTop => new SKMatrix(0, 1, 0, 1, 0, 0, 0, 0, 1),
            SKEncodedOrigin.RightTop => new SKMatrix(0, -1, h, 1, 0, 0, 0, 0, 1),
            SKEncodedOrigin.RightBottom => new SKMatrix(0, -1, h, -1, 0, w, 0, 0, 1),
            SKEncodedOrigin.LeftBottom => new SKMatrix(0, 1, 0, -1, 0, w, 0, 0, 1),
            _ => SKMatrix.Identity,
        };
        canvas.SetMatrix(m);
        canvas.DrawBitmap(bitmap, 0, 0);
        return result;
    }
}
