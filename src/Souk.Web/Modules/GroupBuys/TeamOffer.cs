using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Souk.Web.Common;
using Souk.Web.Data;
using Souk.Web.Modules.Accounts;
using Souk.Web.Modules.Catalog;

namespace Souk.Web.Modules.GroupBuys;

/// <summary>
/// A seller's team price on one SKU (Pinduoduo's team purchase): whoever starts a team or joins one pays TeamPrice instead of
/// the SKU's solo price; the team has TeamSize seats and WindowHours to fill them. One live offer per SKU; ending it
/// (EndedAt) stops new teams, while teams already open run their course.
/// </summary>
public sealed class TeamOffer
{
    public const int SizeMin = 2, SizeMax = 50, WindowMin = 1, WindowMax = 72, WindowDefault = 24;

    public long Id { get; set; }
    public long ProductId { get; set; }
    public long SkuId { get; set; }
    public long ShopId { get; set; }
    /// <summary>The shop's owner: the seller of every seat's order, who may not take a seat.</summary>
    public Guid SellerId { get; set; }
    public Money TeamPrice { get; set; }
    public int TeamSize { get; set; }
    public int WindowHours { get; set; }
    /// <summary>At most this many teams may be started (null: no limit); TeamsStarted counts them.</summary>
    public int? MaxTeams { get; set; }
    public int TeamsStarted { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? EndedAt { get; set; }
}

sealed class TeamOfferConfiguration : IEntityTypeConfiguration<TeamOffer>
{
    public void Configure(EntityTypeBuilder<TeamOffer> b)
    {
        b.ToTable("TeamOffers", t =>
        {
            t.HasCheckConstraint("CK_TeamOffers_Size", $"\"TeamSize\" BETWEEN {TeamOffer.SizeMin} AND {TeamOffer.SizeMax}");
            t.HasCheckConstraint("CK_TeamOffers_Started", "\"MaxTeams\" IS NULL OR \"TeamsStarted\" <= \"MaxTeams\"");
        });
        b.HasKey(o => o.Id);
        b.ComplexProperty(o => o.TeamPrice, p => p.IsMoney("TeamPrice"));
        // One live offer per SKU.
        b.HasIndex(o => o.SkuId).IsUnique().HasFilter("\"EndedAt\" IS NULL");
        b.HasIndex(o => o.ProductId);
        b.HasOne<Product>().WithMany().HasForeignKey(o => o.ProductId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Sku>().WithMany().HasForeignKey(o => o.SkuId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<SoukUser>().WithMany().HasForeignKey(o => o.SellerId).OnDelete(DeleteBehavior.Restrict);
    }
}
