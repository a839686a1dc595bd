using Microsoft.Data.Sqlite;
using Npgsql;
using NpgsqlTypes;
using Souk.Web.Modules.Catalog;
using Souk.Web.Modules.Notes;

namespace Souk.Web.Data;

/// <summary>
/// Synthetic notes for the feed benchmarks (`seed --notes N`): reviews of <see cref="ListingSeed"/>'s kinds of things in each
/// author's language (en, zh-Hant-HK, zh-Hans-CN, it, ru), spread evenly over the last <see cref="Days"/> days with ids rising
/// with time, 1–3 photos from a small shared set, 1–3 hashtags (the kind's noun and a few popular tags per language), their
/// search entries, and likes, saves and comments from other seeded users so the discover ranking has signal. Who posts is skewed like who is
/// followed: early (popular) accounts post more. Engagement grows with the author's followers and the note's age and is
/// heavy-tailed (most notes get a few likes, a few get hundreds). Counters equal the rows written. Deterministic for a given
/// N and follow graph.
/// </summary>
public static class NoteSeed
{
    public const int Days = 30;

    /// <summary>One note (photos and hashtags filled in) and the seeded users (indices) who liked, saved and commented on it.</summary>
    public sealed record Generated(Note Note, int[] Likers, int[] Savers, int[] Commenters);

    /// <summary>Seeded languages by author: (note language, key into <see cref="ListingSeed.Kinds"/>' nouns).</summary>
    static readonly (string Language, string Nouns)[] Languages =
        [("en", "en"), ("zh-Hant-HK", "zh-Hant"), ("en", "en"), ("zh-Hans-CN", "zh-Hans"), ("zh-Hant-HK", "zh-Hant"), ("it", "it"), ("ru", "ru")];

    static readonly Dictionary<string, string[]> Verdicts = new()
    {
        ["en"] = ["honest review", "three weeks in", "worth it?", "my favourite this month", "what nobody tells you", "before you buy"],
        ["zh-Hant"] = ["真心推介", "用咗三個星期", "開箱分享", "值唔值得買？", "避雷指南", "本月愛用"],
        ["zh-Hans"] = ["真心推荐", "用了三周", "开箱分享", "值不值得买？", "避雷指南", "本月爱用"],
        ["it"] = ["recensione onesta", "tre settimane dopo", "vale la pena?", "il mio preferito del mese", "prima di comprarlo"],
        ["ru"] = ["честный отзыв", "три недели спустя", "стоит ли брать?", "мой фаворит месяца", "до покупки"],
    };

    static readonly Dictionary<string, string[]> Sentences = new()
    {
        ["en"] = ["Bought it second-hand and it *still* feels new.", "The light in the shop was better than in my flat.", "Three things I love:\n\n- the size\n- the colour\n- the price",
            "Not perfect, but **great value**.", "Would I buy it again? Probably yes.", "Packed it for the weekend trip and used it every day."],
        ["zh-Hant"] = ["二手入手，用落仲好似新嘅一樣。", "質感比相片更好。", "我最鍾意三樣嘢：\n\n- 大細啱啱好\n- 顏色好襯\n- 價錢抵", "唔係完美，但係**好抵**。", "會唔會再買？應該會。", "週末去旅行都帶住，日日用。"],
        ["zh-Hans"] = ["二手入的，用起来还像新的一样。", "质感比照片更好。", "我最喜欢的三点：\n\n- 大小刚好\n- 颜色好看\n- 价格实惠", "不算完美，但是**性价比很高**。", "会不会回购？应该会。", "周末旅行也带着，天天用。"],
        ["it"] = ["Preso usato e sembra *ancora* nuovo.", "Dal vivo è più bello che in foto.", "Tre cose che adoro:\n\n- la misura\n- il colore\n- il prezzo",
            "Non è perfetto, ma **vale il prezzo**.", "Lo ricomprerei? Probabilmente sì.", "Portato nel weekend fuori porta, usato ogni giorno."],
        ["ru"] = ["Купила с рук, а он *до сих пор* как новый.", "Вживую лучше, чем на фото.", "Три вещи, которые мне нравятся:\n\n- размер\n- цвет\n- цена",
            "Не идеально, но **цена отличная**.", "Купила бы снова? Скорее да.", "Брала с собой на выходные, пользовалась каждый день."],
    };

