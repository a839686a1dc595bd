namespace Souk.Web.Modules.Feed;

/// <summary>What the ranking knows about a note. There is deliberately no sponsorship or payment in it: nothing here can be bought.</summary>
public sealed record RankInput(
    long NoteId, Guid AuthorId, DateTime CreatedAt, int Likes, int Saves, int Comments, int AuthorFollowers,
    IReadOnlyList<string> Hashtags, IReadOnlyList<string> Categories);

/// <summary>What the ranking knows about the viewer: whom they follow, and the hashtags and categories of the notes they recently liked or saved.</summary>
public sealed record ViewerAffinity(IReadOnlySet<Guid> Followed, IReadOnlySet<string> Hashtags, IReadOnlySet<string> Categories)
{
    public static readonly ViewerAffinity None = new(new HashSet<Guid>(), new HashSet<string>(), new HashSet<string>());
}

/// <summary>
/// A note's score for one viewer with every component that made it, and the reasons shown on its card ("why am I seeing
/// this?"). Total = EngagementFactor × Freshness × AffinityFactor, exactly.
/// </summary>
public sealed record RankScore(
    long NoteId, double Total, int Likes, int Saves, int Comments, double WeightedEngagement, double EngagementFactor,
    double AgeHours, double Freshness, bool FollowsAuthor, IReadOnlyList<string> MatchedHashtags, IReadOnlyList<string> MatchedCategories,
    double AffinityFactor, int AuthorFollowers, bool SmallCreator, IReadOnlyList<string> Reasons);

/// <summary>A note's place in the discover order for one viewer: its total score, its id (ties), whether its author is a small creator, and its index in the candidates it was ranked from.</summary>
public readonly record struct RankKey(double Total, long NoteId, bool SmallCreator, int Index);

/// <summary>
/// The discover ranking, the one place it is defined (docs/RANKING.md explains it). Organic only: the inputs are
/// engagement, age, the viewer's own follows and likes/saves, and the author's audience size; there is no paid input.
/// </summary>
public static class Ranking
{
    public const double LikeWeight = 1;
    /// <summary>A save says "I will come back to this": worth more than a like.</summary>
    public const double SaveWeight = 3;
    /// <summary>A comment costs effort: more than a like, a little less than a save (comments can be arguments).</summary>
    public const double CommentWeight = 2;

    /// <summary>A note's freshness halves every 36 hours: a day-old note keeps 63 %, a week-old one 4 %.</summary>
    public static readonly TimeSpan HalfLife = TimeSpan.FromHours(36);

    public const double FollowedBoost = 1.0;
    public const double HashtagBoost = 0.5;
    /// <summary>At most this many matching hashtags count, so tag stuffing does not pay.</summary>
    public const int HashtagMatchesMax = 2;
    public const double CategoryBoost = 0.5;

    /// <summary>Authors with fewer followers than this are small creators, guaranteed a share of the feed.</summary>
    public const int SmallCreatorFollowers = 1000;
    /// <summary>At least one slot in every this many goes to a small creator while any is left.</summary>
    public const int SmallCreatorEvery = 4;

    /// <summary>Reason thresholds: "popular" from this weighted engagement, "fresh" under this age.</summary>
    public const double PopularFrom = 10;
    public static readonly TimeSpan FreshFor = TimeSpan.FromHours(24);

    /// <summary>
    /// The parts of a note's score for one viewer, worked out without allocating: the feed scores every candidate on every
    /// request (500 of them), and builds the explanation (<see cref="Score"/>) only for the notes on the page. Allocating the
    /// explanations for all candidates was about 400 KB per discover request, most of the app's garbage under load.
    /// </summary>
    readonly record struct Parts(double Weighted, double Engagement, double AgeHours, double Freshness, bool Follows, int HashtagMatches,
        bool CategoryMatch, bool Small)
    {
        public double Affinity => 1 + (Follows ? FollowedBoost : 0) + HashtagBoost * HashtagMatches + (CategoryMatch ? CategoryBoost : 0);
        public double Total => Engagement * Freshness * Affinity;
    }

