using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Souk.Tests.Infrastructure;
using Souk.Web.Modules.Accounts;

namespace Souk.Tests.Accounts;

/// <summary>
/// Anonymous profile reads are cached for a few seconds. Each test reads the profile anonymously first, so the
/// entry is in the cache, then changes it through the app and expects anonymous readers to see the change at once.
/// </summary>
public abstract class ProfileCacheTests(SoukAppFactory factory)
{
    async Task<JsonElement> AnonymousProfileAsync(string handle)
    {
        using var client = factory.Anonymous();
        using var response = await client.GetAsync($"/api/v1/users/{handle}");
        await response.ShouldBeAsync(HttpStatusCode.OK);
        return await response.JsonAsync();
    }

    async Task<HttpStatusCode> AnonymousStatusAsync(string handle)
    {
        using var client = factory.Anonymous();
        using var response = await client.GetAsync($"/api/v1/users/{handle}");
        return response.StatusCode;
    }

    [Fact]
    public async Task Anonymous_reads_come_from_the_cache_and_signed_in_reads_from_the_database()
    {
        var alice = await factory.NewSessionAsync();
        var bob = await factory.NewSessionAsync();
        var cached = await AnonymousProfileAsync(alice.Account.Handle);
        Assert.Equal("", cached.GetProperty("bio").GetString());
        var id = cached.GetProperty("id").GetGuid();

        // Behind the app's back, so nothing forgets the cached entry.
        await factory.QueryAsync(db => db.Users.Where(u => u.Id == id).ExecuteUpdateAsync(s => s.SetProperty(u => u.Bio, "Written directly")));

        Assert.Equal("", (await AnonymousProfileAsync(alice.Account.Handle)).GetProperty("bio").GetString());
        using var seenByBob = await bob.Client.GetAsync($"/api/v1/users/{alice.Account.Handle}");
        Assert.Equal("Written directly", (await seenByBob.JsonAsync()).GetProperty("bio").GetString());
    }

    [Fact]
    public async Task Editing_the_profile_shows_at_once_to_anonymous_readers()
    {
        var alice = await factory.NewSessionAsync();
        await AnonymousProfileAsync(alice.Account.Handle);

        using var patch = await alice.Client.PatchJsonAsync("/api/v1/me", new { displayName = "Alice Edited", bio = "Fresh bio" });
        await patch.ShouldBeAsync(HttpStatusCode.OK);

        var seen = await AnonymousProfileAsync(alice.Account.Handle);
        Assert.Equal("Alice Edited", seen.GetProperty("displayName").GetString());
        Assert.Equal("Fresh bio", seen.GetProperty("bio").GetString());
    }

    [Fact]
    public async Task A_new_handle_is_found_and_the_old_one_is_gone_at_once()
    {
        var alice = await factory.NewSessionAsync();
        var newHandle = Api.NewHandle("renamed");
        await AnonymousProfileAsync(alice.Account.Handle);
        Assert.Equal(HttpStatusCode.NotFound, await AnonymousStatusAsync(newHandle));

        using var patch = await alice.Client.PatchJsonAsync("/api/v1/me", new { handle = newHandle });
        await patch.ShouldBeAsync(HttpStatusCode.OK);

        Assert.Equal(HttpStatusCode.NotFound, await AnonymousStatusAsync(alice.Account.Handle));
        Assert.Equal(newHandle, (await AnonymousProfileAsync(newHandle)).GetProperty("handle").GetString());
    }

    [Fact]
    public async Task A_handle_looked_up_before_it_existed_is_found_once_registered()
    {
        var account = Api.NewAccount();
        Assert.Equal(HttpStatusCode.NotFound, await AnonymousStatusAsync(account.Handle));

        await factory.RegisterAsync(account);

        Assert.Equal(account.Handle, (await AnonymousProfileAsync(account.Handle)).GetProperty("handle").GetString());
    }

    [Fact]
    public async Task Follow_counts_change_at_once_for_anonymous_readers_on_both_sides()
    {
        var alice = await factory.NewSessionAsync();
        var bob = await factory.NewSessionAsync();
        await AnonymousProfileAsync(alice.Account.Handle);
        await AnonymousProfileAsync(bob.Account.Handle);

        using (var follow = await bob.Client.PutAsync($"/api/v1/users/{alice.Account.Handle}/follow", null))
            await follow.ShouldBeAsync(HttpStatusCode.OK);
        Assert.Equal(1, (await AnonymousProfileAsync(alice.Account.Handle)).GetProperty("followersCount").GetInt32());
        Assert.Equal(1, (await AnonymousProfileAsync(bob.Account.Handle)).GetProperty("followingCount").GetInt32());

        using (var unfollow = await bob.Client.DeleteAsync($"/api/v1/users/{alice.Account.Handle}/follow"))
            await unfollow.ShouldBeAsync(HttpStatusCode.OK);
        Assert.Equal(0, (await AnonymousProfileAsync(alice.Account.Handle)).GetProperty("followersCount").GetInt32());
        Assert.Equal(0, (await AnonymousProfileAsync(bob.Account.Handle)).GetProperty("followingCount").GetInt32());
    }

    [Fact]
    public async Task A_new_avatar_and_the_verified_badge_show_at_once()
    {
        var alice = await factory.NewSessionAsync();
        var before = await AnonymousProfileAsync(alice.Account.Handle);
        Assert.Equal(JsonValueKind.Null, before.GetProperty("avatar").ValueKind);

        using var file = new ByteArrayContent(TestImages.Png(120, 120));
        file.Headers.ContentType = new("image/png");
        using var form = new MultipartFormDataContent { { file, "file", "me.png" } };
        using (var upload = await alice.Client.PostAsync("/api/v1/me/avatar", form)) await upload.ShouldBeAsync(HttpStatusCode.OK);
        await using (var scope = factory.Services.CreateAsyncScope())
            Assert.True(await scope.ServiceProvider.GetRequiredService<OperatorActions>().SetVerifiedAsync(alice.Account.Handle, true, CancellationToken.None));

        var after = await AnonymousProfileAsync(alice.Account.Handle);
        Assert.EndsWith(".webp", after.GetProperty("avatar").GetProperty("small").GetString(), StringComparison.Ordinal);
        Assert.True(after.GetProperty("isVerified").GetBoolean());
    }
}

public sealed class SqliteProfileCacheTests(SqliteAppFactory factory) : ProfileCacheTests(factory), IClassFixture<SqliteAppFactory>;

public sealed class PostgresProfileCacheTests(PostgresAppFactory factory) : ProfileCacheTests(factory), IClassFixture<PostgresAppFactory>;
