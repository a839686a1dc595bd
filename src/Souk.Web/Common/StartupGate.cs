using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Souk.Web.Common;

/// <summary>
/// Holds requests until the database is migrated. The server starts listening (Kestrel, routing, the first page's code)
/// while the migrations run on the other core, and a request that arrives early waits for them instead of failing.
/// /healthz and /readyz are never held: the process is alive, and /readyz says 503 until the gate opens.
/// Also knows whether demo data is still being written, which Home mentions.
/// </summary>
public sealed class StartupGate
{
    readonly TaskCompletionSource opened = new(TaskCreationOptions.RunContinuationsAsynchronously);
    readonly TaskCompletionSource finished = new(TaskCreationOptions.RunContinuationsAsynchronously);
    volatile bool demoPending;

    /// <summary>Completes when the database is ready; faults when it could not be made ready.</summary>
    public Task Opened => opened.Task;

    public bool IsOpen => opened.Task.IsCompletedSuccessfully;

    /// <summary>Completes when the start-up work is over: the database ready and any demo data written (faults if it failed).</summary>
    public Task Finished => finished.Task;

    /// <summary>True while demo content is still being added after the gate opened (a first start with demo data).</summary>
    public bool DemoPending => demoPending;

    public void Open(bool demoPending)
    {
        this.demoPending = demoPending;
        opened.TrySetResult();
    }

    /// <summary>The start-up work failed: requests held at the gate (or arriving later) get a 503.</summary>
    public void Fail(Exception error)
    {
        demoPending = false;
        opened.TrySetException(error);
        finished.TrySetException(error);
    }

    public void Finish()
    {
        demoPending = false;
        finished.TrySetResult();
    }
}

public static class StartupGateSetup
{
    public static IServiceCollection AddStartupGate(this IServiceCollection services)
    {
        services.AddSingleton<StartupGate>();
        services.AddHealthChecks().AddCheck<StartupGateCheck>("startup", tags: ["ready"]);
        return services;
    }

    /// <summary>First in the pipeline: once open it costs one field read per request.</summary>
    public static void UseStartupGate(this WebApplication app)
    {
        var gate = app.Services.GetRequiredService<StartupGate>();
        app.Use(async (HttpContext context, RequestDelegate next) =>
        {
            if (!gate.IsOpen && !context.Request.Path.StartsWithSegments("/healthz") && !context.Request.Path.StartsWithSegments("/readyz"))
            {
                try
                {
                    await gate.Opened.WaitAsync(context.RequestAborted);
                }
                catch (Exception) when (!context.RequestAborted.IsCancellationRequested)
                {
                    // The start failed (the process is on its way out): say so rather than hang or pretend.
                    await TypedResults.Problem(title: "Souk could not start", detail: "The database could not be prepared; see the server log.",
                        statusCode: StatusCodes.Status503ServiceUnavailable).ExecuteAsync(context);
                    return;
                }
            }
            await next(context);
        });
    }
}

/// <summary>Part of /readyz: not ready while the database is still being migrated.</summary>
sealed class StartupGateCheck(StartupGate gate) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(gate.IsOpen ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy("The database is still being prepared."));
}
