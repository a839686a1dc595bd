using System.ComponentModel;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Souk.Web.Common;
using Souk.Web.Data;
using Souk.Web.Modules.Catalog;

namespace Souk.Web.Modules.GroupBuys;

public sealed record CreateTeamOfferRequest(
    [property: Description("The SKU of this product the team price is for.")] long? SkuId,
    [property: Description("The price each member pays, below the SKU's solo price, in its currency.")] MoneyInput? TeamPrice,
    [property: Description("Seats per team, 2–50.")] int? TeamSize,
    [property: Description("Hours a team has to fill, 1–72 (default 24).")] int? WindowHours,
    [property: Description("At most this many teams (optional).")] int? MaxTeams);

public sealed record TeamOfferResponse(long Id, long ProductId, long SkuId, string Variant, Money SoloPrice, Money TeamPrice, int TeamSize, int WindowHours,
    int? MaxTeams, int TeamsStarted, bool Live, string StartUrl);

/// <summary>POST /api/v1/products/{id}/team-offers: the shop's owner puts a team price on one SKU (one live offer per SKU).</summary>
public static class CreateTeamOffer
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/products/{id:long}/team-offers", Handle).WithTags("Group buying").RequireAuthorization()
            .WithSummary("Seller: a team price on a SKU of the product");

    static Task<Results<Created<TeamOfferResponse>, ValidationProblem, ProblemHttpResult>> Handle(
        long id, CreateTeamOfferRequest req, CurrentUser current, SoukDb db, TeamReader reader, TimeProvider clock, CancellationToken ct) =>
        CreateAsync(db, reader, clock, current.RequiredId, id, req, ct);

    /// <summary>The API's and the seller's page's one way to set a team offer.</summary>
    public static async Task<Results<Created<TeamOfferResponse>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        SoukDb db, TeamReader reader, TimeProvider clock, Guid me, long id, CreateTeamOfferRequest req, CancellationToken ct)
    {
        var product = await db.Products.AsNoTracking().Where(p => p.Id == id)
            .Select(p => new { p.Id, p.ShopId, Owner = db.Shops.Where(s => s.Id == p.ShopId).Select(s => s.OwnerId).First() }).FirstOrDefaultAsync(ct);
        if (product is null) return Problems.NotFound($"No product {id}.");
        if (product.Owner != me) return Problems.Forbidden("Only the shop's owner sets team prices on its products.");

        var errors = new FieldErrors();
        var sku = req.SkuId is { } skuId
            ? await db.Skus.AsNoTracking().Where(s => s.Id == skuId && s.ProductId == id && s.RetiredAt == null).Select(s => new { s.Id, s.Price }).FirstOrDefaultAsync(ct)
            : null;
        if (sku is null) errors.Add("skuId", "Choose a SKU of this product.");
        var price = req.TeamPrice is null ? null : PriceRules.Check(req.TeamPrice, "teamPrice", errors, allowZero: false);
        if (req.TeamPrice is null) errors.Add("teamPrice", "Give the team price.");
        else if (price is { } p && sku is not null)
        {
            if (p.Currency != sku.Price.Currency) errors.Add("teamPrice", $"In the SKU's currency, {sku.Price.Currency}.");
            else if (p.Amount >= sku.Price.Amount) errors.Add("teamPrice", $"Below the solo price ({sku.Price.Amount} minor units), or nobody gains by teaming up.");
        }
        if (req.TeamSize is not (>= TeamOffer.SizeMin and <= TeamOffer.SizeMax)) errors.Add("teamSize", $"From {TeamOffer.SizeMin} to {TeamOffer.SizeMax} people.");
        var window = req.WindowHours ?? TeamOffer.WindowDefault;
        if (window is < TeamOffer.WindowMin or > TeamOffer.WindowMax) errors.Add("windowHours", $"From {TeamOffer.WindowMin} to {TeamOffer.WindowMax} hours.");
        if (req.MaxTeams is < 1) errors.Add("maxTeams", "At least 1, or leave it out for no limit.");
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors.ToDictionary());

        var offer = new TeamOffer
        {
            ProductId = id, SkuId = sku!.Id, ShopId = product.ShopId, SellerId = me, TeamPrice = price!.Value, TeamSize = req.TeamSize!.Value,
            WindowHours = window, MaxTeams = req.MaxTeams, CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.TeamOffers.Add(offer);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            return Problems.Conflict("This SKU has a team offer already; end it before setting a new one.", "skuId");
        }
        return TypedResults.Created($"/api/v1/team-offers/{offer.Id}", (await reader.OfferAsync(offer.Id, ct))!);
    }
}