    static Parts PartsOf(RankInput note, ViewerAffinity viewer, DateTime now)
    {
        var weighted = LikeWeight * note.Likes + SaveWeight * note.Saves + CommentWeight * note.Comments;
        var ageHours = Math.Max(0, (now - note.CreatedAt).TotalHours);
        var hashtagMatches = 0;
        for (var i = 0; i < note.Hashtags.Count && hashtagMatches < HashtagMatchesMax; i++)
            if (viewer.Hashtags.Contains(note.Hashtags[i])) hashtagMatches++;
        var categoryMatch = false;
        for (var i = 0; i < note.Categories.Count && !categoryMatch; i++) categoryMatch = viewer.Categories.Contains(note.Categories[i]);
        return new Parts(weighted, 1 + Math.Log(1 + weighted), ageHours, Math.Pow(2, -ageHours / HalfLife.TotalHours),
            viewer.Followed.Contains(note.AuthorId), hashtagMatches, categoryMatch, note.AuthorFollowers < SmallCreatorFollowers);
    }

    /// <summary>A note's place in the order for one viewer (the same total as <see cref="Score"/>), and where it is in the list it was ranked from.</summary>
    public static RankKey Key(RankInput note, int index, ViewerAffinity viewer, DateTime now)
    {
        var parts = PartsOf(note, viewer, now);
        return new RankKey(parts.Total, note.NoteId, parts.Small, index);
    }

    /// <summary>A note's score for one viewer with every component and the reasons shown on its card.</summary>
    public static RankScore Score(RankInput note, ViewerAffinity viewer, DateTime now)
    {
        var parts = PartsOf(note, viewer, now);
        // The same matches PartsOf counted, in the note's order: the first HashtagMatches of its hashtags the viewer cares about.
        var hashtags = note.Hashtags.Where(viewer.Hashtags.Contains).Take(parts.HashtagMatches).ToList();
        var categories = note.Categories.Where(viewer.Categories.Contains).Take(parts.CategoryMatch ? 1 : 0).ToList();

        var reasons = new List<string>();
        if (parts.Follows) reasons.Add("followed");
        reasons.AddRange(hashtags.Select(h => "hashtag:#" + h));
        reasons.AddRange(categories.Select(c => "category:" + c));
        if (parts.Weighted >= PopularFrom) reasons.Add("popular");
        if (parts.AgeHours < FreshFor.TotalHours) reasons.Add("fresh");
        if (parts.Small) reasons.Add("smallCreator");

        return new RankScore(note.NoteId, parts.Total, note.Likes, note.Saves, note.Comments, parts.Weighted, parts.Engagement,
            parts.AgeHours, parts.Freshness, parts.Follows, hashtags, categories, parts.Affinity, note.AuthorFollowers, parts.Small, reasons);
    }

    /// <summary>Descending by score, then by id (newer first on a tie): the order of each of the two streams below.</summary>
    public static int Compare(RankKey a, RankKey b) => a.Total != b.Total ? b.Total.CompareTo(a.Total) : b.NoteId.CompareTo(a.NoteId);

    /// <summary>
    /// Lays out a page from two ranked streams, small creators' notes and everyone else's: each slot takes the better head,
    /// except that after <see cref="SmallCreatorEvery"/> − 1 slots without a small creator the next slot is theirs. Each
    /// stream is taken as a prefix, so the cursor only needs where each stopped. <paramref name="sinceSmall"/> carries
    /// the count of slots since the last small creator across pages.
    /// </summary>
    public static (List<RankKey> Page, int BigTaken, int SmallTaken, int SinceSmall) Arrange(
        IReadOnlyList<RankKey> big, IReadOnlyList<RankKey> small, int sinceSmall, int take)
    {
        var page = new List<RankKey>(take);
        int b = 0, s = 0;
        while (page.Count < take && (b < big.Count || s < small.Count))
        {
            var pickSmall = s < small.Count && (b >= big.Count || sinceSmall >= SmallCreatorEvery - 1 || Compare(small[s], big[b]) < 0);
            if (pickSmall)
            {
                page.Add(small[s++]);
                sinceSmall = 0;
            }
            else
            {
                page.Add(big[b++]);
                sinceSmall++;
            }
        }
        // Once the small creators run out the count would only grow; past the rule's reach it means the same.
        return (page, b, s, Math.Min(sinceSmall, SmallCreatorEvery - 1));
    }
}
