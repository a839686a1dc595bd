using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Souk.Tests.Catalog;
using Souk.Tests.Infrastructure;
using Souk.Web.Modules.Catalog;
using Souk.Web.Modules.Chat;

namespace Souk.Tests.Chat;

/// <summary>
/// Offers through HTTP (Carousell rules): making one, one open offer per buyer and listing (also when requests race),
/// reading, accepting (reserves, declines the others; of two racing accepts one wins), declining, withdrawing, countering,
/// and who may do what.
/// </summary>
public abstract class OfferTests(SoukAppFactory factory)
{
    async Task<(Session Seller, long ListingId)> ListingAsync()
    {
        var seller = await factory.NewSessionAsync();
        return (seller, await seller.CreateListingIdAsync());
    }

    Task<List<ChatMessage>> MessagesAsync(long conversationId) =>
        factory.QueryAsync(db => db.ChatMessages.AsNoTracking().Where(m => m.ConversationId == conversationId).OrderBy(m => m.Id).ToListAsync());

    [Fact]
    public async Task A_buyer_offers_and_the_offer_card_lands_in_the_buyer_seller_conversation_about_the_listing()
    {
        var (seller, listingId) = await ListingAsync();
        var buyer = await factory.NewSessionAsync();

        using var response = await buyer.OfferAsync(listingId, 800000);

        await response.ShouldBeAsync(HttpStatusCode.Created);
        var offer = await response.JsonAsync();
        Assert.Equal($"/api/v1/offers/{offer.Id()}", response.Headers.Location?.OriginalString);
        Assert.Equal("open", offer.State());
        Assert.Equal(800000, offer.GetProperty("amount").GetProperty("amount").GetInt64());
        Assert.Equal("HKD", offer.GetProperty("amount").GetProperty("currency").GetString());
        Assert.Equal(listingId, offer.GetProperty("listing").GetProperty("id").GetInt64());
        Assert.Equal(buyer.Account.Handle, offer.GetProperty("buyer").GetProperty("handle").GetString());
        Assert.Equal(seller.Account.Handle, offer.GetProperty("seller").GetProperty("handle").GetString());
        Assert.Equal(["withdraw"], offer.GetProperty("yourMoves").EnumerateArray().Select(m => m.GetString()));
        var step = Assert.Single(offer.GetProperty("history").EnumerateArray());
        Assert.Equal(800000, step.GetProperty("amount").GetProperty("amount").GetInt64());
        Assert.Equal(buyer.Account.Handle, step.GetProperty("by").GetProperty("handle").GetString());

        var conversationId = offer.GetProperty("conversationId").GetInt64();
        var conversation = await factory.QueryAsync(db => db.Conversations.AsNoTracking().Include(c => c.Members).SingleAsync(c => c.Id == conversationId));
        Assert.Equal(listingId, conversation.ListingId);
        Assert.Equal(2, conversation.Members.Count);
        var message = Assert.Single(await MessagesAsync(conversationId));
        Assert.Equal(MessageKind.Offer, message.Kind);
        Assert.Equal(offer.Id(), message.OfferId);
        Assert.Equal(800000, message.OfferAmount);
        Assert.Equal(message.Id, conversation.LastMessageId);

        // The seller sees the same offer with the answers that are theirs to give.
        var asSeller = await seller.GetOfferAsync(offer.Id());
        Assert.Equal(["accept", "decline", "counter"], asSeller.GetProperty("yourMoves").EnumerateArray().Select(m => m.GetString()));
    }

    [Fact]
    public async Task An_offer_reuses_the_conversation_the_buyer_already_has_about_the_listing()
    {
        var (_, listingId) = await ListingAsync();
        var buyer = await factory.NewSessionAsync();
        var first = await buyer.MakeOfferAsync(listingId);
        using (var withdraw = await buyer.StepAsync(first.Id(), "decline")) await withdraw.ShouldBeAsync(HttpStatusCode.OK);

        var second = await buyer.MakeOfferAsync(listingId, 850000);

        Assert.NotEqual(first.Id(), second.Id());
        Assert.Equal(first.GetProperty("conversationId").GetInt64(), second.GetProperty("conversationId").GetInt64());
    }

