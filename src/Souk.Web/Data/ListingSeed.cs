using Microsoft.Data.Sqlite;
using Npgsql;
using NpgsqlTypes;
using Souk.Web.Modules.Catalog;

namespace Souk.Web.Data;

/// <summary>
/// Synthetic listings for the search benchmark (`seed --listings N`): second-hand items around Hong Kong (Traditional and
/// Simplified Chinese, English), Milan (Italian), Moscow (Russian) and London (English), in every leaf category, with
/// prices in the city's currency, coordinates spread around the city centre (rounded to about 1 km like real ones), a mix
/// of states (only active ones are findable), one shared placeholder photo, and their search entries, all written in the
/// same bulk load as the users (prepared statements on SQLite, binary COPY on PostgreSQL). Deterministic for a given N.
/// Shop products are generated beside it (<see cref="ProductSeed"/>) from the same cities, kinds and brands.
/// </summary>
public static class ListingSeed
{
    /// <summary>One generated listing and, when it is active, its search entry (same values the app would write).</summary>
    public sealed record Generated(Listing Listing, SearchEntry? Entry);

    internal sealed record City(string Currency, double Lat, double Lng, double PerEur, (string Language, double Share)[] Languages, string[] Districts);

    // Prices are generated in euros and converted with these rough rates, so each market looks like itself.
    internal static readonly City[] Cities =
    [
        new("HKD", 22.30, 114.17, 8.5, [("zh-Hant", 0.6), ("en", 0.25), ("zh-Hans", 0.15)],
            ["旺角 Mong Kok", "銅鑼灣 Causeway Bay", "沙田 Sha Tin", "深水埗 Sham Shui Po", "觀塘 Kwun Tong", "中環 Central", "荃灣 Tsuen Wan"]),
        new("EUR", 45.46, 9.19, 1, [("it", 0.85), ("en", 0.15)], ["Brera", "Navigli", "Isola", "Porta Romana", "Città Studi", "Lambrate"]),
        new("RUB", 55.75, 37.62, 100, [("ru", 0.9), ("en", 0.1)], ["Тверской", "Арбат", "Хамовники", "Замоскворечье", "Басманный", "Пресненский"]),
        new("GBP", 51.51, -0.13, 0.85, [("en", 1.0)], ["Shoreditch", "Camden", "Brixton", "Hackney", "Islington", "Clapham"]),
    ];

    /// <summary>A leaf category: a price range in euros, two nouns per language and some brands or makers.</summary>
    internal sealed record Kind(string Slug, int Lo, int Hi, string[] En, string[] Hant, string[] Hans, string[] It, string[] Ru, string[] Brands);

