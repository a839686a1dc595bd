using Microsoft.EntityFrameworkCore;
using Souk.Web.Common;
using Souk.Web.Modules.Accounts;
using Souk.Web.Modules.Notes;
using static Souk.Web.Data.DemoData;

namespace Souk.Web.Data;

/// <summary>
/// The demo's notes: reviews and tips by the demo people, in their own languages, tagged with the demo listings and products,
/// one of them a disclosed paid partnership. Written through <see cref="NoteService"/>, so they obey the API's rules.
/// </summary>
static class DemoNotes
{
    /// <summary>A tag on the note's first photo: a listing (by its seller and title) or a product (by its shop and title).</summary>
    public sealed record DemoTag(double X, double Y, string? ListingTitle = null, string? ShopSlug = null, string? ProductTitle = null);

    public sealed record DemoNote(
        string Author, string Language, string Title, string Body, Shape Shape, uint Colour, double HoursAgo, DemoTag[] Tags, string? SponsoredBy = null, int Photos = 1);

    public static readonly DemoNote[] Notes =
    [
        new("masha_moscow", "ru", "Месяц с сумкой из Милана: честный обзор",
            "Сумку мне прислали на обзор, поэтому отмечаю партнёрство. Но пишу *как есть*.\n\n" +
            "Что понравилось:\n\n- кожа мягкая и не царапается\n- влезает ноутбук 13\"\n- швы ровные, ничего не торчит\n\n" +
            "Что нет: ремни тонковаты для тяжёлого дня. Итог — **8/10**. #обзор #сумки",
            Shape.Bag, 0xFFA0522D, 3, [new(0.5, 0.55, ShopSlug: "atelier-milano", ProductTitle: "Borsa tote in pelle pieno fiore")], SponsoredBy: "atelier_milano", Photos: 2),
        new("li_wei", "zh-Hans-CN", "周末在家听黑胶 ☕",
            "下雨的周六，煮一壶咖啡，放一张老唱片。这台唱机是入门款，**声音比想象中好**。\n\n感谢 @amy_hk 推荐的唱片店！ #黑胶 #周末",
            Shape.Turntable, 0xFF303030, 7, [new(0.45, 0.5, ListingTitle: "黑胶唱片机 Audio-Technica AT-LP60X 九成新")]),
        new("amy_hk", "zh-Hant-HK", "菲林相機入門：點揀第一部相機？",
            "成日有人問我第一部相機揀咩好，整理咗三個重點：\n\n1. 先試手感，再睇規格\n2. 測光要準\n3. 預留錢買菲林同沖曬\n\n" +
            "我舖頭有幾部入門機，歡迎旺角面交睇貨。 #菲林 #相機",
            Shape.Camera, 0xFF2B2B2B, 12, [new(0.5, 0.5, ListingTitle: "Canon AE-1 Program 菲林相機連 50mm f/1.8 鏡頭"), new(0.8, 0.3, ListingTitle: "二手相機 Fujifilm X100V 銀色 95%新")], Photos: 2),
        new("giulia_cucina", "it", "Il caffè della domenica con la moka",
            "Tre regole della nonna per un caffè *perfetto*:\n\n- acqua fino alla valvola, non oltre\n- caffè non pressato\n- fuoco basso e coperchio aperto\n\n#caffè #cucina",
            Shape.MokaPot, 0xFFB8BCC2, 20, [new(0.5, 0.6, ListingTitle: "Moka Bialetti 6 tazze, usata ma perfetta")]),
        new("sam_london", "en", "How I clean vintage trainers",
            "Warm water, a soft brush and *patience*. Never the washing machine.\n\n1. Laces out, soak them separately\n2. Brush the midsole in circles\n3. Stuff with paper and dry away from the radiator\n\n#sneakers #vintage",
            Shape.Sneaker, 0xFFF2F2F2, 26, [new(0.55, 0.6, ListingTitle: "Nike Air Max 90, UK 9, worn twice")]),
        new("kowloon_tea", "zh-Hant-HK", "鐵觀音點樣沖先好飲？",
            "我哋第三代焙茶師傅教你：\n\n- 水溫 95°C\n- 第一泡洗茶，十秒倒走\n- 之後每泡加五秒\n\n炭焙嘅香氣要慢慢飲先出得嚟。 #茶 #烏龍",
            Shape.TeaTin, 0xFF2F5D50, 30, [new(0.5, 0.5, ShopSlug: "kowloon-tea", ProductTitle: "炭焙鐵觀音 Charcoal-roasted Tieguanyin")]),
        new("masha_moscow", "ru", "Уход за кожей зимой: что реально работает",
            "Москва, минус пятнадцать, кожа шелушится. Мой минимум:\n\n- мягкое очищение\n- плотный крем на ночь\n- SPF даже зимой\n\nНабор, который не подошёл мне, отдаю недорого. #уход #косметика",
            Shape.Bottles, 0xFFE8A0B0, 40, [new(0.5, 0.5, ListingTitle: "Набор уходовой косметики, новый, 5 средств")]),
        new("amy_hk", "en", "Tea time in Sham Shui Po 🍵",
            "Spent the afternoon at @kowloon_tea. The ten-year pu'er is *so* smooth — earthy, a little sweet.\n\nA perfect break between camera hunts. #茶 #深水埗",
            Shape.Teapot, 0xFF7A3E2A, 52, [new(0.4, 0.5, ShopSlug: "kowloon-tea", ProductTitle: "十年熟普洱 Ten-year ripe pu'er")]),
        new("li_wei", "zh-Hans-CN", "上海咖啡店探店：徐汇三家",
            "这个月喝了十几家，最喜欢的三家都在徐汇：\n\n1. 安福路的小店，手冲很稳\n2. 武康路转角，拿铁好喝\n3. 衡山路老洋房，环境最好\n\n#咖啡 #上海",
            Shape.MokaPot, 0xFF4A3728, 60, []),
        new("sam_london", "en", "Denim jacket fit check",
            "Late-90s Levi's trucker, size M. Fits like a modern S/M — *boxy* in the best way.\n\nPairs with everything. #vintage #denim",
            Shape.Jacket, 0xFF3B5B8C, 70, [new(0.5, 0.45, ListingTitle: "Vintage Levi's denim jacket, size M")]),
    ];

