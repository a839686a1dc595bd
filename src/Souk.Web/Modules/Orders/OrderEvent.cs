using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Souk.Web.Modules.Orders;

// Stored as integers: never renumber.
public enum OrderEventKind
{
    Paid = 0,
    Accepted = 1,
    Shipped = 2,
    /// <summary>The buyer confirmed receipt (in the app, or by scanning the seller's QR code at a meet-up).</summary>
    Confirmed = 3,
    /// <summary>The sweeper released the money when the buyer neither confirmed nor disputed in time.</summary>
    AutoReleased = 4,
    CancelledByBuyer = 5,
    CancelledBySeller = 6,
    /// <summary>The seller did not accept in time.</summary>
    AcceptDeadlineMissed = 7,
    /// <summary>The seller did not ship in time.</summary>
    ShipDeadlineMissed = 8,
    DisputeOpened = 9,
    DisputeEscalated = 10,
    /// <summary>Resolved with a refund of Amount (all or part) and the rest released.</summary>
    DisputeResolved = 11,
    /// <summary>The order's group-buy team filled: the order goes on as a paid order.</summary>
    TeamCompleted = 12,
    /// <summary>The team did not fill in time: cancelled and refunded in full (Amount), the stock put back.</summary>
    TeamFailed = 13,
    /// <summary>The team's starter took a fallback (solo price, or a smaller team at its tier price): this seat was refunded in full
    /// (Amount) and bought again at the new price as a new order.</summary>
    TeamRepriced = 14,
}

/// <summary>One step of an order's timeline, written in the same transaction as the step itself.</summary>
public sealed class OrderEvent
{
    public long Id { get; set; }
    public long OrderId { get; set; }
    public OrderEventKind Kind { get; set; }
    /// <summary>Who did it; null for the sweeper.</summary>
    public Guid? ActorId { get; set; }
    /// <summary>Money the step moved back to the buyer, in the order's currency (refunds); null otherwise.</summary>
    public long? Amount { get; set; }
    public string? Note { get; set; }
    public DateTime At { get; set; }
    /// <summary>
    /// Not yet posted as a card into the buyer–seller chat. Set with the event, cleared by the one poster that wins
    /// (<see cref="OrderChatCards"/>), so a card is posted once, and a crash between the step and its card is made good later.
    /// </summary>
    public bool ChatPending { get; set; }
}

sealed class OrderEventConfiguration : IEntityTypeConfiguration<OrderEvent>
{
    public void Configure(EntityTypeBuilder<OrderEvent> b)
    {
        b.ToTable("OrderEvents");
        b.HasKey(e => e.Id);
        b.Property(e => e.Note).HasMaxLength(500);
        b.HasIndex(e => new { e.OrderId, e.Id });
        // The sweeper's search for cards a crash left unposted: only pending rows are in it.
        b.HasIndex(e => e.Id).HasDatabaseName("IX_OrderEvents_ChatPending").HasFilter("\"ChatPending\"");
        b.HasOne<Order>().WithMany().HasForeignKey(e => e.OrderId).OnDelete(DeleteBehavior.Cascade);
    }
}
