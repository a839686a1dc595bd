using Microsoft.AspNetCore.Http.HttpResults;
using Souk.Web.Common;

namespace Souk.Web.Modules.Orders;

public sealed record DisputeListItem(long Id, long OrderId, DisputeState State, DisputeReason Reason, string Details, Money Total, DateTime OpenedAt, DateTime? EscalatedAt);

/// <summary>GET /api/v1/orders?role=buyer|seller&amp;cursor=, GET /api/v1/orders/{id} (its sides and operators; 404 for anyone else), GET /api/v1/disputes (operators).</summary>
public static class GetOrders
{
    public static void Map(RouteGroupBuilder api)
    {
        var orders = api.MapGroup("/orders").WithTags("Orders").RequireAuthorization();
        orders.MapGet("", List).WithSummary("My purchases or my sales, newest first");
        orders.MapGet("/{id:long}", async Task<Results<Ok<OrderResponse>, ProblemHttpResult>> (long id, CurrentUser me, OrderReader reader, CancellationToken ct) =>
            await reader.ReadAsync(id, me.RequiredId, me.IsOperator, ct) is { } order ? TypedResults.Ok(order) : Problems.NotFound("You have no order with this id."))
            .WithSummary("An order with its timeline and the caller's next steps");
        api.MapGet("/disputes", Disputes).WithTags("Orders").RequireAuthorization(Accounts.Operators.Policy).WithSummary("Operator: disputes by state (default escalated)");
    }

    static async Task<Results<Ok<OrderListPage>, ValidationProblem>> List(string? role, string? cursor, int? limit, CurrentUser me, OrderReader reader, CancellationToken ct)
    {
        if (role is not (null or "buyer" or "seller")) return Problems.Field("role", "buyer or seller.");
        if (!Cursor.TryDecode(cursor, out var before)) return Problems.Field("cursor", "Not a cursor from this list.");
        return TypedResults.Ok(await reader.ListAsync(me.RequiredId, role == "seller", before, Cursor.ClampLimit(limit), ct));
    }

    static async Task<Results<Ok<List<DisputeListItem>>, ValidationProblem>> Disputes(string? state, OrderReader reader, CancellationToken ct)
    {
        if (!Enum.TryParse<DisputeState>(state ?? "escalated", ignoreCase: true, out var wanted) || int.TryParse(state, out _))
            return Problems.Field("state", "open, escalated or resolved.");
        var rows = await reader.DisputesAsync(wanted, ct);
        return TypedResults.Ok(rows);
    }
}
