using Microsoft.EntityFrameworkCore;
using Souk.Web.Common;
using Souk.Web.Data;
using Souk.Web.Modules.Orders;

namespace Souk.Web.Modules.GroupBuys;

/// <summary>
/// Closes teams whose time ran out: each is marked Failed by a conditional UPDATE (still open, still due), and in the same
/// transaction every member's order is cancelled and refunded in full through the ledger, with its unit back in stock, and
/// the units the team held at the team price go back to its offer. A team's ExpiresAt is a column, so a restart never skips
/// one; a last seat taken at that moment and the expiry exclude each other on the team row. Runs with the order sweeper's period (Orders:SweepSeconds; 0 = tests sweep by hand).
/// </summary>
public sealed class TeamExpiry(IServiceScopeFactory scopes, OrderOptions options, TimeProvider clock, ILogger<TeamExpiry> log)
    : PeriodicSweep(options.SweepSeconds, clock, log, "Team deadlines")
{
    const int Batch = 200;

    /// <summary>Closes and refunds every open team whose deadline has passed; the number closed.</summary>
    public override async Task<int> SweepOnceAsync(CancellationToken ct)
    {
        var closed = 0;
        while (true)
        {
            var now = Clock.GetUtcNow().UtcDateTime;
            List<long> due;
            await using (var scope = scopes.CreateAsyncScope())
            {
                due = await scope.ServiceProvider.GetRequiredService<SoukDb>().Teams.AsNoTracking()
                    .Where(t => t.State == TeamState.Open && t.ExpiresAt <= now).OrderBy(t => t.ExpiresAt).ThenBy(t => t.Id)
                    .Select(t => t.Id).Take(Batch).ToListAsync(ct);
            }
            var closedNow = 0;
            foreach (var id in due)
            {
                if (await FailAsync(id, now, ct)) closedNow++;
            }
            closed += closedNow;
            if (due.Count < Batch || closedNow == 0) return closed;
        }
    }

    async Task<bool> FailAsync(long teamId, DateTime now, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SoukDb>();
        var flow = scope.ServiceProvider.GetRequiredService<OrderFlow>();
        await using (var tx = await db.Database.BeginTransactionAsync(ct))
        {
            if (await db.Teams.Where(t => t.Id == teamId && t.State == TeamState.Open && t.ExpiresAt <= now)
                    .ExecuteUpdateAsync(s => s.SetProperty(t => t.State, TeamState.Failed).SetProperty(t => t.ClosedAt, now), ct) == 0)
                return false;
            var team = await db.Teams.Where(t => t.Id == teamId).Select(t => new { t.TeamOfferId, t.Size }).FirstAsync(ct);
            await TeamSeats.ReleaseUnitsAsync(db, team.TeamOfferId, team.Size, ct);
            var orders = await db.TeamMembers.Where(m => m.TeamId == teamId).OrderBy(m => m.OrderId).Select(m => m.OrderId).ToListAsync(ct);
            await db.TeamMembers.Where(m => m.TeamId == teamId).ExecuteUpdateAsync(s => s.SetProperty(m => m.Open, false), ct);
            foreach (var orderId in orders)
            {
                var refunded = await flow.FailTeamOrderAsync(orderId, ct);
                if (refunded.Failure != OrderFailure.None) throw new InvalidOperationException($"Team {teamId}: order {orderId} was not refunded ({refunded.Detail}).");
            }
            await tx.CommitAsync(ct);
        }
        // The members hear of it in their chats with the seller (the refund's order card).
        await flow.ForgetRelistedAsync();
        await scope.ServiceProvider.GetRequiredService<OrderChatCards>().PostTouchedAsync("", ct);
        return true;
    }
}
