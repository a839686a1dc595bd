using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Souk.Tests.Accounts;
using Souk.Tests.Catalog;
using Souk.Tests.Chat;
using Souk.Tests.Infrastructure;
using Souk.Tests.Notes;
using Souk.Tests.Orders;
using Souk.Tests.Wallet;
using Souk.Web.Modules.GroupBuys;
using Souk.Web.Modules.Orders;
using Souk.Web.Modules.Wallet;
using Xunit;

namespace Souk.Tests.GroupBuys;

/// <summary>Team offers, starting and joining teams, completion and expiry, and the rules, over HTTP on both providers.</summary>
public abstract class TeamTests(SoukAppFactory factory)
{
    /// <summary>A teapot at HK$88 solo, HK$60 in a team of <paramref name="size"/>; its seller, product, SKU and offer.</summary>
    async Task<(Session Seller, long ProductId, long SkuId, long OfferId)> OfferAsync(int size = 3, int stock = 10, int? maxTeams = null)
    {
        var (seller, product, sku) = await factory.NewShopSkuAsync(price: 8_800, stock: stock);
        using var response = await seller.Client.PostJsonAsync($"/api/v1/products/{product}/team-offers",
            new { skuId = sku, teamPrice = new { amount = 6_000, currency = "HKD" }, teamSize = size, windowHours = 24, maxTeams });
        await response.ShouldBeAsync(HttpStatusCode.Created);
        return (seller, product, sku, (await response.JsonAsync()).GetProperty("id").GetInt64());
    }

    async Task<Session> BuyerAsync(long funds = 20_000)
    {
        var buyer = await factory.NewSessionAsync();
        await factory.FundAsync(buyer, funds);
        return buyer;
    }

