using System.Net;
using System.Text.Json;
using Souk.Tests.Infrastructure;

namespace Souk.Tests.Accounts;

/// <summary>PATCH /api/v1/me: validation first, all-or-nothing, and only ever the caller's own profile.</summary>
public abstract class ProfileTests(SoukAppFactory factory)
{
    static async Task<string> MeTextAsync(HttpClient client)
    {
        using var me = await client.GetAsync("/api/v1/me");
        await me.ShouldBeAsync(HttpStatusCode.OK);
        return await me.Content.ReadAsStringAsync();
    }

    [Fact]
    public async Task A_valid_patch_changes_the_named_fields_only()
    {
        var session = await factory.NewSessionAsync();

        using var patch = await session.Client.PatchJsonAsync("/api/v1/me", new { displayName = "  New Name  ", bio = "Buys tea.", culture = "it", kind = "seller" });

        await patch.ShouldBeAsync(HttpStatusCode.OK);
        var me = await patch.JsonAsync();
        Assert.Equal("New Name", me.GetProperty("displayName").GetString());
        Assert.Equal("Buys tea.", me.GetProperty("bio").GetString());
        Assert.Equal("it", me.GetProperty("culture").GetString());
        Assert.Equal("seller", me.GetProperty("kind").GetString());
        Assert.Equal(session.Account.Handle, me.GetProperty("handle").GetString());
        using var anonymous = factory.Anonymous();
        using var profile = await anonymous.GetAsync($"/api/v1/users/{session.Account.Handle}");
        var seen = await profile.JsonAsync();
        Assert.Equal("New Name", seen.GetProperty("displayName").GetString());
        Assert.Equal("Buys tea.", seen.GetProperty("bio").GetString());
        Assert.Equal("seller", seen.GetProperty("kind").GetString());
    }

    [Fact]
    public async Task A_bio_over_500_characters_is_400_on_bio_and_changes_nothing()
    {
        var session = await factory.NewSessionAsync();
        var before = await MeTextAsync(session.Client);

        using var patch = await session.Client.PatchJsonAsync("/api/v1/me", new { displayName = "Changed Name", bio = new string('b', 501) });

        await patch.ShouldBeValidationProblemAsync("bio");
        Assert.Equal(before, await MeTextAsync(session.Client));
    }

