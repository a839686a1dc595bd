using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Souk.Web.Common;
using Souk.Web.Data;
using Souk.Web.Modules.Chat;
using Souk.Web.Modules.Orders;

namespace Souk.Web.Modules.GroupBuys;

/// <summary>What taking a seat did: the team, or the refusal to answer with (a ValidationProblem or a ProblemHttpResult).</summary>
public readonly record struct SeatOutcome(long TeamId, IResult? Refusal)
{
    public static SeatOutcome Refused(IResult refusal) => new(0, refusal);
}

/// <summary>
/// Starting and joining teams: the rules, and the seat with its payment in one transaction (the caller's: the Idempotency-Key
/// filter's). The seat is one conditional UPDATE on the team row (open, not expired, a seat free), taken before the payment,
/// so of many people racing for the last seat exactly one gets it; the others get 409 "full" before anything is charged,
/// and a refused payment (sold out, not enough money) rolls the seat back with it. The payment is an ordinary checkout of
/// one unit at the team price whose order waits for the team (AwaitingTeam); the seat that fills the team starts every
/// member's order on the normal flow.
/// </summary>
public sealed class TeamSeats(SoukDb db, CheckoutService checkout, OrderFlow flow, ChatService chat, TeamReader reader, TimeProvider clock)
{
    public async Task<SeatOutcome> StartAsync(Guid me, long offerId, CheckoutDelivery? delivery, CancellationToken ct)
    {
        var offer = await db.TeamOffers.AsNoTracking().FirstOrDefaultAsync(o => o.Id == offerId, ct);
        if (offer is null) return SeatOutcome.Refused(Problems.NotFound($"No team offer {offerId}."));
        if (await RefusedAsync(me, offer, starterId: null, ct) is { } refused) return SeatOutcome.Refused(refused);

        var now = clock.GetUtcNow().UtcDateTime;
        await using var tx = await db.Database.BeginOrJoinTransactionAsync(ct);
        // The team's count and a unit for each of its seats, on the offer row (joins never touch it: their units are held).
        if (await db.TeamOffers.Where(o => o.Id == offerId && o.EndedAt == null && (o.MaxTeams == null || o.TeamsStarted < o.MaxTeams)
                    && (o.MaxUnits == null || o.UnitsHeld + o.TeamSize <= o.MaxUnits))
                .ExecuteUpdateAsync(s => s.SetProperty(o => o.TeamsStarted, o => o.TeamsStarted + 1).SetProperty(o => o.UnitsHeld, o => o.UnitsHeld + o.TeamSize), ct) == 0)
            return SeatOutcome.Refused(await NoNewTeamAsync(offerId, ct));
        var team = new Team
        {
            TeamOfferId = offerId, StarterId = me, State = TeamState.Open, Size = offer.TeamSize, Seats = 1, CreatedAt = now,
            ExpiresAt = now.AddHours(offer.WindowHours),
        };
        db.Teams.Add(team);
        await db.SaveChangesAsync(ct);
        if (await PaySeatAsync(me, team, offer, delivery, now, ct) is { } unpaid) return SeatOutcome.Refused(unpaid);
        await tx.CommitAsync(ct);
        return new(team.Id, null);
    }

