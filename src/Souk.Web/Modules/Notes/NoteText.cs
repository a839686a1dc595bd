using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Ganss.Xss;
using Markdig;
using Markdig.Parsers;
using Markdig.Parsers.Inlines;

namespace Souk.Web.Modules.Notes;

/// <summary>
/// A note's body as people write it (a Markdown subset: paragraphs, emphasis, lists, plain links) and as pages show it:
/// rendered with Markdig with raw HTML disabled, then sanitised to an allow-list, so a &lt;script&gt; or a javascript: link is
/// inert whatever Markdig lets through. #hashtags and @mentions of known people become links.
/// </summary>
public static partial class NoteText
{
    public const int HashtagsMax = 20;
    public const int MentionsMax = 20;

    // Only the blocks and inlines of the subset: headings, code, quotes, tables, images and autolinks stay plain text.
    static readonly MarkdownPipeline Pipeline = BuildPipeline();

    static MarkdownPipeline BuildPipeline()
    {
        var b = new MarkdownPipelineBuilder().DisableHtml();
        b.BlockParsers.TryRemove<HeadingBlockParser>();
        b.BlockParsers.TryRemove<FencedCodeBlockParser>();
        b.BlockParsers.TryRemove<IndentedCodeBlockParser>();
        b.BlockParsers.TryRemove<QuoteBlockParser>();
        b.BlockParsers.TryRemove<ThematicBreakParser>();
        b.InlineParsers.TryRemove<CodeInlineParser>();
        b.InlineParsers.TryRemove<AutolinkInlineParser>();
        return b.Build();
    }

    static readonly HtmlSanitizer Sanitizer = BuildSanitizer();

    static HtmlSanitizer BuildSanitizer()
    {
        var s = new HtmlSanitizer();
        s.AllowedTags.Clear();
        s.AllowedTags.UnionWith(["p", "em", "strong", "ul", "ol", "li", "a", "br"]);
        s.AllowedAttributes.Clear();
        s.AllowedAttributes.UnionWith(["href", "class", "start"]);
        s.AllowedClasses.Clear();
        s.AllowedClasses.UnionWith(["hashtag", "mention"]);
        s.AllowedSchemes.Clear();
        s.AllowedSchemes.UnionWith(["http", "https"]);
        s.AllowedCssProperties.Clear();
        s.AllowedAtRules.Clear();
        // Links leave Souk with no referrer credit and no window handle.
        s.PostProcessNode += (_, e) =>
        {
            if (e.Node is AngleSharp.Dom.IElement { LocalName: "a" } a && a.GetAttribute("href") is { } href && !href.StartsWith('/'))
                a.SetAttribute("rel", "nofollow ugc noopener noreferrer");
        };
        return s;
    }

    // A hashtag: '#' not inside a word (so "C#" and "&#123;" are not tags), then letters, digits or underscores in any script.
    [GeneratedRegex(@"(?<![\p{L}\p{N}_&#/])#([\p{L}\p{M}\p{N}_]{1,50})")]
    private static partial Regex HashtagPattern();

    // A mention: '@' not inside a word or an email address, then a handle's characters.
    [GeneratedRegex(@"(?<![\p{L}\p{N}_.@])@([A-Za-z0-9_]{3,30})")]
    private static partial Regex MentionPattern();

    /// <summary>The folded tags in a title and body, first occurrence first, at most <see cref="HashtagsMax"/>.</summary>
    public static IReadOnlyList<string> Hashtags(params string[] texts) =>
        [.. texts.SelectMany(t => HashtagPattern().Matches(t)).Select(m => FoldHashtag(m.Groups[1].Value)).Distinct().Take(HashtagsMax)];

    /// <summary>The handles mentioned, first occurrence first, case-insensitively distinct, at most <see cref="MentionsMax"/>.</summary>
    public static IReadOnlyList<string> Mentions(params string[] texts) =>
        [.. texts.SelectMany(t => MentionPattern().Matches(t)).Select(m => m.Groups[1].Value).Distinct(StringComparer.OrdinalIgnoreCase).Take(MentionsMax)];

    /// <summary>How a hashtag is stored and looked up: NFKC (full-width letters become ASCII) and lower case, so #Tokyo = #ｔｏｋｙｏ.</summary>
    public static string FoldHashtag(string tag) => tag.Normalize(NormalizationForm.FormKC).ToLowerInvariant();

    /// <summary>True when the text is a valid hashtag name (without the '#').</summary>
    public static bool IsHashtag(string? tag) => !string.IsNullOrEmpty(tag) && HashtagPattern().Match("#" + tag) is { Success: true } m && m.Length == tag.Length + 1;

    /// <summary>
    /// The body as safe HTML. <paramref name="knownHandles"/> are the handles that resolved to people (case-insensitive);
    /// other @words stay text.
    /// </summary>
    public static string ToHtml(string body, IReadOnlySet<string> knownHandles)
    {
        var html = Markdown.ToHtml(body, Pipeline);
        var safe = Sanitizer.Sanitize(html);
        return LinkWords(safe, knownHandles);
    }

    /// <summary>A comment: plain text, escaped, with hashtags and known mentions linked.</summary>
    public static string CommentToHtml(string text, IReadOnlySet<string> knownHandles) =>
        LinkWords(System.Net.WebUtility.HtmlEncode(text), knownHandles);

    // Runs over sanitised HTML and touches only text between tags (never attribute values) outside existing links.
    static string LinkWords(string html, IReadOnlySet<string> knownHandles)
    {
        var result = new StringBuilder(html.Length + 64);
        var insideLink = 0;
        foreach (Match part in TagOrText().Matches(html))
        {
            var piece = part.Value;
            if (piece.StartsWith('<'))
            {
                if (piece.StartsWith("<a ", StringComparison.Ordinal) || piece == "<a>") insideLink++;
                else if (piece == "</a>") insideLink = Math.Max(0, insideLink - 1);
                result.Append(piece);
                continue;
            }
            if (insideLink > 0)
            {
                result.Append(piece);
                continue;
            }
            var linked = HashtagPattern().Replace(piece, m =>
                $"<a class=\"hashtag\" href=\"/t/{Uri.EscapeDataString(FoldHashtag(m.Groups[1].Value))}\">{m.Value}</a>");
            linked = MentionPattern().Replace(linked, m => knownHandles.Contains(m.Groups[1].Value)
                ? $"<a class=\"mention\" href=\"/u/{m.Groups[1].Value}\">{m.Value}</a>"
                : m.Value);
            result.Append(linked);
        }
        return result.ToString();
    }

    [GeneratedRegex("<[^>]*>|[^<]+")]
    private static partial Regex TagOrText();

    /// <summary>A plain-text excerpt of the body for cards and Open Graph: Markdown marks removed, whitespace collapsed.</summary>
    public static string Excerpt(string body, int max = 160)
    {
        var plain = Markdown.ToPlainText(body, Pipeline);
        var collapsed = string.Join(' ', plain.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        if (collapsed.Length <= max) return collapsed;
        var cut = new StringInfo(collapsed).LengthInTextElements > max ? new StringInfo(collapsed).SubstringByTextElements(0, max) : collapsed;
        return cut.TrimEnd() + "…";
    }
}
