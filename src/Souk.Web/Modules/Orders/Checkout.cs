using System.ComponentModel;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Souk.Web.Common;
using Souk.Web.Data;
using Souk.Web.Modules.Catalog;
using Souk.Web.Modules.Chat;
using Souk.Web.Modules.Wallet;

namespace Souk.Web.Modules.Orders;

public sealed record CheckoutDelivery(
    [property: Description("shipping or meetUp.")] string? Method,
    [property: Description("Shipping: the recipient, 1–100 characters.")] string? Name,
    [property: Description("Shipping: the full address, 1–500 characters.")] string? Address,
    [property: Description("Shipping: a phone number for the courier, 1–40 characters.")] string? Phone,
    [property: Description("Meet-up: where (default: the seller's meet-up place), up to 200 characters.")] string? MeetUpPlace);

public sealed record CheckoutRequest(
    CheckoutDelivery? Delivery,
    [property: Description("Cart line ids to buy (default: the whole cart).")] long[]? Items,
    [property: Description("An offer accepted in chat: buys its listing at the offer's amount (items are then ignored).")] long? OfferId);

public sealed record OrderSummary(long Id, string Url, CartSellerResponse Seller, OrderState State, DeliveryMethod Delivery, Money ItemsTotal, Money DeliveryFee,
    Money Total, DateTime? DeadlineAt, IReadOnlyList<CartLineResponse> Lines);

public sealed record CheckoutResponse(IReadOnlyList<OrderSummary> Orders);