    public static TheoryData<object, string> BadAmounts => new()
    {
        { new { }, "amount" },
        { new { amount = new { amount = 0, currency = "HKD" } }, "amount.amount" },
        { new { amount = new { amount = -5, currency = "HKD" } }, "amount.amount" },
        { new { amount = new { amount = 10_000_000_01L, currency = "HKD" } }, "amount.amount" },
        { new { amount = new { amount = 5000, currency = "EUR" } }, "amount.currency" },
        { new { amount = new { amount = 5000, currency = "XYZ" } }, "amount.currency" },
        { new { amount = new { currency = "HKD" } }, "amount.amount" },
    };

    [Theory]
    [MemberData(nameof(BadAmounts))]
    public async Task An_offer_needs_an_amount_above_zero_in_the_listings_currency_within_the_price_bounds(object body, string field)
    {
        var (_, listingId) = await ListingAsync();
        var buyer = await factory.NewSessionAsync();

        using var response = await buyer.Client.PostJsonAsync($"/api/v1/listings/{listingId}/offers", body);

        await response.ShouldBeValidationProblemAsync(field);
        Assert.False(await factory.QueryAsync(db => db.Offers.AnyAsync(o => o.ListingId == listingId)));
    }

    [Fact]
    public async Task The_seller_cannot_offer_on_their_own_listing()
    {
        var (seller, listingId) = await ListingAsync();

        using var response = await seller.OfferAsync(listingId, 800000);

        await response.ShouldBeProblemAsync(HttpStatusCode.Forbidden);
    }

    [Theory]
    [InlineData("reserved", HttpStatusCode.Conflict)]
    [InlineData("sold", HttpStatusCode.Conflict)]
    [InlineData("hidden", HttpStatusCode.NotFound)]
    public async Task A_listing_that_is_not_active_takes_no_offers(string state, HttpStatusCode expected)
    {
        var (seller, listingId) = await ListingAsync();
        using (var move = await seller.SetStateAsync(listingId, state)) await move.ShouldBeAsync(HttpStatusCode.OK);
        var buyer = await factory.NewSessionAsync();

        using var response = await buyer.OfferAsync(listingId, 800000);

        var problem = await response.ShouldBeProblemAsync(expected);
        if (expected == HttpStatusCode.Conflict) Assert.Equal(state, problem.GetProperty("listingState").GetString());
        Assert.False(await factory.QueryAsync(db => db.Offers.AnyAsync(o => o.ListingId == listingId)));
    }

    [Fact]
    public async Task An_unknown_listing_is_404_and_a_visitor_is_401()
    {
        var buyer = await factory.NewSessionAsync();
        using var unknown = await buyer.OfferAsync(long.MaxValue - 7, 800000);
        await unknown.ShouldBeProblemAsync(HttpStatusCode.NotFound);

        var (_, listingId) = await ListingAsync();
        using var anonymous = factory.Anonymous();
        using var visitor = await anonymous.PostJsonAsync($"/api/v1/listings/{listingId}/offers", OfferApi.Amount(800000));
        Assert.Equal(HttpStatusCode.Unauthorized, visitor.StatusCode);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_block_either_way_stops_offers(bool sellerBlocks)
    {
        var (seller, listingId) = await ListingAsync();
        var buyer = await factory.NewSessionAsync();
        if (sellerBlocks) await seller.BlockAsync(buyer.Account.Handle);
        else await buyer.BlockAsync(seller.Account.Handle);

        using var response = await buyer.OfferAsync(listingId, 800000);

        await response.ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        Assert.False(await factory.QueryAsync(db => db.Offers.AnyAsync(o => o.ListingId == listingId)));

        // Lifting the block lets the offer through.
        var blocker = sellerBlocks ? seller : buyer;
        using (var unblock = await blocker.Client.DeleteAsync($"/api/v1/users/{(sellerBlocks ? buyer : seller).Account.Handle}/block"))
            await unblock.ShouldBeAsync(HttpStatusCode.OK);
        await buyer.MakeOfferAsync(listingId);
    }

    [Fact]
    public async Task A_second_open_offer_by_the_same_buyer_is_409_naming_the_open_one()
    {
        var (_, listingId) = await ListingAsync();
        var buyer = await factory.NewSessionAsync();
        var first = await buyer.MakeOfferAsync(listingId);

        using var second = await buyer.OfferAsync(listingId, 850000);

        var problem = await second.ShouldBeProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(first.Id(), problem.GetProperty("offerId").GetInt64());
        Assert.Equal(first.GetProperty("conversationId").GetInt64(), problem.GetProperty("conversationId").GetInt64());
        // A countered offer is still open.
        Assert.Equal(1, await factory.QueryAsync(db => db.Offers.CountAsync(o => o.ListingId == listingId)));
    }

    [Fact]
    public async Task Parallel_offers_by_one_buyer_open_exactly_one()
    {
        var (_, listingId) = await ListingAsync();
        var buyer = await factory.NewSessionAsync();

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => buyer.OfferAsync(listingId, 700000 + i)));

