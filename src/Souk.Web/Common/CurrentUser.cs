using System.Security.Claims;

namespace Souk.Web.Common;

/// <summary>The signed-in person for this request, from whichever scheme authenticated them (cookie or bearer).</summary>
public sealed class CurrentUser(IHttpContextAccessor accessor)
{
    public const string SessionClaim = "souk:sid";
    public const string OperatorRole = "operator";

    ClaimsPrincipal Principal => accessor.HttpContext?.User ?? new ClaimsPrincipal();

    public bool IsAuthenticated => Principal.Identity?.IsAuthenticated == true;

    public Guid? Id => Guid.TryParse(Principal.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null;

    /// <summary>The id of a signed-in user; only call behind RequireAuthorization.</summary>
    public Guid RequiredId => Id ?? throw new InvalidOperationException("No signed-in user on this request.");

    public string? Handle => Principal.FindFirstValue(ClaimTypes.Name);

    public Guid? SessionId => Guid.TryParse(Principal.FindFirstValue(SessionClaim), out var sid) ? sid : null;

    public bool IsOperator => Principal.IsInRole(OperatorRole);
}