/// <summary>
/// POST /api/v1/checkout (Idempotency-Key): pays for the cart (or an accepted offer) from the wallet, one order per seller and
/// currency. Everything happens in the one transaction the idempotency filter holds: the orders are written as Paid, the
/// bought lines leave the cart, the money is held in escrow and the stock is taken (SKUs in id order, so two checkouts never
/// wait on each other's rows in opposite orders; then each listing Active → Sold). Any refusal (sold out 409, not enough
/// money 422) answers an error, which rolls all of it back: nothing is half-bought.
/// </summary>
public sealed class CheckoutService(SoukDb db, CartReader reader, Inventory inventory, ListingService listings, Escrow escrow, Ledger ledger,
    OrderOptions options, OrderChatCards cards, TimeProvider clock)
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/checkout", (CheckoutRequest req, CurrentUser current, CheckoutService checkout, HttpContext http, CancellationToken ct) =>
                checkout.PayAsync(current.RequiredId, req, http, ct))
            .WithTags("Orders").RequireAuthorization().RequireIdempotencyKey("checkout")
            .WithSummary("Pay for the cart (or an accepted offer) from the wallet");

    public async Task<Results<Created<CheckoutResponse>, ValidationProblem, ProblemHttpResult>> PayAsync(
        Guid buyer, CheckoutRequest req, HttpContext? http, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var delivery = ReadDelivery(req.Delivery, errors);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);

        List<CartGroup> groups;
        long? offerId = null;
        if (req.OfferId is { } oid)
        {
            var offer = await db.Offers.AsNoTracking().FirstOrDefaultAsync(o => o.Id == oid && o.BuyerId == buyer, ct);
            if (offer is null) return Problems.NotFound("You have no offer with this id.");
            if (offer.State != OfferState.Accepted) return Problems.Conflict("Only an accepted offer can be paid for.", "offerId");
            if (await db.Orders.AnyAsync(o => o.OfferId == oid, ct)) return Problems.Conflict("This offer has been paid for already.", "offerId");
            var line = await reader.ListingLineAsync(offer.ListingId, ct);
            if (line is null) return Problems.NotFound("The listing of this offer is gone.");
            groups = [new CartGroup(line.Seller, offer.Amount.Currency, [line with { UnitPrice = offer.Amount, Id = 0 }])];
            offerId = oid;
        }
        else
        {
            var lines = await reader.ReadAsync(buyer, req.Items, ct);
            if (req.Items is { Length: > 0 } wanted && lines.Count != wanted.Distinct().Count())
                return Problems.Field("items", "Some of these lines are not in your cart.");
            if (lines.Count == 0) return Problems.Field("items", "Your cart is empty.");
            groups = CartGroup.From(lines);
        }
        return await PayGroupsAsync(buyer, delivery, groups, offerId, OrderState.Paid, http, ct);
    }

    /// <summary>
    /// A group-buy seat (GroupBuys): one unit of a SKU at the team price, paid from the wallet like any checkout, as an order
    /// that waits for its team (AwaitingTeam, no deadline of its own), or, when a team's starter takes a fallback, as a paid
    /// order at the new price. Runs in the caller's transaction, with its seat claim.
    /// </summary>
    public async Task<Results<Created<CheckoutResponse>, ValidationProblem, ProblemHttpResult>> PayTeamSeatAsync(
        Guid buyer, long skuId, Money teamPrice, CheckoutDelivery? deliveryInput, CancellationToken ct, OrderState initial = OrderState.AwaitingTeam)
    {
        var errors = new Dictionary<string, string[]>();
        var delivery = ReadDelivery(deliveryInput, errors);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        var line = await reader.SkuLineAsync(skuId, 1, ct);
        if (line is null) return Problems.NotFound("This product is no longer sold.");
        return await PayGroupsAsync(buyer, delivery, [new CartGroup(line.Seller, teamPrice.Currency, [line with { UnitPrice = teamPrice }])],
            null, initial, null, ct);
    }

    async Task<Results<Created<CheckoutResponse>, ValidationProblem, ProblemHttpResult>> PayGroupsAsync(
        Guid buyer, Delivery delivery, List<CartGroup> groups, long? offerId, OrderState initial, HttpContext? http, CancellationToken ct)
    {
        // What each order costs with the chosen delivery; a group that cannot go the chosen way is the buyer's to fix.
        var priced = new List<(CartGroup Group, Money Fee, string? Place)>();
        foreach (var g in groups)
        {
            if (delivery.Method == DeliveryMethod.Shipping && g.ShippingFee is not { } fee)
                return Problems.Field("delivery.method", $"{g.Seller.Name} does not ship {string.Join(", ", g.Lines.Where(l => l.ShippingFee is null).Select(l => l.Title))}; choose meet-up or leave it out.");
            if (delivery.Method == DeliveryMethod.MeetUp && !g.MeetUp)
                return Problems.Field("delivery.method", $"{g.Seller.Name} does not meet up for {string.Join(", ", g.Lines.Where(l => !l.MeetUp).Select(l => l.Title))}; choose shipping or leave it out.");
            priced.Add((g, delivery.Method == DeliveryMethod.Shipping ? g.ShippingFee!.Value : new Money(0, g.Currency), delivery.MeetUpPlace ?? g.MeetUpPlace));
        }

        // Not enough money: say how much is missing per currency before touching stock (the hold checks again, atomically).
        var missing = new List<Money>();
        foreach (var c in priced.GroupBy(p => p.Group.Currency))
        {
            var needed = c.Sum(p => p.Group.ItemsTotal.Amount + p.Fee.Amount);
            var available = await ledger.AvailableAsync(buyer, c.Key, ct);
            if (available < needed) missing.Add(new Money(needed - available, c.Key));
        }
        if (missing.Count > 0) return InsufficientFunds(missing);

        // The rows every checkout of the same item or currency must wait for (the SKU's stock, the escrow account's balance)
        // are written last, just before the commit, so they stay locked for as short a time as possible (PostgreSQL row
        // locks; SQLite has one writer anyway). They are always taken in the same order: escrow, SKUs by id, listings by id.
        await using var tx = await db.Database.BeginOrJoinTransactionAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var orders = new List<(Order Order, CartGroup Group)>();
        foreach (var (group, fee, place) in priced)
        {
            var order = new Order
            {
                BuyerId = buyer, SellerId = group.Seller.Id, ShopId = group.Seller.ShopId, State = initial, Delivery = delivery.Method,
                ShippingName = delivery.Name, ShippingAddress = delivery.Address, ShippingPhone = delivery.Phone,
                MeetUpPlace = delivery.Method == DeliveryMethod.MeetUp ? place : null,
                ItemsTotal = group.ItemsTotal, DeliveryFee = fee, Total = new Money(group.ItemsTotal.Amount + fee.Amount, group.Currency),
                OfferId = offerId, MeetUpCode = NewMeetUpCode(), CreatedAt = now,
                // A group-buy seat has no deadline of its own until its team fills (its team's expiry governs).
                DeadlineAt = initial == OrderState.Paid ? now.AddDays(options.AcceptDays) : null,
                Lines = [.. group.Lines.Select(l => new OrderLine
                {
                    SkuId = l.SkuId, ProductId = l.ProductId, ListingId = l.ListingId, Title = l.Title, Variant = l.Variant, PhotoId = l.PhotoId,
                    UnitPrice = l.UnitPrice, Quantity = l.Quantity,
                })],
            };
            db.Orders.Add(order);
            orders.Add((order, group));
        }
        await db.SaveChangesAsync(ct);
        var bought = priced.SelectMany(p => p.Group.Lines).Select(l => l.Id).Where(id => id != 0).ToList();
        if (bought.Count > 0) await db.CartItems.Where(c => c.UserId == buyer && bought.Contains(c.Id)).ExecuteDeleteAsync(ct);

        foreach (var (order, _) in orders)
        {
            var (holdId, failure) = await escrow.HoldAsync(order.Id, buyer, order.SellerId, order.Total, ct);
            // Someone spent the money between the check above and here (another checkout of the same buyer).
            if (failure == EscrowFailure.InsufficientFunds) return InsufficientFunds([order.Total]);
            if (failure != EscrowFailure.None) throw new InvalidOperationException($"Escrow refused order {order.Id}: {failure}.");
            order.HoldId = holdId;
            db.OrderEvents.Add(new OrderEvent { OrderId = order.Id, Kind = OrderEventKind.Paid, ActorId = buyer, At = now, ChatPending = true });
            cards.Touched(order.Id);
        }
        // The answer if the stock is there (a sold-out answer rolls it back with everything else), and saved now with the holds
        // and events, so that once the stock is taken only the commit remains while the SKU row is locked.
        var answer = new CheckoutResponse([.. orders.Select(o => new OrderSummary(o.Order.Id, $"/orders/{o.Order.Id}",
            new(o.Group.Seller.Kind, o.Group.Seller.Name, o.Group.Seller.Handle, o.Group.Seller.ShopSlug), o.Order.State, o.Order.Delivery,
            o.Order.ItemsTotal, o.Order.DeliveryFee, o.Order.Total, o.Order.DeadlineAt, [.. o.Group.Lines.Select(CartLineResponse.From)]))]);
        Idempotency.AnswerEarly(http, StatusCodes.Status201Created, answer);
        await db.SaveChangesAsync(ct);

        var soldOut = new List<CartLineResponse>();
        foreach (var line in priced.SelectMany(p => p.Group.Lines).Where(l => l.SkuId is not null).OrderBy(l => l.SkuId))
        {
            if (await inventory.AdjustAsync(line.SkuId!.Value, -line.Quantity, StockReason.Sale, buyer, ct) is null)
                soldOut.Add(CartLineResponse.From(line));
        }
        foreach (var line in priced.SelectMany(p => p.Group.Lines).Where(l => l.ListingId is not null).OrderBy(l => l.ListingId))
        {
            // An accepted offer reserved the listing for this buyer (unless the seller turned reserving off, so try Active too).
            var id = line.ListingId!.Value;
            var sold = offerId is not null && await listings.MoveAsync(id, ListingState.Reserved, ListingState.Sold, ct)
                || await listings.MoveAsync(id, ListingState.Active, ListingState.Sold, ct);
            if (!sold) soldOut.Add(CartLineResponse.From(line));
        }
        // Refused: the error answer rolls back the orders, holds and cart change above with everything else.
        if (soldOut.Count > 0)
            return Problems.ConflictWith(soldOut.Count == 1 ? $"{soldOut[0].Title} has just sold out." : "Some items have just sold out.",
                new Dictionary<string, object?> { ["soldOut"] = soldOut });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);

        var soldListings = orders.SelectMany(o => o.Order.Lines).Select(l => l.ListingId).OfType<long>().ToList();
        if (soldListings.Count > 0)
        {
            // After the commit (the filter's, when it owns the transaction): a cached page must not show a sold item for sale.
            async Task ForgetAsync() { foreach (var id in soldListings) await listings.ForgetPageAsync(id); }
            if (http is not null) http.Response.OnCompleted(ForgetAsync);
            else await ForgetAsync();
        }
        return TypedResults.Created($"/api/v1/orders?role=buyer", answer);
    }

    static ProblemHttpResult InsufficientFunds(IReadOnlyList<Money> missing) =>
        TypedResults.Problem(new Microsoft.AspNetCore.Mvc.ProblemDetails
        {
            Status = StatusCodes.Status422UnprocessableEntity,
            Title = "Not enough money in your wallet",
            Detail = "Top up your wallet with a voucher, then pay again.",
            Extensions = { ["missing"] = missing, ["topUp"] = "/wallet" },
        });

    sealed record Delivery(DeliveryMethod Method, string? Name, string? Address, string? Phone, string? MeetUpPlace);

    static Delivery ReadDelivery(CheckoutDelivery? input, Dictionary<string, string[]> errors)
    {
        string? Text(string? value, string field, int max, bool required)
        {
            var v = value?.Trim();
            if (string.IsNullOrEmpty(v)) { if (required) errors[field] = ["Required for shipping."]; return null; }
            if (v.Length > max) { errors[field] = [$"At most {max} characters."]; return null; }
            return v;
        }
        switch (input?.Method)
        {
            case "shipping":
                return new(DeliveryMethod.Shipping, Text(input.Name, "delivery.name", 100, true), Text(input.Address, "delivery.address", 500, true),
                    Text(input.Phone, "delivery.phone", 40, true), null);
            case "meetUp":
                return new(DeliveryMethod.MeetUp, null, null, null, Text(input.MeetUpPlace, "delivery.meetUpPlace", 200, false));
            default:
                errors["delivery.method"] = ["Choose shipping or meetUp."];
                return new(DeliveryMethod.Shipping, null, null, null, null);
        }
    }

    /// <summary>What the seller's QR code carries for a meet-up hand-over: 128 random bits, so the buyer cannot confirm without it.</summary>
    static string NewMeetUpCode() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
}
