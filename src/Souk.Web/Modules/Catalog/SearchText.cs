using System.Globalization;
using System.Text;

namespace Souk.Web.Modules.Catalog;

/// <summary>
/// The one normalisation of search text, used for both the index and the query, so both providers match the same way.
/// <para>
/// Words (Latin, Cyrillic, Greek, Hangul…: runs of letters and digits) are lower-cased and folded: accents come off Latin
/// letters ("caffè" → "caffe", "Ærø" → "aero"), ё becomes е, full-width forms become ASCII (NFKC). Apostrophes and every
/// other punctuation separate words.
/// </para>
/// <para>
/// Chinese and Japanese have no spaces, so a run of Han/kana characters becomes overlapping bigrams plus its last character
/// on its own: 二手相機 → "二手 手相 相機 機". A query of two or more characters is the phrase of its bigrams (相機 is the
/// token 相機; 二手相機 is the phrase "二手 手相 相機"), so a two-character query works, which a trigram index cannot do;
/// a one-character query is a prefix, which the trailing unigram makes complete (every character starts some token).
/// Traditional characters are folded to Simplified ones first (<see cref="ChineseScript"/>), in the index and the query
/// alike, so 相機 finds 相机 and 相机 finds 相機: 二手相機 is indexed as "二手 手相 相机 机".
/// </para>
/// <para>
/// Why this and not FTS5's trigram tokenizer (SQLite 3.34+) or pg_trgm: trigrams need three characters, so 相機 (two) would
/// need a LIKE scan behind them, and they rank by shared trigrams rather than by words, which does not let a title match
/// outweigh a description match in a principled way. Bigram terms are ordinary tokens, so SQLite's unicode61 tokenizer and
/// PostgreSQL's 'simple' text search configuration index them as they are: the same terms, the same matches, BM25 /
/// ts_rank with a title weight, and prefix queries for typing ("fuji" → Fujifilm) on both providers.
/// </para>
/// <para>
/// Query words of two or more characters match as prefixes after a light, query-side stemming (a final Russian case ending,
/// a final Italian vowel, an English plural s): "фотоаппараты" finds "фотоаппарат", "borse" finds "borsa", "caffe" finds
/// "caffè". It trades some precision for recall, and ranking puts exact title matches first anyway.
/// </para>
/// </summary>
public static class SearchText
{
    /// <summary>The longest query accepted (characters).</summary>
    public const int QueryMax = 200;

    /// <summary>Words after this many are ignored: each one is another index lookup.</summary>
    public const int QueryTermsMax = 8;

    /// <summary>A query term: one token, or a phrase of CJK bigrams; a prefix term matches every token it begins.</summary>
    public sealed record Term(string[] Tokens, bool Prefix);

    /// <summary>The index form of a text: tokens separated by single spaces ("" for a text without letters or digits).</summary>
    public static string Terms(string? text)
    {
        if (string.IsNullOrEmpty(text)) return "";
        var sb = new StringBuilder(text.Length * 2);
        foreach (var (run, cjk) in Runs(text))
        {
            if (cjk)
            {
                foreach (var token in Bigrams(run)) Append(sb, token);
            }
            else
            {
                Append(sb, run);
            }
        }
        return sb.ToString();
    }

