using System.Runtime.InteropServices;

namespace Souk.Web.Modules.Catalog;

/// <summary>
/// Folds Traditional Chinese characters to Simplified ones (相機 → 相机, 鏡頭 → 镜头) with ICU's "Hant-Hans" transliterator,
/// so search finds an item whichever script its seller and its buyer write in: <see cref="SearchText"/> folds both the index
/// and the query. ICU is the library .NET itself uses for globalization on Linux (Debian's libicu, with its full data); it is
/// found the way .NET finds it, as libicui18n.so.N with its functions suffixed _N. Characters that are the same in both
/// scripts, and everything that is not Han, pass through unchanged.
/// <para>
/// Without ICU (another OS, or a build that drops it) folding is off and <see cref="Available"/> says so; every node of one
/// deployment must then be alike, since the index holds folded terms. No NuGet package does this conversion and is kept up;
/// ICU's tables are maintained with Unicode's own data.
/// </para>
/// </summary>
public static class ChineseScript
{
    const string TransliteratorId = "Hant-Hans";

    [UnmanagedFunctionPointer(CallingConvention.Cdecl, CharSet = CharSet.Unicode)]
    delegate IntPtr OpenU(string id, int idLength, int direction, IntPtr rules, int rulesLength, IntPtr parseError, ref int status);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl, CharSet = CharSet.Unicode)]
    delegate void TransUChars(IntPtr transliterator, [In, Out] char[] text, ref int textLength, int capacity, int start, ref int limit, ref int status);

    sealed class Transliterator(IntPtr handle, TransUChars transliterate)
    {
        // An ICU transliterator is not thread-safe; a conversion takes microseconds, so one instance behind a lock will do.
        readonly Lock gate = new();

        public string? Apply(string text)
        {
            var buffer = new char[text.Length * 2 + 16];
            text.CopyTo(0, buffer, 0, text.Length);
            var length = text.Length;
            var limit = text.Length;
            var status = 0;
            lock (gate) transliterate(handle, buffer, ref length, buffer.Length, 0, ref limit, ref status);
            // ICU error codes are positive; warnings are negative.
            return status > 0 ? null : new string(buffer, 0, length);
        }
    }

    static readonly Lazy<Transliterator?> Instance = new(Open);

    /// <summary>Whether folding works on this machine.</summary>
    public static bool Available => Instance.Value is not null;

    /// <summary>The text with Traditional Han characters replaced by their Simplified forms; unchanged without Han or without ICU.</summary>
    public static string ToSimplified(string text)
    {
        if (!HasHan(text) || Instance.Value is not { } transliterator) return text;
        return transliterator.Apply(text) ?? text;
    }

    static bool HasHan(string text)
    {
        foreach (var c in text)
        {
            if (c is (>= '\u3400' and <= '\u9FFF') or (>= '\uF900' and <= '\uFAFF')) return true;
        }
        return false;
    }

    static Transliterator? Open()
    {
        if (!OperatingSystem.IsLinux()) return null;
        for (var version = 90; version >= 50; version--)
        {
            if (!NativeLibrary.TryLoad($"libicui18n.so.{version}", out var library)) continue;
            if (!TryExport(library, "utrans_openU", version, out var open) || !TryExport(library, "utrans_transUChars", version, out var trans)) return null;
            var status = 0;
            var handle = Marshal.GetDelegateForFunctionPointer<OpenU>(open)(TransliteratorId, TransliteratorId.Length, 0, IntPtr.Zero, 0, IntPtr.Zero, ref status);
            if (status > 0 || handle == IntPtr.Zero) return null;
            // Never closed: one transliterator lives as long as the process.
            return new Transliterator(handle, Marshal.GetDelegateForFunctionPointer<TransUChars>(trans));
        }
        return null;
    }

    /// <summary>ICU's functions carry its major version (utrans_openU_72) unless it was built without renaming.</summary>
    static bool TryExport(IntPtr library, string name, int version, out IntPtr address) =>
        NativeLibrary.TryGetExport(library, $"{name}_{version}", out address) || NativeLibrary.TryGetExport(library, name, out address);
}