    static async Task<HttpResponseMessage> SeatAsync(Session who, string url, string? key = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent.Create(new { delivery = OrdersApi.Shipping }, options: Api.Json) };
        request.Headers.Add("Idempotency-Key", key ?? Guid.NewGuid().ToString());
        return await who.Client.SendAsync(request);
    }

    static async Task<JsonElement> StartAsync(Session who, long offerId)
    {
        using var response = await SeatAsync(who, $"/api/v1/team-offers/{offerId}/teams");
        await response.ShouldBeAsync(HttpStatusCode.Created);
        return await response.JsonAsync();
    }

    static async Task<JsonElement> JoinAsync(Session who, long teamId)
    {
        using var response = await SeatAsync(who, $"/api/v1/teams/{teamId}/join");
        await response.ShouldBeAsync(HttpStatusCode.OK);
        return await response.JsonAsync();
    }

    async Task<long> AvailableAsync(Session who) => await factory.AvailableAsync(await factory.UserIdAsync(who));

    Task<int> StockAsync(long skuId) => factory.QueryAsync(db => db.Skus.Where(s => s.Id == skuId).Select(s => s.Stock).SingleAsync());

    Task<List<OrderState>> MemberOrderStatesAsync(long teamId) => factory.QueryAsync(db =>
        (from m in db.TeamMembers where m.TeamId == teamId join o in db.Orders on m.OrderId equals o.Id orderby m.Id select o.State).ToListAsync());

    async Task LedgerHoldsAsync()
    {
        using var output = new StringWriter();
        Assert.True(await LedgerCheck.VerifyAsync(factory.Services, output, CancellationToken.None) == 0, output.ToString());
    }

    async Task<int> ExpireAsync()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<TeamExpiry>().SweepOnceAsync(CancellationToken.None);
    }

    [Fact]
    public async Task A_team_that_fills_in_time_turns_every_seat_into_a_paid_order_at_the_team_price()
    {
        var (seller, product, sku, offer) = await OfferAsync(size: 3);
        var (amy, ben, cat) = (await BuyerAsync(), await BuyerAsync(), await BuyerAsync());

        var started = await StartAsync(amy, offer);
        var teamId = started.GetProperty("id").GetInt64();
        Assert.Equal("open", started.GetProperty("state").GetString());
        Assert.Equal(2, started.GetProperty("needed").GetInt32());
        Assert.Equal(6_000, started.GetProperty("offer").GetProperty("teamPrice").GetProperty("amount").GetInt64());
        Assert.Equal(8_800, started.GetProperty("offer").GetProperty("soloPrice").GetProperty("amount").GetInt64());
        Assert.Equal([OrderState.AwaitingTeam], await MemberOrderStatesAsync(teamId));
        Assert.Equal(20_000 - 6_000, await AvailableAsync(amy));
        var open = await ben.Client.GetJsonAsync($"/api/v1/products/{product}/teams?state=open");
        Assert.Equal(teamId, Assert.Single(open.GetProperty("items").EnumerateArray()).GetProperty("id").GetInt64());
        Assert.Equal(["join"], open.GetProperty("items")[0].GetProperty("actions").EnumerateArray().Select(a => a.GetString()));

        await JoinAsync(ben, teamId);
        // The seller sees nothing to accept while the team is still filling.
        var waiting = await seller.Client.GetJsonAsync($"/api/v1/orders/{started.GetProperty("myOrderId").GetInt64()}");
        Assert.Equal("awaitingTeam", waiting.GetProperty("state").GetString());
        Assert.Empty(waiting.GetProperty("actions").EnumerateArray());
        var complete = await JoinAsync(cat, teamId);

        Assert.Equal("complete", complete.GetProperty("state").GetString());
        Assert.Equal(0, complete.GetProperty("needed").GetInt32());
        Assert.Equal(3, complete.GetProperty("members").GetArrayLength());
        Assert.True(complete.GetProperty("members")[0].GetProperty("starter").GetBoolean());
        Assert.Equal([OrderState.Paid, OrderState.Paid, OrderState.Paid], await MemberOrderStatesAsync(teamId));
        Assert.Equal(10 - 3, await StockAsync(sku));
        Assert.Empty((await amy.Client.GetJsonAsync($"/api/v1/products/{product}/teams?state=open")).GetProperty("items").EnumerateArray());
        // The completed seat is an ordinary paid order now: the seller accepts it.
        var catOrder = complete.GetProperty("myOrderId").GetInt64();
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/orders/{catOrder}/accept") { Content = JsonContent.Create(new { }) };
        using (var accepted = await seller.Client.SendAsync(request)) await accepted.ShouldBeAsync(HttpStatusCode.OK);
        var timeline = (await cat.Client.GetJsonAsync($"/api/v1/orders/{catOrder}")).GetProperty("timeline").EnumerateArray().Select(e => e.GetProperty("kind").GetString());
        Assert.Equal(["paid", "teamCompleted", "accepted"], timeline);
        await LedgerHoldsAsync();
    }

    [Fact]
    public async Task A_team_that_runs_out_of_time_refunds_every_member_in_full_and_puts_the_stock_back_once()
    {
        var (_, _, sku, offer) = await OfferAsync(size: 3);
        var (amy, ben) = (await BuyerAsync(), await BuyerAsync());
        var teamId = (await StartAsync(amy, offer)).GetProperty("id").GetInt64();
        await JoinAsync(ben, teamId);
        Assert.Equal(8, await StockAsync(sku));

        factory.Clock!.Advance(TimeSpan.FromHours(24) - TimeSpan.FromMinutes(1));
        await ExpireAsync();
        Assert.Equal([OrderState.AwaitingTeam, OrderState.AwaitingTeam], await MemberOrderStatesAsync(teamId));
        factory.Clock!.Advance(TimeSpan.FromMinutes(2));
        Assert.True(await ExpireAsync() >= 1); // other tests' teams in this app may fall due with it
        Assert.Equal(0, await ExpireAsync());

        Assert.Equal([OrderState.Cancelled, OrderState.Cancelled], await MemberOrderStatesAsync(teamId));
        Assert.Equal(10, await StockAsync(sku));
        Assert.Equal(TeamState.Failed, await factory.QueryAsync(db => db.Teams.Where(t => t.Id == teamId).Select(t => t.State).SingleAsync()));
        Assert.Equal(20_000, await AvailableAsync(amy));
        Assert.Equal(20_000, await AvailableAsync(ben));
        // A day on, the tokens have expired: sign in again, as the app would with its refresh token.
        var late = await factory.SignInAsync((await BuyerAsync()).Account);
        using (var tooLate = await SeatAsync(late, $"/api/v1/teams/{teamId}/join")) await tooLate.ShouldBeProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(20_000, await AvailableAsync(late));
        var amyAgain = await factory.SignInAsync(amy.Account);
        var refunded = (await amyAgain.Client.GetJsonAsync($"/api/v1/me/teams")).GetProperty("items")[0];
        Assert.Equal("failed", refunded.GetProperty("state").GetString());
        var order = await amyAgain.Client.GetJsonAsync($"/api/v1/orders/{refunded.GetProperty("myOrderId").GetInt64()}");
        Assert.Equal("teamFailed", order.GetProperty("timeline").EnumerateArray().Last().GetProperty("kind").GetString());
        await LedgerHoldsAsync();
    }

    [Fact]
    public async Task The_rules_of_offers_and_seats()
    {
        var (seller, product, sku, offer) = await OfferAsync(size: 3, maxTeams: 2);
        var stranger = await BuyerAsync();

        using (var notTheirs = await stranger.Client.PostJsonAsync($"/api/v1/products/{product}/team-offers",
                   new { skuId = sku, teamPrice = new { amount = 6_000, currency = "HKD" }, teamSize = 3 }))
            await notTheirs.ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        using (var invalid = await seller.Client.PostJsonAsync($"/api/v1/products/{product}/team-offers",
                   new { skuId = sku, teamPrice = new { amount = 9_000, currency = "HKD" }, teamSize = 1, windowHours = 100 }))
            await invalid.ShouldBeValidationProblemAsync("teamPrice", "teamSize", "windowHours");
        using (var second = await seller.Client.PostJsonAsync($"/api/v1/products/{product}/team-offers",
                   new { skuId = sku, teamPrice = new { amount = 5_000, currency = "HKD" }, teamSize = 2 }))
            await second.ShouldBeProblemAsync(HttpStatusCode.Conflict);

        using (var sellerStarts = await SeatAsync(seller, $"/api/v1/team-offers/{offer}/teams")) await sellerStarts.ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        var amy = await BuyerAsync();
        var team = (await StartAsync(amy, offer)).GetProperty("id").GetInt64();
        using (var twice = await SeatAsync(amy, $"/api/v1/teams/{team}/join")) await twice.ShouldBeProblemAsync(HttpStatusCode.Conflict);
        using (var another = await SeatAsync(amy, $"/api/v1/team-offers/{offer}/teams")) await another.ShouldBeProblemAsync(HttpStatusCode.Conflict);
        using (var sellerJoins = await SeatAsync(seller, $"/api/v1/teams/{team}/join")) await sellerJoins.ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        var blocked = await BuyerAsync();
        await factory.BlockAsync(amy, blocked);
        using (var blockedJoins = await SeatAsync(blocked, $"/api/v1/teams/{team}/join")) await blockedJoins.ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal(20_000, await AvailableAsync(blocked));

        // Ben holds a seat in a second team, so he cannot take one in Amy's; the offer allows no third team.
        var ben = await BuyerAsync();
        var bens = (await StartAsync(ben, offer)).GetProperty("id").GetInt64();
        using (var benJoins = await SeatAsync(ben, $"/api/v1/teams/{team}/join"))
        {
            await benJoins.ShouldBeProblemAsync(HttpStatusCode.Conflict);
            Assert.Equal(bens, (await benJoins.JsonAsync()).GetProperty("teamId").GetInt64());
        }
        using (var third = await SeatAsync(stranger, $"/api/v1/team-offers/{offer}/teams")) await third.ShouldBeProblemAsync(HttpStatusCode.Conflict);
        var poor = await BuyerAsync(funds: 1_000);
        using (var broke = await SeatAsync(poor, $"/api/v1/teams/{team}/join")) Assert.Equal(HttpStatusCode.UnprocessableEntity, broke.StatusCode);
        Assert.Equal(1, await factory.QueryAsync(db => db.Teams.Where(t => t.Id == team).Select(t => t.Seats).SingleAsync()));

        // Anyone with the link sees the team and its members, but only a member sees their own order, and nobody another's.
        var asStranger = await stranger.Client.GetJsonAsync($"/api/v1/teams/{team}");
        Assert.Equal(JsonValueKind.Null, asStranger.GetProperty("myOrderId").ValueKind);
        Assert.Equal(amy.Account.Handle, asStranger.GetProperty("members")[0].GetProperty("person").GetProperty("handle").GetString());
        var amysOrder = (await amy.Client.GetJsonAsync($"/api/v1/teams/{team}")).GetProperty("myOrderId").GetInt64();
        using (var peek = await stranger.Client.GetAsync($"/api/v1/orders/{amysOrder}")) await peek.ShouldBeProblemAsync(HttpStatusCode.NotFound);
        using (var missing = await stranger.Client.GetAsync("/api/v1/teams/999999")) await missing.ShouldBeProblemAsync(HttpStatusCode.NotFound);
        using (var badState = await stranger.Client.GetAsync($"/api/v1/products/{product}/teams?state=failed")) await badState.ShouldBeValidationProblemAsync("state");
    }

    [Fact]
    public async Task A_units_limit_holds_a_unit_per_seat_from_each_start_and_takes_back_what_a_failed_team_did_not_sell()
    {
        var (seller, product, sku) = await factory.NewShopSkuAsync(price: 8_800, stock: 20);
        using (var tooFew = await seller.Client.PostJsonAsync($"/api/v1/products/{product}/team-offers",
                   new { skuId = sku, teamPrice = new { amount = 6_000, currency = "HKD" }, teamSize = 3, maxUnits = 2 }))
            await tooFew.ShouldBeValidationProblemAsync("maxUnits");
        using var created = await seller.Client.PostJsonAsync($"/api/v1/products/{product}/team-offers",
            new { skuId = sku, teamPrice = new { amount = 6_000, currency = "HKD" }, teamSize = 3, maxUnits = 7 });
        await created.ShouldBeAsync(HttpStatusCode.Created);
        var offer = (await created.JsonAsync()).GetProperty("id").GetInt64();
        async Task<(int Left, bool CanStart)> OfferNowAsync()
        {
            var o = await seller.Client.GetJsonAsync($"/api/v1/team-offers/{offer}");
            return (o.GetProperty("unitsLeft").GetInt32(), o.GetProperty("canStart").GetBoolean());
        }
        Assert.Equal((7, true), await OfferNowAsync());

        var (amy, ben, carl, dan) = (await BuyerAsync(), await BuyerAsync(), await BuyerAsync(), await BuyerAsync());
        var amys = (await StartAsync(amy, offer)).GetProperty("id").GetInt64();
        var bens = (await StartAsync(ben, offer)).GetProperty("id").GetInt64();
        Assert.Equal((1, false), await OfferNowAsync()); // two teams of three hold six units

        using (var noRoom = await SeatAsync(carl, $"/api/v1/team-offers/{offer}/teams"))
        {
            await noRoom.ShouldBeProblemAsync(HttpStatusCode.Conflict);
            Assert.Equal("units", (await noRoom.JsonAsync()).GetProperty("reason").GetString());
        }
        Assert.Equal(20_000, await AvailableAsync(carl));
        // Joining takes a unit its team already holds.
        await JoinAsync(carl, amys);
        Assert.Equal("complete", (await JoinAsync(dan, amys)).GetProperty("state").GetString());
        Assert.Equal((1, false), await OfferNowAsync());

        // Ben's team runs out of time: its three units come back, and a new team fits again.
        factory.Clock!.Advance(TimeSpan.FromHours(24) + TimeSpan.FromMinutes(1));
        Assert.True(await ExpireAsync() >= 1);
        Assert.Equal(TeamState.Failed, await factory.QueryAsync(db => db.Teams.Where(t => t.Id == bens).Select(t => t.State).SingleAsync()));
        Assert.Equal((4, true), await OfferNowAsync());
        var late = await factory.SignInAsync(carl.Account);
        await StartAsync(late, offer);
        Assert.Equal((1, false), await OfferNowAsync());
        Assert.Equal(20 - 4, await StockAsync(sku)); // three seats of Amy's team and Carl's new one
        await LedgerHoldsAsync();
    }

    Task<int> UnitsHeldAsync(long offerId) => factory.QueryAsync(db => db.TeamOffers.Where(o => o.Id == offerId).Select(o => o.UnitsHeld).SingleAsync());

    async Task<(long ProductId, long SkuId, long OfferId)> OfferWithFallbackAsync(int size, object fallback)
    {
        var (seller, product, sku) = await factory.NewShopSkuAsync(price: 8_800, stock: 10);
        using var response = await seller.Client.PostJsonAsync($"/api/v1/products/{product}/team-offers", fallback.GetType().GetProperty("tiers") is null
            ? new { skuId = sku, teamPrice = new { amount = 6_000, currency = "HKD" }, teamSize = size, fallback = "soloPrice" }
            : (object)new { skuId = sku, teamPrice = new { amount = 6_000, currency = "HKD" }, teamSize = size, fallback = "shrink", tiers = fallback.GetType().GetProperty("tiers")!.GetValue(fallback) });
        await response.ShouldBeAsync(HttpStatusCode.Created);
        return (product, sku, (await response.JsonAsync()).GetProperty("id").GetInt64());
    }

    static async Task<HttpResponseMessage> FallBackAsync(Session who, long teamId, string choice)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/teams/{teamId}/fallback") { Content = JsonContent.Create(new { choice }, options: Api.Json) };
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        return await who.Client.SendAsync(request);
    }

    [Fact]
    public async Task A_starter_whose_team_is_not_filling_buys_alone_at_the_solo_price_and_the_others_are_refunded()
    {
        var (_, sku, offer) = await OfferWithFallbackAsync(3, new { solo = true });
        var (amy, ben) = (await BuyerAsync(), await BuyerAsync());
        var started = await StartAsync(amy, offer);
        var teamId = started.GetProperty("id").GetInt64();
        Assert.Equal(["buySolo"], started.GetProperty("actions").EnumerateArray().Select(a => a.GetString()));
        await JoinAsync(ben, teamId);
        using (var notStarter = await FallBackAsync(ben, teamId, "solo")) await notStarter.ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        using (var noTiers = await FallBackAsync(amy, teamId, "shrink")) await noTiers.ShouldBeProblemAsync(HttpStatusCode.Conflict);
        using (var unknown = await FallBackAsync(amy, teamId, "later")) await unknown.ShouldBeValidationProblemAsync("choice");

        using var solo = await FallBackAsync(amy, teamId, "solo");

        await solo.ShouldBeAsync(HttpStatusCode.OK);
        var team = await solo.JsonAsync();
        Assert.Equal("solo", team.GetProperty("state").GetString());
        Assert.Equal(20_000 - 8_800, await AvailableAsync(amy)); // the team price paid before, the difference now
        Assert.Equal(20_000, await AvailableAsync(ben));
        var order = await amy.Client.GetJsonAsync($"/api/v1/orders/{team.GetProperty("myOrderId").GetInt64()}");
        Assert.Equal("paid", order.GetProperty("state").GetString());
        Assert.Equal(8_800, order.GetProperty("total").GetProperty("amount").GetInt64());
        Assert.Equal(10 - 1, await StockAsync(sku));
        Assert.Equal(0, await UnitsHeldAsync(offer)); // none sold at the team price
        using (var twice = await FallBackAsync(amy, teamId, "solo")) await twice.ShouldBeProblemAsync(HttpStatusCode.Conflict);
        await LedgerHoldsAsync();
    }

    [Fact]
    public async Task A_starter_closes_a_team_at_the_biggest_tier_its_seats_reach_and_every_member_pays_that_tier()
    {
        var (seller, product, _) = await factory.NewShopSkuAsync(price: 8_800, stock: 10);
        using (var badTier = await seller.Client.PostJsonAsync($"/api/v1/products/{product}/team-offers", new
               {
                   skuId = (await factory.QueryAsync(db => db.Skus.Where(s => s.ProductId == product).Select(s => s.Id).SingleAsync())),
                   teamPrice = new { amount = 6_000, currency = "HKD" }, teamSize = 4, fallback = "shrink",
                   tiers = new[] { new { size = 4, price = new { amount = 9_000, currency = "HKD" } } },
               }))
            await badTier.ShouldBeValidationProblemAsync("tiers[0].size", "tiers[0].price");
        var (_, sku, offer) = await OfferWithFallbackAsync(4, new
        {
            tiers = new[] { new { size = 2, price = new { amount = 7_500, currency = "HKD" } }, new { size = 3, price = new { amount = 7_000, currency = "HKD" } } },
        });
        var (amy, ben) = (await BuyerAsync(), await BuyerAsync());
        var teamId = (await StartAsync(amy, offer)).GetProperty("id").GetInt64();
        using (var tooFew = await FallBackAsync(amy, teamId, "shrink")) await tooFew.ShouldBeProblemAsync(HttpStatusCode.Conflict);
        Assert.Empty((await JoinAsync(ben, teamId)).GetProperty("actions").EnumerateArray()); // only the starter chooses
        Assert.Equal(["shrink"], (await amy.Client.GetJsonAsync($"/api/v1/teams/{teamId}")).GetProperty("actions").EnumerateArray().Select(a => a.GetString()));

        using var shrunk = await FallBackAsync(amy, teamId, "shrink");

        await shrunk.ShouldBeAsync(HttpStatusCode.OK);
        var team = await shrunk.JsonAsync();
        Assert.Equal("complete", team.GetProperty("state").GetString());
        Assert.Equal(2, team.GetProperty("size").GetInt32());
        Assert.Equal(20_000 - 7_500, await AvailableAsync(amy));
        Assert.Equal(20_000 - 7_500, await AvailableAsync(ben));
        Assert.Equal([OrderState.Paid, OrderState.Paid], await MemberOrderStatesAsync(teamId));
        Assert.Equal(10 - 2, await StockAsync(sku));
        Assert.Equal(2, await UnitsHeldAsync(offer)); // the team held four units; its two empty seats gave theirs back
        var benOrder = (await ben.Client.GetJsonAsync($"/api/v1/teams/{teamId}")).GetProperty("myOrderId").GetInt64();
        Assert.Equal(7_500, (await ben.Client.GetJsonAsync($"/api/v1/orders/{benOrder}")).GetProperty("total").GetProperty("amount").GetInt64());
        await LedgerHoldsAsync();
    }

    [Fact]
    public async Task A_team_shared_into_a_chat_is_its_card_with_the_seats_still_needed()
    {
        var (_, _, _, offer) = await OfferAsync(size: 3);
        var (amy, ben) = (await BuyerAsync(), await BuyerAsync());
        var team = (await StartAsync(amy, offer)).GetProperty("id").GetInt64();
        var chat = await amy.DirectAsync(ben);

        using (var unknown = await amy.PostMessageAsync(chat, new { clientMessageId = "t0", kind = "team", teamId = 999_999 }))
            await unknown.ShouldBeValidationProblemAsync("teamId");
        using (var shared = await amy.PostMessageAsync(chat, new { clientMessageId = "t1", kind = "team", teamId = team }))
            await shared.ShouldBeAsync(HttpStatusCode.Created);

        var card = (await ben.MessagesAsync(chat)).GetProperty("items")[0].GetProperty("team");
        Assert.Equal(team, card.GetProperty("id").GetInt64());
        Assert.Equal($"/teams/{team}", card.GetProperty("url").GetString());
        Assert.Equal(6_000, card.GetProperty("teamPrice").GetProperty("amount").GetInt64());
        Assert.Equal(1, card.GetProperty("seats").GetInt32());
        await JoinAsync(ben, team);
        Assert.Equal(2, (await ben.MessagesAsync(chat)).GetProperty("items")[0].GetProperty("team").GetProperty("seats").GetInt32());
    }

    [Fact]
    public async Task A_repeated_join_with_the_same_key_takes_one_seat_and_charges_once()
    {
        var (_, _, _, offer) = await OfferAsync(size: 3);
        var team = (await StartAsync(await BuyerAsync(), offer)).GetProperty("id").GetInt64();
        var ben = await BuyerAsync();
        var key = Guid.NewGuid().ToString();

        using var first = await SeatAsync(ben, $"/api/v1/teams/{team}/join", key);
        using var again = await SeatAsync(ben, $"/api/v1/teams/{team}/join", key);

        await first.ShouldBeAsync(HttpStatusCode.OK);
        await again.ShouldBeAsync(HttpStatusCode.OK);
        Assert.Equal("true", again.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal(2, await factory.QueryAsync(db => db.Teams.Where(t => t.Id == team).Select(t => t.Seats).SingleAsync()));
        Assert.Equal(20_000 - 6_000, await AvailableAsync(ben));
    }

    [Fact]
    public async Task A_hundred_people_racing_for_the_last_three_seats_leave_exactly_three_seated_and_the_rest_uncharged()
    {
        var (_, _, sku, offer) = await OfferAsync(size: 5, stock: 20);
        var team = (await StartAsync(await BuyerAsync(), offer)).GetProperty("id").GetInt64();
        await JoinAsync(await BuyerAsync(), team);
        var racers = new Session[100];
        await Parallel.ForAsync(0, racers.Length, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, _) => racers[i] = await BuyerAsync());

        var answers = await Task.WhenAll(racers.Select(async r =>
        {
            using var response = await SeatAsync(r, $"/api/v1/teams/{team}/join");
            return (response.StatusCode, Reason: response.StatusCode == HttpStatusCode.Conflict
                ? (await response.JsonAsync()).GetProperty("reason").GetString() : null);
        }));

        Assert.Equal(3, answers.Count(a => a.StatusCode == HttpStatusCode.OK));
        Assert.Equal(97, answers.Count(a => a is { StatusCode: HttpStatusCode.Conflict, Reason: "full" or "complete" }));
        Assert.Equal(TeamState.Complete, await factory.QueryAsync(db => db.Teams.Where(t => t.Id == team).Select(t => t.State).SingleAsync()));
        Assert.Equal(5, await factory.QueryAsync(db => db.TeamMembers.CountAsync(m => m.TeamId == team)));
        Assert.Equal(20 - 5, await StockAsync(sku));
        var charged = 0;
        foreach (var r in racers) if (await AvailableAsync(r) != 20_000) charged++;
        Assert.Equal(3, charged);
        await LedgerHoldsAsync();
    }
}

public sealed class SqliteTeamTests(SqliteFakeClockFactory factory) : TeamTests(factory), IClassFixture<SqliteFakeClockFactory>;

public sealed class PostgresTeamTests(PostgresFakeClockFactory factory) : TeamTests(factory), IClassFixture<PostgresFakeClockFactory>;
