using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Souk.Web.Modules.Accounts;
using Souk.Web.Modules.Orders;

namespace Souk.Web.Modules.GroupBuys;

// Stored as integers: never renumber.
public enum TeamState
{
    /// <summary>Taking members until ExpiresAt.</summary>
    Open = 0,
    /// <summary>Every seat was paid in time: the members' orders go on as paid orders.</summary>
    Complete = 1,
    /// <summary>The time ran out first: every member was refunded in full and the stock put back.</summary>
    Failed = 2,
    /// <summary>The starter chose to buy alone at the solo price before the deadline; the other members were refunded.</summary>
    Solo = 3,
}

/// <summary>
/// One team on a <see cref="TeamOffer"/>. Seats counts the paid members; a seat is taken by one conditional UPDATE
/// (Seats &lt; Size, Open, not expired) in the same transaction as the seat's payment, so a team never takes more members than
/// its size and the last seat has exactly one winner. ExpiresAt is the deadline the sweeper applies (deadlines are data).
/// </summary>
public sealed class Team
{
    public long Id { get; set; }
    public long TeamOfferId { get; set; }
    public Guid StarterId { get; set; }
    public TeamState State { get; set; }
    public int Size { get; set; }
    public int Seats { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime ExpiresAt { get; set; }
    public DateTime? ClosedAt { get; set; }
}

/// <summary>
/// A paid seat: who, and the order (AwaitingTeam until the team fills) that paid for it. Open while the team is: the
/// filtered unique index allows one open seat per person per offer, and the other one a single seat per person per team.
/// </summary>
public sealed class TeamMember
{
    public long Id { get; set; }
    public long TeamId { get; set; }
    public long TeamOfferId { get; set; }
    public Guid UserId { get; set; }
    public long OrderId { get; set; }
    public bool Open { get; set; }
    public DateTime JoinedAt { get; set; }
}

sealed class TeamConfiguration : IEntityTypeConfiguration<Team>
{
    public void Configure(EntityTypeBuilder<Team> b)
    {
        b.ToTable("Teams", t => t.HasCheckConstraint("CK_Teams_Seats", "\"Seats\" >= 0 AND \"Seats\" <= \"Size\""));
        b.HasKey(t => t.Id);
        // The sweeper's query (open teams by deadline) and the product page's (open teams of an offer).
        b.HasIndex(t => new { t.State, t.ExpiresAt });
        b.HasIndex(t => new { t.TeamOfferId, t.State });
        b.HasOne<TeamOffer>().WithMany().HasForeignKey(t => t.TeamOfferId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<SoukUser>().WithMany().HasForeignKey(t => t.StarterId).OnDelete(DeleteBehavior.Restrict);
    }
}

sealed class TeamMemberConfiguration : IEntityTypeConfiguration<TeamMember>
{
    public void Configure(EntityTypeBuilder<TeamMember> b)
    {
        b.ToTable("TeamMembers");
        b.HasKey(m => m.Id);
        b.HasIndex(m => new { m.TeamId, m.UserId }).IsUnique();
        b.HasIndex(m => new { m.TeamOfferId, m.UserId }).IsUnique().HasDatabaseName("IX_TeamMembers_OneOpenSeatPerOffer").HasFilter("\"Open\"");
        b.HasIndex(m => new { m.UserId, m.Id });
        b.HasOne<Team>().WithMany().HasForeignKey(m => m.TeamId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<SoukUser>().WithMany().HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Order>().WithMany().HasForeignKey(m => m.OrderId).OnDelete(DeleteBehavior.Restrict);
    }
}