    internal static readonly Kind[] Kinds =
    [
        new("phones", 50, 900, ["phone", "smartphone"], ["手機", "智能手機"], ["手机", "智能手机"], ["telefono", "smartphone"], ["телефон", "смартфон"], ["Apple iPhone 13", "Samsung Galaxy S21", "Xiaomi 12", "Google Pixel 7"]),
        new("cameras", 80, 2500, ["camera", "lens"], ["相機", "鏡頭"], ["相机", "镜头"], ["fotocamera", "obiettivo"], ["фотоаппарат", "объектив"], ["Fujifilm X100V", "Canon AE-1", "Sony A7 III", "Nikon F3", "Leica M6", "Zenit-E"]),
        new("computers", 100, 2000, ["laptop", "computer"], ["手提電腦", "電腦"], ["笔记本电脑", "电脑"], ["portatile", "computer"], ["ноутбук", "компьютер"], ["MacBook Air", "ThinkPad X1", "Dell XPS 13"]),
        new("audio", 20, 600, ["headphones", "speaker"], ["耳機", "喇叭"], ["耳机", "音箱"], ["cuffie", "altoparlante"], ["наушники", "колонка"], ["Sony WH-1000XM4", "Bose QC35", "Audio-Technica AT-LP60X", "JBL Flip 5"]),
        new("gaming", 20, 500, ["console", "game"], ["遊戲機", "遊戲"], ["游戏机", "游戏"], ["console", "videogioco"], ["приставка", "игра"], ["Nintendo Switch", "PlayStation 5", "Xbox Series S"]),
        new("womens-clothing", 10, 300, ["dress", "coat"], ["連身裙", "大衣"], ["连衣裙", "大衣"], ["vestito", "cappotto"], ["платье", "пальто"], ["Zara", "Uniqlo", "Max Mara", "COS"]),
        new("mens-clothing", 10, 300, ["jacket", "shirt"], ["外套", "恤衫"], ["外套", "衬衫"], ["giacca", "camicia"], ["куртка", "рубашка"], ["Levi's", "Uniqlo", "Barbour", "Ralph Lauren"]),
        new("shoes", 20, 400, ["trainers", "boots"], ["波鞋", "靴"], ["运动鞋", "靴子"], ["scarpe", "stivali"], ["кроссовки", "ботинки"], ["Nike Air Max 90", "Adidas Samba", "Dr. Martens", "New Balance 990"]),
        new("bags", 20, 2000, ["bag", "backpack"], ["手袋", "背囊"], ["包", "背包"], ["borsa", "zaino"], ["сумка", "рюкзак"], ["Longchamp", "Gucci", "Herschel", "Furla"]),
        new("watches-jewellery", 30, 5000, ["watch", "necklace"], ["手錶", "頸鏈"], ["手表", "项链"], ["orologio", "collana"], ["часы", "ожерелье"], ["Seiko", "Casio G-Shock", "Omega", "Swatch"]),
        new("furniture", 30, 1500, ["chair", "table"], ["椅子", "枱"], ["椅子", "桌子"], ["sedia", "tavolo"], ["стул", "стол"], ["IKEA", "Muji", "Kartell", "Hay"]),
        new("kitchen", 5, 300, ["coffee maker", "pan"], ["咖啡機", "鑊"], ["咖啡机", "锅"], ["caffettiera", "padella"], ["кофеварка", "сковорода"], ["Bialetti", "De'Longhi", "Le Creuset", "Tefal"]),
        new("decor", 5, 300, ["lamp", "mirror"], ["枱燈", "鏡"], ["台灯", "镜子"], ["lampada", "specchio"], ["лампа", "зеркало"], ["IKEA", "Artemide", "Flos", "Muji"]),
        new("appliances", 30, 1200, ["vacuum cleaner", "fridge"], ["吸塵機", "雪櫃"], ["吸尘器", "冰箱"], ["aspirapolvere", "frigorifero"], ["пылесос", "холодильник"], ["Dyson V11", "Philips", "Bosch", "Xiaomi"]),
        new("skincare", 5, 150, ["serum", "cream"], ["精華", "面霜"], ["精华", "面霜"], ["siero", "crema"], ["сыворотка", "крем"], ["La Roche-Posay", "SK-II", "Clinique", "The Ordinary"]),
        new("makeup", 5, 100, ["lipstick", "palette"], ["唇膏", "眼影盤"], ["口红", "眼影盘"], ["rossetto", "palette"], ["помада", "палетка"], ["MAC", "Dior", "Chanel", "NARS"]),
        new("fragrance", 10, 300, ["perfume", "eau de toilette"], ["香水", "淡香水"], ["香水", "淡香水"], ["profumo", "acqua di colonia"], ["духи", "туалетная вода"], ["Chanel No. 5", "Acqua di Parma", "Le Labo", "Byredo"]),
        new("bikes", 50, 2000, ["bike", "road bike"], ["單車", "公路車"], ["自行车", "公路车"], ["bicicletta", "bici da corsa"], ["велосипед", "шоссейный велосипед"], ["Brompton", "Bianchi", "Giant", "Specialized"]),
        new("fitness", 10, 500, ["dumbbells", "yoga mat"], ["啞鈴", "瑜伽墊"], ["哑铃", "瑜伽垫"], ["manubri", "tappetino yoga"], ["гантели", "коврик для йоги"], ["Decathlon", "Lululemon", "Nike", "Technogym"]),
        new("camping-hiking", 10, 600, ["tent", "sleeping bag"], ["帳篷", "睡袋"], ["帐篷", "睡袋"], ["tenda", "sacco a pelo"], ["палатка", "спальник"], ["MSR", "The North Face", "Salomon", "Decathlon"]),
        new("fiction", 2, 40, ["novel", "book"], ["小說", "書"], ["小说", "书"], ["romanzo", "libro"], ["роман", "книга"], ["Murakami", "Calvino", "Bulgakov", "Austen"]),
        new("non-fiction", 2, 40, ["book", "guide"], ["書", "指南"], ["书", "指南"], ["libro", "guida"], ["книга", "путеводитель"], ["Lonely Planet", "Taschen", "Phaidon"]),
        new("comics-manga", 2, 80, ["manga", "comic"], ["漫畫", "單行本"], ["漫画", "单行本"], ["manga", "fumetto"], ["манга", "комикс"], ["One Piece", "Dragon Ball", "Tex", "Marvel"]),
        new("music-film", 5, 200, ["vinyl record", "blu-ray"], ["黑膠唱片", "藍光碟"], ["黑胶唱片", "蓝光碟"], ["vinile", "blu-ray"], ["пластинка", "блюрей"], ["Beatles", "Pink Floyd", "Ghibli", "Criterion"]),
        new("toys-games", 5, 300, ["lego set", "board game"], ["積木", "桌遊"], ["积木", "桌游"], ["lego", "gioco da tavolo"], ["конструктор", "настольная игра"], ["LEGO", "Catan", "Playmobil", "Hasbro"]),
        new("baby-gear", 20, 800, ["stroller", "car seat"], ["BB車", "汽車座椅"], ["婴儿车", "安全座椅"], ["passeggino", "seggiolino auto"], ["коляска", "автокресло"], ["Bugaboo", "Cybex", "Chicco", "Stokke"]),
        new("kids-clothing", 5, 100, ["kids jacket", "romper"], ["童裝外套", "嬰兒連身衣"], ["童装外套", "婴儿连体衣"], ["giubbotto bambino", "tutina"], ["детская куртка", "комбинезон"], ["H&M", "Zara Kids", "Petit Bateau", "Uniqlo"]),
        new("collectibles", 10, 3000, ["stamp album", "figure"], ["郵票", "模型"], ["邮票", "模型"], ["francobolli", "statuetta"], ["марки", "фигурка"], ["Hot Toys", "Bearbrick", "Funko", "Royal Mail"]),
        new("tickets-vouchers", 10, 500, ["concert ticket", "gift card"], ["演唱會門票", "禮券"], ["演唱会门票", "礼券"], ["biglietto concerto", "buono regalo"], ["билет на концерт", "подарочный сертификат"], ["Ticketmaster", "Amazon", "IKEA"]),
        new("everything-else", 1, 200, ["item", "set"], ["雜物", "套裝"], ["杂物", "套装"], ["oggetto", "set"], ["вещь", "набор"], ["Muji", "IKEA", "Daiso"]),
    ];

