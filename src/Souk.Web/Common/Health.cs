using Microsoft.Extensions.Diagnostics.HealthChecks;
using Souk.Web.Data;

namespace Souk.Web.Common;

public static class Health
{
    public static IServiceCollection AddSoukHealth(this IServiceCollection services)
    {
        services.AddHealthChecks().AddDbContextCheck<SoukDb>("database", tags: ["ready"]);
        return services;
    }

    /// <summary>/healthz: the process answers. /readyz: and the database is reachable.</summary>
    public static void MapSoukHealth(this WebApplication app)
    {
        app.MapHealthChecks("/healthz", new() { Predicate = _ => false }).DisableHttpMetrics();
        app.MapHealthChecks("/readyz", new()
        {
            Predicate = c => c.Tags.Contains("ready"),
            ResultStatusCodes = { [HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable },
        });
    }
}
