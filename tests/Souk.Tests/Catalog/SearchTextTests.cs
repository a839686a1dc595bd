using Souk.Web.Modules.Catalog;

namespace Souk.Tests.Catalog;

/// <summary>The normaliser both providers index and query with (see <see cref="SearchText"/>).</summary>
public sealed class SearchTextTests
{
    [Theory]
    [InlineData("二手相機", "二手 手相 相機 機")]
    [InlineData("相機", "相機 機")]
    [InlineData("書", "書")]
    [InlineData("二手相機 Fujifilm X100V 銀色 95%新", "二手 手相 相機 機 fujifilm x100v 銀色 色 95 新")]
    [InlineData("iPhone手機殼", "iphone 手機 機殼 殼")]
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

    [Fact]
    public void A_query_is_prefixes_for_words_and_phrases_of_bigrams_for_CJK()
    {
        var terms = SearchText.Parse("二手相機 Fuji 相 a фотоаппараты borse");

        Assert.Equal(
            [("二手 手相 相機", false), ("fuji", true), ("相", true), ("a", false), ("фотоаппарат", true), ("bors", true)],
            terms.Select(t => (string.Join(' ', t.Tokens), t.Prefix)));
        Assert.Equal("\"二手 手相 相機\" \"fuji\"* \"相\"* \"a\" \"фотоаппарат\"* \"bors\"*", SearchText.ToFts5(terms));
        Assert.Equal("('二手' <-> '手相' <-> '相機') & 'fuji':* & '相':* & 'a' & 'фотоаппарат':* & 'bors':*", SearchText.ToTsQuery(terms));
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
