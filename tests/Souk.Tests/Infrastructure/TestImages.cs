using System.Buffers.Binary;
using SkiaSharp;

namespace Souk.Tests.Infrastructure;

/// <summary>Real images made with SkiaSharp, plus a hand-built EXIF block (Skia does not write EXIF).</summary>
public static class TestImages
{
    /// <summary>The GPS latitude seconds written into the EXIF block, as a big-endian rational (34.56 = 3456/100).</summary>
    public static readonly byte[] GpsSecondsRational = [0x00, 0x00, 0x0D, 0x80, 0x00, 0x00, 0x00, 0x64];

    public static byte[] Png(int width = 64, int height = 64) => Encode(width, height, SKEncodedImageFormat.Png, halves: false);

    /// <summary>A JPEG whose left half is red and right half blue.</summary>
    public static byte[] Jpeg(int width, int height) => Encode(width, height, SKEncodedImageFormat.Jpeg, halves: true);

    /// <summary>
    /// A JPEG with an APP1 EXIF segment carrying GPS coordinates and Orientation = 6 (rotate 90° clockwise to view),
    /// so a correct pipeline both rotates the picture and drops the location.
    /// </summary>
    public static byte[] JpegWithGpsAndRotation(int width, int height)
    {
        var jpeg = Jpeg(width, height);
        var exif = ExifBlock();
        var segment = new byte[4 + exif.Length];
        segment[0] = 0xFF;
        segment[1] = 0xE1;
        BinaryPrimitives.WriteUInt16BigEndian(segment.AsSpan(2), (ushort)(2 + exif.Length));
        exif.CopyTo(segment, 4);
        // SOI (FF D8), then our APP1, then the rest of Skia's file.
        return [.. jpeg.AsSpan(0, 2), .. segment, .. jpeg.AsSpan(2)];
    }

    static byte[] Encode(int width, int height, SKEncodedImageFormat format, bool halves)
    {
        using var bitmap = new SKBitmap(width, height);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(SKColors.Green);
            if (halves)
            {
                using var red = new SKPaint { Color = SKColors.Red };
                using var blue = new SKPaint { Color = SKColors.Blue };
                canvas.DrawRect(0, 0, width / 2f, height, red);
                canvas.DrawRect(width / 2f, 0, width / 2f, height, blue);
            }
        }
        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(format, 95);
        return data.ToArray();
    }

    static byte[] ExifBlock()
    {
        // TIFF, big-endian. IFD0 at 8: Orientation, GPSInfo pointer. GPS IFD at 38: LatitudeRef, Latitude -> rationals at 68.
        var tiff = new byte[68 + 24];
        var s = tiff.AsSpan();
        "MM"u8.CopyTo(s);
        BinaryPrimitives.WriteUInt16BigEndian(s[2..], 42);
        BinaryPrimitives.WriteUInt32BigEndian(s[4..], 8);
        var p = 8;
        BinaryPrimitives.WriteUInt16BigEndian(s[p..], 2);
        p += 2;
        p = Entry(s, p, tag: 0x0112, type: 3, count: 1, value: 6u << 16); // Orientation SHORT, left-justified
        p = Entry(s, p, tag: 0x8825, type: 4, count: 1, value: 38);       // GPS IFD offset
        BinaryPrimitives.WriteUInt32BigEndian(s[p..], 0);
        p = 38;
        BinaryPrimitives.WriteUInt16BigEndian(s[p..], 2);
        p += 2;
        p = Entry(s, p, tag: 0x0001, type: 2, count: 2, value: (uint)'N' << 24); // "N\0"
        p = Entry(s, p, tag: 0x0002, type: 5, count: 3, value: 68);              // 3 rationals at 68
        BinaryPrimitives.WriteUInt32BigEndian(s[p..], 0);
        p = 68;
        p = Rational(s, p, 22, 1);
        p = Rational(s, p, 17, 1);
        s[p..].Clear();
        GpsSecondsRational.CopyTo(s[p..]);
        return [.. "Exif\0\0"u8, .. tiff];
    }

    static int Entry(Span<byte> s, int p, ushort tag, ushort type, uint count, uint value)
    {
        BinaryPrimitives.WriteUInt16BigEndian(s[p..], tag);
        BinaryPrimitives.WriteUInt16BigEndian(s[(p + 2)..], type);
        BinaryPrimitives.WriteUInt32BigEndian(s[(p + 4)..], count);
        BinaryPrimitives.WriteUInt32BigEndian(s[(p + 8)..], value);
        return p + 12;
    }

    static int Rational(Span<byte> s, int p, uint numerator, uint denominator)
    {
        BinaryPrimitives.WriteUInt32BigEndian(s[p..], numerator);
        BinaryPrimitives.WriteUInt32BigEndian(s[(p + 4)..], denominator);
        return p + 8;
    }

    public static bool Contains(ReadOnlySpan<byte> haystack, ReadOnlySpan<byte> needle) => haystack.IndexOf(needle) >= 0;
}
