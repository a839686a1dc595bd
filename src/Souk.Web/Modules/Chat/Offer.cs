using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Souk.Web.Common;
using Souk.Web.Data;
using Souk.Web.Modules.Accounts;
using Souk.Web.Modules.Catalog;

namespace Souk.Web.Modules.Chat;

// Stored as integers: never renumber.
public enum OfferState
{
    /// <summary>The buyer offered Amount; the seller's turn.</summary>
    Open = 0,
    /// <summary>The seller countered with Amount; the buyer's turn.</summary>
    Countered = 1,
    Accepted = 2,
    Declined = 3,
    /// <summary>The buyer took it back.</summary>
    Withdrawn = 4,
}

/// <summary>
/// A buyer's offer on a listing (Carousell rules), negotiated in the buyer–seller conversation about that listing.
/// Amount is the latest proposal (the buyer's, or the seller's counter); each step is also an Offer message in the chat.
/// One open offer per buyer per listing: a filtered unique index, so two taps at once cannot open two.
/// An accepted offer is what the orders issue turns into a checkout at Amount for this buyer only.
/// </summary>
public sealed class Offer
{
    public long Id { get; set; }
    public long ListingId { get; set; }
    public Guid BuyerId { get; set; }
    public Guid SellerId { get; set; }
    public long ConversationId { get; set; }
    public Money Amount { get; set; }
    public OfferState State { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }

    public static bool IsOpenState(OfferState s) => s is OfferState.Open or OfferState.Countered;
}

sealed class OfferConfiguration : IEntityTypeConfiguration<Offer>
{
    public void Configure(EntityTypeBuilder<Offer> b)
    {
        b.ToTable("Offers", t => t.HasCheckConstraint("CK_Offers_AmountPositive", "\"AmountAmount\" > 0"));
        b.HasKey(o => o.Id);
        b.ComplexProperty(o => o.Amount, p => p.IsMoney("Amount"));
        // States 0 and 1 are the open ones (OfferState.Open, Countered).
        b.HasIndex(o => new { o.ListingId, o.BuyerId }).IsUnique().HasDatabaseName("IX_Offers_OneOpenPerBuyer").HasFilter("\"State\" IN (0, 1)");
        b.HasIndex(o => new { o.ListingId, o.State });
        b.HasIndex(o => new { o.BuyerId, o.Id });
        b.HasOne<Listing>().WithMany().HasForeignKey(o => o.ListingId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<SoukUser>().WithMany().HasForeignKey(o => o.BuyerId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<SoukUser>().WithMany().HasForeignKey(o => o.SellerId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Conversation>().WithMany().HasForeignKey(o => o.ConversationId).OnDelete(DeleteBehavior.Cascade);
    }
}
