using Microsoft.EntityFrameworkCore;
using Souk.Web.Data;
using Souk.Web.Modules.Accounts;
using Souk.Web.Modules.Catalog;

namespace Souk.Web.Modules.Chat;

/// <summary>People found by handle (id → the handle as the caller wrote it) and the handles nobody has.</summary>
public sealed record HandleLookup(IReadOnlyDictionary<Guid, string> Found, IReadOnlyList<string> Unknown)
{
    public int Count => Found.Count + Unknown.Count;

    public string Names(IEnumerable<Guid> ids) => string.Join(", ", ids.Select(id => "@" + Found[id]));

    public static string Names(IEnumerable<string> handles) => string.Join(", ", handles.Select(h => "@" + h));
}

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
    /// read for its sender (you have read what you wrote) or, for a system message, its actor. Membership, blocking and content rules are the caller's.
    /// The conversation's LastMessageId only ever grows, so two messages committed out of order cannot move it back.
    /// </summary>
    public async Task<ChatMessage> AppendAsync(ChatMessage message, CancellationToken ct)
    {
        message.CreatedAt = clock.GetUtcNow().UtcDateTime;
        db.ChatMessages.Add(message);
        await db.SaveChangesAsync(ct);

        await db.Conversations.Where(c => c.Id == message.ConversationId && c.LastMessageId < message.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.LastMessageId, message.Id).SetProperty(c => c.LastMessageAt, message.CreatedAt), ct);
        // The sender has read what they wrote, and the actor of a system message knows what they did.
        if ((message.SenderId ?? message.ActorId) is { } sender)
            await db.ConversationMembers.Where(m => m.ConversationId == message.ConversationId && m.UserId == sender && m.LastReadMessageId < message.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.LastReadMessageId, message.Id), ct);
        return message;
    }

    /// <summary>Runs the work in one transaction (retried as a whole by the provider's execution strategy) and commits it.</summary>
    public async Task<T> InTransactionAsync<T>(Func<Task<T>> work, CancellationToken ct)
    {
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var result = await work();
            await tx.CommitAsync(ct);
            return result;
        });
    }

    /// <summary>Which of these people blocked the person, or were blocked by them (either way, they cannot talk).</summary>
    public async Task<List<Guid>> BlockedEitherWayAsync(Guid person, IReadOnlyCollection<Guid> others, CancellationToken ct) =>
        others.Count == 0 ? [] : await db.UserBlocks.AsNoTracking()
            .Where(b => (b.BlockerId == person && others.Contains(b.BlockedId)) || (b.BlockedId == person && others.Contains(b.BlockerId)))
            .Select(b => b.BlockerId == person ? b.BlockedId : b.BlockerId).Distinct().ToListAsync(ct);

    /// <summary>The state of a listing the viewer may see (to talk about it or share it), or null when they may not.</summary>
    public async Task<ListingState?> VisibleListingStateAsync(long listingId, Guid viewer, bool isOperator, CancellationToken ct)
    {
        var listing = await db.Listings.AsNoTracking().Where(l => l.Id == listingId).Select(l => new { l.State, l.SellerId }).FirstOrDefaultAsync(ct);
        return listing is not null && ListingAccess.CanView(listing.State, listing.SellerId, viewer, isOperator) ? listing.State : null;
    }

    public Task<bool> ProductVisibleAsync(long productId, CancellationToken ct) =>
        db.Products.AnyAsync(p => p.Id == productId && p.Status == ProductStatus.Published, ct);

    /// <summary>
    /// The people named by these handles (with or without @, any case, each once): their ids with the handle as written,
    /// and the handles nobody has.
    /// </summary>
    public async Task<HandleLookup> FindHandlesAsync(IEnumerable<string?> handles, CancellationToken ct)
    {
        var given = handles.Where(h => !string.IsNullOrWhiteSpace(h)).Select(h => h!.Trim().TrimStart('@'))
            .DistinctBy(AccountRules.NormalizeHandle).ToDictionary(AccountRules.NormalizeHandle);
        var keys = given.Keys.ToArray();
        var found = await db.Users.AsNoTracking().Where(u => keys.Contains(u.NormalizedUserName!))
            .ToDictionaryAsync(u => u.Id, u => given[u.NormalizedUserName!], ct);
        return new HandleLookup(found, [.. given.Values.Except(found.Values)]);
    }

    /// <summary>A system message about the conversation itself (who did what to whom), appended like any other.</summary>
    public Task<ChatMessage> AnnounceAsync(long conversationId, SystemEvent what, Guid actorId, Guid? subjectId, CancellationToken ct) =>
        AppendAsync(new ChatMessage { ConversationId = conversationId, Kind = MessageKind.System, SystemEvent = what, ActorId = actorId, SubjectId = subjectId }, ct);

    /// <summary>The people who receive a conversation's events now: its current members (not those who left).</summary>
    public Task<List<Guid>> ActiveMemberIdsAsync(long conversationId, CancellationToken ct) =>
        db.ConversationMembers.Where(m => m.ConversationId == conversationId && m.LeftAt == null).Select(m => m.UserId).ToListAsync(ct);

    /// <summary>
    /// Who hears that <paramref name="person"/> is typing or has read up to a message: the other current members, except
    /// anyone in a block with them either way. A block hides a person's online state, and these say they are here just as
    /// well (also in a group, where blocked people can still read each other's messages).
    /// </summary>
    public Task<List<Guid>> ActivityAudienceAsync(long conversationId, Guid person, CancellationToken ct) =>
        db.ConversationMembers.Where(m => m.ConversationId == conversationId && m.LeftAt == null && m.UserId != person
                && !db.UserBlocks.Any(b => (b.BlockerId == person && b.BlockedId == m.UserId) || (b.BlockedId == person && b.BlockerId == m.UserId)))
            .Select(m => m.UserId).ToListAsync(ct);
}