        try
        {
            Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
            Assert.Equal(7, responses.Count(r => r.StatusCode == HttpStatusCode.Conflict));
        }
        finally
        {
            foreach (var r in responses) r.Dispose();
        }
        Assert.Equal(1, await factory.QueryAsync(db => db.Offers.CountAsync(o => o.ListingId == listingId)));
        Assert.Equal(1, await factory.QueryAsync(db => db.ChatMessages.CountAsync(m => m.Kind == MessageKind.Offer && db.Offers.Any(o => o.Id == m.OfferId && o.ListingId == listingId))));
    }

    [Fact]
    public async Task Only_the_buyer_and_the_seller_read_an_offer()
    {
        var (seller, listingId) = await ListingAsync();
        var buyer = await factory.NewSessionAsync();
        var offer = await buyer.MakeOfferAsync(listingId);
        var stranger = await factory.NewSessionAsync();

        using var theirs = await stranger.Client.GetAsync($"/api/v1/offers/{offer.Id()}");
        using var missing = await stranger.Client.GetAsync($"/api/v1/offers/{long.MaxValue - 3}");

        // The same answer whether the offer exists or not.
        await theirs.ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await missing.ShouldBeProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal(offer.Id(), (await seller.GetOfferAsync(offer.Id())).Id());
    }

    [Fact]
    public async Task The_seller_lists_the_offers_on_a_listing_open_first_and_nobody_else_can()
    {
        var (seller, listingId) = await ListingAsync();
        var early = await factory.NewSessionAsync();
        var late = await factory.NewSessionAsync();
        var earlyOffer = await early.MakeOfferAsync(listingId, 500000);
        using (var withdraw = await early.StepAsync(earlyOffer.Id(), "decline")) await withdraw.ShouldBeAsync(HttpStatusCode.OK);
        var lateOffer = await late.MakeOfferAsync(listingId, 600000);

        using var response = await seller.Client.GetAsync($"/api/v1/listings/{listingId}/offers");

        await response.ShouldBeAsync(HttpStatusCode.OK);
        var items = (await response.JsonAsync()).EnumerateArray().ToList();
        Assert.Equal([lateOffer.Id(), earlyOffer.Id()], items.Select(i => i.Id()));
        Assert.Equal(["open", "withdrawn"], items.Select(i => i.State()));
        Assert.Equal(late.Account.Handle, items[0].GetProperty("buyer").GetProperty("handle").GetString());
        using var asBuyer = await late.Client.GetAsync($"/api/v1/listings/{listingId}/offers");
        await asBuyer.ShouldBeProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Accepting_reserves_the_listing_declines_the_other_open_offers_and_says_so_in_each_conversation()
    {
        var (seller, listingId) = await ListingAsync();
        var buyer = await factory.NewSessionAsync();
        var rival = await factory.NewSessionAsync();
        var offer = await buyer.MakeOfferAsync(listingId, 800000);
        var rivalOffer = await rival.MakeOfferAsync(listingId, 750000);
        Assert.True(await factory.QueryAsync(db => db.SearchEntries.AnyAsync(e => e.Kind == SearchKind.Listing && e.ItemId == listingId)));

        using var response = await seller.StepAsync(offer.Id(), "accept");

        await response.ShouldBeAsync(HttpStatusCode.OK);
        var accepted = await response.JsonAsync();
        Assert.Equal("accepted", accepted.State());
        Assert.Equal(800000, accepted.GetProperty("amount").GetProperty("amount").GetInt64());
        Assert.Empty(accepted.GetProperty("yourMoves").EnumerateArray());
        Assert.Equal("reserved", (await buyer.Client.GetListingAsync(listingId)).GetProperty("state").GetString());
        Assert.False(await factory.QueryAsync(db => db.SearchEntries.AnyAsync(e => e.Kind == SearchKind.Listing && e.ItemId == listingId)));
        Assert.Equal("declined", (await rival.GetOfferAsync(rivalOffer.Id())).State());

        var mine = (await MessagesAsync(offer.GetProperty("conversationId").GetInt64())).Last();
        Assert.Equal((MessageKind.System, SystemEvent.OfferAccepted, offer.Id()), (mine.Kind, mine.SystemEvent, mine.OfferId));
        var theirs = (await MessagesAsync(rivalOffer.GetProperty("conversationId").GetInt64())).Last();
        Assert.Equal((MessageKind.System, SystemEvent.OfferDeclinedListingReserved, rivalOffer.Id()), (theirs.Kind, theirs.SystemEvent, theirs.OfferId));

        // Reserved: no new offers; the buyer's listing page shows it reserved.
        var latecomer = await factory.NewSessionAsync();
        using var late = await latecomer.OfferAsync(listingId, 900000);
        await late.ShouldBeProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task With_the_reserve_setting_off_accepting_keeps_the_listing_on_sale_but_still_declines_the_others()
    {
        var (seller, listingId) = await ListingAsync();
        using (var off = await seller.Client.PatchJsonAsync("/api/v1/me", new { reserveOnAcceptedOffer = false }))
        {
            await off.ShouldBeAsync(HttpStatusCode.OK);
            Assert.False((await off.JsonAsync()).GetProperty("reserveOnAcceptedOffer").GetBoolean());
        }
        var buyer = await factory.NewSessionAsync();
        var rival = await factory.NewSessionAsync();
        var offer = await buyer.MakeOfferAsync(listingId);
        var rivalOffer = await rival.MakeOfferAsync(listingId);

        using var response = await seller.StepAsync(offer.Id(), "accept");

        await response.ShouldBeAsync(HttpStatusCode.OK);
        Assert.Equal("active", (await buyer.Client.GetListingAsync(listingId)).GetProperty("state").GetString());
        Assert.Equal("declined", (await rival.GetOfferAsync(rivalOffer.Id())).State());
    }

    [Fact]
    public async Task The_reserve_setting_is_on_by_default_and_changes_through_patch_me()
    {
        var seller = await factory.NewSessionAsync();
        Assert.True((await (await seller.Client.GetAsync("/api/v1/me")).JsonAsync()).GetProperty("reserveOnAcceptedOffer").GetBoolean());

        using (var off = await seller.Client.PatchJsonAsync("/api/v1/me", new { reserveOnAcceptedOffer = false })) await off.ShouldBeAsync(HttpStatusCode.OK);
        Assert.False((await (await seller.Client.GetAsync("/api/v1/me")).JsonAsync()).GetProperty("reserveOnAcceptedOffer").GetBoolean());
        // A patch without the field leaves it alone.
        using (var bio = await seller.Client.PatchJsonAsync("/api/v1/me", new { bio = "Film cameras" })) await bio.ShouldBeAsync(HttpStatusCode.OK);
        Assert.False((await (await seller.Client.GetAsync("/api/v1/me")).JsonAsync()).GetProperty("reserveOnAcceptedOffer").GetBoolean());
        using (var on = await seller.Client.PatchJsonAsync("/api/v1/me", new { reserveOnAcceptedOffer = true })) await on.ShouldBeAsync(HttpStatusCode.OK);
        Assert.True((await (await seller.Client.GetAsync("/api/v1/me")).JsonAsync()).GetProperty("reserveOnAcceptedOffer").GetBoolean());
    }

    [Fact]
    public async Task A_third_party_cannot_accept_the_buyer_cannot_accept_their_own_offer_and_a_decided_offer_is_409()
    {
        var (seller, listingId) = await ListingAsync();
        var buyer = await factory.NewSessionAsync();
        var stranger = await factory.NewSessionAsync();
        var offer = await buyer.MakeOfferAsync(listingId);

        using (var third = await stranger.StepAsync(offer.Id(), "accept")) await third.ShouldBeProblemAsync(HttpStatusCode.NotFound);
        using (var own = await buyer.StepAsync(offer.Id(), "accept")) await own.ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal("open", (await seller.GetOfferAsync(offer.Id())).State());
        Assert.Equal("active", (await seller.Client.GetListingAsync(listingId)).GetProperty("state").GetString());

        using (var decline = await seller.StepAsync(offer.Id(), "decline")) await decline.ShouldBeAsync(HttpStatusCode.OK);
        using var late = await seller.StepAsync(offer.Id(), "accept");
        var problem = await late.ShouldBeProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("declined", problem.GetProperty("state").GetString());
        using var counter = await seller.StepAsync(offer.Id(), "counter", 900000);
        await counter.ShouldBeProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Of_two_accepts_on_one_listing_at_the_same_moment_exactly_one_wins()
    {
        for (var round = 0; round < 3; round++)
        {
            var (seller, listingId) = await ListingAsync();
            var a = await (await factory.NewSessionAsync()).MakeOfferAsync(listingId, 700000);
            var b = await (await factory.NewSessionAsync()).MakeOfferAsync(listingId, 710000);

            var responses = await Task.WhenAll(seller.StepAsync(a.Id(), "accept"), seller.StepAsync(b.Id(), "accept"));

            try
            {
                Assert.Equal([HttpStatusCode.OK, HttpStatusCode.Conflict], responses.Select(r => r.StatusCode).Order());
            }
            finally
            {
                foreach (var r in responses) r.Dispose();
            }
            var states = await factory.QueryAsync(db => db.Offers.Where(o => o.ListingId == listingId).Select(o => o.State).ToListAsync());
            Assert.Equal([OfferState.Accepted, OfferState.Declined], states.Order());
            Assert.Equal("reserved", (await seller.Client.GetListingAsync(listingId)).GetProperty("state").GetString());
        }
    }

    [Fact]
    public async Task The_seller_counters_and_the_buyer_accepts_the_counter_at_its_amount()
    {
        var (seller, listingId) = await ListingAsync();
        var buyer = await factory.NewSessionAsync();
        var offer = await buyer.MakeOfferAsync(listingId, 700000);

        using var counter = await seller.StepAsync(offer.Id(), "counter", 900000);

        await counter.ShouldBeAsync(HttpStatusCode.OK);
        var countered = await counter.JsonAsync();
        Assert.Equal("countered", countered.State());
        Assert.Equal(900000, countered.GetProperty("amount").GetProperty("amount").GetInt64());
        Assert.Empty(countered.GetProperty("yourMoves").EnumerateArray());
        // Now it is the buyer's turn: the seller cannot accept their own counter.
        using (var own = await seller.StepAsync(offer.Id(), "accept")) await own.ShouldBeProblemAsync(HttpStatusCode.Forbidden);

        using var accept = await buyer.StepAsync(offer.Id(), "accept");

        await accept.ShouldBeAsync(HttpStatusCode.OK);
        var accepted = await accept.JsonAsync();
        Assert.Equal("accepted", accepted.State());
        Assert.Equal(900000, accepted.GetProperty("amount").GetProperty("amount").GetInt64());
        Assert.Equal([700000L, 900000L], accepted.GetProperty("history").EnumerateArray().Select(s => s.GetProperty("amount").GetProperty("amount").GetInt64()));
        Assert.Equal([buyer.Account.Handle, seller.Account.Handle], accepted.GetProperty("history").EnumerateArray().Select(s => s.GetProperty("by").GetProperty("handle").GetString()));
        Assert.Equal("reserved", (await buyer.Client.GetListingAsync(listingId)).GetProperty("state").GetString());
        var messages = await MessagesAsync(offer.GetProperty("conversationId").GetInt64());
        Assert.Equal([MessageKind.Offer, MessageKind.Offer, MessageKind.System], messages.Select(m => m.Kind));
        Assert.Equal(900000, messages[1].OfferAmount);
    }

    [Fact]
    public async Task The_buyer_counters_back_and_the_seller_declines_with_a_system_message()
    {
        var (seller, listingId) = await ListingAsync();
        var buyer = await factory.NewSessionAsync();
        var offer = await buyer.MakeOfferAsync(listingId, 700000);
        using (var c1 = await seller.StepAsync(offer.Id(), "counter", 900000)) await c1.ShouldBeAsync(HttpStatusCode.OK);

        using var back = await buyer.StepAsync(offer.Id(), "counter", 800000);

        await back.ShouldBeAsync(HttpStatusCode.OK);
        var open = await back.JsonAsync();
        Assert.Equal("open", open.State());
        Assert.Equal(800000, open.GetProperty("amount").GetProperty("amount").GetInt64());

        using var decline = await seller.StepAsync(offer.Id(), "decline");

        await decline.ShouldBeAsync(HttpStatusCode.OK);
        Assert.Equal("declined", (await decline.JsonAsync()).State());
        var last = (await MessagesAsync(offer.GetProperty("conversationId").GetInt64())).Last();
        Assert.Equal((MessageKind.System, SystemEvent.OfferDeclined), (last.Kind, last.SystemEvent));
        Assert.Equal("active", (await seller.Client.GetListingAsync(listingId)).GetProperty("state").GetString());
    }

    [Fact]
    public async Task The_buyer_withdraws_an_open_offer_and_may_then_offer_again()
    {
        var (seller, listingId) = await ListingAsync();
        var buyer = await factory.NewSessionAsync();
        var offer = await buyer.MakeOfferAsync(listingId);

        using var withdraw = await buyer.StepAsync(offer.Id(), "decline");

        await withdraw.ShouldBeAsync(HttpStatusCode.OK);
        Assert.Equal("withdrawn", (await withdraw.JsonAsync()).State());
        var last = (await MessagesAsync(offer.GetProperty("conversationId").GetInt64())).Last();
        Assert.Equal((MessageKind.System, SystemEvent.OfferWithdrawn), (last.Kind, last.SystemEvent));
        using (var gone = await seller.StepAsync(offer.Id(), "accept")) await gone.ShouldBeProblemAsync(HttpStatusCode.Conflict);
        await buyer.MakeOfferAsync(listingId);
    }

    [Fact]
    public async Task A_counter_needs_a_valid_amount_in_the_listings_currency_and_only_the_party_whose_turn_it_is()
    {
        var (seller, listingId) = await ListingAsync();
        var buyer = await factory.NewSessionAsync();
        var offer = await buyer.MakeOfferAsync(listingId);

        using (var euro = await seller.Client.PostJsonAsync($"/api/v1/offers/{offer.Id()}/counter", OfferApi.Amount(5000, "EUR")))
            await euro.ShouldBeValidationProblemAsync("amount.currency");
        using (var zero = await seller.StepAsync(offer.Id(), "counter", 0)) await zero.ShouldBeValidationProblemAsync("amount.amount");
        using (var notTheirs = await buyer.StepAsync(offer.Id(), "counter", 750000)) await notTheirs.ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        var stranger = await factory.NewSessionAsync();
        using (var third = await stranger.StepAsync(offer.Id(), "counter", 750000)) await third.ShouldBeProblemAsync(HttpStatusCode.NotFound);
        using (var decline = await stranger.StepAsync(offer.Id(), "decline")) await decline.ShouldBeProblemAsync(HttpStatusCode.NotFound);

        var unchanged = await buyer.GetOfferAsync(offer.Id());
        Assert.Equal("open", unchanged.State());
        Assert.Single(unchanged.GetProperty("history").EnumerateArray());
    }
}

public sealed class SqliteOfferTests(SqliteAppFactory factory) : OfferTests(factory), IClassFixture<SqliteAppFactory>;

public sealed class PostgresOfferTests(PostgresAppFactory factory) : OfferTests(factory), IClassFixture<PostgresAppFactory>;
