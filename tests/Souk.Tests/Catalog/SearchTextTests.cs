using Souk.Web.Modules.Catalog;

namespace Souk.Tests.Catalog;

/// <summary>The normaliser both providers index and query with (see <see cref="SearchText"/>).</summary>
public sealed class SearchTextTests
{
    [Theory]
    [InlineData("二手相機", "二手 手相 相机 机")]
    [InlineData("相機", "相机 机")]
    [InlineData("書", "书")]
    [InlineData("二手相機 Fujifilm X100V 銀色 95%新", "二手 手相 相机 机 fujifilm x100v 银色 色 95 新")]
    [InlineData("iPhone手機殼", "iphone 手机 机壳 壳")]
    [InlineData("Фотоаппарат «Зенит-Е», плёночный", "фотоаппарат зенит е пленочный")]
    [InlineData("Caffè, più, perché, Città", "caffe piu perche citta")]
    [InlineData("Straße Ærø Łódź", "strasse aero lodz")]
    [InlineData("Levi's 501", "levi s 501")]
    [InlineData("ＦＵＪＩ　１２３", "fuji 123")]
    [InlineData("йогурт", "йогурт")]
    [InlineData("ひらがな カタカナ", "ひら らが がな な カタ タカ カナ ナ")]
    [InlineData("!!! --- ...", "")]
    [InlineData("", "")]
    public void Terms_fold_words_and_split_CJK_into_bigrams(string text, string expected) =>
        Assert.Equal(expected, SearchText.Terms(text));

    [Theory]
    [InlineData("二手相機", "二手相机")]
    [InlineData("鏡頭 Leica", "镜头 leica")]
    [InlineData("黑膠唱片機", "黑胶唱片机")]
    [InlineData("護膚精華", "护肤精华")]
    public void Traditional_and_Simplified_Chinese_index_and_query_alike(string traditional, string simplified)
    {
        Assert.True(ChineseScript.Available, "ICU's Hant-Hans transliterator is not available on this machine.");
        Assert.Equal(SearchText.Terms(simplified), SearchText.Terms(traditional));
        Assert.Equal(SearchText.ToFts5(SearchText.Parse(simplified)), SearchText.ToFts5(SearchText.Parse(traditional)));
        // Text that is not Han, and Han that is the same in both scripts, passes through unchanged.
        Assert.Equal("Fujifilm 二手 ひらがな", ChineseScript.ToSimplified("Fujifilm 二手 ひらがな"));
    }

    [Fact]
    public void A_query_is_prefixes_for_words_and_phrases_of_bigrams_for_CJK()
    {
        var terms = SearchText.Parse("二手相機 Fuji 相 a фотоаппараты borse");

        Assert.Equal(
            [("二手 手相 相机", false), ("fuji", true), ("相", true), ("a", false), ("фотоаппарат", true), ("bors", true)],
            terms.Select(t => (string.Join(' ', t.Tokens), t.Prefix)));
        Assert.Equal("\"二手 手相 相机\" \"fuji\"* \"相\"* \"a\" \"фотоаппарат\"* \"bors\"*", SearchText.ToFts5(terms));
        Assert.Equal("('二手' <-> '手相' <-> '相机') & 'fuji':* & '相':* & 'a' & 'фотоаппарат':* & 'bors':*", SearchText.ToTsQuery(terms));
    }

    [Fact]
    public void Query_syntax_characters_never_reach_the_engines()
    {
        var terms = SearchText.Parse("\"fuji\" OR x* NEAR(a) 'b' & c:* | !d (e) <-> f");

        Assert.All(terms.SelectMany(t => t.Tokens), token => Assert.True(token.All(char.IsLetterOrDigit), token));
    }

    [Fact]
    public void A_query_keeps_at_most_eight_distinct_terms()
    {
        Assert.Single(SearchText.Parse("fuji FUJI Fuji"));
        Assert.Equal(SearchText.QueryTermsMax, SearchText.Parse(string.Join(' ', Enumerable.Range(0, 20).Select(i => $"w{i}"))).Count);
        Assert.Empty(SearchText.Parse("  ¿? "));
    }
}

/// <summary>
/// What the search index needs from the SQLite library the app ships (SQLitePCLRaw.bundle_e_sqlite3): FTS5 with the unicode61
/// tokenizer and external content, UPSERT, row values, and the math functions the radius test uses. A system SQLite built
/// without them would fail here first, not in production.
/// </summary>
public sealed class SqliteFeatureTests
{
    [Fact]
    public void The_bundled_SQLite_has_FTS5_upsert_row_values_and_math_functions()
    {
        using var conn = new Microsoft.Data.Sqlite.SqliteConnection("Data Source=:memory:");
        conn.Open();
        using var cmd = conn.CreateCommand();
        cmd.CommandText = """
            CREATE TABLE t (id INTEGER PRIMARY KEY, k TEXT UNIQUE, body TEXT);
            CREATE VIRTUAL TABLE f USING fts5(body, content='t', content_rowid='id', tokenize='unicode61 remove_diacritics 0', prefix='2 3');
            INSERT INTO t VALUES (1, 'a', '二手 手相 相機 機 fujifilm') ON CONFLICT (k) DO UPDATE SET body = excluded.body;
            INSERT INTO f(rowid, body) SELECT id, body FROM t;
            SELECT sqlite_version(), (SELECT count(*) FROM f WHERE f MATCH '"相機" "fuji"*'), (1, 2) < (1, 3),
                round(power(sin(radians(30)), 2), 6), round(cos(0) + asin(1) * 2, 6);
            """;
        using var reader = cmd.ExecuteReader();
        Assert.True(reader.Read());
        Assert.True(Version.Parse(reader.GetString(0)) >= new Version(3, 35), $"SQLite {reader.GetString(0)} is older than 3.35 (math functions).");
        Assert.Equal(1, reader.GetInt64(1));
        Assert.Equal(1, reader.GetInt64(2));
        Assert.Equal(0.25, reader.GetDouble(3));
        Assert.Equal(Math.Round(1 + Math.PI, 6), reader.GetDouble(4));
    }
}
