using Microsoft.EntityFrameworkCore;
using Souk.Web.Data;

namespace Souk.Web.Modules.Chat;

/// <summary>
/// The writes every chat feature shares: finding or opening the one-to-one conversation between two people (about an
/// item or not), and appending a message to a conversation. Both work in the caller's unit of work and transaction;
/// the caller pushes with <see cref="ChatPush"/> once it has committed.
/// </summary>
public sealed class ChatService(SoukDb db, TimeProvider clock)
{
    /// <summary>
    /// The one-to-one conversation of these two people about this item (or about nothing), opened if there is none.
    /// Two people opening it at once get the same one: the DirectKey is unique, and the loser of the race reads the winner's.
    /// Saves on its own (outside any caller transaction), so call it before starting one.
    /// </summary>
    public async Task<Conversation> OpenDirectAsync(Guid starterId, Guid otherId, long? listingId, long? productId, CancellationToken ct)
    {
        var key = Conversation.DirectKeyFor(starterId, otherId, listingId, productId);
        var existing = await db.Conversations.Include(c => c.Members).FirstOrDefaultAsync(c => c.DirectKey == key, ct);
        if (existing is not null) return existing;

        var now = clock.GetUtcNow().UtcDateTime;
        var conversation = new Conversation
        {
            Kind = ConversationKind.Direct, OwnerId = starterId, ListingId = listingId, ProductId = productId, DirectKey = key,
            CreatedAt = now, LastMessageAt = now,
            Members =
            [
                new ConversationMember { UserId = starterId, JoinedAt = now },
                new ConversationMember { UserId = otherId, JoinedAt = now },
            ],
        };
        db.Conversations.Add(conversation);
        try
        {
            await db.SaveChangesAsync(ct);
            return conversation;
        }
        catch (DbUpdateException)
        {
            // The other person (or another tab) opened it first.
            db.ChangeTracker.Clear();
            return await db.Conversations.Include(c => c.Members).FirstAsync(c => c.DirectKey == key, ct);
        }
    }

    /// <summary>
    /// Adds a message to a conversation: saves it, moves the conversation to the top of its members' lists, and marks it
    /// read for its sender (you have read what you wrote). Membership, blocking and content rules are the caller's.
    /// The conversation's LastMessageId only ever grows, so two messages committed out of order cannot move it back.
    /// </summary>
    public async Task<ChatMessage> AppendAsync(ChatMessage message, CancellationToken ct)
    {
        message.CreatedAt = clock.GetUtcNow().UtcDateTime;
        db.ChatMessages.Add(message);
        await db.SaveChangesAsync(ct);

        await db.Conversations.Where(c => c.Id == message.ConversationId && c.LastMessageId < message.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.LastMessageId, message.Id).SetProperty(c => c.LastMessageAt, message.CreatedAt), ct);
        if (message.SenderId is { } sender)
            await db.ConversationMembers.Where(m => m.ConversationId == message.ConversationId && m.UserId == sender && m.LastReadMessageId < message.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.LastReadMessageId, message.Id), ct);
        return message;
    }

    /// <summary>The people who receive a conversation's events now: its current members (not those who left).</summary>
    public Task<List<Guid>> ActiveMemberIdsAsync(long conversationId, CancellationToken ct) =>
        db.ConversationMembers.Where(m => m.ConversationId == conversationId && m.LeftAt == null).Select(m => m.UserId).ToListAsync(ct);
}
