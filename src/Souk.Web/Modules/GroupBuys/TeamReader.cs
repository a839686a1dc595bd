using Microsoft.EntityFrameworkCore;
using Souk.Web.Data;
using Souk.Web.Modules.Accounts;
using Souk.Web.Modules.Catalog;
using Souk.Web.Modules.Notes;

namespace Souk.Web.Modules.GroupBuys;

public sealed record TeamMemberResponse(UserSummary Person, bool Starter, DateTime JoinedAt);

/// <summary>
/// A team as anyone with its link sees it (it is meant to be shared): the offer, who is in (avatars), how many more are needed
/// and until when. MyOrderId is the viewer's own seat's order; nobody sees another member's order.
/// </summary>
public sealed record TeamResponse(long Id, string Url, TeamState State, TeamOfferResponse Offer, string ProductTitle, string ProductUrl, int Size, int Seats,
    int Needed, DateTime ExpiresAt, DateTime? ClosedAt, IReadOnlyList<TeamMemberResponse> Members, long? MyOrderId, IReadOnlyList<string> Actions);

public sealed record TeamList(IReadOnlyList<TeamResponse> Items);

/// <summary>Reads team offers and teams; a fixed number of queries per call, however many teams or members.</summary>
public sealed class TeamReader(SoukDb db, NoteReader people, TimeProvider clock)
{
    public async Task<TeamOfferResponse?> OfferAsync(long offerId, CancellationToken ct) =>
        (await OffersAsync([offerId], ct)).GetValueOrDefault(offerId).Offer;

    /// <summary>The offers by id, each with its seller (who may not take a seat).</summary>
    async Task<Dictionary<long, (TeamOfferResponse Offer, Guid SellerId)>> OffersAsync(long[] ids, CancellationToken ct)
    {
        var rows = await (from o in db.TeamOffers.AsNoTracking()
                          where ids.Contains(o.Id)
                          join s in db.Skus on o.SkuId equals s.Id
                          select new { o, s.Option1, s.Option2, s.Option3, s.Price }).ToListAsync(ct);
        var tiers = (await db.TeamTiers.AsNoTracking().Where(t => ids.Contains(t.TeamOfferId)).ToListAsync(ct)).ToLookup(t => t.TeamOfferId);
        return rows.ToDictionary(r => r.o.Id, r => (new TeamOfferResponse(r.o.Id, r.o.ProductId, r.o.SkuId,
            Sku.VariantName(r.Option1, r.Option2, r.Option3), r.Price, r.o.TeamPrice, r.o.TeamSize, r.o.WindowHours,
            r.o.MaxTeams, r.o.TeamsStarted, r.o.MaxUnits, r.o.MaxUnits - r.o.UnitsHeld,
            r.o.EndedAt is null && (r.o.MaxTeams is not { } max || r.o.TeamsStarted < max) && (r.o.MaxUnits is not { } units || r.o.UnitsHeld + r.o.TeamSize <= units),
            r.o.EndedAt is null, $"/api/v1/team-offers/{r.o.Id}/teams", r.o.Fallback,
            [.. tiers[r.o.Id].OrderByDescending(t => t.Size).Select(t => new TeamTierResponse(t.Size, t.Price))]), r.o.SellerId));
    }

    /// <summary>
    /// The starter's fallbacks on an open team before its deadline, as its offer allows: buy alone at the solo price, or close
    /// the team at the biggest tier its seats reach (the tier, or null when none).
    /// </summary>
    public static (bool Solo, TeamTierResponse? Shrink) Fallbacks(TeamState state, int seats, DateTime expiresAt, TeamOfferResponse offer, DateTime now)
    {
        if (state != TeamState.Open || expiresAt <= now) return (false, null);
        return offer.Fallback switch
        {
            TeamFallback.SoloPrice => (true, null),
            TeamFallback.Shrink => (false, offer.Tiers.Where(t => t.Size <= seats).MaxBy(t => t.Size)),
            _ => (false, null),
        };
    }

