using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Souk.Tests.Infrastructure;
using Souk.Web.Common;
using Souk.Web.Data;
using Souk.Web.Modules.Accounts;

namespace Souk.Tests.Platform;

/// <summary>The first-run demo: believable people with avatars, consistent follow counts, an operator, created once.</summary>
public abstract class DemoDataTests(SoukAppFactory factory)
{
    [Fact]
    public async Task Demo_data_creates_people_with_avatars_follows_and_an_operator_once()
    {
        await DemoData.EnsureAsync(factory.Services);
        await DemoData.EnsureAsync(factory.Services);

        using var client = factory.Anonymous();
        Assert.Equal(DemoData.People.Length + 1, await factory.QueryAsync(db => db.Users.CountAsync()));
        foreach (var person in DemoData.People)
        {
            using var response = await client.GetAsync($"/api/v1/users/{person.Handle}");
            await response.ShouldBeAsync(HttpStatusCode.OK);
            var profile = await response.JsonAsync();
            Assert.Equal(person.DisplayName, profile.GetProperty("displayName").GetString());
            Assert.Equal(person.Verified, profile.GetProperty("isVerified").GetBoolean());
            using var avatar = await client.GetAsync(profile.GetProperty("avatar").GetProperty("medium").GetString());
            await avatar.ShouldBeAsync(HttpStatusCode.OK);
            Assert.Equal("image/webp", avatar.Content.Headers.ContentType?.MediaType);

            // The counters on the profile agree with the follow rows.
            var id = profile.GetProperty("id").GetGuid();
            var (followers, following) = await factory.QueryAsync(async db =>
                (await db.Follows.CountAsync(f => f.FolloweeId == id), await db.Follows.CountAsync(f => f.FollowerId == id)));
            Assert.Equal(followers, profile.GetProperty("followersCount").GetInt32());
            Assert.Equal(following, profile.GetProperty("followingCount").GetInt32());
        }
        Assert.True(await factory.QueryAsync(db => db.Follows.AnyAsync()));

        await using var scope = factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<SoukUser>>();
        var op = await users.FindByNameAsync(DemoData.OperatorHandle);
        Assert.NotNull(op);
        Assert.True(await users.IsInRoleAsync(op, CurrentUser.OperatorRole));
    }
}

public sealed class SqliteDemoDataTests(SqliteAppFactory factory) : DemoDataTests(factory), IClassFixture<SqliteAppFactory>;

public sealed class PostgresDemoDataTests(PostgresAppFactory factory) : DemoDataTests(factory), IClassFixture<PostgresAppFactory>;
