using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Souk.Web.Common;
using Souk.Web.Data;
using Souk.Web.Modules.Accounts;
using Souk.Web.Modules.Catalog;

namespace Souk.Web.Modules.GroupBuys;

// What the starter of a team that is not filling may do before its deadline, as the seller allows. Never renumber.
public enum TeamFallback
{
    /// <summary>Nothing: an incomplete team fails at its deadline and everyone is refunded.</summary>
    None = 0,
    /// <summary>The starter may buy alone at the solo price (paying the difference); the others are refunded.</summary>
    SoloPrice = 1,
    /// <summary>The starter may close the team at the size reached, at that size's tier price (every member pays the difference).</summary>
    Shrink = 2,
}

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
    /// <summary>
    /// At most this many units at the team price (null: no limit). Starting a team holds a unit for each of its seats, so a
    /// started team can always fill; UnitsHeld counts them (also without a limit), and a team that closes with seats unsold,
    /// or whose starter buys alone at the solo price, gives its units back.
    /// </summary>
    public int? MaxUnits { get; set; }
    public int UnitsHeld { get; set; }
    public TeamFallback Fallback { get; set; }
    /// <summary>For <see cref="TeamFallback.Shrink"/>: the smaller sizes the seller allows and each one's price.</summary>
    public List<TeamTier> Tiers { get; set; } = [];
    public DateTime CreatedAt { get; set; }
    public DateTime? EndedAt { get; set; }
}

/// <summary>A smaller team the seller accepts, at a smaller discount: Size members pay Price each (team price &lt; Price &lt; solo price).</summary>
public sealed class TeamTier
{
    public long Id { get; set; }
    public long TeamOfferId { get; set; }
    public int Size { get; set; }
    public Money Price { get; set; }
}

sealed class TeamOfferConfiguration : IEntityTypeConfiguration<TeamOffer>
{
    public void Configure(EntityTypeBuilder<TeamOffer> b)
    {
        b.ToTable("TeamOffers", t =>
        {
            t.HasCheckConstraint("CK_TeamOffers_Size", $"\"TeamSize\" BETWEEN {TeamOffer.SizeMin} AND {TeamOffer.SizeMax}");
            t.HasCheckConstraint("CK_TeamOffers_Started", "\"MaxTeams\" IS NULL OR \"TeamsStarted\" <= \"MaxTeams\"");
            t.HasCheckConstraint("CK_TeamOffers_Units", "\"UnitsHeld\" >= 0 AND (\"MaxUnits\" IS NULL OR \"UnitsHeld\" <= \"MaxUnits\")");
        });
        b.HasKey(o => o.Id);
        b.ComplexProperty(o => o.TeamPrice, p => p.IsMoney("TeamPrice"));
        // One live offer per SKU.
        b.HasIndex(o => o.SkuId).IsUnique().HasFilter("\"EndedAt\" IS NULL");
        b.HasIndex(o => o.ProductId);
        b.HasOne<Product>().WithMany().HasForeignKey(o => o.ProductId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Sku>().WithMany().HasForeignKey(o => o.SkuId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<SoukUser>().WithMany().HasForeignKey(o => o.SellerId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(o => o.Tiers).WithOne().HasForeignKey(t => t.TeamOfferId).OnDelete(DeleteBehavior.Cascade);
    }
}

sealed class TeamTierConfiguration : IEntityTypeConfiguration<TeamTier>
{
    public void Configure(EntityTypeBuilder<TeamTier> b)
    {
        b.ToTable("TeamTiers");
        b.HasKey(t => t.Id);
        b.ComplexProperty(t => t.Price, p => p.IsMoney("Price"));
        b.HasIndex(t => new { t.TeamOfferId, t.Size }).IsUnique();
    }
}
