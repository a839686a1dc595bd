using System.Net;
using Souk.Tests.Infrastructure;

namespace Souk.Tests.Catalog;

/// <summary>POST /api/v1/listings/{id}/state: the seller's state machine, the operator's remove and restore, and 409s.</summary>
public abstract class ListingStateTests(SoukAppFactory factory)
{
    /// <summary>How the seller gets a fresh listing into each starting state.</summary>
    static readonly Dictionary<string, string[]> PathTo = new()
    {
        ["active"] = [],
        ["reserved"] = ["reserved"],
        ["hidden"] = ["hidden"],
        ["sold"] = ["sold"],
    };

    /// <summary>The expected answer to the seller asking for each move, written out by hand (not derived from the code).</summary>
    public static TheoryData<string, string, int> SellerMoves => new()
    {
        { "active", "active", 200 }, { "active", "reserved", 200 }, { "active", "sold", 200 }, { "active", "hidden", 200 }, { "active", "removed", 403 },
        { "reserved", "active", 200 }, { "reserved", "reserved", 200 }, { "reserved", "sold", 200 }, { "reserved", "hidden", 200 }, { "reserved", "removed", 403 },
        { "hidden", "active", 200 }, { "hidden", "reserved", 200 }, { "hidden", "sold", 409 }, { "hidden", "hidden", 200 }, { "hidden", "removed", 403 },
        { "sold", "active", 409 }, { "sold", "reserved", 409 }, { "sold", "sold", 200 }, { "sold", "hidden", 409 }, { "sold", "removed", 403 },
    };

    [Theory]
    [MemberData(nameof(SellerMoves))]
    public async Task The_seller_moves_a_listing_only_along_the_state_machine(string from, string to, int expected)
    {
        var seller = await factory.NewSessionAsync();
        var id = await seller.CreateListingIdAsync();
        foreach (var step in PathTo[from])
        {
            using var move = await seller.SetStateAsync(id, step);
            await move.ShouldBeAsync(HttpStatusCode.OK);
        }

        using var response = await seller.SetStateAsync(id, to);

        Assert.Equal(expected, (int)response.StatusCode);
        var after = (await seller.Client.GetListingAsync(id)).GetProperty("state").GetString();
        if (expected == 200)
        {
            Assert.Equal(to, (await response.JsonAsync()).GetProperty("state").GetString());
            Assert.Equal(to, after);
        }
        else
        {
            var problem = await response.ShouldBeProblemAsync((HttpStatusCode)expected);
            if (expected == 409) Assert.Equal(from, problem.GetProperty("state").GetString());
            Assert.Equal(from, after);
        }
    }

    [Theory]
    [InlineData("archived")]
    [InlineData("1")]
    [InlineData("")]
    public async Task An_unknown_state_is_400_on_state(string state)
    {
        var seller = await factory.NewSessionAsync();
        var id = await seller.CreateListingIdAsync();

        using var response = await seller.SetStateAsync(id, state);

        await response.ShouldBeValidationProblemAsync("state");
        Assert.Equal("active", (await seller.Client.GetListingAsync(id)).GetProperty("state").GetString());
    }

    [Fact]
    public async Task Reserved_and_sold_listings_stay_visible_to_everyone()
    {
        var seller = await factory.NewSessionAsync();
        var reserved = await seller.CreateListingIdAsync();
        var sold = await seller.CreateListingIdAsync();
        using (var r = await seller.SetStateAsync(reserved, "reserved")) await r.ShouldBeAsync(HttpStatusCode.OK);
        using (var s = await seller.SetStateAsync(sold, "sold")) await s.ShouldBeAsync(HttpStatusCode.OK);
        using var anonymous = factory.Anonymous();

        Assert.Equal("reserved", (await anonymous.GetListingAsync(reserved)).GetProperty("state").GetString());
        Assert.Equal("sold", (await anonymous.GetListingAsync(sold)).GetProperty("state").GetString());
    }