    /// <summary>Popular hashtags per language, most popular first (picked with a skew, so a few are everywhere).</summary>
    static readonly Dictionary<string, string[]> PopularTags = new()
    {
        ["en"] = ["review", "secondhand", "ootd", "skincare", "vintage", "unboxing", "homedecor", "minimalist", "cafe", "travel"],
        ["zh-Hant"] = ["好物分享", "穿搭", "護膚", "開箱", "香港", "二手", "家居", "咖啡店", "旅行", "測評"],
        ["zh-Hans"] = ["好物分享", "穿搭", "护肤", "开箱", "上海", "二手", "家居", "探店", "旅行", "测评"],
        ["it"] = ["recensione", "usato", "moda", "vintage", "milano", "casa", "viaggi", "caffè", "unboxing", "stile"],
        ["ru"] = ["обзор", "винтаж", "мода", "москва", "уход", "дом", "путешествия", "кофе", "распаковка", "стиль"],
    };

    static readonly Dictionary<string, string[]> CommentTexts = new()
    {
        ["en"] = ["Where did you buy it?", "Love this!", "Thanks for the honest review.", "Is it worth the price?", "Saving this for later."],
        ["zh-Hant"] = ["喺邊度買㗎？", "好靚呀！", "多謝真實分享。", "值唔值呢個價？", "收藏咗先。"],
        ["zh-Hans"] = ["在哪里买的？", "太好看了！", "谢谢真实分享。", "值这个价吗？", "先收藏了。"],
        ["it"] = ["Dove l'hai preso?", "Bellissimo!", "Grazie per la recensione sincera.", "Vale il prezzo?", "Lo salvo per dopo."],
        ["ru"] = ["Где покупали?", "Очень красиво!", "Спасибо за честный отзыв.", "Стоит своих денег?", "Сохраню себе."],
    };

    /// <summary>A comment's text in the note's language (the same for the same note and comment).</summary>
    public static string CommentText(Note note, int k)
    {
        var key = Languages.First(l => l.Language == note.Language).Nouns;
        var texts = CommentTexts[key];
        return texts[(int)((note.Id + k) % texts.Length)];
    }

    /// <summary>Note i of n, by one of <paramref name="users"/> (index 0 the most followed), with photos from <paramref name="photos"/>.</summary>
    public static Generated Generate(int i, int n, long id, Guid[] users, int[] followers, Guid[] photos, DateTime now)
    {
        var random = new Random(i * 7919 + 31337);
        // Popular accounts post more: a 1.5 power of a uniform draw leans to low indices (user 0 about 1,400 of a million notes
        // among 20,000 users, the last about 30).
        var author = Math.Min(users.Length - 1, (int)(users.Length * Math.Pow(random.NextDouble(), 1.5)));
        var (language, nounsKey) = Languages[author % Languages.Length];
        var kind = ListingSeed.Kinds[random.Next(ListingSeed.Kinds.Length)];
        var nouns = nounsKey switch { "zh-Hant" => kind.Hant, "zh-Hans" => kind.Hans, "it" => kind.It, "ru" => kind.Ru, _ => kind.En };
        var noun = nouns[random.Next(nouns.Length)];
        var brand = kind.Brands[random.Next(kind.Brands.Length)];
        var verdicts = Verdicts[nounsKey];
        var verdict = verdicts[random.Next(verdicts.Length)];
        var title = nounsKey switch
        {
            "zh-Hant" or "zh-Hans" => $"{brand}{noun}｜{verdict}",
            "it" or "ru" => $"{ListingSeed.Capitalise(noun)} {brand}: {verdict}",
            _ => $"{brand} {noun}: {verdict}",
        };
        if (title.Length > Note.TitleMax) title = title[..Note.TitleMax].TrimEnd();
        var popular = PopularTags[nounsKey];
        var tags = new List<string> { noun.Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal) };
        for (var t = random.Next(3); t > 0; t--) tags.Add(popular[(int)(popular.Length * Math.Pow(random.NextDouble(), 2))]);
        var sentences = Sentences[nounsKey];
        var body = string.Join("\n\n", Enumerable.Range(0, 1 + random.Next(3)).Select(_ => sentences[random.Next(sentences.Length)]).Distinct())
            + "\n\n" + string.Join(' ', tags.Distinct().Select(t => "#" + t));
        // Oldest first and evenly spread with some jitter inside each note's slot, so ids and creation times rise together as in real use.
        var createdAt = now.AddDays(-Days + Days * (i + random.NextDouble()) / n);

        var note = new Note
        {
            Id = id, AuthorId = users[author], Title = title, Body = body, Language = language,
            CreatedAt = createdAt, UpdatedAt = createdAt,
        };
        var photoCount = 1 + random.Next(Math.Min(3, photos.Length));
        var first = random.Next(photos.Length);
        for (var p = 0; p < photoCount; p++) note.Photos.Add(new NotePhoto { NoteId = id, Position = p, MediaId = photos[(first + p) % photos.Length] });
        // The same extraction the app runs, so the stored hashtags are exactly the ones in the text.
        note.Hashtags.AddRange(NoteText.Hashtags(title, body).Select(t => new NoteHashtag { NoteId = id, Tag = t, CreatedAt = createdAt }));