    /// <summary>Who liked, saved and commented on which note (by its index in <see cref="Notes"/>), so the demo has some life.</summary>
    static readonly (string Who, int Note)[] Likes =
    [
        ("amy_hk", 0), ("giulia_cucina", 0), ("li_wei", 0), ("sam_london", 0), ("masha_moscow", 1), ("amy_hk", 1),
        ("li_wei", 2), ("sam_london", 2), ("kowloon_tea", 2), ("masha_moscow", 3), ("atelier_milano", 3), ("amy_hk", 4),
        ("li_wei", 5), ("amy_hk", 5), ("giulia_cucina", 6), ("kowloon_tea", 7), ("li_wei", 7), ("masha_moscow", 9),
    ];

    static readonly (string Who, int Note)[] Saves = [("li_wei", 0), ("giulia_cucina", 2), ("sam_london", 3), ("amy_hk", 5), ("masha_moscow", 5)];

    static readonly (string Who, int Note, string Text)[] Comments =
    [
        ("giulia_cucina", 0, "Che bella! Il colore cognac è il mio preferito."),
        ("li_wei", 2, "第一部菲林机买了 AE-1，谢谢推荐！"),
        ("sam_london", 5, "Tried this at the shop last week. Lovely roast."),
        ("amy_hk", 3, "Grazie Giulia! Proverò con il fuoco basso."),
    ];