    static readonly Dictionary<string, string[]> Qualifiers = new()
    {
        ["en"] = ["Used", "Vintage", "Like new", "Barely used", "Brand new", "Classic", "Black", "White", "Silver", "Large", "Small"],
        ["zh-Hant"] = ["二手", "二手", "全新", "九成新", "95%新", "黑色", "白色", "銀色", "經典", "大碼", "細碼"],
        ["zh-Hans"] = ["二手", "二手", "全新", "九成新", "黑色", "白色", "银色", "经典", "大号", "小号"],
        ["it"] = ["usato", "come nuovo", "nuovo", "vintage", "nero", "bianco", "grande", "piccolo", "perfetto"],
        ["ru"] = ["б/у", "новый", "как новый", "винтажный", "чёрный", "белый", "большой", "маленький"],
    };

    static readonly Dictionary<string, string[]> Sentences = new()
    {
        ["en"] = ["Works perfectly.", "Selling because I upgraded.", "Collection only, or I can post.", "Smoke-free home.", "Original box included.",
            "Some signs of use, see photos.", "Price is firm.", "Bought last year, hardly used."],
        ["zh-Hant"] = ["功能正常，冇任何問題。", "因為換新所以放售。", "可以地鐵站交收或者郵寄。", "無煙家庭。", "連原裝盒。", "有少量使用痕跡，請睇相。",
            "價錢已經好抵，不議價。", "去年購入，用得好少。"],
        ["zh-Hans"] = ["功能正常，没有任何问题。", "因为换新了所以出。", "可以地铁站面交或者邮寄。", "无烟家庭。", "带原装盒子。", "有轻微使用痕迹，请看图。",
            "价格实惠，不议价。", "去年买的，很少用。"],
        ["it"] = ["Funziona perfettamente.", "Vendo perché ho preso un modello nuovo.", "Ritiro a mano o spedizione.", "Casa senza fumo.",
            "Con scatola originale.", "Qualche segno d'uso, vedi foto.", "Prezzo non trattabile.", "Comprato l'anno scorso, usato pochissimo."],
        ["ru"] = ["Работает отлично.", "Продаю, потому что купил новый.", "Самовывоз или отправлю почтой.", "Дом без курящих.",
            "Есть оригинальная коробка.", "Есть следы использования, смотрите фото.", "Цена окончательная.", "Покупал в прошлом году, почти не пользовался."],
    };

