using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;
using SkiaSharp;

namespace Souk.Bench;

/// <summary>Which kind of upload the create-listing load sends.</summary>
public enum PhotoKind
{
    /// <summary>What a phone app uploads after its own resize: 1600×1200 JPEG, upright, EXIF with GPS, about 400 kB.</summary>
    Phone,

    /// <summary>A full photo from a 12 MP phone camera: 4032×3024 JPEG held in portrait (EXIF Orientation 6), about 3 MB.</summary>
    Camera,
}

/// <summary>
/// Photographic-like JPEGs for the load: a sky gradient, soft objects, fractal texture and per-pixel sensor noise, so the
/// decoder and the WebP encoder work as hard as on a real photo (a flat colour compresses to almost nothing), plus an EXIF
/// block like a phone writes (make, model, orientation, GPS), which the app must strip.
/// </summary>
public static class BenchPhotos
{
    public static (int Width, int Height, int Quality, ushort Orientation) Shape(PhotoKind kind) => kind switch
    {
        PhotoKind.Phone => (1600, 1200, 88, 1),
        _ => (4032, 3024, 92, 6),
    };

    public static byte[] Generate(PhotoKind kind, int seed)
    {
        var (width, height, quality, orientation) = Shape(kind);
        var random = new Random(seed);
        using var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul));
        using (var canvas = new SKCanvas(bitmap))
        {
            DrawScene(canvas, width, height, random);
            AddSensorNoise(canvas, width, height, random);
        }
        using var image = SKImage.FromBitmap(bitmap);
        using var jpeg = image.Encode(SKEncodedImageFormat.Jpeg, quality);
        return WithExif(jpeg.ToArray(), orientation, width, height);
    }

    static void DrawScene(SKCanvas canvas, int width, int height, Random random)
    {
        var hue = random.NextSingle() * 360;
        using (var sky = new SKPaint())
        {
            sky.Shader = SKShader.CreateLinearGradient(new SKPoint(0, 0), new SKPoint(width * 0.3f, height),
                [SKColor.FromHsv(hue, 35, 95), SKColor.FromHsv((hue + 40) % 360, 45, 70), SKColor.FromHsv((hue + 80) % 360, 55, 35)],
                [0, 0.55f, 1], SKShaderTileMode.Clamp);
            canvas.DrawRect(0, 0, width, height, sky);
        }
        // Soft round objects at several sizes, like things on a table photographed out of focus.
        var scale = Math.Max(width, height) / 1600f;
        for (var i = 0; i < 40; i++)
        {
            var centre = new SKPoint(random.NextSingle() * width, random.NextSingle() * height);
            var radius = (20 + random.NextSingle() * 260) * scale;
            var colour = SKColor.FromHsv(random.NextSingle() * 360, 30 + random.NextSingle() * 60, 30 + random.NextSingle() * 70);
            using var blob = new SKPaint { IsAntialias = true };
            blob.Shader = SKShader.CreateRadialGradient(centre, radius, [colour, colour.WithAlpha(0)], SKShaderTileMode.Clamp);
            canvas.DrawCircle(centre, radius, blob);
        }
        // Hard-edged shapes with detail, like the item itself and its background.
        for (var i = 0; i < 25; i++)
        {
            using var edge = new SKPaint { IsAntialias = true, Style = i % 2 == 0 ? SKPaintStyle.Fill : SKPaintStyle.Stroke, StrokeWidth = (1 + random.NextSingle() * 6) * scale };
            edge.Color = SKColor.FromHsv(random.NextSingle() * 360, random.NextSingle() * 80, random.NextSingle() * 100, (byte)(120 + random.Next(120)));
            var x = random.NextSingle() * width;
            var y = random.NextSingle() * height;
            canvas.DrawRoundRect(x, y, (40 + random.NextSingle() * 400) * scale, (40 + random.NextSingle() * 300) * scale, 12 * scale, 12 * scale, edge);
        }
        // Fractal texture over everything (fabric, wood, paper).
        using var texture = new SKPaint { BlendMode = SKBlendMode.Overlay };
        texture.Shader = SKShader.CreatePerlinNoiseFractalNoise(0.01f / scale, 0.01f / scale, 5, random.Next());
        canvas.DrawRect(0, 0, width, height, texture);
    }

    /// <summary>
    /// Per-pixel grain, what makes a real photo expensive to compress: a tile of random grey pixels repeated over the picture.
    /// The tile is 509 px, a prime, so its repeats never line up with JPEG's 8×8 blocks.
    /// </summary>
    static void AddSensorNoise(SKCanvas canvas, int width, int height, Random random)
    {
        const int tile = 509;
        var grain = new byte[tile * tile];
        random.NextBytes(grain);
        using var noise = new SKBitmap(new SKImageInfo(tile, tile, SKColorType.Gray8, SKAlphaType.Opaque));
        Marshal.Copy(grain, 0, noise.GetPixels(), grain.Length);
        using var paint = new SKPaint { BlendMode = SKBlendMode.Overlay, Color = SKColors.White.WithAlpha(28) };
        paint.Shader = SKShader.CreateBitmap(noise, SKShaderTileMode.Repeat, SKShaderTileMode.Repeat);
        canvas.DrawRect(0, 0, width, height, paint);
    }

    /// <summary>Inserts an APP1 EXIF segment (big-endian TIFF: Make, Model, Orientation, image size, GPS) after the SOI marker.</summary>
    static byte[] WithExif(byte[] jpeg, ushort orientation, int width, int height)
    {
        var tiff = Tiff(orientation, width, height);
        var segment = new byte[2 + 2 + 6 + tiff.Length];
        segment[0] = 0xFF;
        segment[1] = 0xE1;
        BinaryPrimitives.WriteUInt16BigEndian(segment.AsSpan(2), (ushort)(segment.Length - 2));
        "Exif\0\0"u8.CopyTo(segment.AsSpan(4));
        tiff.CopyTo(segment, 10);
        return [.. jpeg.AsSpan(0, 2), .. segment, .. jpeg.AsSpan(2)];
    }

    static byte[] Tiff(ushort orientation, int width, int height)
    {
        // Layout: header (8), IFD0 with 6 entries (2 + 6×12 + 4 = 78) at 8, GPS IFD with 4 entries (2 + 4×12 + 4 = 54) at 86,
        // then the values that do not fit in an entry: make, model, latitude and longitude rationals.
        var make = Encoding.ASCII.GetBytes("Souk Bench\0");
        var model = Encoding.ASCII.GetBytes("Phone 12 MP\0");
        const int ifd0 = 8, gps = ifd0 + 78, data = gps + 54;
        int makeAt = data, modelAt = makeAt + make.Length, latAt = modelAt + model.Length, lngAt = latAt + 24;
        var t = new byte[lngAt + 24];
        var s = t.AsSpan();
        "MM"u8.CopyTo(s);
        BinaryPrimitives.WriteUInt16BigEndian(s[2..], 42);
        BinaryPrimitives.WriteUInt32BigEndian(s[4..], ifd0);

        var at = ifd0;
        BinaryPrimitives.WriteUInt16BigEndian(s[at..], 6);
        at += 2;
        Entry(s, ref at, 0x010F, 2, (uint)make.Length, (uint)makeAt);        // Make, ASCII
        Entry(s, ref at, 0x0110, 2, (uint)model.Length, (uint)modelAt);      // Model, ASCII
        Entry(s, ref at, 0x0112, 3, 1, (uint)orientation << 16);             // Orientation, SHORT (left-justified)
        Entry(s, ref at, 0xA002, 4, 1, (uint)width);                         // PixelXDimension, LONG
        Entry(s, ref at, 0xA003, 4, 1, (uint)height);                        // PixelYDimension, LONG
        Entry(s, ref at, 0x8825, 4, 1, gps);                                 // GPSInfo IFD pointer
        BinaryPrimitives.WriteUInt32BigEndian(s[at..], 0);

        at = gps;
        BinaryPrimitives.WriteUInt16BigEndian(s[at..], 4);
        at += 2;
        Entry(s, ref at, 0x0001, 2, 2, (uint)'N' << 24);                     // GPSLatitudeRef "N"
        Entry(s, ref at, 0x0002, 5, 3, (uint)latAt);                         // GPSLatitude, 3 RATIONALs
        Entry(s, ref at, 0x0003, 2, 2, (uint)'E' << 24);                     // GPSLongitudeRef "E"
        Entry(s, ref at, 0x0004, 5, 3, (uint)lngAt);                         // GPSLongitude, 3 RATIONALs
        BinaryPrimitives.WriteUInt32BigEndian(s[at..], 0);

        make.CopyTo(s[makeAt..]);
        model.CopyTo(s[modelAt..]);
        Rationals(s[latAt..], (22, 1), (19, 1), (931, 100));                 // 22°19'9.31" N (Mong Kok)
        Rationals(s[lngAt..], (114, 1), (10, 1), (951, 100));                // 114°10'9.51" E
        return t;
    }

    static void Entry(Span<byte> s, ref int at, ushort tag, ushort type, uint count, uint value)
    {
        BinaryPrimitives.WriteUInt16BigEndian(s[at..], tag);
        BinaryPrimitives.WriteUInt16BigEndian(s[(at + 2)..], type);
        BinaryPrimitives.WriteUInt32BigEndian(s[(at + 4)..], count);
        BinaryPrimitives.WriteUInt32BigEndian(s[(at + 8)..], value);
        at += 12;
    }

    static void Rationals(Span<byte> s, params ReadOnlySpan<(int Num, int Den)> values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteInt32BigEndian(s[(i * 8)..], values[i].Num);
            BinaryPrimitives.WriteInt32BigEndian(s[(i * 8 + 4)..], values[i].Den);
        }
    }
}
