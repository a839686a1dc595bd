using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Souk.Web.Common;
using Souk.Web.Data;
using Souk.Web.Modules.Accounts;

namespace Souk.Web.Modules.Chat;

/// <summary>
/// ClientMessageId is made by the sender's device once per message and sent again unchanged on every retry.
/// Text: text. Photo: mediaId (the sender's own upload) and an optional caption in text. Item: listingId or productId.
/// Team: teamId (a group-buy team, shown as its card).
/// </summary>
public sealed record SendMessageRequest(string? ClientMessageId, MessageKind? Kind, string? Text, Guid? MediaId, long? ListingId, long? ProductId, long? TeamId = null);

/// <summary>
/// POST /api/v1/conversations/{id}/messages: 201 with the new message, or 200 with the first copy when this sender already
/// sent this clientMessageId here (a resend after a lost connection writes nothing, even when several race).
/// Offers and system messages are not written here.
/// </summary>
public static class SendMessage
{
    public static void Map(RouteGroupBuilder conversations) => conversations.MapPost("/{id:long}/messages", Handle);

    // Internal: the chat pages call it too (a plain form post follows the same rules as the API).
    internal static async Task<Results<Created<MessageResponse>, Ok<MessageResponse>, ValidationProblem, ProblemHttpResult>> Handle(
        long id, SendMessageRequest req, CurrentUser current, SoukDb db, ChatService chat, ChatPush push, ConversationReader reader,
        MessageReader messages, HttpContext http, CancellationToken ct)
    {
        var me = current.RequiredId;
        var baseUrl = Profile.BaseUrl(http.Request);
        var clientId = req.ClientMessageId?.Trim();
        if (string.IsNullOrEmpty(clientId)) return Problems.Field("clientMessageId", "Send the id your device made for this message.");
        if (clientId.Length > ChatMessage.ClientMessageIdMax) return Problems.Field("clientMessageId", $"A client message id has at most {ChatMessage.ClientMessageIdMax} characters.");
        if (!await reader.IsMemberAsync(id, me, ct)) return ChatResults.NotMember(id);

        if (await FirstCopyAsync(db, id, me, clientId, ct) is { } sent) return TypedResults.Ok((await messages.OneAsync(sent, baseUrl, ct))!);

        var message = new ChatMessage { ConversationId = id, SenderId = me, ClientMessageId = clientId, Kind = req.Kind ?? MessageKind.Text };
        if (await ContentErrorsAsync(req, message, me, current.IsOperator, db, chat, ct) is { Count: > 0 } errors)
            return TypedResults.ValidationProblem(errors.ToDictionary());
        var others = await db.ConversationMembers.Where(m => m.ConversationId == id && m.UserId != me && m.LeftAt == null).Select(m => m.UserId).ToListAsync(ct);
        var direct = await db.Conversations.AnyAsync(c => c.Id == id && c.Kind == ConversationKind.Direct, ct);
        if (direct && (await chat.BlockedEitherWayAsync(me, others, ct)).Count > 0) return ChatResults.Blocked();

        try
        {
            await chat.InTransactionAsync(() => chat.AppendAsync(message, ct), ct);
        }
        catch (DbUpdateException)
        {
            // A resend raced this one and won: answer with its message, as a sequential resend would get.
            db.ChangeTracker.Clear();
            if (await FirstCopyAsync(db, id, me, clientId, ct) is { } winner) return TypedResults.Ok((await messages.OneAsync(winner, baseUrl, ct))!);
            throw;
        }
        var sentNow = await push.MessageAsync(message.Id, isNew: true, baseUrl, ct);
        return TypedResults.Created($"/api/v1/conversations/{id}/messages?before={message.Id + 1}", sentNow!);
    }

    static Task<long?> FirstCopyAsync(SoukDb db, long conversationId, Guid sender, string clientId, CancellationToken ct) =>
        db.ChatMessages.Where(m => m.ConversationId == conversationId && m.SenderId == sender && m.ClientMessageId == clientId)
            .Select(m => (long?)m.Id).FirstOrDefaultAsync(ct);

    /// <summary>Checks the request for its kind and fills the message's content; the errors name the fields at fault.</summary>
    static async Task<FieldErrors> ContentErrorsAsync(SendMessageRequest req, ChatMessage message, Guid me, bool isOperator, SoukDb db, ChatService chat, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var text = string.IsNullOrWhiteSpace(req.Text) ? null : req.Text.Trim();
        if (text is { Length: > ChatMessage.TextMax }) errors.Add("text", ChatMessage.TooLong);
        switch (message.Kind)
        {
            case MessageKind.Text:
                if (text is null) errors.Add("text", "Write something.");
                break;
            case MessageKind.Photo:
                if (req.MediaId is not { } mediaId) errors.Add("mediaId", "Upload the photo first and send its id.");
                else if (!await db.MediaAssets.AnyAsync(m => m.Id == mediaId && m.OwnerId == me, ct)) errors.Add("mediaId", "Send a photo you uploaded.");
                message.MediaId = req.MediaId;
                break;
            case MessageKind.Item:
                if ((req.ListingId is null) == (req.ProductId is null)) errors.Add("listingId", "Share one listing or one product: send listingId or productId.");
                else if (req.ListingId is { } listingId && await chat.VisibleListingStateAsync(listingId, me, isOperator, ct) is null) errors.Add("listingId", $"No listing {listingId}.");
                else if (req.ProductId is { } productId && !await chat.ProductVisibleAsync(productId, ct)) errors.Add("productId", $"No product {productId}.");
                (message.ListingId, message.ProductId, text) = (req.ListingId, req.ProductId, null);
                break;
            case MessageKind.Team:
                if (req.TeamId is not { } teamId || !await db.Teams.AnyAsync(t => t.Id == teamId, ct)) errors.Add("teamId", "Share a team: send its teamId.");
                (message.TeamId, text) = (req.TeamId, null);
                break;
            default:
                errors.Add("kind", "Offers are made with the offers API, and system messages are written by Souk; send text, photo, item or team.");
                break;
        }
        message.Text = text;
        // Buyer protection covers only payments inside Souk: the readers see a gentle warning card with such a message.
        message.PaymentWarning = PaymentSafety.LooksLikeOffPlatformPayment(text);
        return errors;
    }
}
