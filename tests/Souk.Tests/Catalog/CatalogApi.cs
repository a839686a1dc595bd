using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Identity;
using Souk.Tests.Infrastructure;
using Souk.Web.Common;
using Souk.Web.Modules.Accounts;

namespace Souk.Tests.Catalog;

/// <summary>Helpers for the catalog tests: upload photos, build a valid listing body, create listings, make operators.</summary>
public static class CatalogApi
{
    public static MultipartFormDataContent Form(byte[] bytes, string fileName, string contentType, string field = "file")
    {
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        return new MultipartFormDataContent { { file, field, fileName } };
    }

    public static async Task<Guid> UploadPhotoAsync(this Session session, byte[]? image = null)
    {
        using var form = Form(image ?? TestImages.Png(120, 90), "photo.png", "image/png");
        using var response = await session.Client.PostAsync("/api/v1/media", form);
        await response.ShouldBeAsync(HttpStatusCode.Created);
        return (await response.JsonAsync()).GetProperty("id").GetGuid();
    }

    public static async Task<Guid[]> UploadPhotosAsync(this Session session, int count)
    {
        var ids = new Guid[count];
        for (var i = 0; i < count; i++) ids[i] = await session.UploadPhotoAsync();
        return ids;
    }

    /// <summary>A listing body every rule accepts; tests change one field at a time.</summary>
    public static JsonObject ValidListing(IEnumerable<Guid> photoIds, string? title = null) => new()
    {
        ["title"] = title ?? $"Fujifilm X100V silver {Guid.NewGuid().ToString("N")[..6]}",
        ["description"] = "Bought in 2021, shutter count about 4,000. Box, strap and two batteries.",
        ["price"] = new JsonObject { ["amount"] = 980000, ["currency"] = "HKD" },
        ["condition"] = "likeNew",
        ["category"] = "cameras",
        ["photoIds"] = new JsonArray([.. photoIds.Select(id => (JsonNode)JsonValue.Create(id.ToString()))]),
        ["delivery"] = new JsonObject
        {
            ["meetUp"] = new JsonObject { ["place"] = "Mong Kok MTR exit E2" },
            ["shipping"] = new JsonObject { ["fee"] = new JsonObject { ["amount"] = 3000, ["currency"] = "HKD" } },
        },
        ["location"] = new JsonObject { ["district"] = "Mong Kok", ["lat"] = 22.319304, ["lng"] = 114.169361 },
    };

    public static async Task<JsonElement> CreateListingAsync(this Session session, JsonObject? body = null)
    {
        body ??= ValidListing(await session.UploadPhotosAsync(1));
        using var response = await session.Client.PostJsonAsync("/api/v1/listings", body);
        await response.ShouldBeAsync(HttpStatusCode.Created);
        return await response.JsonAsync();
    }

    public static async Task<long> CreateListingIdAsync(this Session session, JsonObject? body = null) =>
        (await session.CreateListingAsync(body)).GetProperty("id").GetInt64();

    public static async Task<JsonElement> GetListingAsync(this HttpClient client, long id)
    {
        using var response = await client.GetAsync($"/api/v1/listings/{id}");
        await response.ShouldBeAsync(HttpStatusCode.OK);
        return await response.JsonAsync();
    }

    public static async Task<HttpResponseMessage> SetStateAsync(this Session session, long id, string state) =>
        await session.Client.PostJsonAsync($"/api/v1/listings/{id}/state", new { state });

    /// <summary>An account with the operator role, signed in after the role was added (the token carries it).</summary>
    public static async Task<Session> NewOperatorAsync(this SoukAppFactory factory)
    {
        var account = await factory.RegisterAsync();
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<SoukUser>>();
            var user = await users.FindByEmailAsync(account.Email);
            Assert.True((await users.AddToRoleAsync(user!, CurrentUser.OperatorRole)).Succeeded);
        }
        return await factory.SignInAsync(account);
    }

    public static JsonObject Clone(this JsonObject body) => (JsonObject)body.DeepClone();
}
