using System.Net;
using Microsoft.AspNetCore.Identity;
using Souk.Tests.Infrastructure;
using Souk.Web.Common;
using Souk.Web.Modules.Accounts;

namespace Souk.Tests.Accounts;

/// <summary>Changing the password ends every other session; a wrong current password changes nothing.</summary>
public abstract class PasswordChangeTests(SoukAppFactory factory)
{
    [Fact]
    public async Task Changing_the_password_ends_other_sessions_but_keeps_this_one()
    {
        var account = await factory.RegisterAsync();
        var mine = await factory.SignInAsync(account);
        var other = await factory.SignInAsync(account);
        const string newPassword = "a-brand-new-passphrase-77";
        // Used once before, so the node keeps its session check: the change must evict it, not only mark it in the database.
        using (var before = await other.Client.GetAsync("/api/v1/me")) await before.ShouldBeAsync(HttpStatusCode.OK);

        using var change = await mine.Client.PostJsonAsync("/api/v1/me/password", new { currentPassword = account.Password, newPassword });

        await change.ShouldBeAsync(HttpStatusCode.NoContent);
        using (var still = await mine.Client.GetAsync("/api/v1/me")) await still.ShouldBeAsync(HttpStatusCode.OK);
        using (var ended = await other.Client.GetAsync("/api/v1/me")) await ended.ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        using var anonymous = factory.Anonymous();
        using (var refresh = await anonymous.PostJsonAsync("/api/v1/auth/refresh", new { refreshToken = other.Tokens.RefreshToken }))
            await refresh.ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        using (var oldLogin = await anonymous.PostJsonAsync("/api/v1/auth/login", new { email = account.Email, password = account.Password }))
            await oldLogin.ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        using (var newLogin = await anonymous.PostJsonAsync("/api/v1/auth/login", new { email = account.Email, password = newPassword }))
            await newLogin.ShouldBeAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_wrong_current_password_is_400_on_currentPassword_and_changes_nothing()
    {
        var account = await factory.RegisterAsync();
        var mine = await factory.SignInAsync(account);
        var other = await factory.SignInAsync(account);

        using var change = await mine.Client.PostJsonAsync("/api/v1/me/password", new { currentPassword = "not-the-password-1", newPassword = "a-brand-new-passphrase-77" });

        await change.ShouldBeValidationProblemAsync("currentPassword");
        using (var still = await other.Client.GetAsync("/api/v1/me")) await still.ShouldBeAsync(HttpStatusCode.OK);
        using var anonymous = factory.Anonymous();
        using var oldLogin = await anonymous.PostJsonAsync("/api/v1/auth/login", new { email = account.Email, password = account.Password });
        await oldLogin.ShouldBeAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_weak_new_password_is_400_on_newPassword_and_changes_nothing()
    {
        var account = await factory.RegisterAsync();
        var mine = await factory.SignInAsync(account);
        var other = await factory.SignInAsync(account);

        using var change = await mine.Client.PostJsonAsync("/api/v1/me/password", new { currentPassword = account.Password, newPassword = "password1234" });

        await change.ShouldBeValidationProblemAsync("newPassword");
        using (var still = await other.Client.GetAsync("/api/v1/me")) await still.ShouldBeAsync(HttpStatusCode.OK);
        using var anonymous = factory.Anonymous();
        using var oldLogin = await anonymous.PostJsonAsync("/api/v1/auth/login", new { email = account.Email, password = account.Password });
        await oldLogin.ShouldBeAsync(HttpStatusCode.OK);
    }
}

/// <summary>Operator tools are for operators only; the verified badge they grant is public.</summary>
public abstract class OperatorTests(SoukAppFactory factory)
{
    async Task<Session> NewOperatorThroughCliPathAsync()
    {
        var account = Api.NewAccount(Api.NewHandle("op"));
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var actions = scope.ServiceProvider.GetRequiredService<OperatorActions>();
            var accounts = scope.ServiceProvider.GetRequiredService<AccountService>();
            var (ok, message) = await actions.CreateOperatorAsync(accounts, account.Email, account.Password, account.Handle, CancellationToken.None);
            Assert.True(ok, message);
        }
        return await factory.SignInAsync(account);
    }

    [Fact]
    public async Task A_normal_user_gets_403_problem_on_admin_routes()
    {
        var user = await factory.NewSessionAsync();
        var target = await factory.RegisterAsync();

        using var list = await user.Client.GetAsync("/api/v1/admin/users");
        using var verify = await user.Client.PutAsync($"/api/v1/admin/users/{target.Handle}/verified", null);

        await list.ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await verify.ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        using var profile = await factory.Anonymous().GetAsync($"/api/v1/users/{target.Handle}");
        Assert.False((await profile.JsonAsync()).GetProperty("isVerified").GetBoolean());
    }

    [Fact]
    public async Task Anonymous_gets_401_on_admin_routes()
    {
        using var client = factory.Anonymous();

        using var list = await client.GetAsync("/api/v1/admin/users");

        await list.ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task The_badge_form_on_the_user_list_grants_once_however_often_it_is_sent()
    {
        var op = await Souk.Tests.Catalog.CatalogApi.NewOperatorAsync(factory);
        var target = await factory.RegisterAsync();
        using var browser = Souk.Tests.Catalog.PageTesting.Browser(factory, op);
        using var anonymous = factory.Anonymous();
        var path = $"/admin/users?q={target.Handle}";
        var page = await Souk.Tests.Catalog.PageTesting.PageAsync(browser, path);
        var form = System.Text.RegularExpressions.Regex.Match(page, @"name=""_handler"" value=""(verify-[0-9a-f-]+)""").Groups[1].Value;
        Assert.Contains("name=\"Verified\" value=\"true\"", page);

        // Grant, then the same tap again from the page as it was (a double tap): still granted, not toggled back.
        for (var tap = 0; tap < 2; tap++)
        {
            using var posted = await Souk.Tests.Catalog.PageTesting.PostFormAsync(browser, path, form, page, [("Verified", "true")]);
            Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
            using var seen = await anonymous.GetAsync($"/api/v1/users/{target.Handle}");
            Assert.True((await seen.JsonAsync()).GetProperty("isVerified").GetBoolean());
        }
        var after = await Souk.Tests.Catalog.PageTesting.PageAsync(browser, path);
        Assert.Contains("name=\"Verified\" value=\"false\"", after);
    }

    [Fact]
    public async Task An_operator_made_by_the_cli_path_toggles_the_verified_badge()
    {
        var op = await NewOperatorThroughCliPathAsync();
        var target = await factory.RegisterAsync();
        using var anonymous = factory.Anonymous();
        using (var me = await op.Client.GetAsync("/api/v1/me")) Assert.True((await me.JsonAsync()).GetProperty("isOperator").GetBoolean());

        using (var put = await op.Client.PutAsync($"/api/v1/admin/users/{target.Handle}/verified", null)) await put.ShouldBeAsync(HttpStatusCode.NoContent);
        using (var seen = await anonymous.GetAsync($"/api/v1/users/{target.Handle}")) Assert.True((await seen.JsonAsync()).GetProperty("isVerified").GetBoolean());

        using (var delete = await op.Client.DeleteAsync($"/api/v1/admin/users/{target.Handle}/verified")) await delete.ShouldBeAsync(HttpStatusCode.NoContent);
        using (var seen = await anonymous.GetAsync($"/api/v1/users/{target.Handle}")) Assert.False((await seen.JsonAsync()).GetProperty("isVerified").GetBoolean());

        using var unknown = await op.Client.PutAsync($"/api/v1/admin/users/{Api.NewHandle("ghost")}/verified", null);
        await unknown.ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task An_operator_role_added_through_UserManager_opens_the_user_list()
    {
        var account = await factory.RegisterAsync();
        var before = await factory.SignInAsync(account);
        using (var refused = await before.Client.GetAsync("/api/v1/admin/users")) await refused.ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<SoukUser>>();
            var user = await users.FindByNameAsync(account.Handle);
            Assert.NotNull(user);
            Assert.True((await users.AddToRoleAsync(user, CurrentUser.OperatorRole)).Succeeded);
        }
        var after = await factory.SignInAsync(account);

        using var list = await after.Client.GetAsync($"/api/v1/admin/users?q={account.Handle}");

        await list.ShouldBeAsync(HttpStatusCode.OK);
        var items = (await list.JsonAsync()).GetProperty("items").EnumerateArray().ToList();
        var row = Assert.Single(items);
        Assert.Equal(account.Handle, row.GetProperty("handle").GetString());
        Assert.Equal(account.Email, row.GetProperty("email").GetString());
    }
}

public sealed class SqlitePasswordChangeTests(SqliteAppFactory factory) : PasswordChangeTests(factory), IClassFixture<SqliteAppFactory>;

public sealed class PostgresPasswordChangeTests(PostgresAppFactory factory) : PasswordChangeTests(factory), IClassFixture<PostgresAppFactory>;

public sealed class SqliteOperatorTests(SqliteAppFactory factory) : OperatorTests(factory), IClassFixture<SqliteAppFactory>;

public sealed class PostgresOperatorTests(PostgresAppFactory factory) : OperatorTests(factory), IClassFixture<PostgresAppFactory>;
