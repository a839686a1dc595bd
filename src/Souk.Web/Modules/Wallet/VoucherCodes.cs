using System.Security.Cryptography;
using System.Text;

namespace Souk.Web.Modules.Wallet;

/// <summary>
/// Prepaid voucher codes: 16 characters of Crockford base32 (80 random bits from the OS generator), shown as
/// XXXX-XXXX-XXXX-XXXX. Typed back in any case, with or without dashes and spaces, and with the letters people confuse
/// (O for 0, I and L for 1) read as Crockford reads them. Only the SHA-256 of the normalised code is stored.
/// Hand-written: a few lines of a published alphabet, no library needed.
/// </summary>
public static class VoucherCodes
{
    const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    public const int Length = 16;

    public static string NewCode()
    {
        Span<byte> random = stackalloc byte[Length];
        RandomNumberGenerator.Fill(random);
        var chars = new char[Length + 3];
        for (int i = 0, j = 0; i < Length; i++)
        {
            if (i > 0 && i % 4 == 0) chars[j++] = '-';
            chars[j++] = Alphabet[random[i] & 31]; // 5 bits of each byte: 16 × 5 = 80 bits
        }
        return new string(chars);
    }

    /// <summary>The code as stored in the hash (upper case, no separators), or null when it cannot be a code.</summary>
    public static string? Normalize(string? typed)
    {
        if (typed is null) return null;
        var builder = new StringBuilder(Length);
        foreach (var c in typed.ToUpperInvariant())
        {
            if (c is '-' or ' ') continue;
            var read = c switch { 'O' => '0', 'I' or 'L' => '1', _ => c };
            if (!Alphabet.Contains(read)) return null;
            builder.Append(read);
        }
        return builder.Length == Length ? builder.ToString() : null;
    }

    public static string Hash(string normalized) => Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(normalized)));
}
