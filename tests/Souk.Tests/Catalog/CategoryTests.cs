using System.Net;
using System.Text.Json;
using Souk.Tests.Infrastructure;

namespace Souk.Tests.Catalog;

/// <summary>GET /api/v1/categories: the seeded tree, named in the request's language.</summary>
public abstract class CategoryTests(SoukAppFactory factory)
{
    static readonly string[] TopLevel = ["electronics", "fashion", "home", "beauty", "sports", "books-media", "toys-kids", "other"];

    async Task<JsonElement> TreeAsync(string? acceptLanguage)
    {
        using var client = factory.Anonymous();
        if (acceptLanguage is not null) client.DefaultRequestHeaders.AcceptLanguage.ParseAdd(acceptLanguage);
        using var response = await client.GetAsync("/api/v1/categories");
        await response.ShouldBeAsync(HttpStatusCode.OK);
        return await response.JsonAsync();
    }

    static JsonElement Find(JsonElement tree, string slug) =>
        tree.EnumerateArray().SelectMany(n => n.GetProperty("children").EnumerateArray().Prepend(n)).Single(n => n.GetProperty("slug").GetString() == slug);

    [Fact]
    public async Task The_tree_has_eight_top_level_categories_each_with_two_to_five_children()
    {
        var tree = await TreeAsync(null);

        Assert.Equal(TopLevel, tree.EnumerateArray().Select(n => n.GetProperty("slug").GetString()));
        foreach (var top in tree.EnumerateArray())
        {
            var children = top.GetProperty("children").EnumerateArray().ToList();
            Assert.InRange(children.Count, 2, 5);
            Assert.All(children, c => Assert.Empty(c.GetProperty("children").EnumerateArray()));
        }
        var slugs = tree.EnumerateArray().SelectMany(n => n.GetProperty("children").EnumerateArray().Prepend(n)).Select(n => n.GetProperty("slug").GetString()).ToList();
        Assert.Equal(slugs.Count, slugs.Distinct().Count());
        Assert.Contains("phones", slugs);
        Assert.Contains("cameras", slugs);
        Assert.Contains("computers", slugs);
    }

    [Theory]
    [InlineData(null, "Electronics", "Cameras")]
    [InlineData("en", "Electronics", "Cameras")]
    [InlineData("zh-Hant-HK", "電子產品", "相機")]
    [InlineData("zh-Hans-CN", "电子产品", "相机")]
    [InlineData("it", "Elettronica", "Fotocamere")]
    [InlineData("ru", "Электроника", "Фотоаппараты")]
    public async Task Names_follow_the_request_culture(string? language, string electronics, string cameras)
    {
        var tree = await TreeAsync(language);

        Assert.Equal(electronics, Find(tree, "electronics").GetProperty("name").GetString());
        Assert.Equal(cameras, Find(tree, "cameras").GetProperty("name").GetString());
    }

    [Fact]
    public async Task Every_category_has_a_name_in_every_language_and_they_differ_from_the_slug()
    {
        foreach (var language in new[] { "en", "zh-Hant-HK", "zh-Hans-CN", "it", "ru" })
        {
            var tree = await TreeAsync(language);
            foreach (var node in tree.EnumerateArray().SelectMany(n => n.GetProperty("children").EnumerateArray().Prepend(n)))
            {
                var name = node.GetProperty("name").GetString();
                Assert.False(string.IsNullOrWhiteSpace(name));
                Assert.NotEqual(node.GetProperty("slug").GetString(), name);
            }
        }
    }
}

public sealed class SqliteCategoryTests(SqliteAppFactory factory) : CategoryTests(factory), IClassFixture<SqliteAppFactory>;

public sealed class PostgresCategoryTests(PostgresAppFactory factory) : CategoryTests(factory), IClassFixture<PostgresAppFactory>;