    /// <summary>A product's live team offers (one per SKU at most), cheapest team price first.</summary>
    public async Task<List<TeamOfferResponse>> LiveOffersAsync(long productId, CancellationToken ct)
    {
        var ids = await db.TeamOffers.AsNoTracking().Where(o => o.ProductId == productId && o.EndedAt == null).Select(o => o.Id).ToArrayAsync(ct);
        return ids.Length == 0 ? [] : [.. (await OffersAsync(ids, ct)).Values.Select(v => v.Offer).OrderBy(o => o.TeamPrice.Amount).ThenBy(o => o.Id)];
    }

    public async Task<TeamResponse?> ReadAsync(long teamId, Guid? viewer, CancellationToken ct) =>
        (await ManyAsync(db.Teams.AsNoTracking().Where(t => t.Id == teamId), viewer, ct)).FirstOrDefault();

    /// <summary>A product's open teams, nearest to completion first (fewest seats needed, then soonest to expire).</summary>
    public async Task<TeamList> OpenTeamsAsync(long productId, Guid? viewer, int take, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var query = from t in db.Teams.AsNoTracking()
                    join o in db.TeamOffers on t.TeamOfferId equals o.Id
                    where o.ProductId == productId && t.State == TeamState.Open && t.ExpiresAt > now
                    orderby t.Size - t.Seats, t.ExpiresAt, t.Id
                    select t;
        return new(await ManyAsync(query.Take(take), viewer, ct));
    }

    /// <summary>The teams the person has a seat in, newest seat first.</summary>
    public async Task<TeamList> MineAsync(Guid me, int take, CancellationToken ct)
    {
        var query = from m in db.TeamMembers.AsNoTracking()
                    where m.UserId == me
                    orderby m.Id descending
                    join t in db.Teams on m.TeamId equals t.Id
                    select t;
        return new(await ManyAsync(query.Take(take), me, ct));
    }

    async Task<List<TeamResponse>> ManyAsync(IQueryable<Team> query, Guid? viewer, CancellationToken ct)
    {
        var teams = await query.ToListAsync(ct);
        if (teams.Count == 0) return [];
        var teamIds = teams.Select(t => t.Id).ToArray();
        var members = await db.TeamMembers.AsNoTracking().Where(m => teamIds.Contains(m.TeamId)).OrderBy(m => m.Id).ToListAsync(ct);
        var offers = await OffersAsync([.. teams.Select(t => t.TeamOfferId).Distinct()], ct);
        var productIds = offers.Values.Select(o => o.Offer.ProductId).Distinct().ToArray();
        var titles = await db.Products.AsNoTracking().Where(p => productIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Title, ct);
        var users = await people.UsersAsync([.. members.Select(m => m.UserId).Distinct()], ct);
        var now = clock.GetUtcNow().UtcDateTime;
        return [.. teams.Select(t =>
        {
            var (offer, seller) = offers[t.TeamOfferId];
            var mine = members.Where(m => m.TeamId == t.Id).ToList();
            var open = t.State == TeamState.Open && t.ExpiresAt > now && t.Seats < t.Size;
            var mayJoin = open && viewer is { } v && v != seller && mine.All(m => m.UserId != v);
            var (solo, shrink) = viewer == t.StarterId ? Fallbacks(t.State, t.Seats, t.ExpiresAt, offer, now) : (false, null);
            List<string> actions = [.. mayJoin ? ["join"] : Array.Empty<string>(), .. solo ? ["buySolo"] : Array.Empty<string>(), .. shrink is not null ? ["shrink"] : Array.Empty<string>()];
            return new TeamResponse(t.Id, $"/teams/{t.Id}", t.State, offer, titles.GetValueOrDefault(offer.ProductId, ""), $"/p/{offer.ProductId}", t.Size, t.Seats,
                t.State == TeamState.Open ? t.Size - t.Seats : 0, t.ExpiresAt, t.ClosedAt,
                [.. mine.Where(m => users.ContainsKey(m.UserId)).Select(m => new TeamMemberResponse(users[m.UserId], m.UserId == t.StarterId, m.JoinedAt))],
                mine.FirstOrDefault(m => m.UserId == viewer)?.OrderId, actions);
        })];
    }
}
