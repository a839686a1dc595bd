using Microsoft.EntityFrameworkCore;
using Souk.Web.Common;
using Souk.Web.Data;
using Souk.Web.Modules.Accounts;
using Souk.Web.Modules.Catalog;
using Souk.Web.Modules.Notes;

namespace Souk.Web.Modules.Chat;

/// <summary>The last message of a conversation as its row in the Inbox shows it (text cut short, nothing for deleted ones).</summary>
public sealed record MessagePreview(long Id, MessageKind Kind, Guid? SenderId, string? Text, SystemEvent? Event, bool Deleted, DateTime CreatedAt);

/// <summary>
/// One row of the Inbox. Direct conversations name the other person (Other) and say whether they are online (null when
/// they blocked the viewer, or for groups); groups have a Title. Unread counts the messages after the viewer's read receipt
/// that others wrote.
/// </summary>
public sealed record ConversationSummary(
    long Id, ConversationKind Kind, string? Title, UserSummary? Other, int MemberCount, TaggedItem? Item, MessagePreview? LastMessage,
    int Unread, bool? Online, DateTime LastMessageAt);

/// <summary>A current member: who, how far they have read (the read receipts), and whether they are online (null when hidden).</summary>
public sealed record MemberResponse(UserSummary User, long LastReadMessageId, bool? Online);

public sealed record ConversationResponse(
    long Id, ConversationKind Kind, string? Title, Guid OwnerId, TaggedItem? Item, IReadOnlyList<MemberResponse> Members,
    long LastReadMessageId, int Unread, long LastMessageId, DateTime CreatedAt);

/// <summary>Messages newest first; pass Before as ?before= for the older ones (null at the start of the conversation).</summary>
public sealed record MessagePage(IReadOnlyList<MessageResponse> Items, long? Before);

/// <summary>
/// The reads of chat: a person's conversation list (a fixed number of queries per page, whatever its length: it runs on
/// every Inbox visit), one conversation, a page of its messages. Membership is checked here so that every route answers a
/// stranger the same way whether or not the conversation exists.
/// </summary>
public sealed class ConversationReader(SoukDb db, NoteReader people, ItemCards items, MessageReader messages, Presence presence)
{
    public const int PreviewMax = 100;

    public Task<bool> IsMemberAsync(long conversationId, Guid userId, CancellationToken ct) =>
        db.ConversationMembers.AnyAsync(m => m.ConversationId == conversationId && m.UserId == userId && m.LeftAt == null, ct);

    /// <summary>The viewer's conversations, newest activity first. The cursor is "{LastMessageId}:{Id}" of the last row shown.</summary>
    public async Task<Page<ConversationSummary>> ListAsync(Guid viewer, (long LastMessageId, long Id)? after, int limit, string baseUrl, CancellationToken ct)
    {
        var query = db.ConversationMembers.AsNoTracking().Where(m => m.UserId == viewer && m.LeftAt == null)
            .Join(db.Conversations, m => m.ConversationId, c => c.Id, (m, c) => new { m.LastReadMessageId, c });
        if (after is { } a)
            query = query.Where(x => x.c.LastMessageId < a.LastMessageId || (x.c.LastMessageId == a.LastMessageId && x.c.Id < a.Id));
        var rows = await query.OrderByDescending(x => x.c.LastMessageId).ThenByDescending(x => x.c.Id).Take(limit + 1)
            .Select(x => new
            {
                x.c.Id, x.c.Kind, x.c.Title, x.c.ListingId, x.c.ProductId, x.c.LastMessageId, x.c.LastMessageAt,
                Members = db.ConversationMembers.Count(o => o.ConversationId == x.c.Id && o.LeftAt == null),
                // For direct conversations: the other person, even after a block (the history stays readable).
                Other = x.c.Kind == ConversationKind.Direct
                    ? db.ConversationMembers.Where(o => o.ConversationId == x.c.Id && o.UserId != viewer).Select(o => (Guid?)o.UserId).FirstOrDefault()
                    : null,
                Unread = db.ChatMessages.Count(msg => msg.ConversationId == x.c.Id && msg.Id > x.LastReadMessageId && msg.SenderId != viewer),
            })
            .ToListAsync(ct);
        var shown = rows.Take(limit).ToList();

        var lastIds = shown.Where(r => r.LastMessageId > 0).Select(r => r.LastMessageId).ToArray();
        var last = lastIds.Length == 0 ? [] : await db.ChatMessages.AsNoTracking().Where(m => lastIds.Contains(m.Id))
            .Select(m => new MessagePreview(m.Id, m.Kind, m.SenderId, m.DeletedAt == null ? m.Text : null, m.SystemEvent, m.DeletedAt != null, m.CreatedAt))
            .ToDictionaryAsync(m => m.Id, ct);
        var others = shown.Where(r => r.Other is not null).Select(r => r.Other!.Value).Distinct().ToArray();
        var users = others.Length == 0 ? [] : await people.UsersAsync(others, ct);
        var online = await presence.OnlineAsync(viewer, others, ct);
        var cards = await items.ForAsync(
            [.. shown.Where(r => r.ListingId is not null).Select(r => r.ListingId!.Value)],
            [.. shown.Where(r => r.ProductId is not null).Select(r => r.ProductId!.Value)], baseUrl, ct);

        var list = shown.Select(r => new ConversationSummary(
            r.Id, r.Kind, r.Title, r.Other is { } o ? users.GetValueOrDefault(o) : null, r.Members, cards.Find(r.ListingId, r.ProductId),
            last.TryGetValue(r.LastMessageId, out var p) ? p with { Text = p.Text is null ? null : NoteText.Excerpt(p.Text, PreviewMax) } : null,
            r.Unread, r.Other is { } other ? online.Visible(other) : null, r.LastMessageAt)).ToList();
        return new Page<ConversationSummary>(list, rows.Count > limit ? Cursor.EncodeText($"{shown[^1].LastMessageId}:{shown[^1].Id}") : null);
    }