    /// <summary>Draws the notes' photos (small, in parallel), then writes the notes through the service and backdates them.</summary>
    public static async Task CreateAsync(IServiceProvider sp, Dictionary<string, SoukUser> users, DateTime now, CancellationToken ct)
    {
        var db = sp.GetRequiredService<SoukDb>();
        var images = sp.GetRequiredService<ImagePipeline>();
        var media = sp.GetRequiredService<Modules.Catalog.MediaLibrary>();
        var notes = sp.GetRequiredService<NoteService>();

        var jobs = Notes.SelectMany((n, i) => Enumerable.Range(0, n.Photos).Select(p => (Note: i, Variant: p))).ToList();
        var stored = new StoredImage[jobs.Count];
        await Parallel.ForAsync(0, jobs.Count, ct, async (k, token) =>
        {
            var (i, variant) = jobs[k];
            var n = Notes[i];
            stored[k] = await StorePhotoAsync(images, users[n.Author].Id, GenerateProductPhoto(n.Shape, n.Colour, 900 + i * 10 + variant, variant), token);
        });
        var photoIds = await media.RecordManyAsync([.. jobs.Select((j, k) => (users[Notes[j.Note].Author].Id, stored[k]))], ct);

        var firstPhoto = Notes.Select((n, i) => Notes.Take(i).Sum(p => p.Photos)).ToArray();
        var ids = new long[Notes.Length];
        // Oldest first, so ids (the order of every note list) agree with the backdated times.
        foreach (var (n, i) in Notes.Select((n, i) => (n, i)).OrderByDescending(x => x.n.HoursAgo))
        {
            var photos = photoIds[firstPhoto[i]..(firstPhoto[i] + n.Photos)];
            var tags = new List<NoteTagInput>();
            foreach (var t in n.Tags)
            {
                long? listingId = t.ListingTitle is null ? null
                    : await db.Listings.Where(l => l.Title == t.ListingTitle).Select(l => (long?)l.Id).FirstAsync(ct);
                long? productId = t.ProductTitle is null ? null
                    : await db.Products.Where(p => p.Title == t.ProductTitle && db.Shops.Any(s => s.Id == p.ShopId && s.Slug == t.ShopSlug)).Select(p => (long?)p.Id).FirstAsync(ct);
                tags.Add(new NoteTagInput(t.X, t.Y, listingId, productId));
            }
            var request = new NoteRequest(n.Title, n.Body, n.Language, n.SponsoredBy,
                [.. photos.Select((id, k) => new NotePhotoInput(id, k == 0 ? [.. tags] : []))]);
            var outcome = await notes.CreateAsync(users[n.Author].Id, request, n.Language, ct);
            if (outcome.Failure != NoteFailure.None)
                throw new InvalidOperationException($"Demo note '{n.Title}': {outcome.Failure} {string.Join(" ", outcome.Errors?.SelectMany(e => e.Value.Select(m => $"{e.Key}: {m}")) ?? [])}");
            ids[i] = outcome.Id;
            var at = now.AddHours(-n.HoursAgo);
            await db.Notes.Where(x => x.Id == outcome.Id).ExecuteUpdateAsync(u => u.SetProperty(x => x.CreatedAt, at).SetProperty(x => x.UpdatedAt, at), ct);
            await db.NoteHashtags.Where(x => x.NoteId == outcome.Id).ExecuteUpdateAsync(u => u.SetProperty(x => x.CreatedAt, at), ct);
            // Backdated behind the service's back, so the search entry (sorted by time) is brought in line here.
            await db.SearchEntries.Where(x => x.Kind == Modules.Catalog.SearchKind.Note && x.ItemId == outcome.Id)
                .ExecuteUpdateAsync(u => u.SetProperty(x => x.CreatedAt, at), ct);
        }

        // Through the same services as the API, so counters and notifications agree with the rows.
        var likes = sp.GetRequiredService<NoteLikes>();
        var saves = sp.GetRequiredService<NoteSaves>();
        var comments = sp.GetRequiredService<NoteComments>();
        foreach (var (who, note) in Likes) await likes.SetAsync(users[who].Id, ids[note], like: true, ct);
        foreach (var (who, note) in Saves) await saves.SetAsync(users[who].Id, ids[note], save: true, collection: null, ct);
        foreach (var (who, note, text) in Comments)
        {
            var added = await comments.AddAsync(users[who].Id, ids[note], text, null, ct);
            if (added.Failure != NoteFailure.None) throw new InvalidOperationException($"Demo comment on '{Notes[note].Title}': {added.Field} {added.Error}");
        }
    }
}
