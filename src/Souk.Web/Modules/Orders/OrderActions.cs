using System.ComponentModel;
using Microsoft.AspNetCore.Http.HttpResults;
using Souk.Web.Common;
using Souk.Web.Modules.Catalog;

namespace Souk.Web.Modules.Orders;

public sealed record ShipOrderRequest([property: Description("Courier and tracking number; required for shipping, optional for a meet-up hand-over.")] string? TrackingNote);

public sealed record ConfirmOrderRequest([property: Description("Meet-up orders: the code from the seller's order QR.")] string? MeetUpCode);

public sealed record CancelOrderRequest([property: Description("Why, up to 500 characters (shown to the other side).")] string? Reason);

public sealed record OpenDisputeRequest(
    [property: Description("notReceived, notAsDescribed, damaged, counterfeit or other.")] DisputeReason? Reason,
    [property: Description("What went wrong, 1–2,000 characters.")] string? Details,
    [property: Description("Up to 6 of your own photos from POST /api/v1/media.")] Guid[]? PhotoIds);

public sealed record RefundDisputeRequest([property: Description("How much goes back to the buyer, in the order's currency (1 … total).")] MoneyInput? Amount);

public sealed record ResolveDisputeRequest(
    [property: Description("How much goes back to the buyer: 0 (all to the seller) … the total (all to the buyer).")] MoneyInput? RefundAmount,
    [property: Description("The decision's reasons, shown to both sides.")] string? Note);

/// <summary>
/// POST /api/v1/orders/{id}/accept|ship|confirm|cancel|dispute and /api/v1/disputes/{id}/refund|escalate|resolve. Every
/// route that moves money takes an Idempotency-Key. Each answers the order as the caller sees it afterwards.
/// </summary>
public static class OrderActions
{
    public static void Map(RouteGroupBuilder api)
    {
        var orders = api.MapGroup("/orders/{id:long}").WithTags("Orders").RequireAuthorization();
        orders.MapPost("/accept", (long id, CurrentUser me, OrderFlow flow, OrderReader reader, HttpContext http, CancellationToken ct) =>
            AnswerAsync(id, me, reader, http, flow, () => flow.AcceptAsync(id, me.RequiredId, ct), ct)).WithSummary("Seller: accept a paid order");
        orders.MapPost("/ship", (long id, ShipOrderRequest req, CurrentUser me, OrderFlow flow, OrderReader reader, HttpContext http, CancellationToken ct) =>
            AnswerAsync(id, me, reader, http, flow, () => flow.ShipAsync(id, me.RequiredId, req.TrackingNote, ct), ct)).WithSummary("Seller: shipped (or handed over at the meet-up)");
        orders.MapPost("/confirm", (long id, ConfirmOrderRequest? req, CurrentUser me, OrderFlow flow, OrderReader reader, HttpContext http, CancellationToken ct) =>
                AnswerAsync(id, me, reader, http, flow, () => flow.ConfirmAsync(id, me.RequiredId, req?.MeetUpCode, ct), ct))
            .RequireIdempotencyKey("orders.confirm").WithSummary("Buyer: received; releases the money to the seller");
        orders.MapPost("/cancel", (long id, CancelOrderRequest? req, CurrentUser me, OrderFlow flow, OrderReader reader, HttpContext http, CancellationToken ct) =>
                AnswerAsync(id, me, reader, http, flow, () => flow.CancelAsync(id, me.RequiredId, req?.Reason, ct), ct))
            .RequireIdempotencyKey("orders.cancel").WithSummary("Buyer before acceptance, seller before shipping: cancel and refund in full");
        orders.MapPost("/dispute", async (long id, OpenDisputeRequest req, CurrentUser me, OrderFlow flow, OrderReader reader, HttpContext http, CancellationToken ct) =>
                await AnswerAsync(id, me, reader, http, flow, () => OutcomeOf(flow.OpenDisputeAsync(id, me.RequiredId, req.Reason, req.Details, req.PhotoIds, ct)), ct))
            .RequireIdempotencyKey("orders.dispute").WithSummary("Buyer: open a dispute before the money is released");

        var disputes = api.MapGroup("/disputes/{id:long}").WithTags("Orders").RequireAuthorization();
        disputes.MapPost("/refund", (long id, RefundDisputeRequest req, CurrentUser me, OrderFlow flow, OrderReader reader, HttpContext http, CancellationToken ct) =>
                DisputeAnswerAsync(id, me, reader, http, flow, () => flow.SellerRefundAsync(id, me.RequiredId, req.Amount, ct), ct))
            .RequireIdempotencyKey("disputes.refund").WithSummary("Seller: refund all or part of a disputed order");
        disputes.MapPost("/escalate", (long id, CurrentUser me, OrderFlow flow, OrderReader reader, HttpContext http, CancellationToken ct) =>
            DisputeAnswerAsync(id, me, reader, http, flow, () => flow.EscalateAsync(id, me.RequiredId, ct), ct)).WithSummary("Buyer or seller: ask an operator to decide");
        disputes.MapPost("/resolve", (long id, ResolveDisputeRequest req, CurrentUser me, OrderFlow flow, OrderReader reader, HttpContext http, CancellationToken ct) =>
                DisputeAnswerAsync(id, me, reader, http, flow, () => flow.ResolveAsync(id, me.RequiredId, req.RefundAmount, req.Note, ct), ct))
            .RequireAuthorization(Accounts.Operators.Policy).RequireIdempotencyKey("disputes.resolve").WithSummary("Operator: decide an escalated dispute");
    }

    static async Task<OrderOutcome> OutcomeOf(Task<(OrderOutcome Outcome, long DisputeId)> step) => (await step).Outcome;

    static async Task<Results<Ok<OrderResponse>, ValidationProblem, ProblemHttpResult>> DisputeAnswerAsync(long disputeId, CurrentUser me, OrderReader reader,
        HttpContext http, OrderFlow flow, Func<Task<OrderOutcome>> step, CancellationToken ct)
    {
        // Read before the step: one DbContext, one operation at a time.
        var orderId = await reader.OrderOfDisputeAsync(disputeId, ct);
        return await AnswerAsync(orderId ?? 0, me, reader, http, flow, step, ct);
    }

    static async Task<Results<Ok<OrderResponse>, ValidationProblem, ProblemHttpResult>> AnswerAsync(long orderId, CurrentUser me, OrderReader reader,
        HttpContext http, OrderFlow flow, Func<Task<OrderOutcome>> step, CancellationToken ct)
    {
        var outcome = await step();
        switch (outcome.Failure)
        {
            case OrderFailure.NotFound: return Problems.NotFound(outcome.Detail!);
            case OrderFailure.Forbidden: return Problems.Forbidden(outcome.Detail!);
            case OrderFailure.Conflict: return Problems.Conflict(outcome.Detail!);
            case OrderFailure.Invalid: return Problems.Field(outcome.Field!, outcome.Detail!);
        }
        // Relisted items' cached pages go after the commit (the idempotency filter's, when it holds the transaction).
        if (flow.Relisted.Count > 0) http.Response.OnCompleted(flow.ForgetRelistedAsync);
        return TypedResults.Ok((await reader.ReadAsync(orderId, me.RequiredId, me.IsOperator, ct))!);
    }
}
