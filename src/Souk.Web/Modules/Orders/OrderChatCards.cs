using Microsoft.EntityFrameworkCore;
using Souk.Web.Data;
using Souk.Web.Modules.Accounts;
using Souk.Web.Modules.Chat;

namespace Souk.Web.Modules.Orders;

/// <summary>
/// Posts every step of an order (paid, accepted, shipped, confirmed, cancelled, disputed…) as a card into the buyer–seller
/// conversation, so the two see the order move where they talk. The step marks its <see cref="OrderEvent"/> ChatPending in its
/// own transaction; the card is posted after the commit, in a scope of its own, by whoever clears the mark first (a
/// conditional UPDATE), so each event gets exactly one card. In a request that is just before the response starts (the
/// client that gets the answer finds the card already there); the sweeper posts after its own steps and picks up the
/// cards a crash left pending. A card that fails to post loses nothing: it stays pending for the sweeper.
/// </summary>
public sealed class OrderChatCards(IServiceScopeFactory scopes, IHttpContextAccessor http, ILogger<OrderChatCards> log)
{
    readonly HashSet<long> touched = [];

    /// <summary>This unit of work wrote an event of the order: post its cards once the request's transaction has committed.</summary>
    public void Touched(long orderId)
    {
        if (!touched.Add(orderId) || touched.Count > 1 || http.HttpContext is not { } context) return;
        var baseUrl = Profile.BaseUrl(context.Request);
        context.Response.OnStarting(() => PostTouchedAsync(baseUrl, CancellationToken.None));
    }

    /// <summary>Posts the pending cards of the orders this unit of work touched (the sweeper calls it after each step).</summary>
    public async Task PostTouchedAsync(string baseUrl, CancellationToken ct)
    {
        if (touched.Count == 0) return;
        long[] orders = [.. touched];
        touched.Clear();
        try
        {
            await PostAsync(orders, baseUrl, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            log.LogWarning(e, "Order cards for {Orders} were not posted; the sweeper posts them later", string.Join(",", orders));
        }
    }

    /// <summary>Cards a crash (or a failed post) left pending for longer than a minute; the number posted.</summary>
    public async Task<int> PostStrayAsync(DateTime now, CancellationToken ct)
    {
        long[] orders;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<SoukDb>();
            var before = now.AddMinutes(-1);
            orders = [.. (await db.OrderEvents.AsNoTracking().Where(e => e.ChatPending && e.At < before).OrderBy(e => e.Id)
                .Select(e => e.OrderId).Take(500).ToListAsync(ct)).Distinct()];
        }
        return orders.Length == 0 ? 0 : await PostAsync(orders, "", ct);
    }

    async Task<int> PostAsync(IReadOnlyCollection<long> orderIds, string baseUrl, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SoukDb>();
        var chat = scope.ServiceProvider.GetRequiredService<ChatService>();
        var push = scope.ServiceProvider.GetRequiredService<ChatPush>();
        var pending = await db.OrderEvents.AsNoTracking().Where(e => orderIds.Contains(e.OrderId) && e.ChatPending)
            .OrderBy(e => e.Id).ToListAsync(ct);
        var posted = new List<long>();
        foreach (var events in pending.GroupBy(e => e.OrderId))
        {
            var conversationId = await ConversationOfAsync(db, chat, events.Key, ct);
            foreach (var e in events)
            {
                var messageId = await chat.InTransactionAsync(async () =>
                {
                    // The claim: of two posters (a request and the sweeper) exactly one clears the mark and posts.
                    if (await db.OrderEvents.Where(x => x.Id == e.Id && x.ChatPending).ExecuteUpdateAsync(s => s.SetProperty(x => x.ChatPending, false), ct) == 0)
                        return (long?)null;
                    var message = await chat.AppendAsync(new ChatMessage
                    {
                        ConversationId = conversationId, Kind = MessageKind.System, SystemEvent = SystemEvent.OrderUpdate, OrderEventId = e.Id, ActorId = e.ActorId,
                    }, ct);
                    return message.Id;
                }, ct);
                if (messageId is { } id) posted.Add(id);
            }
        }
        foreach (var id in posted) await push.MessageAsync(id, isNew: true, baseUrl, ct);
        return posted.Count;
    }

    /// <summary>
    /// Where an order's cards go: the conversation its accepted offer was made in; for a single second-hand listing, the
    /// buyer–seller conversation about that listing; otherwise their conversation about nothing in particular (opened if new).
    /// </summary>
    static async Task<long> ConversationOfAsync(SoukDb db, ChatService chat, long orderId, CancellationToken ct)
    {
        var order = await db.Orders.AsNoTracking().Where(o => o.Id == orderId).Select(o => new
        {
            o.BuyerId, o.SellerId, o.OfferId,
            Listings = o.Lines.Where(l => l.ListingId != null).Select(l => l.ListingId).ToList(),
            LineCount = o.Lines.Count,
        }).FirstAsync(ct);
        if (order.OfferId is { } offerId
            && await db.Offers.Where(x => x.Id == offerId).Select(x => (long?)x.ConversationId).FirstOrDefaultAsync(ct) is { } offerChat)
            return offerChat;
        var listingId = order.LineCount == 1 && order.Listings.Count == 1 ? order.Listings[0] : null;
        return (await chat.OpenDirectAsync(order.BuyerId, order.SellerId, listingId, null, ct)).Id;
    }
}