    /// <summary>Listing i of n: the same every time for the same i and n.</summary>
    public static Generated Generate(int i, int n, long id, Guid sellerId, Guid photoId, int categoryId, DateTime now)
    {
        var random = new Random(i * 7919 + 104729);
        var city = Cities[i % Cities.Length];
        var kind = KindFor(i);
        var language = Pick(random, city.Languages);
        var nouns = language switch { "zh-Hant" => kind.Hant, "zh-Hans" => kind.Hans, "it" => kind.It, "ru" => kind.Ru, _ => kind.En };
        var noun = nouns[random.Next(nouns.Length)];
        var brand = kind.Brands[random.Next(kind.Brands.Length)];
        var qualifiers = Qualifiers[language];
        var qualifier = qualifiers[random.Next(qualifiers.Length)];
        var title = language switch
        {
            "zh-Hant" or "zh-Hans" => $"{qualifier}{noun} {brand}",
            "it" or "ru" => $"{Capitalise(noun)} {brand} {qualifier}",
            _ => random.Next(2) == 0 ? $"{qualifier} {brand} {noun}" : $"{brand} {noun}, {qualifier.ToLowerInvariant()}",
        };
        if (title.Length > Listing.TitleMax) title = title[..Listing.TitleMax].TrimEnd();
        var sentences = Sentences[language];
        var description = string.Join(language.StartsWith("zh", StringComparison.Ordinal) ? "" : " ",
            Enumerable.Range(0, 2 + random.Next(3)).Select(_ => sentences[random.Next(sentences.Length)]).Distinct());

        // Log-uniform between the kind's bounds, whole units, in the city's currency.
        var eur = kind.Lo * Math.Pow((double)kind.Hi / kind.Lo, random.NextDouble());
        var amount = Math.Max(1, (long)Math.Round(eur * city.PerEur)) * 100;
        // A normal spread of about 6 km around the centre (Box–Muller), rounded like every listing's location.
        var (dy, dx) = Gaussian(random);
        var lat = Listing.RoundCoordinate(city.Lat + dy * 0.055);
        var lng = Listing.RoundCoordinate(city.Lng + dx * 0.055 / Math.Cos(city.Lat * Math.PI / 180));
        var roll = random.NextDouble();
        var state = roll < 0.77 ? ListingState.Active : roll < 0.92 ? ListingState.Sold : roll < 0.97 ? ListingState.Reserved : ListingState.Hidden;
        // Oldest first, spread over 90 days, so ids and creation times rise together as in real use.
        var createdAt = now.AddDays(-90 + 90.0 * i / n).AddSeconds(random.Next(60));
        var meetUp = random.Next(3) > 0;

        var listing = new Listing
        {
            Id = id,
            SellerId = sellerId,
            Title = title,
            NormalizedTitle = Listing.NormalizeTitle(title),
            Description = description,
            Price = new(amount, city.Currency),
            Condition = (ListingCondition)random.Next(5),
            CategoryId = categoryId,
            MeetUp = meetUp,
            MeetUpPlace = meetUp ? city.Districts[random.Next(city.Districts.Length)] : null,
            ShippingFeeAmount = meetUp && random.Next(2) == 0 ? null : (long)Math.Round(5 * city.PerEur) * 100,
            ShippingFeeCurrency = null,
            District = city.Districts[random.Next(city.Districts.Length)],
            Latitude = lat,
            Longitude = lng,
            State = state,
            CreatedAt = createdAt,
            UpdatedAt = createdAt,
        };
        if (listing.ShippingFeeAmount is not null) listing.ShippingFeeCurrency = city.Currency;
        listing.Photos.Add(new ListingPhoto { ListingId = id, Position = 0, MediaId = photoId });
        return new Generated(listing, SearchIndex.IsFindable(state) ? SearchIndex.ListingEntry(listing, photoId) : null);
    }