    [Fact]
    public async Task A_bio_of_exactly_500_characters_is_fine()
    {
        var session = await factory.NewSessionAsync();

        using var patch = await session.Client.PatchJsonAsync("/api/v1/me", new { bio = new string('b', 500) });

        await patch.ShouldBeAsync(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("xx-YY")]
    [InlineData("de")]
    [InlineData("")]
    public async Task An_unknown_culture_is_400_on_culture_and_changes_nothing(string culture)
    {
        var session = await factory.NewSessionAsync();
        var before = await MeTextAsync(session.Client);

        using var patch = await session.Client.PatchJsonAsync("/api/v1/me", new { bio = "Should not stick", culture });

        await patch.ShouldBeValidationProblemAsync("culture");
        Assert.Equal(before, await MeTextAsync(session.Client));
    }

    [Fact]
    public async Task A_bad_display_name_and_bad_handle_are_reported_together()
    {
        var session = await factory.NewSessionAsync();
        var before = await MeTextAsync(session.Client);

        using var patch = await session.Client.PatchJsonAsync("/api/v1/me", new { displayName = "   ", handle = "no way", bio = "x" });

        await patch.ShouldBeValidationProblemAsync("displayName", "handle");
        Assert.Equal(before, await MeTextAsync(session.Client));
    }

    [Fact]
    public async Task An_unknown_kind_is_a_400_problem()
    {
        var session = await factory.NewSessionAsync();
        var before = await MeTextAsync(session.Client);

        using var patch = await session.Client.PatchJsonAsync("/api/v1/me", new { kind = "wizard", bio = "x" });

        await patch.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal(before, await MeTextAsync(session.Client));
    }

    [Fact]
    public async Task A_patch_with_someone_elses_token_changes_the_caller_only()
    {
        var alice = await factory.NewSessionAsync();
        var bob = await factory.NewSessionAsync();
        var aliceBefore = await MeTextAsync(alice.Client);

        // There is no route naming another user; whatever bob sends lands on bob.
        using var patch = await bob.Client.PatchJsonAsync("/api/v1/me", new { displayName = "Changed By Bob", bio = "bob was here", handle = (string?)null });

        await patch.ShouldBeAsync(HttpStatusCode.OK);
        Assert.Equal(bob.Account.Handle, (await patch.JsonAsync()).GetProperty("handle").GetString());
        Assert.Equal(aliceBefore, await MeTextAsync(alice.Client));
        using var anonymous = factory.Anonymous();
        using var aliceProfile = await anonymous.GetAsync($"/api/v1/users/{alice.Account.Handle}");
        Assert.Equal(alice.Account.DisplayName, (await aliceProfile.JsonAsync()).GetProperty("displayName").GetString());
        using var bobProfile = await anonymous.GetAsync($"/api/v1/users/{bob.Account.Handle}");
        Assert.Equal("Changed By Bob", (await bobProfile.JsonAsync()).GetProperty("displayName").GetString());
        using var otherRoute = await bob.Client.PatchJsonAsync($"/api/v1/users/{alice.Account.Handle}", new { displayName = "Changed By Bob" });
        Assert.True(otherRoute.StatusCode is HttpStatusCode.MethodNotAllowed or HttpStatusCode.NotFound, $"PATCH /users/{{handle}} answered {otherRoute.StatusCode}");
        Assert.Equal(aliceBefore, await MeTextAsync(alice.Client));
    }

    [Fact]
    public async Task Changing_the_handle_to_a_taken_one_is_409_in_any_case()
    {
        var alice = await factory.NewSessionAsync();
        var bob = await factory.NewSessionAsync();
        var before = await MeTextAsync(bob.Client);

        using var patch = await bob.Client.PatchJsonAsync("/api/v1/me", new { handle = alice.Account.Handle.ToUpperInvariant(), bio = "should not stick" });

        var problem = await patch.ShouldBeProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("handle", problem.GetProperty("field").GetString());
        Assert.Equal(before, await MeTextAsync(bob.Client));
    }

    [Fact]
    public async Task Changing_the_handle_moves_the_profile()
    {
        var session = await factory.NewSessionAsync();
        var newHandle = Api.NewHandle("moved");

        using var patch = await session.Client.PatchJsonAsync("/api/v1/me", new { handle = newHandle });

        await patch.ShouldBeAsync(HttpStatusCode.OK);
        using var anonymous = factory.Anonymous();
        using var old = await anonymous.GetAsync($"/api/v1/users/{session.Account.Handle}");
        await old.ShouldBeProblemAsync(HttpStatusCode.NotFound);
        using var moved = await anonymous.GetAsync($"/api/v1/users/{newHandle.ToLowerInvariant()}");
        await moved.ShouldBeAsync(HttpStatusCode.OK);
        Assert.Equal(newHandle, (await moved.JsonAsync()).GetProperty("handle").GetString());
    }

    [Fact]
    public async Task Changing_the_handle_to_a_reserved_one_is_400()
    {
        var session = await factory.NewSessionAsync();

        using var patch = await session.Client.PatchJsonAsync("/api/v1/me", new { handle = "Support" });

        await patch.ShouldBeValidationProblemAsync("handle");
    }

    [Fact]
    public async Task Patch_without_credentials_is_401()
    {
        using var client = factory.Anonymous();

        using var patch = await client.PatchJsonAsync("/api/v1/me", new { bio = "x" });

        await patch.ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_public_profile_shows_no_email_and_knows_whether_you_follow()
    {
        var alice = await factory.NewSessionAsync();
        var bob = await factory.NewSessionAsync();
        using var follow = await bob.Client.PutAsync($"/api/v1/users/{alice.Account.Handle}/follow", null);
        await follow.ShouldBeAsync(HttpStatusCode.OK);

        using var seenByBob = await bob.Client.GetAsync($"/api/v1/users/{alice.Account.Handle}");
        using var seenByAnonymous = await factory.Anonymous().GetAsync($"/api/v1/users/{alice.Account.Handle}");

        var body = await seenByBob.JsonAsync();
        Assert.True(body.GetProperty("isFollowing").GetBoolean());
        Assert.False(body.TryGetProperty("email", out _));
        Assert.DoesNotContain(alice.Account.Email, await seenByBob.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(JsonValueKind.Null, (await seenByAnonymous.JsonAsync()).GetProperty("isFollowing").ValueKind);
        Assert.EndsWith($"/users/{alice.Account.Handle}/qr.svg", body.GetProperty("qrUrl").GetString(), StringComparison.Ordinal);
    }
}

public sealed class SqliteProfileTests(SqliteAppFactory factory) : ProfileTests(factory), IClassFixture<SqliteAppFactory>;

public sealed class PostgresProfileTests(PostgresAppFactory factory) : ProfileTests(factory), IClassFixture<PostgresAppFactory>;