    [Fact]
    public async Task Only_an_operator_removes_and_then_only_operators_see_it_until_restored()
    {
        var seller = await factory.NewSessionAsync();
        var op = await factory.NewOperatorAsync();
        var id = await seller.CreateListingIdAsync();

        using var remove = await op.SetStateAsync(id, "removed");

        await remove.ShouldBeAsync(HttpStatusCode.OK);
        Assert.Equal("removed", (await remove.JsonAsync()).GetProperty("state").GetString());
        using (var get = await seller.Client.GetAsync($"/api/v1/listings/{id}")) await get.ShouldBeProblemAsync(HttpStatusCode.NotFound);
        using (var get = await factory.Anonymous().GetAsync($"/api/v1/listings/{id}")) await get.ShouldBeProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal("removed", (await op.Client.GetListingAsync(id)).GetProperty("state").GetString());
        // The seller can neither bring it back, edit it, nor delete the evidence.
        using (var back = await seller.SetStateAsync(id, "active")) await back.ShouldBeProblemAsync(HttpStatusCode.NotFound);
        using (var edit = await seller.Client.PatchJsonAsync($"/api/v1/listings/{id}", new { title = "innocent" })) await edit.ShouldBeProblemAsync(HttpStatusCode.NotFound);
        using (var delete = await seller.Client.DeleteAsync($"/api/v1/listings/{id}")) await delete.ShouldBeProblemAsync(HttpStatusCode.NotFound);
        using (var list = await seller.Client.GetAsync($"/api/v1/users/{seller.Account.Handle}/listings"))
            Assert.Empty((await list.JsonAsync()).GetProperty("items").EnumerateArray());

        using var restore = await op.SetStateAsync(id, "active");

        await restore.ShouldBeAsync(HttpStatusCode.OK);
        var read = await factory.Anonymous().GetListingAsync(id);
        Assert.Equal("active", read.GetProperty("state").GetString());
        Assert.NotEqual("innocent", read.GetProperty("title").GetString());
    }

    [Fact]
    public async Task An_operator_cannot_run_someone_elses_sale()
    {
        var seller = await factory.NewSessionAsync();
        var op = await factory.NewOperatorAsync();
        var id = await seller.CreateListingIdAsync();

        using var sold = await op.SetStateAsync(id, "sold");
        using var removedToSold = await op.SetStateAsync(id, "removed");
        using var fromRemoved = await op.SetStateAsync(id, "sold");

        await sold.ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await removedToSold.ShouldBeAsync(HttpStatusCode.OK);
        var problem = await fromRemoved.ShouldBeProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("removed", problem.GetProperty("state").GetString());
    }

    [Fact]
    public async Task A_state_change_moves_updatedAt_and_not_createdAt()
    {
        var seller = await factory.NewSessionAsync();
        var created = await seller.CreateListingAsync();
        var id = created.GetProperty("id").GetInt64();
        await Task.Delay(20);

        using var response = await seller.SetStateAsync(id, "reserved");

        var body = await response.JsonAsync();
        Assert.Equal(created.GetProperty("createdAt").GetDateTime(), body.GetProperty("createdAt").GetDateTime());
        Assert.True(body.GetProperty("updatedAt").GetDateTime() > created.GetProperty("updatedAt").GetDateTime());
    }

    [Fact]
    public async Task Parallel_sell_and_hide_end_in_one_of_them_and_every_answer_is_200_or_409()
    {
        var seller = await factory.NewSessionAsync();
        var id = await seller.CreateListingIdAsync();

        var responses = await Task.WhenAll(Enumerable.Range(0, 10).Select(i => seller.SetStateAsync(id, i % 2 == 0 ? "sold" : "hidden")));

        try
        {
            Assert.All(responses, r => Assert.True(r.StatusCode is HttpStatusCode.OK or HttpStatusCode.Conflict, $"Got {r.StatusCode}"));
        }
        finally
        {
            foreach (var r in responses) r.Dispose();
        }
        var final = (await seller.Client.GetListingAsync(id)).GetProperty("state").GetString();
        Assert.Contains(final, new[] { "sold", "hidden" });
    }
}

public sealed class SqliteListingStateTests(SqliteAppFactory factory) : ListingStateTests(factory), IClassFixture<SqliteAppFactory>;

public sealed class PostgresListingStateTests(PostgresAppFactory factory) : ListingStateTests(factory), IClassFixture<PostgresAppFactory>;
