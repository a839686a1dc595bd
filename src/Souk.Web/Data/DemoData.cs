using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using SkiaSharp;
using Souk.Web.Common;
using Souk.Web.Modules.Accounts;
using Souk.Web.Modules.Catalog;

namespace Souk.Web.Data;

/// <summary>
/// Believable demo people for a first run: created once, on an empty database. They share one random
/// password, printed at start and kept in data/demo-credentials.txt, so a public demo is not an open door.
/// </summary>
public static class DemoData
{
    public sealed record DemoPerson(string Handle, string DisplayName, AccountKind Kind, bool Verified, string Culture, string Bio, uint Colour);

    public const string OperatorHandle = "souk_operator";

    public static readonly DemoPerson[] People =
    [
        new("amy_hk", "Amy Chan 陳美儀", AccountKind.Seller, false, "zh-Hant-HK",
            "旺角二手相機、菲林同鏡頭 📷 Pre-loved cameras and lenses from Mong Kok. Meet-ups at MTR stations.", 0xFFE4572E),
        new("atelier_milano", "Atelier Milano", AccountKind.Brand, true, "it",
            "Borse in pelle fatte a mano a Milano dal 1978. Account ufficiale.", 0xFF2E4057),
        new("masha_moscow", "Маша Иванова", AccountKind.Creator, false, "ru",
            "Честные обзоры косметики и уходовых средств. Москва ✨", 0xFFD1495B),
        new("li_wei", "李伟", AccountKind.Personal, false, "zh-Hans-CN",
            "上海，喜欢咖啡和黑胶唱片。", 0xFF00798C),
        new("sam_london", "Sam Taylor", AccountKind.Seller, false, "en",
            "Vintage trainers and streetwear, London. Ships worldwide.", 0xFF66A182),
        new("giulia_cucina", "Giulia Romano", AccountKind.Creator, false, "it",
            "Ricette di casa e utensili da cucina che uso davvero. Torino.", 0xFFEDAE49),
        new("kowloon_tea", "九龍茶莊 Kowloon Tea House", AccountKind.Brand, true, "zh-Hant-HK",
            "Since 1962. 傳統手工茶葉 · Hand-roasted oolong and pu'er.", 0xFF6D597A),
    ];

    static readonly (string From, string To)[] FollowEdges =
    [
        ("amy_hk", "kowloon_tea"), ("amy_hk", "sam_london"), ("atelier_milano", "giulia_cucina"),
        ("masha_moscow", "atelier_milano"), ("masha_moscow", "amy_hk"), ("li_wei", "amy_hk"), ("li_wei", "kowloon_tea"),
        ("li_wei", "masha_moscow"), ("sam_london", "atelier_milano"), ("giulia_cucina", "atelier_milano"),
        ("giulia_cucina", "masha_moscow"), ("kowloon_tea", "amy_hk"),
    ];

    static readonly DemoPerson Operator = new(OperatorHandle, "Souk Operator", AccountKind.Personal, true, "en", "Keeps this Souk running.", 0xFF333333);

    static DemoPerson[] Everyone => [.. People, Operator];

    /// <summary>The demo's pictures, stored in the blob store and ready to be pointed at: they need nothing from the database.</summary>
    public sealed record DemoPictures(Guid[] UserIds, string?[] AvatarKeys, StoredImage[] ListingPhotos, StoredImage[] ShopPhotos);

    static List<(int Listing, int Seed, int Variant)> PhotoJobs() =>
        [.. Listings.SelectMany((l, i) => Enumerable.Range(0, l.Photos).Select(p => (i, i * 10 + p, p)))];

    static async Task<DemoPictures> DrawAsync(ImagePipeline images, CancellationToken ct)
    {
        var everyone = Everyone;
        var ids = everyone.Select(_ => Guid.CreateVersion7()).ToArray();
        Guid IdOf(string handle) => ids[Array.FindIndex(everyone, p => p.Handle == handle)];
        var listingJobs = PhotoJobs();
        var shopJobs = ShopPhotoJobs();
        var avatarKeys = new string?[everyone.Length];
        var listingPhotos = new StoredImage[listingJobs.Count];
        var shopPhotos = new StoredImage[shopJobs.Count];
        // One parallel loop over every picture, so both cores stay busy to the end.
        await Parallel.ForAsync(0, everyone.Length + listingJobs.Count + shopJobs.Count, ct, async (k, token) =>
        {
            if (k < everyone.Length)
            {
                var (avatar, _) = await images.StoreAsync(GenerateAvatar(everyone[k].Colour, k + 1), $"avatars/{ids[k]:N}", ImagePipeline.AvatarRenditions, token);
                avatarKeys[k] = avatar?.Key;
                return;
            }
            k -= everyone.Length;
            if (k < listingJobs.Count)
            {
                var (listing, seed, variant) = listingJobs[k];
                var l = Listings[listing];
                listingPhotos[k] = await StorePhotoAsync(images, IdOf(l.Seller), GenerateProductPhoto(l.Shape, l.Colour, seed, variant), token);
                return;
            }
            k -= listingJobs.Count;
            shopPhotos[k] = await StorePhotoAsync(images, IdOf(shopJobs[k].Owner), shopJobs[k].Draw(), token);
        });
        return new DemoPictures(ids, avatarKeys, listingPhotos, shopPhotos);
    }

