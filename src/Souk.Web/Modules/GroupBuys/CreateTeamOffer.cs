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
    [property: Description("At most this many teams (optional).")] int? MaxTeams,
    [property: Description("At most this many units at the team price (optional; at least the team size). Each team holds a unit per seat from its start, so a started team can always fill; units of a team that fails come back.")] int? MaxUnits,
    [property: Description("What a starter whose team is not filling may do before the deadline: none (default), soloPrice (buy alone, paying the difference) or shrink (close the team at a tier below).")] TeamFallback? Fallback = null,
    [property: Description("For shrink: smaller team sizes (2 … teamSize − 1) and each one's price, between the team price and the solo price; a bigger size never costs more.")] TeamTierInput[]? Tiers = null);

public sealed record TeamTierInput(int? Size, MoneyInput? Price);

public sealed record TeamTierResponse(int Size, Money Price);

public sealed record TeamOfferResponse(long Id, long ProductId, long SkuId, string Variant, Money SoloPrice, Money TeamPrice, int TeamSize, int WindowHours,
    int? MaxTeams, int TeamsStarted, int? MaxUnits, int? UnitsLeft, bool CanStart, bool Live, string StartUrl, TeamFallback Fallback, IReadOnlyList<TeamTierResponse> Tiers);

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
        if (req.MaxUnits is { } units && units < (req.TeamSize ?? TeamOffer.SizeMin)) errors.Add("maxUnits", "At least one team's worth (the team size), or leave it out for no limit.");
        var fallback = req.Fallback ?? TeamFallback.None;
        var tiers = fallback == TeamFallback.Shrink && sku is not null && price is { } team && req.TeamSize is { } size
            ? CheckTiers(req.Tiers, size, team, sku.Price, errors) : [];
        if (fallback != TeamFallback.Shrink && req.Tiers is { Length: > 0 }) errors.Add("tiers", "Tiers are for the shrink fallback only.");
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors.ToDictionary());

        var offer = new TeamOffer
        {
            ProductId = id, SkuId = sku!.Id, ShopId = product.ShopId, SellerId = me, TeamPrice = price!.Value, TeamSize = req.TeamSize!.Value,
            WindowHours = window, MaxTeams = req.MaxTeams, MaxUnits = req.MaxUnits, Fallback = fallback, Tiers = tiers, CreatedAt = clock.GetUtcNow().UtcDateTime,
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

    /// <summary>
    /// The shrink tiers: at least one; sizes from 2 to one below the team size, each once; prices in the SKU's currency,
    /// above the team price and below the solo price; a bigger team never pays more than a smaller one.
    /// </summary>
    static List<TeamTier> CheckTiers(TeamTierInput[]? input, int teamSize, Money teamPrice, Money soloPrice, FieldErrors errors)
    {
        if (input is not { Length: > 0 })
        {
            errors.Add("tiers", "Give at least one smaller team size and its price for the shrink fallback.");
            return [];
        }
        var tiers = new List<TeamTier>();
        for (var i = 0; i < input.Length; i++)
        {
            var t = input[i];
            if (t.Size is not { } size || size < TeamOffer.SizeMin || size >= teamSize)
                errors.Add($"tiers[{i}].size", $"From {TeamOffer.SizeMin} to {teamSize - 1} people (below the team size).");
            else if (tiers.Any(x => x.Size == size)) errors.Add($"tiers[{i}].size", "Each size once.");
            if (t.Price is not { Amount: { } amount } p || p.Currency != teamPrice.Currency || amount <= teamPrice.Amount || amount >= soloPrice.Amount)
                errors.Add($"tiers[{i}].price", $"In {teamPrice.Currency}, above the team price ({teamPrice.Amount}) and below the solo price ({soloPrice.Amount}).");
            else if (t.Size is { } s && s >= TeamOffer.SizeMin && s < teamSize) tiers.Add(new TeamTier { Size = s, Price = new Money(amount, teamPrice.Currency) });
        }
        var ordered = tiers.OrderBy(t => t.Size).ToList();
        for (var i = 1; i < ordered.Count; i++)
        {
            if (ordered[i].Price.Amount > ordered[i - 1].Price.Amount) errors.Add("tiers", "A bigger team may not pay more than a smaller one.");
        }
        return ordered;
    }
}
