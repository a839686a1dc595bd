using SkiaSharp;

namespace Souk.Web.Common;

public enum RenditionFormat
{
    Webp,
    Jpeg,
}

public sealed record Rendition(string Name, int MaxEdge, bool Square, RenditionFormat Format = RenditionFormat.Webp)
{
    public string FileName => $"{Name}.{(Format == RenditionFormat.Jpeg ? "jpg" : "webp")}";
}

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

    /// <summary>
    /// Photos of listings, products, notes and chat: a square grid thumbnail, a phone-width view and a zoom view. The phone-width
    /// and zoom views are JPEGs: Skia's WebP encoder (its effort is not adjustable from SkiaSharp) took 230-290 ms for 1600 px
    /// and most of the rest of the sell flow's time for 800 px, while a JPEG takes a fifth of that; the WebP of the medium view
    /// was about a third smaller (docs/PERFORMANCE.md, Create listing). The thumbnail every feed and grid shows stays WebP.
    /// </summary>
    public static readonly Rendition[] PhotoRenditions =
        [new("thumbnail", 320, true), new("medium", 800, false, RenditionFormat.Jpeg), new("large", 1600, false, RenditionFormat.Jpeg)];

    // Refuse decompression bombs before decoding: 50 megapixels is far above any phone camera's output.
    const long MaxPixels = 50_000_000;
    static readonly SKWebpEncoderOptions WebpOptions = new(SKWebpEncoderCompression.Lossy, 82);
    static readonly SKJpegEncoderOptions JpegOptions = new(85, SKJpegEncoderDownsample.Downsample420, SKJpegEncoderAlphaOption.Ignore);

    static readonly HashSet<SKEncodedImageFormat> Accepted =
        [SKEncodedImageFormat.Jpeg, SKEncodedImageFormat.Png, SKEncodedImageFormat.Webp, SKEncodedImageFormat.Heif, SKEncodedImageFormat.Avif];

    public async Task<(StoredImage? Image, ImageFailure Failure)> StoreAsync(byte[] upload, string keyPrefix, Rendition[] renditions, CancellationToken ct)
    {
        using var data = SKData.CreateCopy(upload);
        using var codec = SKCodec.Create(data);
        if (codec is null) return (null, ImageFailure.NotAnImage);
        if (!Accepted.Contains(codec.EncodedFormat)) return (null, ImageFailure.UnsupportedFormat);
        if ((long)codec.Info.Width * codec.Info.Height > MaxPixels) return (null, ImageFailure.TooManyPixels);

        // Sizes are planned on the upright original, whatever size it is decoded at.
        var origin = codec.EncodedOrigin;
        var (width, height) = SwapsAxes(origin) ? (codec.Info.Height, codec.Info.Width) : (codec.Info.Width, codec.Info.Height);
        var plans = renditions.Select(r => Plan(width, height, r)).ToArray();
        using var decoded = DecodeScaled(codec, plans);
        if (decoded is null) return (null, ImageFailure.NotAnImage);
        using var oriented = origin == SKEncodedOrigin.TopLeft ? null : Orient(decoded, origin);
        var upright = oriented ?? decoded;
        upright.SetImmutable(); // so SKImage.FromBitmap shares its pixels instead of copying them for every rendition

        var encoded = await RenderAsync(upright, width, height, plans, [.. renditions.Select(r => r.Format)]);
        var key = $"{keyPrefix}/{Guid.NewGuid():N}";
        var urls = new Dictionary<string, string>();
        for (var i = 0; i < renditions.Length; i++)
        {
            var blobKey = $"{key}/{renditions[i].FileName}";
            await blobs.PutAsync(blobKey, encoded[i], ct);
            urls[renditions[i].Name] = blobs.UrlFor(blobKey);
        }
        return (new StoredImage(key, urls, width, height), ImageFailure.None);
    }

    /// <summary>Which part of the upright original a rendition shows (a centred square, or all of it) and at what size.</summary>
    readonly record struct RenditionPlan(SKRectI Source, int W, int H);

    static RenditionPlan Plan(int width, int height, Rendition r)
    {
        if (r.Square)
        {
            var side = Math.Min(width, height);
            var edge = Math.Min(side, r.MaxEdge);
            return new(SKRectI.Create((width - side) / 2, (height - side) / 2, side, side), edge, edge);
        }
        var scale = Math.Min(1.0, (double)r.MaxEdge / Math.Max(width, height));
        return new(new SKRectI(0, 0, width, height), Math.Max(1, (int)Math.Round(width * scale)), Math.Max(1, (int)Math.Round(height * scale)));
    }

    /// <summary>
    /// Decodes at the smallest scale the codec offers (JPEG: n/8, inside the DCT) that still has as many pixels as the largest
    /// rendition needs: a 12 MP camera photo whose largest rendition is 1600 px wide is decoded at half size, a quarter of the
    /// pixels. Falls back to full size when the codec cannot scale.
    /// </summary>
    static SKBitmap? DecodeScaled(SKCodec codec, RenditionPlan[] plans)
    {
        var needed = plans.Max(p => Math.Max((double)p.W / p.Source.Width, (double)p.H / p.Source.Height));
        var full = codec.Info.Size;
        var size = full;
        for (var eighths = 1; eighths < 8; eighths++)
        {
            var candidate = codec.GetScaledDimensions(eighths / 8f);
            // Same check on both axes, in the codec's (not yet upright) orientation: scaling keeps the aspect ratio.
            if (candidate.Width >= Math.Ceiling(full.Width * needed) && candidate.Height >= Math.Ceiling(full.Height * needed)
                && candidate.Width < size.Width)
            {
                size = candidate;
                break;
            }
        }
        var info = new SKImageInfo(size.Width, size.Height, SKImageInfo.PlatformColorType, SKAlphaType.Premul);
        return SKBitmap.Decode(codec, info) ?? (size == full ? null : SKBitmap.Decode(codec, info.WithSize(full)));
    }

    /// <summary>
    /// Renders every rendition, largest first, each from the smallest picture already made that still has enough pixels
    /// for it (the medium view from the large one, the thumbnail from the medium one). WebP encoding is most of the cost
    /// and each encode is single-threaded, so each rendition is encoded on the thread pool as soon as it is drawn, beside
    /// the drawing of the next one. Identical plans in the same format (a small upload is its own medium and large) are encoded once.
    /// </summary>
    static async Task<byte[][]> RenderAsync(SKBitmap upright, int width, int height, RenditionPlan[] plans, RenditionFormat[] formats)
    {
        // Full-frame pictures to draw from, with their size relative to the upright original.
        var sources = new List<(SKBitmap Bitmap, double ScaleX, double ScaleY)> { (upright, (double)upright.Width / width, (double)upright.Height / height) };
        var made = new List<SKBitmap>();
        var encodes = new Task<byte[]>?[plans.Length];
        try
        {
            foreach (var i in Enumerable.Range(0, plans.Length).OrderByDescending(i => (long)plans[i].W * plans[i].H))
            {
                var plan = plans[i];
                var same = Enumerable.Range(0, plans.Length).First(j => plans[j] == plan && formats[j] == formats[i]);
                if (same != i && encodes[same] is { } first)
                {
                    encodes[i] = first;
                    continue;
                }
                var source = sources.Where(s => plan.Source.Width * s.ScaleX >= plan.W && plan.Source.Height * s.ScaleY >= plan.H)
                    .DefaultIfEmpty(sources[0]).MinBy(s => s.ScaleX);
                var from = Scale(plan.Source, source.ScaleX, source.ScaleY);
                SKBitmap picture;
                if (formats[i] == RenditionFormat.Jpeg && from == new SKRect(0, 0, source.Bitmap.Width, source.Bitmap.Height)
                    && source.Bitmap.Width == plan.W && source.Bitmap.Height == plan.H)
                {
                    // Already the right picture (a phone app's 1600 px upload as its zoom view): a redraw at the same size cost
                    // 70-110 ms per photo. (A WebP is still redrawn: the filter's slight smoothing made it a fifth smaller.)
                    picture = source.Bitmap;
                }
                else
                {
                    picture = Resize(source.Bitmap, from, plan.W, plan.H);
                    made.Add(picture);
                }
                if (plan.Source.Width == width && plan.Source.Height == height) sources.Add((picture, (double)plan.W / width, (double)plan.H / height));
                var pixels = picture.PeekPixels() ?? throw new InvalidOperationException("A rendition has no pixels in memory.");
                var format = formats[i];
                encodes[i] = Task.Run(() =>
                {
                    using (pixels)
                    {
                        using var file = (format == RenditionFormat.Jpeg ? pixels.Encode(JpegOptions) : pixels.Encode(WebpOptions))
                            ?? throw new InvalidOperationException($"{format} encoding failed.");
                        return file.ToArray();
                    }
                });
            }
            return await Task.WhenAll(encodes!);
        }
        finally
        {
            // The encodes read these pixels: wait for all of them, also when one failed, before freeing any.
            try { await Task.WhenAll(encodes.OfType<Task<byte[]>>()); } catch { /* already thrown above */ }
            foreach (var bitmap in made) bitmap.Dispose();
        }
    }

    static SKRect Scale(SKRectI r, double sx, double sy) =>
        new((float)(r.Left * sx), (float)(r.Top * sy), (float)(r.Right * sx), (float)(r.Bottom * sy));

    /// <summary>
    /// Bilinear when shrinking by at most half: each output pixel then blends the source pixels it covers, and it took 2 ms
    /// for 1600 → 800 px where Mitchell cubic took 55-65 ms. A larger reduction samples from mipmaps, so no detail aliases.
    /// (Every rendition is drawn from the smallest picture already made that is big enough, so reductions stay small.)
    /// </summary>
    static SKBitmap Resize(SKBitmap source, SKRect from, int w, int h)
    {
        var target = new SKBitmap(new SKImageInfo(w, h, SKImageInfo.PlatformColorType, SKAlphaType.Premul));
        using var canvas = new SKCanvas(target);
        using var image = SKImage.FromBitmap(source);
        var shrink = Math.Max(from.Width / w, from.Height / h);
        var sampling = new SKSamplingOptions(SKFilterMode.Linear, shrink > 2 ? SKMipmapMode.Linear : SKMipmapMode.None);
        canvas.DrawImage(image, from, new SKRect(0, 0, w, h), sampling, null);
        target.SetImmutable();
        return target;
    }

    static bool SwapsAxes(SKEncodedOrigin origin) =>
        origin is SKEncodedOrigin.LeftTop or SKEncodedOrigin.RightTop or SKEncodedOrigin.RightBottom or SKEncodedOrigin.LeftBottom;

    /// <summary>Applies the EXIF orientation, since the metadata that carried it is about to be dropped.</summary>
    static SKBitmap Orient(SKBitmap bitmap, SKEncodedOrigin origin)
    {
        var swap = SwapsAxes(origin);
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
