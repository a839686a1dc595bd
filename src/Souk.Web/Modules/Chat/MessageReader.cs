using Microsoft.EntityFrameworkCore;
using Souk.Web.Common;
using Souk.Web.Data;
using Souk.Web.Modules.Accounts;
using Souk.Web.Modules.Catalog;
using Souk.Web.Modules.Notes;

namespace Souk.Web.Modules.Chat;

/// <summary>
/// Turns message rows into <see cref="MessageResponse"/>s: the people, photos, item cards and offers they refer to, in a
/// fixed number of queries per batch (not per message). Access is the caller's business: only pass messages the viewer may read.
/// </summary>
public sealed class MessageReader(SoukDb db, NoteReader people, MediaUrlBuilder media, ItemCards items)
{
    public async Task<MessageResponse?> OneAsync(long messageId, string baseUrl, CancellationToken ct)
    {
        var row = await db.ChatMessages.AsNoTracking().FirstOrDefaultAsync(m => m.Id == messageId, ct);
        return row is null ? null : (await ReadAsync([row], baseUrl, ct))[0];
    }

    /// <summary>Responses in the order given.</summary>
    public async Task<IReadOnlyList<MessageResponse>> ReadAsync(IReadOnlyList<ChatMessage> rows, string baseUrl, CancellationToken ct)
    {
        if (rows.Count == 0) return [];
        var live = rows.Where(m => m.DeletedAt is null).ToList();
        var userIds = rows.SelectMany(m => new[] { m.SenderId, m.ActorId, m.SubjectId }).OfType<Guid>().Distinct().ToArray();
        var users = await people.UsersAsync(userIds, ct);
        var mediaIds = live.Where(m => m.MediaId is not null).Select(m => m.MediaId!.Value).Distinct().ToArray();
        var photos = mediaIds.Length == 0 ? [] : await db.MediaAssets.AsNoTracking().Where(m => mediaIds.Contains(m.Id))
            .ToDictionaryAsync(m => m.Id, m => m.BlobKey, ct);
        var cards = await items.ForAsync(
            [.. live.Where(m => m.ListingId is not null).Select(m => m.ListingId!.Value)],
            [.. live.Where(m => m.ProductId is not null).Select(m => m.ProductId!.Value)], baseUrl, ct);
        var offerIds = live.Where(m => m.OfferId is not null).Select(m => m.OfferId!.Value).Distinct().ToArray();
        var offers = offerIds.Length == 0 ? [] : await db.Offers.AsNoTracking().Where(o => offerIds.Contains(o.Id)).ToDictionaryAsync(o => o.Id, ct);

        return [.. rows.Select(m =>
        {
            var deleted = m.DeletedAt is not null;
            UserSummary? Person(Guid? id) => id is { } g && users.TryGetValue(g, out var u) ? u : null;
            OfferSummary? offer = null;
            if (!deleted && m.OfferId is { } oid && offers.TryGetValue(oid, out var o))
                offer = new OfferSummary(o.Id, o.ListingId, new Money(m.OfferAmount ?? o.Amount.Amount, o.Amount.Currency), o.Amount, o.State, o.BuyerId, o.SellerId);
            return new MessageResponse(
                m.Id, m.ConversationId, m.ClientMessageId, m.Kind, Person(m.SenderId),
                deleted ? null : m.Text,
                !deleted && m.MediaId is { } mid && photos.TryGetValue(mid, out var key) ? media.For(key) : null,
                deleted ? null : cards.Find(m.ListingId, m.ProductId),
                offer, m.SystemEvent, Person(m.ActorId), Person(m.SubjectId), !deleted && m.PaymentWarning,
                m.CreatedAt, m.EditedAt, deleted);
        })];
    }
}
