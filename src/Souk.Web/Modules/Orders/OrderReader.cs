using Microsoft.EntityFrameworkCore;
using Souk.Web.Common;
using Souk.Web.Data;
using Souk.Web.Modules.Catalog;

namespace Souk.Web.Modules.Orders;

public sealed record OrderParty(string Handle, string DisplayName);

public sealed record OrderLineResponse(long? SkuId, long? ProductId, long? ListingId, string Title, string Variant, MediaUrls? Photo, Money UnitPrice, int Quantity, string Url);

public sealed record OrderEventResponse(OrderEventKind Kind, string? Actor, Money? Refunded, string? Note, DateTime At);

public sealed record DisputeResponse(long Id, DisputeState State, DisputeReason Reason, string Details, IReadOnlyList<MediaUrls> Photos, Money? Refunded,
    string? ResolutionNote, DateTime OpenedAt, DateTime? EscalatedAt, DateTime? ResolvedAt);

/// <summary>An order as one of its sides (or an operator) sees it, with what the caller may do next.</summary>
public sealed record OrderResponse(
    long Id, string Url, OrderState State, string Role, OrderParty Buyer, OrderParty Seller, string? ShopSlug, DeliveryMethod Delivery,
    string? ShippingName, string? ShippingAddress, string? ShippingPhone, string? MeetUpPlace, string? TrackingNote,
    Money ItemsTotal, Money DeliveryFee, Money Total, DateTime CreatedAt, DateTime? DeadlineAt, IReadOnlyList<OrderLineResponse> Lines,
    IReadOnlyList<OrderEventResponse> Timeline, DisputeResponse? Dispute, IReadOnlyList<string> Actions,
    string? MeetUpQrUrl);

/// <summary>A row of an order list.</summary>
public sealed record OrderListItem(long Id, string Url, OrderState State, OrderParty Buyer, OrderParty Seller, Money Total, string Title, MediaUrls? Photo,
    int Items, DateTime CreatedAt, DateTime? DeadlineAt);

public sealed record OrderListPage(IReadOnlyList<OrderListItem> Items, string? NextCursor);

/// <summary>
/// Reads orders for the people allowed to see them: the buyer, the seller and operators. For anyone else an order does not
/// exist (null → 404), so ids cannot be probed.
/// </summary>
public sealed class OrderReader(SoukDb db, MediaUrlBuilder urls)
{
    public async Task<OrderResponse?> ReadAsync(long id, Guid viewer, bool isOperator, CancellationToken ct)
    {
        var order = await db.Orders.AsNoTracking().Include(o => o.Lines).FirstOrDefaultAsync(o => o.Id == id, ct);
        if (order is null || (order.BuyerId != viewer && order.SellerId != viewer && !isOperator)) return null;
        var people = await db.Users.AsNoTracking().Where(u => u.Id == order.BuyerId || u.Id == order.SellerId)
            .Select(u => new { u.Id, u.UserName, u.DisplayName }).ToDictionaryAsync(u => u.Id, u => new OrderParty(u.UserName ?? "", u.DisplayName), ct);
        var events = await db.OrderEvents.AsNoTracking().Where(e => e.OrderId == id).OrderBy(e => e.Id).ToListAsync(ct);
        var dispute = await db.Disputes.AsNoTracking().FirstOrDefaultAsync(d => d.OrderId == id, ct);
        var shopSlug = order.ShopId is { } shopId ? await db.Shops.Where(s => s.Id == shopId).Select(s => s.Slug).FirstOrDefaultAsync(ct) : null;
        var photos = await PhotosAsync(order.Lines.Select(l => l.PhotoId).Concat((dispute?.PhotoIds ?? []).Select(p => (Guid?)p)), ct);
        var role = order.BuyerId == viewer ? "buyer" : order.SellerId == viewer ? "seller" : "operator";
        string? Actor(Guid? who) => who is { } w ? people.TryGetValue(w, out var p) ? p.Handle : "operator" : null;
        var currency = order.Total.Currency;
        return new OrderResponse(order.Id, $"/orders/{order.Id}", order.State, role, people[order.BuyerId], people[order.SellerId], shopSlug, order.Delivery,
            order.ShippingName, order.ShippingAddress, order.ShippingPhone, order.MeetUpPlace, order.TrackingNote,
            order.ItemsTotal, order.DeliveryFee, order.Total, order.CreatedAt, order.DeadlineAt,
            [.. order.Lines.OrderBy(l => l.Id).Select(l => new OrderLineResponse(l.SkuId, l.ProductId, l.ListingId, l.Title, l.Variant,
                l.PhotoId is { } p && photos.TryGetValue(p, out var u) ? u : null, l.UnitPrice, l.Quantity,
                l.ListingId is { } li ? $"/l/{li}" : $"/p/{l.ProductId}"))],
            [.. events.Select(e => new OrderEventResponse(e.Kind, Actor(e.ActorId), e.Amount is { } a ? new Money(a, currency) : null, e.Note, e.At))],
            dispute is null ? null : new DisputeResponse(dispute.Id, dispute.State, dispute.Reason, dispute.Details,
                [.. dispute.PhotoIds.Where(photos.ContainsKey).Select(p => photos[p])],
                dispute.RefundAmount is { } r ? new Money(r, currency) : null, dispute.ResolutionNote, dispute.OpenedAt, dispute.EscalatedAt, dispute.ResolvedAt),
            OrderRules.Actions(order, dispute, viewer, isOperator),
            role == "seller" && order.Delivery == DeliveryMethod.MeetUp && order.State is OrderState.Accepted or OrderState.Shipped ? $"/orders/{order.Id}/qr.svg" : null);
    }

