using System.Net;
using System.Text.Json;
using Souk.Tests.Catalog;
using Souk.Tests.Infrastructure;

namespace Souk.Tests.Chat;

/// <summary>Helpers for the offer tests: offer on a listing, take a step, read an offer, block someone.</summary>
public static class OfferApi
{
    /// <summary>The price of <see cref="CatalogApi.ValidListing"/>: HK$9,800.00.</summary>
    public const long ListingPrice = 980000;

    public static object Amount(long amount, string currency = "HKD") => new { amount = new { amount, currency } };

    public static Task<HttpResponseMessage> OfferAsync(this Session buyer, long listingId, long amount, string currency = "HKD") =>
        buyer.Client.PostJsonAsync($"/api/v1/listings/{listingId}/offers", Amount(amount, currency));

    /// <summary>Makes an offer that must succeed; returns the offer as the buyer sees it.</summary>
    public static async Task<JsonElement> MakeOfferAsync(this Session buyer, long listingId, long amount = 800000)
    {
        using var response = await buyer.OfferAsync(listingId, amount);
        await response.ShouldBeAsync(HttpStatusCode.Created);
        return await response.JsonAsync();
    }

    public static Task<HttpResponseMessage> StepAsync(this Session who, long offerId, string step, long? amount = null) =>
        who.Client.PostJsonAsync($"/api/v1/offers/{offerId}/{step}", amount is { } a ? Amount(a) : new { });

    public static async Task<JsonElement> GetOfferAsync(this Session who, long offerId)
    {
        using var response = await who.Client.GetAsync($"/api/v1/offers/{offerId}");
        await response.ShouldBeAsync(HttpStatusCode.OK);
        return await response.JsonAsync();
    }

    public static async Task BlockAsync(this Session who, string handle)
    {
        using var response = await who.Client.PutAsync($"/api/v1/users/{handle}/block", null);
        await response.ShouldBeAsync(HttpStatusCode.OK);
    }

    public static long Id(this JsonElement e) => e.GetProperty("id").GetInt64();

    public static string State(this JsonElement e) => e.GetProperty("state").GetString()!;
}
