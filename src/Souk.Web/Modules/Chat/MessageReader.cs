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
        var orderCards = await OrderCardsAsync([.. rows.Where(m => m.OrderEventId is not null).Select(m => m.OrderEventId!.Value)], ct);
        var teamCards = await TeamCardsAsync([.. live.Where(m => m.TeamId is not null).Select(m => m.TeamId!.Value).Distinct()], ct);

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
                offer, m.OrderEventId is { } eid ? orderCards.GetValueOrDefault(eid) : null,
                !deleted && m.TeamId is { } tid ? teamCards.GetValueOrDefault(tid) : null, m.SystemEvent, Person(m.ActorId), Person(m.SubjectId), !deleted && m.PaymentWarning,
                m.CreatedAt, m.EditedAt, deleted);
        })];
    }

    /// <summary>The cards of these order events, by event id (one query for the events with their orders, one for the photos).</summary>
    async Task<Dictionary<long, OrderCard>> OrderCardsAsync(long[] eventIds, CancellationToken ct)
    {
        if (eventIds.Length == 0) return [];
        var rows = await db.OrderEvents.AsNoTracking().Where(e => eventIds.Contains(e.Id))
            .Join(db.Orders, e => e.OrderId, o => o.Id, (e, o) => new
            {
                e.Id, e.OrderId, e.Kind, e.Note, e.Amount, o.State, o.Total,
                First = o.Lines.OrderBy(l => l.Id).Select(l => new { l.Title, l.PhotoId }).First(),
                Lines = o.Lines.Count,
            }).ToListAsync(ct);
        var photoIds = rows.Select(r => r.First.PhotoId).OfType<Guid>().Distinct().ToArray();
        var photos = photoIds.Length == 0 ? [] : await db.MediaAssets.AsNoTracking().Where(m => photoIds.Contains(m.Id)).ToDictionaryAsync(m => m.Id, m => m.BlobKey, ct);
        return rows.ToDictionary(r => r.Id, r => new OrderCard(
            r.OrderId, $"/orders/{r.OrderId}", r.Kind,
            // The dispute reason is a code the card words itself; other notes (tracking, reasons, decisions) are the people's.
            r.Kind == Orders.OrderEventKind.DisputeOpened ? null : r.Note,
            r.Amount is { } refunded ? new Money(refunded, r.Total.Currency) : null, r.State, r.Total, r.First.Title, r.Lines - 1,
            r.First.PhotoId is { } pid && photos.TryGetValue(pid, out var key) ? media.For(key) : null));
    }

    /// <summary>The cards of these teams, by team id (one query, one for the cover photos).</summary>
    async Task<Dictionary<long, TeamCard>> TeamCardsAsync(long[] teamIds, CancellationToken ct)
    {
        if (teamIds.Length == 0) return [];
        var rows = await (from t in db.Teams.AsNoTracking()
                          where teamIds.Contains(t.Id)
                          join o in db.TeamOffers on t.TeamOfferId equals o.Id
                          join s in db.Skus on o.SkuId equals s.Id
                          join p in db.Products on o.ProductId equals p.Id
                          select new
                          {
                              t.Id, p.Title, o.TeamPrice, s.Price, t.Size, t.Seats, t.State, t.ExpiresAt,
                              Cover = s.PhotoId ?? p.Photos.OrderBy(ph => ph.Position).Select(ph => (Guid?)ph.MediaId).FirstOrDefault(),
                          }).ToListAsync(ct);
        var coverIds = rows.Select(r => r.Cover).OfType<Guid>().Distinct().ToArray();
        var covers = coverIds.Length == 0 ? [] : await db.MediaAssets.AsNoTracking().Where(m => coverIds.Contains(m.Id)).ToDictionaryAsync(m => m.Id, m => m.BlobKey, ct);
        return rows.ToDictionary(r => r.Id, r => new TeamCard(r.Id, $"/teams/{r.Id}", r.Title, r.TeamPrice, r.Price, r.Size, r.Seats, r.State, r.ExpiresAt,
            r.Cover is { } c && covers.TryGetValue(c, out var key) ? media.For(key) : null));
    }
}
