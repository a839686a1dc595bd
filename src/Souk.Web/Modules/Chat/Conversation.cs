using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Souk.Web.Modules.Accounts;
using Souk.Web.Modules.Catalog;

namespace Souk.Web.Modules.Chat;

// Stored as integers: never renumber.
public enum ConversationKind
{
    Direct = 0,
    Group = 1,
}

/// <summary>
/// A one-to-one or group conversation, optionally about one listing or product (its card shows at the top).
/// A one-to-one conversation is found again by its DirectKey (the two people and the item), so "Chat with seller" reuses the
/// buyer–seller conversation for that listing instead of opening a second one; the unique index makes that hold under races.
/// LastMessageId orders the conversation list (newest activity first) and is the keyset cursor of that list.
/// </summary>
public sealed class Conversation
{
    public const int TitleMax = 80;
    public const int GroupMembersMax = 100;

    public long Id { get; set; }
    public ConversationKind Kind { get; set; }
    public string? Title { get; set; }
    /// <summary>Who created it; for a group, the owner who adds and removes members.</summary>
    public Guid OwnerId { get; set; }
    public long? ListingId { get; set; }
    public long? ProductId { get; set; }
    /// <summary>For Direct only: "{smaller user id}:{larger user id}:{l|p|-}{item id}", see <see cref="DirectKeyFor"/>.</summary>
    public string? DirectKey { get; set; }
    public long LastMessageId { get; set; }
    public DateTime LastMessageAt { get; set; }
    public DateTime CreatedAt { get; set; }

    public List<ConversationMember> Members { get; set; } = [];

    public static string DirectKeyFor(Guid a, Guid b, long? listingId, long? productId)
    {
        var (low, high) = a.CompareTo(b) < 0 ? (a, b) : (b, a);
        var item = listingId is { } l ? $"l{l}" : productId is { } p ? $"p{p}" : "-";
        return $"{low:N}:{high:N}:{item}";
    }
}

/// <summary>
/// A person in a conversation. LeftAt set means they left or were removed: the row stays so their old messages keep a
/// sender and a rejoin keeps the history. LastReadMessageId is the read receipt and the base of the unread count
/// (messages after it, not their own).
/// </summary>
public sealed class ConversationMember
{
    public long ConversationId { get; set; }
    public Guid UserId { get; set; }
    public DateTime JoinedAt { get; set; }
    public DateTime? LeftAt { get; set; }
    public long LastReadMessageId { get; set; }
}

sealed class ConversationConfiguration : IEntityTypeConfiguration<Conversation>
{
    public void Configure(EntityTypeBuilder<Conversation> b)
    {
        b.ToTable("Conversations", t => t.HasCheckConstraint("CK_Conversations_OneItem", "\"ListingId\" IS NULL OR \"ProductId\" IS NULL"));
        b.HasKey(c => c.Id);
        b.Property(c => c.Title).HasMaxLength(Conversation.TitleMax);
        b.Property(c => c.DirectKey).HasMaxLength(80);
        b.HasIndex(c => c.DirectKey).IsUnique();
        b.HasIndex(c => c.ListingId);
        b.HasOne<SoukUser>().WithMany().HasForeignKey(c => c.OwnerId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Listing>().WithMany().HasForeignKey(c => c.ListingId).OnDelete(DeleteBehavior.SetNull);
        b.HasOne<Product>().WithMany().HasForeignKey(c => c.ProductId).OnDelete(DeleteBehavior.SetNull);
        b.HasMany(c => c.Members).WithOne().HasForeignKey(m => m.ConversationId).OnDelete(DeleteBehavior.Cascade);
    }
}

sealed class ConversationMemberConfiguration : IEntityTypeConfiguration<ConversationMember>
{
    public void Configure(EntityTypeBuilder<ConversationMember> b)
    {
        b.ToTable("ConversationMembers");
        b.HasKey(m => new { m.ConversationId, m.UserId });
        // A person's conversation list and every membership check start from the user.
        b.HasIndex(m => new { m.UserId, m.ConversationId });
        b.HasOne<SoukUser>().WithMany().HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