    public static bool TryDecodeListCursor(string? cursor, out (long LastMessageId, long Id)? after)
    {
        after = null;
        if (string.IsNullOrEmpty(cursor)) return true;
        if (!Cursor.TryDecodeText(cursor, out var text)) return false;
        var parts = text.Split(':');
        if (parts.Length != 2 || !long.TryParse(parts[0], out var lastMessageId) || !long.TryParse(parts[1], out var id)) return false;
        after = (lastMessageId, id);
        return true;
    }

    /// <summary>The conversation as its member sees it; null when the viewer is not a current member (or it does not exist).</summary>
    public async Task<ConversationResponse?> OneAsync(long conversationId, Guid viewer, string baseUrl, CancellationToken ct)
    {
        var conversation = await db.Conversations.AsNoTracking().Where(c => c.Id == conversationId)
            .Select(c => new { c, Members = c.Members.Where(m => m.LeftAt == null).OrderBy(m => m.JoinedAt).ThenBy(m => m.UserId).ToList() })
            .FirstOrDefaultAsync(ct);
        if (conversation is null || conversation.Members.FirstOrDefault(m => m.UserId == viewer) is not { } me) return null;
        var c = conversation.c;
        var ids = conversation.Members.Select(m => m.UserId).ToArray();
        var users = await people.UsersAsync(ids, ct);
        var online = await presence.OnlineAsync(viewer, ids, ct);
        var card = (await items.ForAsync(c.ListingId is { } l ? [l] : [], c.ProductId is { } p ? [p] : [], baseUrl, ct)).Find(c.ListingId, c.ProductId);
        var unread = await db.ChatMessages.CountAsync(m => m.ConversationId == conversationId && m.Id > me.LastReadMessageId && m.SenderId != viewer, ct);
        return new ConversationResponse(
            c.Id, c.Kind, c.Title, c.OwnerId, card,
            [.. conversation.Members.Where(m => users.ContainsKey(m.UserId)).Select(m => new MemberResponse(users[m.UserId], m.LastReadMessageId, online.Visible(m.UserId)))],
            me.LastReadMessageId, unread, c.LastMessageId, c.CreatedAt);
    }

    /// <summary>A page of a conversation's messages, newest first, older than <paramref name="before"/>. Membership is the caller's check.</summary>
    public async Task<MessagePage> MessagesAsync(long conversationId, long? before, int limit, string baseUrl, CancellationToken ct)
    {
        var rows = await db.ChatMessages.AsNoTracking().Where(m => m.ConversationId == conversationId && (before == null || m.Id < before))
            .OrderByDescending(m => m.Id).Take(limit + 1).ToListAsync(ct);
        var shown = rows.Take(limit).ToList();
        return new MessagePage(await messages.ReadAsync(shown, baseUrl, ct), rows.Count > limit ? shown[^1].Id : null);
    }

    /// <summary>
    /// What a reconnecting client missed: messages after <paramref name="after"/> in the viewer's current conversations,
    /// oldest first, at most <paramref name="max"/> (More says there are further ones: sync again from the last id).
    /// Walks each conversation's (ConversationId, Id) index from the viewer's memberships, not the whole message table.
    /// </summary>
    public async Task<(IReadOnlyList<MessageResponse> Messages, bool More)> SinceAsync(Guid viewer, long after, int max, string baseUrl, CancellationToken ct)
    {
        var rows = await db.ConversationMembers.AsNoTracking().Where(m => m.UserId == viewer && m.LeftAt == null)
            .SelectMany(m => db.ChatMessages.Where(x => x.ConversationId == m.ConversationId && x.Id > after))
            .OrderBy(x => x.Id).Take(max + 1).ToListAsync(ct);
        return (await messages.ReadAsync([.. rows.Take(max)], baseUrl, ct), rows.Count > max);
    }
}