    public async Task<SeatOutcome> JoinAsync(Guid me, long teamId, CheckoutDelivery? delivery, CancellationToken ct)
    {
        var team = await db.Teams.AsNoTracking().FirstOrDefaultAsync(t => t.Id == teamId, ct);
        if (team is null) return SeatOutcome.Refused(Problems.NotFound($"No team {teamId}."));
        var offer = await db.TeamOffers.AsNoTracking().FirstAsync(o => o.Id == team.TeamOfferId, ct);
        if (await db.TeamMembers.AnyAsync(m => m.TeamId == teamId && m.UserId == me, ct))
            return SeatOutcome.Refused(Problems.Conflict("You are in this team already."));
        if (await RefusedAsync(me, offer, team.StarterId, ct) is { } refused) return SeatOutcome.Refused(refused);
        var now = clock.GetUtcNow().UtcDateTime;
        if (team.State != TeamState.Open || team.ExpiresAt <= now) return SeatOutcome.Refused(Closed(team, now));

        await using var tx = await db.Database.BeginOrJoinTransactionAsync(ct);
        // The seat: the team row stays locked (PostgreSQL) until the commit, so the next joiner sees this seat taken.
        if (await db.Teams.Where(t => t.Id == teamId && t.State == TeamState.Open && t.Seats < t.Size && t.ExpiresAt > now)
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.Seats, t => t.Seats + 1), ct) == 0)
        {
            var latest = await db.Teams.AsNoTracking().FirstAsync(t => t.Id == teamId, ct);
            return SeatOutcome.Refused(Closed(latest, now));
        }
        if (await PaySeatAsync(me, team, offer, delivery, now, ct) is { } unpaid) return SeatOutcome.Refused(unpaid);

        var seats = await db.Teams.Where(t => t.Id == teamId).Select(t => new { t.Seats, t.Size }).FirstAsync(ct);
        if (seats.Seats == seats.Size)
        {
            // The last seat: the team is complete, and every member's order starts the normal flow.
            await db.Teams.Where(t => t.Id == teamId && t.State == TeamState.Open)
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.State, TeamState.Complete).SetProperty(t => t.ClosedAt, now), ct);
            var orders = await db.TeamMembers.Where(m => m.TeamId == teamId).Select(m => m.OrderId).ToListAsync(ct);
            await db.TeamMembers.Where(m => m.TeamId == teamId).ExecuteUpdateAsync(s => s.SetProperty(m => m.Open, false), ct);
            await flow.StartTeamOrdersAsync(orders, ct);
        }
        await tx.CommitAsync(ct);
        return new(teamId, null);
    }

    /// <summary>
    /// The starter's fallback before the deadline, as the offer allows. "solo": the starter buys alone at the solo price (their
    /// seat refunded and bought again, so they pay the difference) and the other members are refunded; the team ends as Solo.
    /// "shrink": the team completes now at the size reached, and every member's seat is bought again at that size's tier
    /// price. One transaction: the team row is closed first (no join can slip in), and any refused payment (a member without
    /// the difference) rolls all of it back.
    /// </summary>
    public async Task<SeatOutcome> FallBackAsync(Guid me, long teamId, string? choice, CancellationToken ct)
    {
        var team = await db.Teams.AsNoTracking().FirstOrDefaultAsync(t => t.Id == teamId, ct);
        if (team is null) return SeatOutcome.Refused(Problems.NotFound($"No team {teamId}."));
        if (team.StarterId != me) return SeatOutcome.Refused(Problems.Forbidden("Only the team's starter chooses what happens to it."));
        if (choice is not ("solo" or "shrink")) return SeatOutcome.Refused(Problems.Field("choice", "Choose solo or shrink."));
        var offer = (await reader.OfferAsync(team.TeamOfferId, ct))!;
        var now = clock.GetUtcNow().UtcDateTime;
        if (team.State != TeamState.Open || team.ExpiresAt <= now) return SeatOutcome.Refused(Closed(team, now));
        var (solo, tier) = TeamReader.Fallbacks(team.State, team.Seats, team.ExpiresAt, offer, now);
        if (choice == "solo" && !solo) return SeatOutcome.Refused(Problems.Conflict("The seller does not offer buying alone at the solo price here.", "choice"));
        if (choice == "shrink" && tier is null)
            return SeatOutcome.Refused(Problems.Conflict(offer.Fallback == TeamFallback.Shrink
                ? "Too few members yet for the seller's smallest team." : "The seller does not allow smaller teams here.", "choice"));

        await using var tx = await db.Database.BeginOrJoinTransactionAsync(ct);
        var closed = choice == "solo"
            ? await db.Teams.Where(t => t.Id == teamId && t.State == TeamState.Open && t.ExpiresAt > now)
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.State, TeamState.Solo).SetProperty(t => t.ClosedAt, now), ct)
            : await db.Teams.Where(t => t.Id == teamId && t.State == TeamState.Open && t.ExpiresAt > now && t.Seats == team.Seats)
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.State, TeamState.Complete).SetProperty(t => t.Size, t => t.Seats).SetProperty(t => t.ClosedAt, now), ct);
        if (closed == 0) return SeatOutcome.Refused(Problems.Conflict("The team changed meanwhile (someone joined, or it closed); look again."));
        // Units no longer sold at the team price: all of them when the starter buys alone, the empty seats' when the team shrinks.
        await ReleaseUnitsAsync(db, offer.Id, choice == "solo" ? team.Size : team.Size - team.Seats, ct);
        var members = await db.TeamMembers.Where(m => m.TeamId == teamId).OrderBy(m => m.Id).ToListAsync(ct);
        foreach (var member in members)
        {
            member.Open = false;
            var rebuy = choice == "shrink" || member.UserId == me;
            var seat = await db.Orders.AsNoTracking().Where(o => o.Id == member.OrderId)
                .Select(o => new { o.ShippingName, o.ShippingAddress, o.ShippingPhone }).FirstAsync(ct);
            var refunded = rebuy ? await flow.RefundTeamSeatForRepricingAsync(member.OrderId, me, ct) : await flow.FailTeamOrderAsync(member.OrderId, ct);
            if (refunded.Failure != OrderFailure.None) throw new InvalidOperationException($"Team {teamId}: seat order {member.OrderId} was not refunded ({refunded.Detail}).");
            if (!rebuy) continue;
            var price = choice == "solo" ? offer.SoloPrice : tier!.Price;
            var paid = (await checkout.PayTeamSeatAsync(member.UserId, offer.SkuId, price,
                new CheckoutDelivery("shipping", seat.ShippingName, seat.ShippingAddress, seat.ShippingPhone, null), ct, OrderState.Paid)).Result;
            if (paid is not Created<CheckoutResponse> { Value: { } created })
                return SeatOutcome.Refused(member.UserId == me ? (IResult)paid
                    : Problems.Conflict("A member does not have the difference in their wallet; the team stays as it was.", "choice"));
            member.OrderId = created.Orders[0].Id;
        }
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new(teamId, null);
    }

    /// <summary>Who may not take a seat on this offer: its seller, someone blocked by (or blocking) the seller or the team's starter,
    /// and someone who already holds an open seat on it.</summary>
    async Task<IResult?> RefusedAsync(Guid me, TeamOffer offer, Guid? starterId, CancellationToken ct)
    {
        if (offer.SellerId == me) return Problems.Forbidden("Sellers cannot take seats in teams on their own products.");
        Guid[] others = starterId is { } s && s != offer.SellerId ? [offer.SellerId, s] : [offer.SellerId];
        if ((await chat.BlockedEitherWayAsync(me, others, ct)).Count > 0) return Problems.Forbidden("You cannot join this team.");
        var open = await db.TeamMembers.AsNoTracking().Where(m => m.TeamOfferId == offer.Id && m.UserId == me && m.Open)
            .Select(m => (long?)m.TeamId).FirstOrDefaultAsync(ct);
        return open is { } teamId
            ? Problems.ConflictWith("You hold a seat in an open team on this offer already; one at a time.",
                new Dictionary<string, object?> { ["teamId"] = teamId, ["team"] = $"/teams/{teamId}" })
            : null;
    }

    /// <summary>Gives units held by a team back to its offer (the team closed with seats unsold at the team price).</summary>
    internal static Task<int> ReleaseUnitsAsync(SoukDb db, long offerId, int units, CancellationToken ct) => units == 0 ? Task.FromResult(0)
        : db.TeamOffers.Where(o => o.Id == offerId).ExecuteUpdateAsync(s => s.SetProperty(o => o.UnitsHeld, o => o.UnitsHeld - units), ct);

    /// <summary>Why no team may be started on the offer now (ended, the teams' or the units' limit reached), with a reason to show.</summary>
    async Task<ProblemHttpResult> NoNewTeamAsync(long offerId, CancellationToken ct)
    {
        var offer = await db.TeamOffers.AsNoTracking().FirstAsync(o => o.Id == offerId, ct);
        var (reason, detail) = offer switch
        {
            { EndedAt: not null } => ("ended", "The seller has ended this team offer."),
            { MaxTeams: { } max } when offer.TeamsStarted >= max => ("teams", "No more teams can be started on this offer; join an open one."),
            _ => ("units", $"Too few units are left at the team price for a new team of {offer.TeamSize}; join an open one."),
        };
        return Problems.ConflictWith(detail, new Dictionary<string, object?> { ["reason"] = reason });
    }

    static ProblemHttpResult Closed(Team team, DateTime now) => team.State switch
    {
        TeamState.Complete => Problems.ConflictWith("This team is complete.", new Dictionary<string, object?> { ["reason"] = "complete" }),
        TeamState.Failed => Problems.ConflictWith("This team ran out of time.", new Dictionary<string, object?> { ["reason"] = "expired" }),
        _ when team.ExpiresAt <= now => Problems.ConflictWith("This team ran out of time.", new Dictionary<string, object?> { ["reason"] = "expired" }),
        _ => Problems.ConflictWith("This team is full.", new Dictionary<string, object?> { ["reason"] = "full" }),
    };

    /// <summary>Pays for the seat taken on the team (one unit at the team price) and records the member; the refusal if the payment failed.</summary>
    async Task<IResult?> PaySeatAsync(Guid me, Team team, TeamOffer offer, CheckoutDelivery? delivery, DateTime now, CancellationToken ct)
    {
        var paid = (await checkout.PayTeamSeatAsync(me, offer.SkuId, offer.TeamPrice, delivery, ct)).Result;
        if (paid is not Created<CheckoutResponse> { Value: { } created }) return paid;
        db.TeamMembers.Add(new TeamMember
        {
            TeamId = team.Id, TeamOfferId = offer.Id, UserId = me, OrderId = created.Orders[0].Id, Open = true, JoinedAt = now,
        });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // A second request of the same person (another device) took an open seat on this offer at the same moment.
            return Problems.Conflict("You hold a seat in an open team on this offer already; one at a time.");
        }
        return null;
    }
}
