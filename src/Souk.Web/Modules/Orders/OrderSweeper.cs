using Microsoft.EntityFrameworkCore;
using Souk.Web.Common;
using Souk.Web.Data;

namespace Souk.Web.Modules.Orders;

/// <summary>
/// Applies order deadlines (accept, ship, automatic release). The deadline is a column, so a restart never skips one: the next
/// sweep finds everything that fell due meanwhile. Each order moves in its own transaction and scope, conditionally, so two
/// nodes sweeping at once (or a buyer confirming at that moment) cannot move money twice. Off when Orders:SweepSeconds is 0
/// (tests call <see cref="SweepOnceAsync"/> after moving the clock).
/// </summary>
public sealed class OrderSweeper(IServiceScopeFactory scopes, OrderOptions options, TimeProvider clock, ILogger<OrderSweeper> log)
    : PeriodicSweep(options.SweepSeconds, clock, log, "Order deadlines")
{
    const int Batch = 100;

    /// <summary>Moves every order whose deadline has passed; the number moved.</summary>
    public override async Task<int> SweepOnceAsync(CancellationToken ct)
    {
        var moved = 0;
        // Cards a crash left unposted (the steps themselves are done; only their chat cards are missing).
        await using (var scope = scopes.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<OrderChatCards>().PostStrayAsync(Clock.GetUtcNow().UtcDateTime, ct);
        while (true)
        {
            var now = Clock.GetUtcNow().UtcDateTime;
            List<long> due;
            await using (var scope = scopes.CreateAsyncScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<SoukDb>();
                due = await db.Orders.AsNoTracking()
                    .Where(o => o.DeadlineAt <= now && (o.State == OrderState.Paid || o.State == OrderState.Accepted || o.State == OrderState.Shipped))
                    .OrderBy(o => o.DeadlineAt).ThenBy(o => o.Id).Select(o => o.Id).Take(Batch).ToListAsync(ct);
            }
            var movedNow = 0;
            foreach (var id in due)
            {
                await using var scope = scopes.CreateAsyncScope();
                var flow = scope.ServiceProvider.GetRequiredService<OrderFlow>();
                if ((await flow.ApplyDeadlineAsync(id, now, ct)).Failure == OrderFailure.None) movedNow++;
                await flow.ForgetRelistedAsync();
                await scope.ServiceProvider.GetRequiredService<OrderChatCards>().PostTouchedAsync("", ct);
            }
            moved += movedNow;
            // A full batch where nothing moved means others are taking these; stop rather than spin.
            if (due.Count < Batch || movedNow == 0) return moved;
        }
    }
}
