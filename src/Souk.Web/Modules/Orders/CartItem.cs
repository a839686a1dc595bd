using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Souk.Web.Modules.Accounts;
using Souk.Web.Modules.Catalog;

namespace Souk.Web.Modules.Orders;

/// <summary>
/// One line of a buyer's cart: a product SKU (with a quantity) or a second-hand listing (always 1). Nothing is reserved:
/// stock is taken at payment, atomically with the escrow hold. A line whose item sold out stays, marked, until removed.
/// </summary>
public sealed class CartItem
{
    public long Id { get; set; }
    public Guid UserId { get; set; }
    public long? SkuId { get; set; }
    public long? ListingId { get; set; }
    public int Quantity { get; set; }
    public DateTime AddedAt { get; set; }
}

sealed class CartItemConfiguration : IEntityTypeConfiguration<CartItem>
{
    public void Configure(EntityTypeBuilder<CartItem> b)
    {
        b.ToTable("CartItems", t =>
        {
            t.HasCheckConstraint("CK_CartItems_OneItem", "(\"SkuId\" IS NULL) <> (\"ListingId\" IS NULL)");
            t.HasCheckConstraint("CK_CartItems_Quantity", "\"Quantity\" > 0");
        });
        b.HasKey(c => c.Id);
        b.HasIndex(c => new { c.UserId, c.SkuId }).IsUnique().HasFilter("\"SkuId\" IS NOT NULL");
        b.HasIndex(c => new { c.UserId, c.ListingId }).IsUnique().HasFilter("\"ListingId\" IS NOT NULL");
        b.HasOne<SoukUser>().WithMany().HasForeignKey(c => c.UserId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Sku>().WithMany().HasForeignKey(c => c.SkuId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Listing>().WithMany().HasForeignKey(c => c.ListingId).OnDelete(DeleteBehavior.Cascade);
    }
}
