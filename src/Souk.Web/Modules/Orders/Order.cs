using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Souk.Web.Common;
using Souk.Web.Data;
using Souk.Web.Modules.Accounts;

namespace Souk.Web.Modules.Orders;

// Stored as integers: never renumber.
public enum OrderState
{
    /// <summary>Paid: the money is held in escrow and the stock taken; the seller must accept by DeadlineAt.</summary>
    Paid = 0,
    /// <summary>The seller accepted; it must ship (or hand over at the meet-up) by DeadlineAt.</summary>
    Accepted = 1,
    /// <summary>Shipped with a tracking note; released to the seller at DeadlineAt unless the buyer confirms or disputes first.</summary>
    Shipped = 2,
    /// <summary>Final: the hold was released to the seller (minus the platform fee and any partial refund).</summary>
    Completed = 3,
    /// <summary>Final: cancelled before shipping (by a side or a missed deadline); refunded in full and the stock restored.</summary>
    Cancelled = 4,
    /// <summary>The buyer opened a dispute: no deadline runs, the money stays held until it is resolved.</summary>
    Disputed = 5,
    /// <summary>Final: a dispute ended with a full refund.</summary>
    Refunded = 6,
    /// <summary>
    /// A group-buy seat: paid (held in escrow, stock taken) at the team price, waiting for the team to fill. No deadline of its
    /// own: when the team fills it becomes Paid; when the team's time runs out it is cancelled and refunded.
    /// </summary>
    AwaitingTeam = 7,
}

// Stored as integers: never renumber.
public enum DeliveryMethod
{
    Shipping = 0,
    MeetUp = 1,
}

/// <summary>
/// One seller's part of a checkout. Every state change is a conditional UPDATE on the state it leaves (so of two racing
/// changes exactly one happens) in the same database transaction as the money it moves through Wallet and an
/// <see cref="OrderEvent"/>. Deadlines are data: <see cref="DeadlineAt"/> is when the current state runs out (accept,
/// ship, automatic release); the sweeper moves due orders on, so a restart never skips one.
/// </summary>
public sealed class Order
{
    public long Id { get; set; }
    public Guid BuyerId { get; set; }
    public Guid SellerId { get; set; }
    /// <summary>The shop for product orders; null for a second-hand listing.</summary>
    public long? ShopId { get; set; }
    public OrderState State { get; set; }
    public DeliveryMethod Delivery { get; set; }
    public string? ShippingName { get; set; }
    public string? ShippingAddress { get; set; }
    public string? ShippingPhone { get; set; }
    public string? MeetUpPlace { get; set; }
    public Money ItemsTotal { get; set; }
    public Money DeliveryFee { get; set; }
    /// <summary>What the buyer paid and escrow holds: ItemsTotal + DeliveryFee.</summary>
    public Money Total { get; set; }
    /// <summary>The accepted offer from chat this order was bought at, if any (one order per offer).</summary>
    public long? OfferId { get; set; }
    /// <summary>The Wallet hold of Total.</summary>
    public long? HoldId { get; set; }
    public string? TrackingNote { get; set; }
    /// <summary>
    /// The secret in the seller's order QR code for a meet-up: the buyer scans it to confirm receipt in person. Random,
    /// shown only to the seller.
    /// </summary>
    public string MeetUpCode { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    public DateTime? AcceptedAt { get; set; }
    public DateTime? ShippedAt { get; set; }
    public DateTime? CompletedAt { get; set; }
    public DateTime? CancelledAt { get; set; }
    /// <summary>When the current state runs out (see <see cref="OrderState"/>); null in Disputed and final states.</summary>
    public DateTime? DeadlineAt { get; set; }
    public List<OrderLine> Lines { get; set; } = [];

    public static bool IsFinal(OrderState s) => s is OrderState.Completed or OrderState.Cancelled or OrderState.Refunded;
}

/// <summary>What was bought, copied at checkout (title, variant, price) so later edits of the product never change an order.</summary>
public sealed class OrderLine
{
    public long Id { get; set; }
    public long OrderId { get; set; }
    public long? SkuId { get; set; }
    public long? ProductId { get; set; }
    public long? ListingId { get; set; }
    public string Title { get; set; } = "";
    /// <summary>The SKU's options ("Red / M"), empty for a listing or a single-SKU product.</summary>
    public string Variant { get; set; } = "";
    public Guid? PhotoId { get; set; }
    public Money UnitPrice { get; set; }
    public int Quantity { get; set; }
}

sealed class OrderConfiguration : IEntityTypeConfiguration<Order>
{
    public void Configure(EntityTypeBuilder<Order> b)
    {
        b.ToTable("Orders", t =>
        {
            t.HasCheckConstraint("CK_Orders_TotalPositive", "\"TotalAmount\" > 0");
            t.HasCheckConstraint("CK_Orders_TotalAdds", "\"TotalAmount\" = \"ItemsTotalAmount\" + \"DeliveryFeeAmount\"");
        });
        b.HasKey(o => o.Id);
        b.ComplexProperty(o => o.ItemsTotal, p => p.IsMoney("ItemsTotal"));
        b.ComplexProperty(o => o.DeliveryFee, p => p.IsMoney("DeliveryFee"));
        b.ComplexProperty(o => o.Total, p => p.IsMoney("Total"));
        b.Property(o => o.ShippingName).HasMaxLength(100);
        b.Property(o => o.ShippingAddress).HasMaxLength(500);
        b.Property(o => o.ShippingPhone).HasMaxLength(40);
        b.Property(o => o.MeetUpPlace).HasMaxLength(200);
        b.Property(o => o.TrackingNote).HasMaxLength(500);
        b.Property(o => o.MeetUpCode).HasMaxLength(64).IsRequired();
        b.HasIndex(o => new { o.BuyerId, o.Id });
        b.HasIndex(o => new { o.SellerId, o.Id });
        // The sweeper's query: due deadlines, oldest first.
        b.HasIndex(o => o.DeadlineAt);
        b.HasIndex(o => o.OfferId).IsUnique().HasFilter("\"OfferId\" IS NOT NULL");
        b.HasMany(o => o.Lines).WithOne().HasForeignKey(l => l.OrderId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<SoukUser>().WithMany().HasForeignKey(o => o.BuyerId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<SoukUser>().WithMany().HasForeignKey(o => o.SellerId).OnDelete(DeleteBehavior.Restrict);
    }
}

sealed class OrderLineConfiguration : IEntityTypeConfiguration<OrderLine>
{
    public void Configure(EntityTypeBuilder<OrderLine> b)
    {
        b.ToTable("OrderLines", t => t.HasCheckConstraint("CK_OrderLines_QuantityPositive", "\"Quantity\" > 0"));
        b.HasKey(l => l.Id);
        b.Property(l => l.Title).HasMaxLength(200).IsRequired();
        b.Property(l => l.Variant).HasMaxLength(200).IsRequired();
        b.ComplexProperty(l => l.UnitPrice, p => p.IsMoney("UnitPrice"));
        b.HasIndex(l => l.OrderId);
        b.HasIndex(l => l.SkuId);
        b.HasIndex(l => l.ListingId);
    }
}