    /// <summary>The terms of a query (all must match), at most <see cref="QueryTermsMax"/>; empty when it has no letters or digits.</summary>
    public static IReadOnlyList<Term> Parse(string? query)
    {
        var terms = new List<Term>();
        if (string.IsNullOrWhiteSpace(query)) return terms;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (run, cjk) in Runs(query))
        {
            Term term;
            if (cjk)
            {
                var runes = Runes(run);
                term = runes.Length == 1
                    ? new Term([run], Prefix: true)
                    : new Term([.. Enumerable.Range(0, runes.Length - 1).Select(i => runes[i] + runes[i + 1])], Prefix: false);
            }
            else
            {
                term = run.EnumerateRunes().Count() >= 2 ? new Term([Stem(run)], Prefix: true) : new Term([run], Prefix: false);
            }
            if (!seen.Add(string.Join(' ', term.Tokens) + (term.Prefix ? "*" : ""))) continue;
            terms.Add(term);
            if (terms.Count == QueryTermsMax) break;
        }
        return terms;
    }

    /// <summary>An FTS5 MATCH expression: quoted tokens (they hold only letters and digits), phrases for CJK, * for prefixes, implicit AND.</summary>
    public static string ToFts5(IReadOnlyList<Term> terms) =>
        string.Join(' ', terms.Select(t => "\"" + string.Join(' ', t.Tokens) + "\"" + (t.Prefix ? "*" : "")));

    /// <summary>A to_tsquery('simple', …) expression: quoted lexemes, &lt;-&gt; for CJK phrases, :* for prefixes, &amp; between terms.</summary>
    public static string ToTsQuery(IReadOnlyList<Term> terms) =>
        string.Join(" & ", terms.Select(t => t.Tokens.Length == 1
            ? "'" + t.Tokens[0] + "'" + (t.Prefix ? ":*" : "")
            : "(" + string.Join(" <-> ", t.Tokens.Select(x => "'" + x + "'")) + ")"));

    static void Append(StringBuilder sb, string token)
    {
        if (sb.Length > 0) sb.Append(' ');
        sb.Append(token);
    }

    /// <summary>二手相機 → 二手 手相 相機 機; a single character stays as it is.</summary>
    static IEnumerable<string> Bigrams(string run)
    {
        var runes = Runes(run);
        for (var i = 0; i + 1 < runes.Length; i++) yield return runes[i] + runes[i + 1];
        yield return runes[^1];
    }

    static string[] Runes(string run) => [.. run.EnumerateRunes().Select(r => r.ToString())];

    /// <summary>Maximal runs of word characters (folded) or of CJK characters; everything else separates them.</summary>
    static IEnumerable<(string Run, bool Cjk)> Runs(string text)
    {
        var normalized = text.IsNormalized(NormalizationForm.FormKC) ? text : text.Normalize(NormalizationForm.FormKC);
        var sb = new StringBuilder();
        var inCjk = false;
        foreach (var rune in normalized.EnumerateRunes())
        {
            var kind = Classify(rune);
            if (kind == CharKind.Separator || (sb.Length > 0 && (kind == CharKind.Cjk) != inCjk))
            {
                if (sb.Length > 0) yield return Flush(sb, inCjk);
                if (kind == CharKind.Separator) continue;
            }
            // A combining mark after a separator has nothing to attach to.
            if (sb.Length == 0 && kind == CharKind.Mark) continue;
            inCjk = kind == CharKind.Cjk;
            sb.Append(rune.ToString());
        }
        if (sb.Length > 0) yield return Flush(sb, inCjk);
    }

    static (string, bool) Flush(StringBuilder sb, bool cjk)
    {
        var run = sb.ToString();
        sb.Clear();
        return (cjk ? ChineseScript.ToSimplified(run) : Fold(run), cjk);
    }

    enum CharKind
    {
        Separator,
        Word,
        Mark,
        Cjk,
    }

    static CharKind Classify(Rune rune)
    {
        if (IsCjk(rune.Value)) return CharKind.Cjk;
        return Rune.GetUnicodeCategory(rune) switch
        {
            UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter or
                UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter or UnicodeCategory.DecimalDigitNumber or
                UnicodeCategory.LetterNumber or UnicodeCategory.OtherNumber => CharKind.Word,
            UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark => CharKind.Mark,
            _ => CharKind.Separator,
        };
    }

    /// <summary>Han (with extensions and compatibility ideographs), hiragana, katakana and the iteration mark 々.</summary>
    static bool IsCjk(int c) =>
        c is (>= 0x3040 and <= 0x30FF) or (>= 0x31F0 and <= 0x31FF) or (>= 0x3400 and <= 0x4DBF) or (>= 0x4E00 and <= 0x9FFF)
            or (>= 0xF900 and <= 0xFAFF) or (>= 0x20000 and <= 0x3FFFF) or 0x3005;

    /// <summary>Lower case; accents off Latin letters (not off Cyrillic й); ё → е; a few letters that do not decompose.</summary>
    static string Fold(string word)
    {
        var ascii = true;
        foreach (var ch in word)
        {
            if (ch > 0x7F)
            {
                ascii = false;
                break;
            }
        }
        if (ascii) return word.ToLowerInvariant();

        var decomposed = word.ToLowerInvariant().Normalize(NormalizationForm.FormD);
        var sb = new StringBuilder(decomposed.Length);
        var lastBase = '\0';
        foreach (var ch in decomposed)
        {
            var category = CharUnicodeInfo.GetUnicodeCategory(ch);
            if (category is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark)
            {
                if (!IsLatin(lastBase)) sb.Append(ch);
                continue;
            }
            lastBase = ch;
            switch (ch)
            {
                case 'ß': sb.Append("ss"); break;
                case 'æ': sb.Append("ae"); break;
                case 'œ': sb.Append("oe"); break;
                case 'ø': sb.Append('o'); break;
                case 'ł': sb.Append('l'); break;
                case 'đ' or 'ð': sb.Append('d'); break;
                case 'þ': sb.Append("th"); break;
                case 'ı': sb.Append('i'); break;
                default: sb.Append(ch); break;
            }
        }
        return sb.ToString().Normalize(NormalizationForm.FormC).Replace('ё', 'е');
    }

    static bool IsLatin(char c) => c is (>= 'a' and <= 'z') or (>= '\u00C0' and <= '\u024F') or (>= '\u1E00' and <= '\u1EFF');

    static bool IsCyrillic(char c) => c is >= '\u0400' and <= '\u04FF';

    // Longest first. Endings of Russian nouns and adjectives; a stem keeps at least four letters.
    static readonly string[] RussianEndings =
    [
        "иями", "ями", "ами", "ого", "его", "ому", "ему", "ыми", "ими", "ых", "их", "ой", "ей", "ий", "ый", "ая", "яя", "ое", "ее",
        "ые", "ие", "ую", "юю", "ов", "ев", "ам", "ям", "ах", "ях", "ом", "ем", "а", "я", "о", "е", "ы", "и", "у", "ю", "ь", "й",
    ];

    /// <summary>Query side only: drops one inflectional ending so the prefix match finds the other forms of the word.</summary>
    static string Stem(string token)
    {
        foreach (var ch in token)
        {
            if (!char.IsLetter(ch)) return token;
        }
        if (IsCyrillic(token[0]))
        {
            foreach (var ending in RussianEndings)
            {
                if (token.Length - ending.Length >= 4 && token.EndsWith(ending, StringComparison.Ordinal)) return token[..^ending.Length];
            }
            return token;
        }
        if (IsLatin(token[0]))
        {
            // Italian singular/plural vowels (borsa/borse, caffè/caffe, libro/libri) and English plurals (cameras, levis).
            if (token.Length >= 5 && token[^1] is 'a' or 'e' or 'i' or 'o') return token[..^1];
            if (token.Length >= 4 && token[^1] == 's' && token[^2] != 's') return token[..^1];
        }
        return token;
    }
}