    internal static async Task<StoredImage> StorePhotoAsync(ImagePipeline images, Guid owner, byte[] picture, CancellationToken ct)
    {
        var (photo, failure) = await images.StoreAsync(picture, $"media/{owner:N}", ImagePipeline.PhotoRenditions, ct);
        return photo ?? throw new InvalidOperationException($"A demo photo was refused: {failure}.");
    }

    public static async Task EnsureAsync(IServiceProvider services, CancellationToken ct = default)
    {
        if (await IsNeededAsync(services, ct)) await CreateAsync(services, ct);
    }

    /// <summary>
    /// Whether the database has nobody in it yet, so the demo should be created. Asked before the site opens, so a person
    /// who signs up in the first seconds does not stop the demo from being made.
    /// </summary>
    public static async Task<bool> IsNeededAsync(IServiceProvider services, CancellationToken ct = default)
    {
        await using var scope = services.CreateAsyncScope();
        return !await scope.ServiceProvider.GetRequiredService<SoukDb>().Users.AnyAsync(ct);
    }

    /// <summary>
    /// Creates the demo people, follows, listings and shops (call only when <see cref="IsNeededAsync"/> said so). Runs after
    /// the site has opened: drawing the pictures is most of its cost, and on two cores drawing them earlier only delayed the
    /// migration that the first page waits for.
    /// </summary>
    public static async Task CreateAsync(IServiceProvider services, CancellationToken ct = default)
    {
        await using var scope = services.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        var db = sp.GetRequiredService<SoukDb>();
        var pictures = await DrawAsync(sp.GetRequiredService<ImagePipeline>(), ct);

        var users = sp.GetRequiredService<UserManager<SoukUser>>();
        var clock = sp.GetRequiredService<TimeProvider>();
        var log = sp.GetRequiredService<ILoggerFactory>().CreateLogger("Souk.DemoData");
        var password = RandomNumberGenerator.GetString("abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789", 16);
        // Hash once for every demo account: 210,000 PBKDF2 rounds per person would slow the first start.
        var hash = users.PasswordHasher.HashPassword(new SoukUser(), password);
        var now = clock.GetUtcNow().UtcDateTime;
        var all = Everyone;

        var created = new Dictionary<string, SoukUser>();
        // One transaction: with synchronous=FULL every commit is an fsync, and a first start should not wait for twenty of them.
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        for (var i = 0; i < all.Length; i++)
        {
            var p = all[i];
            var user = new SoukUser
            {
                Id = pictures.UserIds[i],
                UserName = p.Handle,
                Email = $"{p.Handle.Replace('_', '.')}@demo.souk.local",
                EmailConfirmed = true,
                DisplayName = p.DisplayName,
                Bio = p.Bio,
                Kind = p.Kind,
                IsVerified = p.Verified,
                PreferredCulture = p.Culture,
                PasswordHash = hash,
                LockoutEnabled = true,
                AvatarKey = pictures.AvatarKeys[i],
                CreatedAt = now.AddDays(-30 + i),
            };
            var result = await users.CreateAsync(user);
            if (!result.Succeeded) throw new InvalidOperationException($"Demo user {p.Handle}: {string.Join(" ", result.Errors.Select(e => e.Description))}");
            created[p.Handle] = user;
        }
        await users.AddToRoleAsync(created[OperatorHandle], CurrentUser.OperatorRole);

        foreach (var (from, to) in FollowEdges)
        {
            db.Follows.Add(new Follow { FollowerId = created[from].Id, FolloweeId = created[to].Id, CreatedAt = now });
        }
        await db.SaveChangesAsync(ct);
        foreach (var u in created.Values)
        {
            var followers = FollowEdges.Count(e => e.To == u.UserName);
            var following = FollowEdges.Count(e => e.From == u.UserName);
            await db.Users.Where(x => x.Id == u.Id).ExecuteUpdateAsync(s => s.SetProperty(x => x.FollowersCount, followers).SetProperty(x => x.FollowingCount, following), ct);
        }
        await tx.CommitAsync(ct);

        await CreateListingsAsync(sp, created, pictures, now, ct);
        await CreateShopsAsync(sp, created, pictures, ct);
        await CreateTeamOfferAsync(sp, created, ct);
        await DemoNotes.CreateAsync(sp, created, now, ct);

        var operatorEmail = created[OperatorHandle].Email;
        var message = $"Demo data created. Operator: {operatorEmail} / {password} (every demo account, e.g. amy.hk@demo.souk.local, uses the same password).";
        log.LogWarning("{Message}", message);
        Console.WriteLine(message);
        try
        {
            Directory.CreateDirectory("data");
            var file = Path.Combine("data", "demo-credentials.txt");
            await File.WriteAllTextAsync(file, message + Environment.NewLine, ct);
            if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        catch (IOException ex)
        {
            log.LogInformation(ex, "Could not write data/demo-credentials.txt");
        }
    }

    public enum Shape
    {
        Camera,
        Bag,
        Sneaker,
        Book,
        MokaPot,
        Bottles,
        Turntable,
        Jacket,
        Teapot,
        TeaTin,
    }

    /// <summary>A second-hand item of a demo seller, in the seller's language and currency (amounts in minor units).</summary>
    public sealed record DemoListing(
        string Seller, string Title, string Description, long Amount, string Currency, string Condition, string Category,
        string? MeetUp, long? ShippingFee, string District, double Lat, double Lng, string State, double DaysAgo,
        Shape Shape, uint Colour, int Photos = 2);

    public static readonly DemoListing[] Listings =
    [
        new("amy_hk", "二手相機 Fujifilm X100V 銀色 95%新", "2021 年購入，快門次數約 4,000。連原裝盒、肩帶、兩粒電池。鏡頭無花無霉。\nFujifilm X100V, silver, about 4,000 shots, box and two batteries.",
            980000, "HKD", "likeNew", "cameras", "旺角港鐵站 E2 出口", 3000, "旺角 Mong Kok", 22.3193, 114.1694, "active", 0.2, Shape.Camera, 0xFFC0C4C8),
        new("amy_hk", "Canon AE-1 Program 菲林相機連 50mm f/1.8 鏡頭", "測光正常，已換新海綿。適合菲林入門。", 220000, "HKD", "good", "cameras",
            "太子站 B2 出口", null, "太子 Prince Edward", 22.3245, 114.1682, "reserved", 2, Shape.Camera, 0xFF2B2B2B),
        new("amy_hk", "Sony RX100 III 數碼相機", "細細部隨身相機，有少量使用痕跡。", 180000, "HKD", "good", "cameras",
            "旺角港鐵站", 3000, "旺角 Mong Kok", 22.3193, 114.1694, "sold", 9, Shape.Camera, 0xFF454A50, 1),
        new("atelier_milano", "Borsa a mano in pelle, colore cognac", "Pelle pieno fiore conciata al vegetale, cuciture a mano. Nuova, mai usata: campione dello showroom.",
            39000, "EUR", "new", "bags", "Showroom, via Solferino 12", 1200, "Brera, Milano", 45.4719, 9.1881, "active", 0.5, Shape.Bag, 0xFFA0522D),
        new("atelier_milano", "Portafoglio in pelle nera cucito a mano", "Otto tasche per carte, due scomparti per banconote.", 8500, "EUR", "new", "bags",
            null, 500, "Brera, Milano", 45.4719, 9.1881, "active", 1.5, Shape.Bag, 0xFF1E1E1E, 1),
        new("masha_moscow", "Набор уходовой косметики, новый, 5 средств", "Подарили, но не подошёл тип кожи. Всё запечатано, срок годности до 2027 года.",
            350000, "RUB", "new", "skincare", "м. Тверская, у выхода", 35000, "Тверской, Москва", 55.7652, 37.6041, "active", 0.8, Shape.Bottles, 0xFFE8A0B0),
        new("masha_moscow", "Книга «Мастер и Маргарита», подарочное издание", "Твёрдый переплёт, иллюстрации, состояние хорошее.", 120000, "RUB", "good", "fiction",
            "м. Пушкинская", null, "Тверской, Москва", 55.7652, 37.6041, "active", 3, Shape.Book, 0xFF5B2333),
        new("li_wei", "黑胶唱片机 Audio-Technica AT-LP60X 九成新", "全自动皮带驱动，自带唱放，可直接接音箱。送两张唱片。", 89900, "CNY", "likeNew", "audio",
            "徐家汇地铁站 5 号口", 2000, "徐汇区，上海", 31.1951, 121.4378, "active", 1, Shape.Turntable, 0xFF303030),
        new("sam_london", "Nike Air Max 90, UK 9, worn twice", "Too small for me. Box included, no creasing.", 8500, "GBP", "likeNew", "shoes",
            "Shoreditch High Street station", 495, "Shoreditch, London", 51.5233, -0.0754, "active", 0.1, Shape.Sneaker, 0xFFF2F2F2),
        new("sam_london", "Vintage Levi's denim jacket, size M", "Late-90s trucker jacket, nicely faded, all buttons there.", 6000, "GBP", "good", "mens-clothing",
            null, 395, "Shoreditch, London", 51.5233, -0.0754, "active", 4, Shape.Jacket, 0xFF3B5B8C),
        new("giulia_cucina", "Moka Bialetti 6 tazze, usata ma perfetta", "Guarnizione nuova, fa un caffè ottimo. Ritiro a mano a Torino.", 1800, "EUR", "good", "kitchen",
            "Mercato di Porta Palazzo", null, "San Salvario, Torino", 45.0536, 7.6812, "active", 2.5, Shape.MokaPot, 0xFFB8BCC2),
        new("kowloon_tea", "宜興紫砂茶壺（二手，舊店陳列品）", "八十年代宜興紫砂壺，壺身有輕微使用痕跡，無崩無裂。歡迎到店睇貨。", 68000, "HKD", "good", "kitchen",
            "深水埗店舖", null, "深水埗 Sham Shui Po", 22.3302, 114.1622, "active", 6, Shape.Teapot, 0xFF7A3E2A),
    ];

    static readonly (string Who, int Listing)[] DemoSaves = [("li_wei", 0), ("masha_moscow", 3), ("sam_london", 0), ("giulia_cucina", 3), ("amy_hk", 7)];

    /// <summary>The demo listings, through the same service (and rules) as the API, with the photos drawn beforehand.</summary>
    static async Task CreateListingsAsync(IServiceProvider sp, Dictionary<string, SoukUser> users, DemoPictures pictures, DateTime now, CancellationToken ct)
    {
        var media = sp.GetRequiredService<MediaLibrary>();
        var listings = sp.GetRequiredService<ListingService>();
        var saves = sp.GetRequiredService<ListingSaves>();
        var search = sp.GetRequiredService<SearchIndex>();
        var db = sp.GetRequiredService<SoukDb>();

        var jobs = PhotoJobs();
        var photoIds = await media.RecordManyAsync([.. jobs.Select((j, k) => (users[Listings[j.Listing].Seller].Id, pictures.ListingPhotos[k]))], ct);

        var ids = new long[Listings.Length];
        var next = 0;
        for (var i = 0; i < Listings.Length; i++)
        {
            var l = Listings[i];
            var photos = photoIds[next..(next + l.Photos)];
            next += l.Photos;
            var request = new ListingRequest(l.Title, l.Description, new MoneyInput(l.Amount, l.Currency), l.Condition, l.Category, photos,
                new DeliveryInput(l.MeetUp is null ? null : new MeetUpInput(l.MeetUp), l.ShippingFee is { } fee ? new ShippingInput(new MoneyInput(fee, l.Currency)) : null),
                new LocationInput(l.District, l.Lat, l.Lng));
            var outcome = await listings.CreateAsync(users[l.Seller].Id, request, ct);
            if (outcome.Failure != ListingFailure.None)
                throw new InvalidOperationException($"Demo listing '{l.Title}': {outcome.Failure} {string.Join(" ", outcome.Errors?.SelectMany(e => e.Value.Select(m => $"{e.Key}: {m}")) ?? [])}");
            ids[i] = outcome.Id;
            var at = now.AddDays(-l.DaysAgo);
            ListingRules.TryParse<ListingState>(l.State, out var state);
            await db.Listings.Where(x => x.Id == outcome.Id)
                .ExecuteUpdateAsync(u => u.SetProperty(x => x.CreatedAt, at).SetProperty(x => x.UpdatedAt, at).SetProperty(x => x.State, state), ct);
            // Backdated and re-stated behind the service's back, so the search entry is brought in line here.
            await search.RefreshListingAsync(outcome.Id, ct);
        }
        foreach (var (who, listing) in DemoSaves)
            await saves.SetAsync(new Actor(users[who].Id, false), ids[listing], save: true, ct);
    }

    /// <summary>A SKU of a demo product: its option values (in option order), price in minor units, stock, and whether it gets its own photo.</summary>
    public sealed record DemoSku(string[] Values, long Amount, int Stock, uint? Colour = null);

    /// <summary>A demo product; Category is where search files it (a leaf slug of the marketplace's tree).</summary>
    public sealed record DemoProduct(
        string Title, string Description, int Section, (string Name, string[] Values)[] Options, DemoSku[] Skus, Shape Shape, uint Colour, int Photos = 2,
        string? Category = null);

    /// <summary>A demo brand's shop: its sections and products, all priced in one currency.</summary>
    public sealed record DemoShop(string Owner, string Slug, string Name, string Description, string Currency, string[] Sections, uint Colour, DemoProduct[] Products);

    public static readonly DemoShop[] Shops =
    [
        new("atelier_milano", "atelier-milano", "Atelier Milano", "Borse e piccola pelletteria cucite a mano nel nostro laboratorio di Brera, dal 1978. Spedizione in tutta Europa.",
            "EUR", ["Borse", "Portafogli"], 0xFF2E4057,
        [
            new("Borsa tote in pelle pieno fiore", "Pelle conciata al vegetale, fodera in cotone, tasca interna con zip. 38 × 30 × 14 cm.", 0,
                [("Colore", ["Cognac", "Nero", "Blu notte"])],
                [new(["Cognac"], 42000, 4, 0xFFA0522D), new(["Nero"], 42000, 6, 0xFF1E1E1E), new(["Blu notte"], 44000, 2, 0xFF1B2A4A)],
                Shape.Bag, 0xFFA0522D, Category: "bags"),
            new("Borsa a tracolla Brera", "Tracolla regolabile, chiusura magnetica, due misure.", 0,
                [("Colore", ["Cognac", "Nero"]), ("Misura", ["Piccola", "Media"])],
                [new(["Cognac", "Piccola"], 29000, 5), new(["Cognac", "Media"], 34000, 3), new(["Nero", "Piccola"], 29000, 0), new(["Nero", "Media"], 34000, 4)],
                Shape.Bag, 0xFF6B3A1E, 1, "bags"),
            new("Portafoglio bifold cucito a mano", "Otto tasche per carte, due scomparti per banconote.", 1,
                [("Colore", ["Nero", "Marrone"])],
                [new(["Nero"], 9500, 12), new(["Marrone"], 9500, 9)],
                Shape.Bag, 0xFF1E1E1E, 1, "bags"),
        ]),
        new("kowloon_tea", "kowloon-tea", "九龍茶莊 Kowloon Tea House", "自 1962 年於深水埗手工焙茶。Hand-roasted oolong and aged pu'er from Sham Shui Po since 1962.",
            "HKD", ["烏龍 Oolong", "普洱 Pu'er", "茶具 Teaware"], 0xFF6D597A,
        [
            new("炭焙鐵觀音 Charcoal-roasted Tieguanyin", "安溪鐵觀音，傳統炭焙，蘭花香、焙火韻。Anxi Tieguanyin, charcoal-roasted the traditional way.", 0,
                [("Size", ["100g", "250g"])],
                [new(["100g"], 12800, 30), new(["250g"], 29800, 12)],
                Shape.TeaTin, 0xFF2F5D50, Category: "everything-else"),
            new("十年熟普洱 Ten-year ripe pu'er", "2014 年勐海熟茶，醇厚甘滑。2014 Menghai ripe pu'er, smooth and earthy.", 1,
                [("Size", ["100g", "250g"])],
                [new(["100g"], 16800, 20), new(["250g"], 38800, 8)],
                Shape.TeaTin, 0xFF7A3E2A, 1, "everything-else"),
            new("宜興紫砂壺 Yixing clay teapot 200ml", "朱泥西施壺，手拉坯。Hand-thrown zhuni clay, 200 ml.", 2,
                [], [new([], 88000, 3)],
                Shape.Teapot, 0xFF9C4A2F, 1, "kitchen"),
        ]),
    ];

    /// <summary>
    /// The demo brands' shops, through the same services (and rules) as the API. Photos are drawn like the listings' (small,
    /// in parallel, one batch), so the first start stays quick.
    /// </summary>
    /// <summary>
    /// Every image of every shop, in the order <see cref="CreateShopsAsync"/> uses them: a small logo, the products' photos, then
    /// the SKUs with a photo of their own. The banner is the first product's first photo (a media asset may be used more than once).
    /// </summary>
    static List<(string Owner, Func<byte[]> Draw)> ShopPhotoJobs()
    {
        var jobs = new List<(string Owner, Func<byte[]> Draw)>();
        foreach (var (shop, s) in Shops.Select((shop, s) => (shop, s)))
        {
            jobs.Add((shop.Owner, () => GenerateAvatar(shop.Colour, 100 + s, size: 256)));
            foreach (var (p, k) in shop.Products.Select((p, k) => (p, k)))
            {
                for (var v = 0; v < p.Photos; v++)
                {
                    var variant = v;
                    jobs.Add((shop.Owner, () => GenerateProductPhoto(p.Shape, p.Colour, 300 + s * 50 + k * 5 + variant, variant)));
                }
                foreach (var sku in p.Skus.Where(x => x.Colour is not null))
                    jobs.Add((shop.Owner, () => GenerateProductPhoto(p.Shape, sku.Colour!.Value, 600 + s * 50 + k * 5, 0)));
            }
        }
        return jobs;
    }

    /// <summary>The demo brands' shops, through the same services (and rules) as the API, with the photos drawn beforehand.</summary>
    static async Task CreateShopsAsync(IServiceProvider sp, Dictionary<string, SoukUser> users, DemoPictures pictures, CancellationToken ct)
    {
        var media = sp.GetRequiredService<MediaLibrary>();
        var shops = sp.GetRequiredService<ShopService>();
        var products = sp.GetRequiredService<ProductService>();
        var db = sp.GetRequiredService<SoukDb>();

        var ids = await media.RecordManyAsync([.. ShopPhotoJobs().Select((job, j) => (users[job.Owner].Id, pictures.ShopPhotos[j]))], ct);

        var next = 0;
        foreach (var shop in Shops)
        {
            var ownerId = users[shop.Owner].Id;
            var request = new ShopRequest(shop.Name, shop.Slug, shop.Description,
                JsonSerializer.SerializeToElement(ids[next++]), JsonSerializer.SerializeToElement(ids[next]),
                [.. shop.Sections.Select(name => new SectionInput(null, name))]);
            var opened = await shops.CreateAsync(ownerId, request, ct);
            if (opened.Failure != ShopFailure.None) throw new InvalidOperationException($"Demo shop '{shop.Slug}': {Describe(opened.Failure, opened.Errors)}");
            var sections = await db.ShopSections.AsNoTracking().Where(x => db.Shops.Any(s => s.Id == x.ShopId && s.Slug == shop.Slug))
                .OrderBy(x => x.Position).Select(x => x.Id).ToListAsync(ct);
            foreach (var p in shop.Products)
            {
                var photos = ids[next..(next + p.Photos)];
                next += p.Photos;
                var skus = p.Skus.Select(sku => new SkuInput(
                    null,
                    p.Options.Select((o, k) => KeyValuePair.Create(o.Name, (string?)sku.Values[k])).ToDictionary(),
                    new MoneyInput(sku.Amount, shop.Currency), sku.Stock, null,
                    sku.Colour is null ? default : JsonSerializer.SerializeToElement(ids[next++]), null)).ToArray();
                var product = new ProductRequest(p.Title, p.Description, photos, JsonSerializer.SerializeToElement(sections[p.Section]),
                    [.. p.Options.Select(o => new OptionInput(o.Name, o.Values))], skus, "published", p.Category);
                var outcome = await products.CreateAsync(shop.Slug, ownerId, product, ct);
                if (outcome.Failure != ProductFailure.None) throw new InvalidOperationException($"Demo product '{p.Title}': {Describe(outcome.Failure, outcome.Errors)}");
            }
        }
    }

    /// <summary>The tea house's team price: its 100 g Tieguanyin for HK$98 instead of HK$128 in a team of three, within 24 hours (or HK$110 for two).</summary>
    static async Task CreateTeamOfferAsync(IServiceProvider sp, Dictionary<string, SoukUser> users, CancellationToken ct)
    {
        var db = sp.GetRequiredService<SoukDb>();
        var sku = await db.Skus.AsNoTracking()
            .Where(s => s.Option1 == "100g" && db.Products.Any(p => p.Id == s.ProductId && p.Title.StartsWith("炭焙鐵觀音")))
            .Select(s => new { s.Id, s.ProductId }).FirstAsync(ct);
        var result = await Modules.GroupBuys.CreateTeamOffer.CreateAsync(db, sp.GetRequiredService<Modules.GroupBuys.TeamReader>(),
            sp.GetRequiredService<TimeProvider>(), users["kowloon_tea"].Id, sku.ProductId,
            new Modules.GroupBuys.CreateTeamOfferRequest(sku.Id, new MoneyInput(9_800, "HKD"), 3, 24, null, 60, Modules.GroupBuys.TeamFallback.Shrink,
                [new Modules.GroupBuys.TeamTierInput(2, new MoneyInput(11_000, "HKD"))]), ct);
        if (result.Result is not Microsoft.AspNetCore.Http.HttpResults.Created<Modules.GroupBuys.TeamOfferResponse>)
            throw new InvalidOperationException("The demo team offer was refused.");
    }

    static string Describe<TFailure>(TFailure failure, Dictionary<string, string[]>? errors) =>
        $"{failure} {string.Join(" ", errors?.SelectMany(e => e.Value.Select(m => $"{e.Key}: {m}")) ?? [])}";

    /// <summary>A product photo drawn in code: the item's silhouette on a soft backdrop, a different angle per variant. JPEG, 480×360.</summary>
    public static byte[] GenerateProductPhoto(Shape shape, uint colour, int seed, int variant)
    {
        // Drawn on a 640×480 plan, written at 480×360: small enough that the demo start stays quick.
        const int w = 640, h = 480;
        const float scale = 0.75f;
        using var surface = SKSurface.Create(new SKImageInfo((int)(w * scale), (int)(h * scale)));
        var canvas = surface.Canvas;
        canvas.Scale(scale);
        var random = new Random(seed);
        var backdrop = new SKColor((byte)random.Next(225, 250), (byte)random.Next(220, 245), (byte)random.Next(210, 240));
        using (var paint = new SKPaint())
        {
            paint.Shader = SKShader.CreateLinearGradient(new SKPoint(0, 0), new SKPoint(0, h), [backdrop, backdrop.WithAlpha(255).WithRed((byte)(backdrop.Red - 25))], SKShaderTileMode.Clamp);
            canvas.DrawRect(0, 0, w, h, paint);
        }
        using (var shadow = new SKPaint { Color = SKColors.Black.WithAlpha(40), IsAntialias = true, MaskFilter = SKMaskFilter.CreateBlur(SKBlurStyle.Normal, 12) })
            canvas.DrawOval(new SKRect(150, 360, 490, 410), shadow);

        canvas.Save();
        canvas.Translate(w / 2f, h / 2f);
        // The second photo is a closer look from another angle.
        if (variant > 0) canvas.Scale(1.25f);
        canvas.RotateDegrees(variant > 0 ? -12 : random.Next(-4, 4));
        var main = new SKColor(colour);
        using var fill = new SKPaint { Color = main, IsAntialias = true };
        using var dark = new SKPaint { Color = Shade(main, 0.55f), IsAntialias = true };
        using var light = new SKPaint { Color = Shade(main, 1.35f), IsAntialias = true };
        using var black = new SKPaint { Color = new SKColor(0xFF1A1A1A), IsAntialias = true };
        using var glass = new SKPaint { Color = new SKColor(0xFF3A4A5A), IsAntialias = true };
        using var gold = new SKPaint { Color = new SKColor(0xFFD4AF37), IsAntialias = true };
        using var red = new SKPaint { Color = new SKColor(0xFFE24A3B), IsAntialias = true };
        using var sole = new SKPaint { Color = new SKColor(0xFFD9D9D9), IsAntialias = true };
        using var label = new SKPaint { Color = SKColors.White.WithAlpha(200), IsAntialias = true };
        using var brass = new SKPaint { Color = new SKColor(0xFFB08D57), IsAntialias = true };
        using var stroke = new SKPaint { Color = Shade(main, 0.5f), IsAntialias = true, Style = SKPaintStyle.Stroke, StrokeWidth = 10, StrokeCap = SKStrokeCap.Round };
        switch (shape)
        {
            case Shape.Camera:
                canvas.DrawRoundRect(new SKRect(-170, -90, 170, 100), 18, 18, fill);
                canvas.DrawRect(new SKRect(-170, -40, 170, 60), black);
                canvas.DrawRoundRect(new SKRect(-150, -125, -70, -90), 6, 6, fill);
                canvas.DrawCircle(110, -100, 14, dark);
                canvas.DrawCircle(0, 15, 78, dark);
                canvas.DrawCircle(0, 15, 60, black);
                canvas.DrawCircle(0, 15, 38, glass);
                canvas.DrawCircle(-12, 3, 10, light);
                break;
            case Shape.Bag:
                using (var handle = new SKPaint { Color = Shade(main, 0.7f), IsAntialias = true, Style = SKPaintStyle.Stroke, StrokeWidth = 16 })
                    canvas.DrawArc(new SKRect(-90, -190, 90, -20), 180, 180, false, handle);
                using (var body = new SKPath())
                {
                    body.MoveTo(-140, -100);
                    body.LineTo(140, -100);
                    body.LineTo(175, 120);
                    body.LineTo(-175, 120);
                    body.Close();
                    canvas.DrawPath(body, fill);
                }
                canvas.DrawRect(new SKRect(-140, -100, 140, -40), dark);
                canvas.DrawRoundRect(new SKRect(-18, -55, 18, -20), 5, 5, gold);
                break;
            case Shape.Sneaker:
                using (var upper = new SKPath())
                {
                    upper.MoveTo(-200, 60);
                    upper.CubicTo(-200, -40, -120, -90, -60, -80);
                    upper.LineTo(40, -20);
                    upper.CubicTo(120, -10, 200, 10, 210, 60);
                    upper.Close();
                    canvas.DrawPath(upper, fill);
                }
                canvas.DrawRoundRect(new SKRect(-210, 55, 215, 95), 18, 18, sole);
                canvas.DrawRoundRect(new SKRect(-140, 60, -60, 88), 10, 10, red);
                using (var swoosh = new SKPaint { Color = red.Color, IsAntialias = true, StrokeWidth = 14, StrokeCap = SKStrokeCap.Round })
                    canvas.DrawLine(-120, 20, 90, 10, swoosh);
                break;
            case Shape.Book:
                canvas.DrawRect(new SKRect(-130, -170, 130, 170), fill);
                canvas.DrawRect(new SKRect(-130, -170, -100, 170), dark);
                canvas.DrawRect(new SKRect(-70, -110, 100, -90), gold);
                canvas.DrawRect(new SKRect(-70, -70, 60, -58), gold);
                canvas.DrawCircle(15, 60, 45, gold);
                break;
            case Shape.MokaPot:
                using (var pot = new SKPath())
                {
                    pot.MoveTo(-80, 170);
                    pot.LineTo(80, 170);
                    pot.LineTo(55, 10);
                    pot.LineTo(80, -150);
                    pot.LineTo(-80, -150);
                    pot.LineTo(-55, 10);
                    pot.Close();
                    canvas.DrawPath(pot, fill);
                }
                canvas.DrawRect(new SKRect(-60, 0, 60, 20), dark);
                canvas.DrawRoundRect(new SKRect(-70, -175, 70, -150), 8, 8, dark);
                canvas.DrawCircle(0, -182, 12, black);
                canvas.DrawRoundRect(new SKRect(75, -130, 125, -30), 14, 14, black);
                break;
            case Shape.Bottles:
                for (var k = 0; k < 3; k++)
                {
                    var x = -130 + k * 120;
                    var tall = 150 + k * 25 % 50;
                    using var bottle = new SKPaint { Color = k == 1 ? light.Color : fill.Color, IsAntialias = true };
                    canvas.DrawRoundRect(new SKRect(x - 45, 160 - tall * 1.4f, x + 45, 160), 22, 22, bottle);
                    canvas.DrawRoundRect(new SKRect(x - 22, 160 - tall * 1.4f - 50, x + 22, 160 - tall * 1.4f + 5), 6, 6, k == 2 ? black : dark);
                    canvas.DrawRect(new SKRect(x - 35, 60, x + 35, 110), label);
                }
                break;
            case Shape.Turntable:
                canvas.DrawRoundRect(new SKRect(-210, -150, 210, 150), 14, 14, fill);
                canvas.DrawCircle(-40, 0, 125, black);
                canvas.DrawCircle(-40, 0, 40, red);
                canvas.DrawCircle(-40, 0, 5, light);
                using (var grooves = new SKPaint { Color = SKColors.White.WithAlpha(25), IsAntialias = true, Style = SKPaintStyle.Stroke, StrokeWidth = 2 })
                    for (var r = 55; r < 120; r += 12) canvas.DrawCircle(-40, 0, r, grooves);
                canvas.DrawCircle(150, -100, 20, light);
                using (var arm = new SKPaint { Color = new SKColor(0xFFCCCCCC), IsAntialias = true, StrokeWidth = 8, StrokeCap = SKStrokeCap.Round })
                    canvas.DrawLine(150, -100, 90, 60, arm);
                break;
            case Shape.Jacket:
                using (var jacket = new SKPath())
                {
                    jacket.MoveTo(-60, -170);
                    jacket.LineTo(60, -170);
                    jacket.LineTo(170, -120);
                    jacket.LineTo(210, 120);
                    jacket.LineTo(150, 130);
                    jacket.LineTo(125, -20);
                    jacket.LineTo(120, 170);
                    jacket.LineTo(-120, 170);
                    jacket.LineTo(-125, -20);
                    jacket.LineTo(-150, 130);
                    jacket.LineTo(-210, 120);
                    jacket.LineTo(-170, -120);
                    jacket.Close();
                    canvas.DrawPath(jacket, fill);
                }
                canvas.DrawLine(0, -150, 0, 170, stroke);
                for (var k = 0; k < 4; k++) canvas.DrawCircle(14, -110 + k * 70, 7, brass);
                canvas.DrawRect(new SKRect(-100, -60, -40, -20), dark);
                canvas.DrawRect(new SKRect(40, -60, 100, -20), dark);
                break;
            case Shape.TeaTin:
                canvas.DrawRoundRect(new SKRect(-95, -140, 95, 170), 14, 14, fill);
                canvas.DrawRoundRect(new SKRect(-102, -175, 102, -125), 10, 10, dark);
                canvas.DrawRect(new SKRect(-95, -60, 95, 90), label);
                canvas.DrawCircle(0, 15, 48, fill);
                canvas.DrawCircle(0, 15, 30, gold);
                canvas.DrawRect(new SKRect(-95, 150, 95, 170), dark);
                break;
            case Shape.Teapot:
                canvas.DrawOval(new SKRect(-140, -70, 140, 130), fill);
                canvas.DrawRoundRect(new SKRect(-70, -100, 70, -60), 12, 12, dark);
                canvas.DrawCircle(0, -112, 16, dark);
                using (var spout = new SKPath())
                {
                    spout.MoveTo(120, 20);
                    spout.LineTo(215, -60);
                    spout.LineTo(225, -45);
                    spout.LineTo(130, 70);
                    spout.Close();
                    canvas.DrawPath(spout, fill);
                }
                using (var handle = new SKPaint { Color = main, IsAntialias = true, Style = SKPaintStyle.Stroke, StrokeWidth = 22 })
                    canvas.DrawArc(new SKRect(-220, -30, -100, 100), 90, 180, false, handle);
                break;
        }
        canvas.Restore();
        using var image = surface.Snapshot();
        using var jpeg = image.Encode(SKEncodedImageFormat.Jpeg, 88);
        return jpeg.ToArray();
    }

    static SKColor Shade(SKColor c, float factor) =>
        new((byte)Math.Clamp(c.Red * factor, 0, 255), (byte)Math.Clamp(c.Green * factor, 0, 255), (byte)Math.Clamp(c.Blue * factor, 0, 255), c.Alpha);

    /// <summary>A generated avatar (gradient and shapes), so demo data needs no downloads and no fonts.</summary>
    public static byte[] GenerateAvatar(uint colour, int seed, int size = 512)
    {
        using var surface = SKSurface.Create(new SKImageInfo(size, size));
        var canvas = surface.Canvas;
        var baseColour = new SKColor(colour);
        using (var paint = new SKPaint())
        {
            paint.Shader = SKShader.CreateLinearGradient(new SKPoint(0, 0), new SKPoint(size, size),
                [baseColour, baseColour.WithAlpha(160)], SKShaderTileMode.Clamp);
            canvas.DrawRect(0, 0, size, size, paint);
        }
        var random = new Random(seed);
        using var shape = new SKPaint { Color = SKColors.White.WithAlpha(90), IsAntialias = true };
        for (var k = 0; k < 5; k++)
        {
            canvas.DrawCircle(random.Next(size), random.Next(size), random.Next(40, 160), shape);
        }
        using var face = new SKPaint { Color = SKColors.White.WithAlpha(230), IsAntialias = true };
        canvas.DrawCircle(size / 2f, size * 0.4f, size * 0.16f, face);
        canvas.DrawOval(new SKRect(size * 0.22f, size * 0.62f, size * 0.78f, size * 1.05f), face);
        using var image = surface.Snapshot();
        // JPEG, not PNG: it goes through the upload pipeline, which re-encodes it anyway, and PNG's deflate is slow.
        using var jpeg = image.Encode(SKEncodedImageFormat.Jpeg, 92);
        return jpeg.ToArray();
    }
}
