using System.Buffers.Text;
using System.Text;

namespace Souk.Web.Common;

/// <summary>A page of results and the opaque cursor for the next one (null at the end).</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, string? NextCursor);

/// <summary>
/// Opaque keyset cursors. Keyset (not offset) paging keeps pages stable while new rows arrive,
/// and costs the same on page 1 and page 1,000.
/// </summary>
public static class Cursor
{
    public const int DefaultLimit = 20;
    public const int MaxLimit = 100;

    public static string Encode(long position) =>
        Base64Url.EncodeToString(Encoding.ASCII.GetBytes(position.ToString(System.Globalization.CultureInfo.InvariantCulture)));

    /// <summary>Decodes a cursor; false when it is not one of ours.</summary>
    public static bool TryDecode(string? cursor, out long? position)
    {
        position = null;
        if (string.IsNullOrEmpty(cursor)) return true;
        try
        {
            var text = Encoding.ASCII.GetString(Base64Url.DecodeFromChars(cursor));
            if (long.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value))
            {
                position = value;
                return true;
            }
        }
        catch (FormatException)
        {
        }
        return false;
    }

    public static int ClampLimit(int? limit) => Math.Clamp(limit ?? DefaultLimit, 1, MaxLimit);

    /// <summary>A cursor that carries text (e.g. a sort, a sort key and an id), opaque to clients like the numeric ones.</summary>
    public static string EncodeText(string text) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(text));

    /// <summary>Decodes a cursor made by <see cref="EncodeText"/>; false when it is not base64url of UTF-8 text.</summary>
    public static bool TryDecodeText(string cursor, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? text)
    {
        text = null;
        try
        {
            text = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(Base64Url.DecodeFromChars(cursor));
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
        catch (ArgumentException)
        {
            // Invalid UTF-8 (DecoderFallbackException is an ArgumentException).
            return false;
        }
    }
}
