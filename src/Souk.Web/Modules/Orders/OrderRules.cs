namespace Souk.Web.Modules.Orders;

/// <summary>Who may take which step of an order in which state: what the API enforces and what pages offer, in one place.</summary>
public static class OrderRules
{
    public static bool BuyerMayCancel(OrderState s) => s == OrderState.Paid;

    public static bool SellerMayCancel(OrderState s) => s is OrderState.Paid or OrderState.Accepted;

    public static bool MayDispute(OrderState s) => s is OrderState.Paid or OrderState.Accepted or OrderState.Shipped;

    /// <summary>Shipped orders are confirmed on receipt; a meet-up order also when handed over before it was marked shipped.</summary>
    public static bool MayConfirm(Order o) => o.State == OrderState.Shipped || (o.Delivery == DeliveryMethod.MeetUp && o.State == OrderState.Accepted);

    /// <summary>The steps the viewer may take now, by their API names.</summary>
    public static IReadOnlyList<string> Actions(Order o, Dispute? dispute, Guid viewer, bool isOperator)
    {
        var actions = new List<string>();
        if (o.BuyerId == viewer)
        {
            if (MayConfirm(o)) actions.Add("confirm");
            if (BuyerMayCancel(o.State)) actions.Add("cancel");
            if (MayDispute(o.State)) actions.Add("dispute");
            if (dispute?.State == DisputeState.Open) actions.Add("escalate");
        }
        if (o.SellerId == viewer)
        {
            if (o.State == OrderState.Paid) actions.Add("accept");
            if (o.State == OrderState.Accepted) actions.Add("ship");
            if (SellerMayCancel(o.State)) actions.Add("cancel");
            if (dispute?.State == DisputeState.Open) actions.AddRange(["refund", "escalate"]);
        }
        if (isOperator && dispute?.State == DisputeState.Escalated) actions.Add("resolve");
        return actions;
    }
}
