using Souk.Web.Common;
using Souk.Web.Modules.Accounts;
using Souk.Web.Modules.Catalog;
using Souk.Web.Modules.Notes;

namespace Souk.Web.Modules.Chat;

/// <summary>The offer an Offer message belongs to: this step's amount and where the negotiation stands now.</summary>
public sealed record OfferSummary(long Id, long ListingId, Money StepAmount, Money CurrentAmount, OfferState State, Guid BuyerId, Guid SellerId);

/// <summary>
/// The order step an OrderUpdate system message shows: which order and what happened (Event, its note, what it refunded), and
/// the order as it is now (State), with its first item's title and photo.
/// </summary>
public sealed record OrderCard(long OrderId, string Url, Orders.OrderEventKind Event, string? Note, Money? Refunded, Orders.OrderState State,
    Money Total, string Title, int MoreItems, MediaUrls? Photo);

/// <summary>A group-buy team shared into a chat: where it stands now (seats, state, deadline) and what it costs.</summary>
public sealed record TeamCard(long Id, string Url, string ProductTitle, Money TeamPrice, Money SoloPrice, int Size, int Seats, GroupBuys.TeamState State,
    DateTime ExpiresAt, MediaUrls? Photo);

/// <summary>
/// A message as every client sees it (REST history, hub pushes, sync). Deleted messages keep their place with no content.
/// Event, Actor and Subject are set for system messages (Order too for order steps); clients render them in their own language.
/// </summary>
public sealed record MessageResponse(
    long Id, long ConversationId, string? ClientMessageId, MessageKind Kind, UserSummary? Sender, string? Text, MediaUrls? Photo,
    TaggedItem? Item, OfferSummary? Offer, OrderCard? Order, TeamCard? Team, SystemEvent? Event, UserSummary? Actor, UserSummary? Subject, bool PaymentWarning,
    DateTime CreatedAt, DateTime? EditedAt, bool Deleted);

public sealed record ReadReceipt(long ConversationId, Guid UserId, long LastReadMessageId);

public sealed record TypingSignal(long ConversationId, Guid UserId, string Handle);

/// <summary>The numbers on the Inbox tab: unread chat messages (over all conversations) and unread notifications.</summary>
public sealed record BadgeCounts(int UnreadMessages, int UnreadNotifications);

/// <summary>What a reconnecting client missed: messages after its last seen id in all its conversations, oldest first.</summary>
public sealed record SyncResponse(IReadOnlyList<MessageResponse> Messages, bool More, BadgeCounts Badge);

/// <summary>Server-to-client calls of the chat hub (strongly typed so the server cannot misspell a method the JS listens to).</summary>
public interface IChatClient
{
    Task MessageReceived(MessageResponse message);
    /// <summary>Edited or deleted for everyone.</summary>
    Task MessageUpdated(MessageResponse message);
    Task ReadReceipt(ReadReceipt receipt);
    Task Typing(TypingSignal signal);
    Task Badge(BadgeCounts counts);
    /// <summary>Members or title changed, or the person was removed: reload the conversation.</summary>
    Task ConversationUpdated(long conversationId);
}