    /// <summary>The slug of listing i's category (every leaf in turn, so each gets its share).</summary>
    public static string CategorySlugFor(int i) => KindFor(i).Slug;

    static Kind KindFor(int i) => Kinds[i / Cities.Length % Kinds.Length];

    internal static string Pick(Random random, (string Value, double Share)[] choices)
    {
        var roll = random.NextDouble();
        foreach (var (value, share) in choices)
        {
            if (roll < share) return value;
            roll -= share;
        }
        return choices[^1].Value;
    }

    static (double, double) Gaussian(Random random)
    {
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        var r = Math.Sqrt(-2.0 * Math.Log(u1));
        return (r * Math.Cos(2 * Math.PI * u2), r * Math.Sin(2 * Math.PI * u2));
    }

    internal static string Capitalise(string s) => s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..];

    // ---- writers -----------------------------------------------------------------------------------------------------------

    /// <summary>Listings, their photo rows and the active ones' search entries, in the caller's transaction (the FTS5 triggers index each entry).</summary>
    public static async Task WriteSqliteAsync(SqliteConnection conn, SqliteTransaction tx, IEnumerable<Generated> items, CancellationToken ct)
    {
        var (listings, l) = SeedWriting.Prepare(conn, tx, """
            INSERT INTO "Listings" ("Id","SellerId","Title","NormalizedTitle","Description","Condition","CategoryId","MeetUp","MeetUpPlace",
              "ShippingFeeAmount","ShippingFeeCurrency","District","Latitude","Longitude","State","CreatedAt","UpdatedAt","SavesCount","PriceAmount","PriceCurrency")
            VALUES ($id,$seller,$title,$nt,$desc,$cond,$cat,$meet,$place,$fee,$feecur,$district,$lat,$lng,$state,$at,$at,0,$amount,$cur)
            """, ["$id", "$seller", "$title", "$nt", "$desc", "$cond", "$cat", "$meet", "$place", "$fee", "$feecur", "$district", "$lat", "$lng",
            "$state", "$at", "$amount", "$cur"], "$seller");
        await using var _ = listings;
        await using var photos = new SeedWriting.SqlitePhotos(conn, tx, "ListingPhotos", "ListingId");
        await using var entries = new SeedWriting.SqliteEntries(conn, tx);

        foreach (var (x, entry) in items)
        {
            l["$id"].Value = x.Id;
            l["$seller"].Value = x.SellerId;
            l["$title"].Value = x.Title;
            l["$nt"].Value = x.NormalizedTitle;
            l["$desc"].Value = x.Description;
            l["$cond"].Value = (int)x.Condition;
            l["$cat"].Value = x.CategoryId;
            l["$meet"].Value = x.MeetUp;
            l["$place"].Value = SeedWriting.Db(x.MeetUpPlace);
            l["$fee"].Value = SeedWriting.Db(x.ShippingFeeAmount);
            l["$feecur"].Value = SeedWriting.Db(x.ShippingFeeCurrency);
            l["$district"].Value = x.District;
            l["$lat"].Value = x.Latitude;
            l["$lng"].Value = x.Longitude;
            l["$state"].Value = (int)x.State;
            l["$at"].Value = x.CreatedAt;
            l["$amount"].Value = x.Price.Amount;
            l["$cur"].Value = x.Price.Currency;
            await listings.ExecuteNonQueryAsync(ct);

            foreach (var photo in x.Photos) await photos.WriteAsync(x.Id, photo.Position, photo.MediaId, ct);
            if (entry is not null) await entries.WriteAsync(entry, ct);
        }
    }

    /// <summary>Binary COPY of the three tables.</summary>
    public static async Task WritePostgresAsync(NpgsqlConnection conn, IReadOnlyList<Generated> items, TimeSpan timeout, CancellationToken ct)
    {
        await using (var listings = await conn.BeginBinaryImportAsync("""
            COPY "Listings" ("Id","SellerId","Title","NormalizedTitle","Description","Condition","CategoryId","MeetUp","MeetUpPlace",
              "ShippingFeeAmount","ShippingFeeCurrency","District","Latitude","Longitude","State","CreatedAt","UpdatedAt","SavesCount","PriceAmount","PriceCurrency")
            FROM STDIN (FORMAT BINARY)
            """, ct))
        {
            listings.Timeout = timeout;
            foreach (var (x, _) in items)
            {
                await listings.StartRowAsync(ct);
                await listings.WriteAsync(x.Id, NpgsqlDbType.Bigint, ct);
                await listings.WriteAsync(x.SellerId, NpgsqlDbType.Uuid, ct);
                await listings.WriteAsync(x.Title, NpgsqlDbType.Varchar, ct);
                await listings.WriteAsync(x.NormalizedTitle, NpgsqlDbType.Varchar, ct);
                await listings.WriteAsync(x.Description, NpgsqlDbType.Varchar, ct);
                await listings.WriteAsync((int)x.Condition, NpgsqlDbType.Integer, ct);
                await listings.WriteAsync(x.CategoryId, NpgsqlDbType.Integer, ct);
                await listings.WriteAsync(x.MeetUp, NpgsqlDbType.Boolean, ct);
                await SeedWriting.WriteNullableAsync(listings, x.MeetUpPlace, NpgsqlDbType.Varchar, ct);
                await SeedWriting.WriteNullableAsync(listings, x.ShippingFeeAmount, NpgsqlDbType.Bigint, ct);
                await SeedWriting.WriteNullableAsync(listings, x.ShippingFeeCurrency, NpgsqlDbType.Varchar, ct);
                await listings.WriteAsync(x.District, NpgsqlDbType.Varchar, ct);
                await listings.WriteAsync(x.Latitude, NpgsqlDbType.Double, ct);
                await listings.WriteAsync(x.Longitude, NpgsqlDbType.Double, ct);
                await listings.WriteAsync((int)x.State, NpgsqlDbType.Integer, ct);
                await listings.WriteAsync(x.CreatedAt, NpgsqlDbType.TimestampTz, ct);
                await listings.WriteAsync(x.UpdatedAt, NpgsqlDbType.TimestampTz, ct);
                await listings.WriteAsync(0, NpgsqlDbType.Integer, ct);
                await listings.WriteAsync(x.Price.Amount, NpgsqlDbType.Bigint, ct);
                await listings.WriteAsync(x.Price.Currency, NpgsqlDbType.Varchar, ct);
            }
            await listings.CompleteAsync(ct);
        }
        await SeedWriting.CopyPhotosAsync(conn, "ListingPhotos", "ListingId",
            items.SelectMany(i => i.Listing.Photos.Select(p => (i.Listing.Id, p.Position, p.MediaId))), timeout, ct);
        await SeedWriting.CopyEntriesAsync(conn, items.Where(i => i.Entry is not null).Select(i => i.Entry!), timeout, ct);
        await SeedWriting.AdvanceSequencesAsync(conn, ["Listings", "SearchEntries"], ct);
    }
}