        // Engagement: about 0.4 % of the author's followers like a note on average, times a heavy-tailed appeal (u^4, mean 1),
        // plus about one like from anyone; notes younger than two days have had less time.
        var engagement = new Random(i * 104729 + 7);
        var youth = Math.Clamp((now - createdAt).TotalDays / 2, 0, 1);
        var likes = (int)(youth * (followers[author] * 0.02 * Math.Pow(engagement.NextDouble(), 4) + 2 * engagement.NextDouble()));
        var saves = (int)(likes * 0.6 * engagement.NextDouble());
        var comments = (int)(likes * 0.3 * engagement.NextDouble());
        var likers = Others(engagement, likes, users.Length, author);
        var savers = Others(engagement, saves, users.Length, author);
        var commenters = Others(engagement, comments, users.Length, author);
        note.LikesCount = likers.Length;
        note.SavesCount = savers.Length;
        note.CommentsCount = commenters.Length;
        return new Generated(note, likers, savers, commenters);
    }

    /// <summary>Up to <paramref name="count"/> distinct user indices other than <paramref name="except"/>.</summary>
    static int[] Others(Random random, int count, int n, int except)
    {
        count = Math.Min(count, n - 1);
        if (count <= 0) return [];
        var chosen = new HashSet<int>();
        while (chosen.Count < count)
        {
            var u = random.Next(n);
            if (u != except) chosen.Add(u);
        }
        return [.. chosen];
    }

    /// <summary>When an engagement happened: some time in the note's first days, never in the future.</summary>
    public static DateTime EngagedAt(Note note, int k, DateTime now)
    {
        var window = Math.Min((now - note.CreatedAt).TotalSeconds, TimeSpan.FromDays(3).TotalSeconds);
        return note.CreatedAt.AddSeconds(window * ((note.Id * 31 + k * 17) % 1000) / 1000.0);
    }

    /// <summary>The note's search entry, as NoteService writes it (notes are found by one search with listings and products).</summary>
    static SearchEntry SearchEntryOf(Note note) =>
        SearchIndex.NoteEntry(note.Id, note.AuthorId, note.Title, note.Body, note.Photos[0].MediaId, note.CreatedAt);

    /// <summary>Every seeded user's one collection, named like a default board, for their saves.</summary>
    public static NoteCollection CollectionOf(long id, Guid owner, DateTime now) =>
        new() { Id = id, OwnerId = owner, Name = "Saved", NormalizedName = NoteCollection.Normalize("Saved"), CreatedAt = now };

    // ---- writers -----------------------------------------------------------------------------------------------------------

    /// <summary>Collections, notes and everything hanging off them, in the caller's transaction; one prepared insert per table.</summary>
    public static async Task WriteSqliteAsync(SqliteConnection conn, SqliteTransaction tx, IReadOnlyList<NoteCollection> collections, Guid[] users,
        IEnumerable<Generated> items, DateTime now, CancellationToken ct)
    {
        var (collection, c) = SeedWriting.Prepare(conn, tx, """
            INSERT INTO "NoteCollections" ("Id","OwnerId","Name","NormalizedName","CreatedAt") VALUES ($id,$owner,$name,$nn,$at)
            """, ["$id", "$owner", "$name", "$nn", "$at"], "$owner");
        await using (collection)
        {
            foreach (var x in collections)
            {
                c["$id"].Value = x.Id;
                c["$owner"].Value = x.OwnerId;
                c["$name"].Value = x.Name;
                c["$nn"].Value = x.NormalizedName;
                c["$at"].Value = x.CreatedAt;
                await collection.ExecuteNonQueryAsync(ct);
            }
        }

        var (notes, n) = SeedWriting.Prepare(conn, tx, """
            INSERT INTO "Notes" ("Id","AuthorId","Title","Body","Language","SponsorId","CreatedAt","UpdatedAt","LikesCount","SavesCount","CommentsCount")
            VALUES ($id,$author,$title,$body,$lang,NULL,$at,$at,$likes,$saves,$comments)
            """, ["$id", "$author", "$title", "$body", "$lang", "$at", "$likes", "$saves", "$comments"], "$author");
        await using var _n = notes;
        var (hashtags, h) = SeedWriting.Prepare(conn, tx, """INSERT INTO "NoteHashtags" ("NoteId","Tag","CreatedAt") VALUES ($id,$tag,$at)""",
            ["$id", "$tag", "$at"]);
        await using var _h = hashtags;
        var (likes, l) = SeedWriting.Prepare(conn, tx, """INSERT INTO "NoteLikes" ("UserId","NoteId","CreatedAt") VALUES ($user,$id,$at)""",
            ["$user", "$id", "$at"], "$user");
        await using var _l = likes;
        var (saves, s) = SeedWriting.Prepare(conn, tx, """INSERT INTO "NoteSaves" ("UserId","NoteId","CollectionId","CreatedAt") VALUES ($user,$id,$col,$at)""",
            ["$user", "$id", "$col", "$at"], "$user");
        await using var _s = saves;
        var (comments, m) = SeedWriting.Prepare(conn, tx, """
            INSERT INTO "NoteComments" ("NoteId","AuthorId","ParentId","Body","CreatedAt","LikesCount","RepliesCount") VALUES ($id,$user,NULL,$body,$at,0,0)
            """, ["$id", "$user", "$body", "$at"], "$user");
        await using var _m = comments;
        await using var photos = new SeedWriting.SqlitePhotos(conn, tx, "NotePhotos", "NoteId");
        await using var entries = new SeedWriting.SqliteEntries(conn, tx);

        foreach (var (note, likers, savers, commenters) in items)
        {
            n["$id"].Value = note.Id;
            n["$author"].Value = note.AuthorId;
            n["$title"].Value = note.Title;
            n["$body"].Value = note.Body;
            n["$lang"].Value = note.Language;
            n["$at"].Value = note.CreatedAt;
            n["$likes"].Value = note.LikesCount;
            n["$saves"].Value = note.SavesCount;
            n["$comments"].Value = note.CommentsCount;
            await notes.ExecuteNonQueryAsync(ct);
            foreach (var photo in note.Photos) await photos.WriteAsync(note.Id, photo.Position, photo.MediaId, ct);
            await entries.WriteAsync(SearchEntryOf(note), ct);
            foreach (var tag in note.Hashtags)
            {
                h["$id"].Value = note.Id;
                h["$tag"].Value = tag.Tag;
                h["$at"].Value = tag.CreatedAt;
                await hashtags.ExecuteNonQueryAsync(ct);
            }
            for (var k = 0; k < likers.Length; k++)
            {
                l["$user"].Value = users[likers[k]];
                l["$id"].Value = note.Id;
                l["$at"].Value = EngagedAt(note, k, now);
                await likes.ExecuteNonQueryAsync(ct);
            }
            for (var k = 0; k < savers.Length; k++)
            {
                s["$user"].Value = users[savers[k]];
                s["$id"].Value = note.Id;
                s["$col"].Value = collections[savers[k]].Id;
                s["$at"].Value = EngagedAt(note, k, now);
                await saves.ExecuteNonQueryAsync(ct);
            }
            for (var k = 0; k < commenters.Length; k++)
            {
                m["$id"].Value = note.Id;
                m["$user"].Value = users[commenters[k]];
                m["$body"].Value = CommentText(note, k);
                m["$at"].Value = EngagedAt(note, k, now);
                await comments.ExecuteNonQueryAsync(ct);
            }
        }
    }

    /// <summary>
    /// One binary COPY per table. The notes are generated again for each table (cheap next to the COPY) rather than held in
    /// memory: a million notes with their engagement would take gigabytes.
    /// </summary>
    public static async Task WritePostgresAsync(NpgsqlConnection conn, IReadOnlyList<NoteCollection> collections, Guid[] users,
        Func<IEnumerable<Generated>> items, DateTime now, TimeSpan timeout, CancellationToken ct)
    {
        await SeedWriting.CopyAsync(conn, """COPY "NoteCollections" ("Id","OwnerId","Name","NormalizedName","CreatedAt") FROM STDIN (FORMAT BINARY)""",
            collections, async (copy, x) =>
            {
                await copy.WriteAsync(x.Id, NpgsqlDbType.Bigint, ct);
                await copy.WriteAsync(x.OwnerId, NpgsqlDbType.Uuid, ct);
                await copy.WriteAsync(x.Name, NpgsqlDbType.Varchar, ct);
                await copy.WriteAsync(x.NormalizedName, NpgsqlDbType.Varchar, ct);
                await copy.WriteAsync(x.CreatedAt, NpgsqlDbType.TimestampTz, ct);
            }, timeout, ct);
        await SeedWriting.CopyAsync(conn, """
            COPY "Notes" ("Id","AuthorId","Title","Body","Language","CreatedAt","UpdatedAt","LikesCount","SavesCount","CommentsCount") FROM STDIN (FORMAT BINARY)
            """, items().Select(x => x.Note), async (copy, note) =>
            {
                await copy.WriteAsync(note.Id, NpgsqlDbType.Bigint, ct);
                await copy.WriteAsync(note.AuthorId, NpgsqlDbType.Uuid, ct);
                await copy.WriteAsync(note.Title, NpgsqlDbType.Varchar, ct);
                await copy.WriteAsync(note.Body, NpgsqlDbType.Varchar, ct);
                await copy.WriteAsync(note.Language, NpgsqlDbType.Varchar, ct);
                await copy.WriteAsync(note.CreatedAt, NpgsqlDbType.TimestampTz, ct);
                await copy.WriteAsync(note.UpdatedAt, NpgsqlDbType.TimestampTz, ct);
                await copy.WriteAsync(note.LikesCount, NpgsqlDbType.Integer, ct);
                await copy.WriteAsync(note.SavesCount, NpgsqlDbType.Integer, ct);
                await copy.WriteAsync(note.CommentsCount, NpgsqlDbType.Integer, ct);
            }, timeout, ct);
        await SeedWriting.CopyPhotosAsync(conn, "NotePhotos", "NoteId",
            items().SelectMany(x => x.Note.Photos.Select(p => (x.Note.Id, p.Position, p.MediaId))), timeout, ct);
        await SeedWriting.CopyAsync(conn, """COPY "NoteHashtags" ("NoteId","Tag","CreatedAt") FROM STDIN (FORMAT BINARY)""",
            items().SelectMany(x => x.Note.Hashtags), async (copy, tag) =>
            {
                await copy.WriteAsync(tag.NoteId, NpgsqlDbType.Bigint, ct);
                await copy.WriteAsync(tag.Tag, NpgsqlDbType.Varchar, ct);
                await copy.WriteAsync(tag.CreatedAt, NpgsqlDbType.TimestampTz, ct);
            }, timeout, ct);
        await SeedWriting.CopyAsync(conn, """COPY "NoteLikes" ("UserId","NoteId","CreatedAt") FROM STDIN (FORMAT BINARY)""",
            items().SelectMany(x => x.Likers.Select((u, k) => (x.Note, User: u, K: k))), async (copy, like) =>
            {
                await copy.WriteAsync(users[like.User], NpgsqlDbType.Uuid, ct);
                await copy.WriteAsync(like.Note.Id, NpgsqlDbType.Bigint, ct);
                await copy.WriteAsync(EngagedAt(like.Note, like.K, now), NpgsqlDbType.TimestampTz, ct);
            }, timeout, ct);
        await SeedWriting.CopyAsync(conn, """COPY "NoteSaves" ("UserId","NoteId","CollectionId","CreatedAt") FROM STDIN (FORMAT BINARY)""",
            items().SelectMany(x => x.Savers.Select((u, k) => (x.Note, User: u, K: k))), async (copy, save) =>
            {
                await copy.WriteAsync(users[save.User], NpgsqlDbType.Uuid, ct);
                await copy.WriteAsync(save.Note.Id, NpgsqlDbType.Bigint, ct);
                await copy.WriteAsync(collections[save.User].Id, NpgsqlDbType.Bigint, ct);
                await copy.WriteAsync(EngagedAt(save.Note, save.K, now), NpgsqlDbType.TimestampTz, ct);
            }, timeout, ct);
        await SeedWriting.CopyAsync(conn, """
            COPY "NoteComments" ("NoteId","AuthorId","Body","CreatedAt","LikesCount","RepliesCount") FROM STDIN (FORMAT BINARY)
            """, items().SelectMany(x => x.Commenters.Select((u, k) => (x.Note, User: u, K: k))), async (copy, comment) =>
            {
                await copy.WriteAsync(comment.Note.Id, NpgsqlDbType.Bigint, ct);
                await copy.WriteAsync(users[comment.User], NpgsqlDbType.Uuid, ct);
                await copy.WriteAsync(CommentText(comment.Note, comment.K), NpgsqlDbType.Varchar, ct);
                await copy.WriteAsync(EngagedAt(comment.Note, comment.K, now), NpgsqlDbType.TimestampTz, ct);
                await copy.WriteAsync(0, NpgsqlDbType.Integer, ct);
                await copy.WriteAsync(0, NpgsqlDbType.Integer, ct);
            }, timeout, ct);
        await SeedWriting.CopyEntriesAsync(conn, items().Select(x => SearchEntryOf(x.Note)), timeout, ct);
        await SeedWriting.AdvanceSequencesAsync(conn, ["NoteCollections", "Notes", "SearchEntries"], ct);
    }
}
