using System.Net;
using System.Net.Http.Json;
using Souk.Tests.Infrastructure;

namespace Souk.Tests.Chat;

/// <summary>
/// The chat screens show the API's refusals as they come (chat.js), so the API answers in the request's language:
/// Accept-Language (or the culture cookie) picks the detail's and the field messages' language.
/// </summary>
public abstract class ChatErrorLanguageTests(SoukAppFactory factory)
{
    static async Task<System.Text.Json.JsonElement> RefusalAsync(Session who, HttpMethod method, string url, object body, string? language, HttpStatusCode expected)
    {
        using var request = new HttpRequestMessage(method, url) { Content = JsonContent.Create(body, options: Api.Json) };
        if (language is not null) request.Headers.AcceptLanguage.ParseAdd(language);
        using var response = await who.Client.SendAsync(request);
        await response.ShouldBeAsync(expected);
        return await response.JsonAsync();
    }

    [Fact]
    public async Task Refusals_come_in_the_language_the_request_asks_for()
    {
        var ann = await factory.NewSessionAsync();
        var bob = await factory.NewSessionAsync();
        var stranger = await factory.NewSessionAsync();
        var id = await ann.DirectAsync(bob);
        var message = await ann.SayIdAsync(id, "hi");

        var notYours = await RefusalAsync(bob, HttpMethod.Patch, $"/api/v1/messages/{message}", new { text = "edited" }, "it", HttpStatusCode.Forbidden);
        Assert.Equal("Puoi modificare solo i tuoi messaggi.", notYours.GetProperty("detail").GetString());
        var english = await RefusalAsync(bob, HttpMethod.Patch, $"/api/v1/messages/{message}", new { text = "edited" }, null, HttpStatusCode.Forbidden);
        Assert.Equal("You can only change your own messages.", english.GetProperty("detail").GetString());

        // Field messages too, with the number written the same way whatever the culture formats numbers like.
        var tooLong = new { clientMessageId = Guid.NewGuid().ToString(), kind = "text", text = new string('x', 4001) };
        var chinese = await RefusalAsync(ann, HttpMethod.Post, $"/api/v1/conversations/{id}/messages", tooLong, "zh-Hant-HK", HttpStatusCode.BadRequest);
        Assert.Equal("訊息最多 4,000 個字元。", chinese.GetProperty("errors").GetProperty("text")[0].GetString());
        var russian = await RefusalAsync(ann, HttpMethod.Post, $"/api/v1/conversations/{id}/messages", tooLong, "ru-RU,ru;q=0.9", HttpStatusCode.BadRequest);
        Assert.Equal("Сообщение может содержать не более 4000 символов.", russian.GetProperty("errors").GetProperty("text")[0].GetString());

        // A refusal naming an id has no translation: it stays English rather than lose the id.
        var outsider = await RefusalAsync(stranger, HttpMethod.Post, $"/api/v1/conversations/{id}/messages",
            new { clientMessageId = Guid.NewGuid().ToString(), kind = "text", text = "hello" }, "zh-Hans-CN", HttpStatusCode.Forbidden);
        Assert.Equal($"You are not a member of conversation {id}.", outsider.GetProperty("detail").GetString());
    }
}

public sealed class SqliteChatErrorLanguageTests(SqliteAppFactory factory) : ChatErrorLanguageTests(factory), IClassFixture<SqliteAppFactory>;

public sealed class PostgresChatErrorLanguageTests(PostgresAppFactory factory) : ChatErrorLanguageTests(factory), IClassFixture<PostgresAppFactory>;