    /// <summary>Disputes in a state for operators, longest waiting first (escalated ones by when they were escalated).</summary>
    public Task<List<DisputeListItem>> DisputesAsync(DisputeState state, CancellationToken ct) =>
        (from d in db.Disputes.AsNoTracking()
         where d.State == state
         join o in db.Orders on d.OrderId equals o.Id
         orderby d.EscalatedAt ?? d.OpenedAt, d.Id
         select new DisputeListItem(d.Id, d.OrderId, d.State, d.Reason, d.Details, o.Total, d.OpenedAt, d.EscalatedAt)).Take(200).ToListAsync(ct);

    public Task<long?> OrderOfDisputeAsync(long disputeId, CancellationToken ct) =>
        db.Disputes.Where(d => d.Id == disputeId).Select(d => (long?)d.OrderId).FirstOrDefaultAsync(ct);

    /// <summary>The caller's purchases or sales, newest first, keyset-paged on the order id.</summary>
    public async Task<OrderListPage> ListAsync(Guid viewer, bool asSeller, long? before, int take, CancellationToken ct)
    {
        var query = db.Orders.AsNoTracking().Where(o => asSeller ? o.SellerId == viewer : o.BuyerId == viewer);
        if (before is { } b) query = query.Where(o => o.Id < b);
        var rows = await query.OrderByDescending(o => o.Id).Take(take + 1)
            .Select(o => new
            {
                o.Id, o.State, o.BuyerId, o.SellerId, o.Total, o.CreatedAt, o.DeadlineAt,
                First = o.Lines.OrderBy(l => l.Id).Select(l => new { l.Title, l.PhotoId }).First(),
                Items = o.Lines.Sum(l => l.Quantity),
            }).ToListAsync(ct);
        var more = rows.Count > take;
        if (more) rows.RemoveAt(take);
        var userIds = rows.SelectMany(r => new[] { r.BuyerId, r.SellerId }).Distinct().ToList();
        var people = await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id))
            .Select(u => new { u.Id, u.UserName, u.DisplayName }).ToDictionaryAsync(u => u.Id, u => new OrderParty(u.UserName ?? "", u.DisplayName), ct);
        var photos = await PhotosAsync(rows.Select(r => r.First.PhotoId), ct);
        return new OrderListPage([.. rows.Select(r => new OrderListItem(r.Id, $"/orders/{r.Id}", r.State, people[r.BuyerId], people[r.SellerId], r.Total, r.First.Title,
                r.First.PhotoId is { } p && photos.TryGetValue(p, out var u) ? u : null, r.Items, r.CreatedAt, r.DeadlineAt))],
            more ? Cursor.Encode(rows[^1].Id) : null);
    }

    Task<Dictionary<Guid, MediaUrls>> PhotosAsync(IEnumerable<Guid?> ids, CancellationToken ct) => urls.ForAssetsAsync(db, ids, ct);
}
