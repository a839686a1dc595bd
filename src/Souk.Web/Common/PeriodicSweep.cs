namespace Souk.Web.Common;

/// <summary>
/// A background loop that applies due deadlines (deadlines are data): every period it calls <see cref="SweepOnceAsync"/>,
/// which finds what fell due and moves it on conditionally, so a restart never skips one and two nodes sweeping at once
/// cannot move anything twice. A failed sweep is logged and the next one tries again. Off when the period is 0 (tests call
/// <see cref="SweepOnceAsync"/> after moving the clock).
/// </summary>
public abstract class PeriodicSweep(double periodSeconds, TimeProvider clock, ILogger log, string what) : BackgroundService
{
    protected TimeProvider Clock => clock;

    /// <summary>Applies every deadline that has passed; the number of things moved on.</summary>
    public abstract Task<int> SweepOnceAsync(CancellationToken ct);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (periodSeconds <= 0) return;
        // Start-up prepares the database first; the first sweep waits one period.
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(periodSeconds), clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                var moved = await SweepOnceAsync(stoppingToken);
                if (moved > 0) log.LogInformation("{What}: {Count} moved on", what, moved);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogError(e, "{What}: the sweep failed; the next one tries again", what);
            }
        }
    }
}
