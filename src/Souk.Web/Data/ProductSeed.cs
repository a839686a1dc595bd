using System.Text.Json;
using Microsoft.Data.Sqlite;
using Npgsql;
using NpgsqlTypes;
using Souk.Web.Common;
using Souk.Web.Modules.Catalog;

namespace Souk.Web.Data;

/// <summary>
/// Synthetic shops and products for the search benchmark (`seed --products N`): one shop per seeded seller account (a
/// quarter of them verified brands), each in one of <see cref="ListingSeed"/>'s cities, selling new goods of every leaf
/// category with titles in the city's languages, 1–3 options (size, colour, pack) of 2–4 values in those languages and one
/// SKU per combination with its own price and stock (some sold out), a mix of drafts and published products, the initial
/// stock log, and the search entries of the findable ones (published with an SKU in stock, at the lowest in-stock price),
/// in the same bulk load. Deterministic for a given N.
/// </summary>
public static class ProductSeed
{
    /// <summary>A seeded shop: its id, owner and city (index into <see cref="ListingSeed.Cities"/>).</summary>
    public sealed record SeedShop(long Id, Guid OwnerId, string Name, string Slug, int City, bool Brand);

    /// <summary>One generated product with its photo, options and SKUs, and its search entry when it is findable.</summary>
    public sealed record Generated(Product Product, SearchEntry? Entry);

    static readonly Dictionary<string, string[]> Qualifiers = new()
    {
        ["en"] = ["New", "Official", "Classic", "Limited edition", "Gift set", "2025 model", "Premium"],
        ["zh-Hant"] = ["全新", "正品", "經典款", "限量版", "禮盒裝", "2025 新款", "行貨"],
        ["zh-Hans"] = ["全新", "正品", "经典款", "限量版", "礼盒装", "2025 新款", "国行"],
        ["it"] = ["nuovo", "originale", "classico", "edizione limitata", "confezione regalo", "modello 2025"],
        ["ru"] = ["новый", "оригинал", "классический", "лимитированная серия", "подарочный набор", "модель 2025"],
    };

    static readonly Dictionary<string, string[]> Sentences = new()
    {
        ["en"] = ["Ships within two working days.", "Official warranty included.", "Free returns within 14 days.", "Made in small batches.",
            "Gift wrapping on request.", "Original packaging, never opened."],
        ["zh-Hant"] = ["兩個工作天內寄出。", "附原廠保養。", "14 天內免費退貨。", "小批量生產。", "可代為包裝禮物。", "原裝未開封。"],
        ["zh-Hans"] = ["两个工作日内发货。", "享受官方保修。", "14 天内免费退货。", "小批量生产。", "可提供礼品包装。", "原装未拆封。"],
        ["it"] = ["Spedizione entro due giorni lavorativi.", "Garanzia ufficiale inclusa.", "Reso gratuito entro 14 giorni.",
            "Prodotto in piccoli lotti.", "Confezione regalo su richiesta.", "Confezione originale sigillata."],
        ["ru"] = ["Отправка в течение двух рабочих дней.", "Официальная гарантия.", "Бесплатный возврат в течение 14 дней.",
            "Производится небольшими партиями.", "Подарочная упаковка по запросу.", "Оригинальная запечатанная упаковка."],
    };

    /// <summary>Size, colour and pack, named in each language (values up to 4, 4 and 3: at most 48 SKUs).</summary>
    static readonly Dictionary<string, (string Name, string[] Values)[]> Options = new()
    {
        ["en"] = [("Size", ["S", "M", "L", "XL"]), ("Colour", ["Black", "White", "Red", "Blue"]), ("Pack", ["1", "2", "3"])],
        ["zh-Hant"] = [("尺碼", ["S", "M", "L", "XL"]), ("顏色", ["黑色", "白色", "紅色", "藍色"]), ("數量", ["1件", "2件", "3件"])],
        ["zh-Hans"] = [("尺码", ["S", "M", "L", "XL"]), ("颜色", ["黑色", "白色", "红色", "蓝色"]), ("数量", ["1件", "2件", "3件"])],
        ["it"] = [("Taglia", ["S", "M", "L", "XL"]), ("Colore", ["Nero", "Bianco", "Rosso", "Blu"]), ("Confezione", ["1", "2", "3"])],
        ["ru"] = [("Размер", ["S", "M", "L", "XL"]), ("Цвет", ["Чёрный", "Белый", "Красный", "Синий"]), ("Упаковка", ["1", "2", "3"])],
    };

    static readonly string[] ShopWords = ["Store", "Atelier", "Bottega", "Лавка", "商店", "小店", "Emporium", "Market"];

    /// <summary>The shops: one per owner, cities in turn, every fourth a verified brand.</summary>
    public static List<SeedShop> Shops(IReadOnlyList<Guid> owners, long firstId, string run) =>
        [.. owners.Select((owner, k) => new SeedShop(firstId + k, owner, $"{ShopWords[k % ShopWords.Length]} {run} {k}", $"s{run}-shop-{k}",
            k % ListingSeed.Cities.Length, k % 4 == 0))];

    /// <summary>Product i of n, in shop i mod the number of shops; SKU ids are given out from <paramref name="nextSkuId"/> on.</summary>
    public static Generated Generate(int i, int n, long id, SeedShop shop, ref long nextSkuId, Guid photoId, Func<string, int> categoryId, DateTime now)
    {
        var random = new Random(i * 6007 + 7919);
        var city = ListingSeed.Cities[shop.City];
        var kind = ListingSeed.Kinds[i / ListingSeed.Cities.Length % ListingSeed.Kinds.Length];
        var language = ListingSeed.Pick(random, city.Languages);
        var nouns = language switch { "zh-Hant" => kind.Hant, "zh-Hans" => kind.Hans, "it" => kind.It, "ru" => kind.Ru, _ => kind.En };
        var noun = nouns[random.Next(nouns.Length)];
        var brand = kind.Brands[random.Next(kind.Brands.Length)];
        var qualifier = Qualifiers[language][random.Next(Qualifiers[language].Length)];
        var title = language switch
        {
            "zh-Hant" or "zh-Hans" => $"{qualifier}{brand} {noun}",
            "it" or "ru" => $"{ListingSeed.Capitalise(noun)} {brand} {qualifier}",
            _ => $"{brand} {noun} ({qualifier.ToLowerInvariant()})",
        };
        if (title.Length > Product.TitleMax) title = title[..Product.TitleMax].TrimEnd();
        var sentences = Sentences[language];
        var description = string.Join(language.StartsWith("zh", StringComparison.Ordinal) ? "" : " ",
            Enumerable.Range(0, 2 + random.Next(2)).Select(_ => sentences[random.Next(sentences.Length)]).Distinct());

        // 1–3 options of 2–4 values (a pack of up to 3), one SKU per combination.
        var available = Options[language];
        var options = new List<OptionDraft>();
        foreach (var k in Enumerable.Range(0, 1 + random.Next(3)))
        {
            var (name, values) = available[k];
            options.Add(new OptionDraft(name, values[..Math.Min(values.Length, 2 + random.Next(3))]));
        }
        var combinations = ProductRules.Combinations(options).ToList();

        // New goods: dearer than second-hand, log-uniform between the kind's bounds in the shop's currency.
        var eur = 1.5 * kind.Lo * Math.Pow((double)kind.Hi / kind.Lo, random.NextDouble());
        var baseAmount = Math.Max(1, (long)Math.Round(eur * city.PerEur)) * 100;
        var roll = random.NextDouble();
        var status = roll < 0.92 ? ProductStatus.Published : ProductStatus.Draft;
        var soldOut = random.NextDouble() < 0.08;
        var createdAt = now.AddDays(-90 + 90.0 * i / n).AddSeconds(random.Next(60));

        var product = new Product
        {
            Id = id, ShopId = shop.Id, CategoryId = categoryId(kind.Slug), Title = title, Description = description, Status = status,
            CreatedAt = createdAt, UpdatedAt = createdAt,
            Photos = [new ProductPhoto { ProductId = id, Position = 0, MediaId = photoId }],
            Options = [.. options.Select((o, k) => new ProductOption { ProductId = id, Position = k, Name = o.Name, Values = [.. o.Values] })],
        };
        for (var k = 0; k < combinations.Count; k++)
        {
            // Bigger sizes and packs cost a little more: the first option's position moves the price by 10 % a step.
            var step = Array.IndexOf(options[0].Values.ToArray(), combinations[k][0]);
            var sku = new Sku
            {
                Id = nextSkuId++, ProductId = id, Position = k, Price = new Money(baseAmount + baseAmount * step / 10 / 100 * 100, city.Currency),
                Stock = soldOut || random.NextDouble() < 0.15 ? 0 : 1 + random.Next(40), CreatedAt = createdAt, UpdatedAt = createdAt,
            };
            sku.SetValues(combinations[k]);
            product.Skus.Add(sku);
        }
        product.MinPrice = product.Skus.MinBy(s => s.Price.Amount)!.Price;
        product.MaxPrice = product.Skus.MaxBy(s => s.Price.Amount)!.Price;

        var lowest = product.Skus.Where(s => s.Stock > 0).MinBy(s => s.Price.Amount);
        var entry = SearchIndex.IsFindable(status, lowest is not null)
            ? SearchIndex.ProductEntry(new ProductSearchDocument(id, shop.OwnerId, title, description, product.CategoryId, lowest!.Price, photoId, createdAt))
            : null;
        return new Generated(product, entry);
    }

    // ---- writers -----------------------------------------------------------------------------------------------------------

    /// <summary>Shops, products, photos, options, SKUs, their initial stock movements and the findable products' entries, in the caller's transaction.</summary>
    public static async Task WriteSqliteAsync(SqliteConnection conn, SqliteTransaction tx, IReadOnlyList<SeedShop> shops, IEnumerable<Generated> items, CancellationToken ct)
    {
        var (shopInsert, sh) = SeedWriting.Prepare(conn, tx, """
            INSERT INTO "Shops" ("Id","OwnerId","Name","Slug","Description","CreatedAt","UpdatedAt") VALUES ($id,$owner,$name,$slug,$desc,$at,$at)
            """, ["$id", "$owner", "$name", "$slug", "$desc", "$at"], "$owner");
        await using (shopInsert)
        {
            foreach (var shop in shops)
            {
                sh["$id"].Value = shop.Id;
                sh["$owner"].Value = shop.OwnerId;
                sh["$name"].Value = shop.Name;
                sh["$slug"].Value = shop.Slug;
                sh["$desc"].Value = ShopDescription(shop);
                sh["$at"].Value = DateTime.UtcNow;
                await shopInsert.ExecuteNonQueryAsync(ct);
            }
        }
        var (products, p) = SeedWriting.Prepare(conn, tx, """
            INSERT INTO "Products" ("Id","ShopId","CategoryId","Title","Description","Status","MinPriceAmount","MinPriceCurrency","MaxPriceAmount","MaxPriceCurrency","CreatedAt","UpdatedAt")
            VALUES ($id,$shop,$cat,$title,$desc,$status,$min,$cur,$max,$cur,$at,$at)
            """, ["$id", "$shop", "$cat", "$title", "$desc", "$status", "$min", "$cur", "$max", "$at"]);
        await using var _ = products;
        await using var photos = new SeedWriting.SqlitePhotos(conn, tx, "ProductPhotos", "ProductId");
        var (options, o) = SeedWriting.Prepare(conn, tx, """INSERT INTO "ProductOptions" ("ProductId","Position","Name","Values") VALUES ($id,$pos,$name,$values)""",
            ["$id", "$pos", "$name", "$values"]);
        await using var ___ = options;
        var (skus, k) = SeedWriting.Prepare(conn, tx, """
            INSERT INTO "Skus" ("Id","ProductId","Position","Option1","Option2","Option3","PriceAmount","PriceCurrency","Stock","CreatedAt","UpdatedAt")
            VALUES ($id,$product,$pos,$o1,$o2,$o3,$amount,$cur,$stock,$at,$at)
            """, ["$id", "$product", "$pos", "$o1", "$o2", "$o3", "$amount", "$cur", "$stock", "$at"]);
        await using var ____ = skus;
        var (movements, m) = SeedWriting.Prepare(conn, tx, """
            INSERT INTO "StockMovements" ("SkuId","Delta","StockAfter","Reason","ActorId","At") VALUES ($sku,$stock,$stock,$reason,$actor,$at)
            """, ["$sku", "$stock", "$reason", "$actor", "$at"], "$actor");
        await using var _____ = movements;
        await using var entries = new SeedWriting.SqliteEntries(conn, tx);
        var owners = shops.ToDictionary(s => s.Id, s => s.OwnerId);

        foreach (var (x, entry) in items)
        {
            p["$id"].Value = x.Id;
            p["$shop"].Value = x.ShopId;
            p["$cat"].Value = SeedWriting.Db(x.CategoryId);
            p["$title"].Value = x.Title;
            p["$desc"].Value = x.Description;
            p["$status"].Value = (int)x.Status;
            p["$min"].Value = x.MinPrice.Amount;
            p["$cur"].Value = x.MinPrice.Currency;
            p["$max"].Value = x.MaxPrice.Amount;
            p["$at"].Value = x.CreatedAt;
            await products.ExecuteNonQueryAsync(ct);
            foreach (var photo in x.Photos) await photos.WriteAsync(x.Id, photo.Position, photo.MediaId, ct);
            foreach (var option in x.Options)
            {
                o["$id"].Value = x.Id;
                o["$pos"].Value = option.Position;
                o["$name"].Value = option.Name;
                // A primitive collection: EF keeps it as a JSON array on SQLite.
                o["$values"].Value = JsonSerializer.Serialize(option.Values);
                await options.ExecuteNonQueryAsync(ct);
            }
            foreach (var sku in x.Skus)
            {
                k["$id"].Value = sku.Id;
                k["$product"].Value = x.Id;
                k["$pos"].Value = sku.Position;
                k["$o1"].Value = sku.Option1;
                k["$o2"].Value = sku.Option2;
                k["$o3"].Value = sku.Option3;
                k["$amount"].Value = sku.Price.Amount;
                k["$cur"].Value = sku.Price.Currency;
                k["$stock"].Value = sku.Stock;
                k["$at"].Value = sku.CreatedAt;
                await skus.ExecuteNonQueryAsync(ct);
                m["$sku"].Value = sku.Id;
                m["$stock"].Value = sku.Stock;
                m["$reason"].Value = (int)StockReason.Initial;
                m["$actor"].Value = owners[x.ShopId];
                m["$at"].Value = sku.CreatedAt;
                await movements.ExecuteNonQueryAsync(ct);
            }
            if (entry is not null) await entries.WriteAsync(entry, ct);
        }
    }

    /// <summary>Binary COPY of every table.</summary>
    public static async Task WritePostgresAsync(NpgsqlConnection conn, IReadOnlyList<SeedShop> shops, IReadOnlyList<Generated> items, TimeSpan timeout, CancellationToken ct)
    {
        var now = DateTime.UtcNow;
        await SeedWriting.CopyAsync(conn, """COPY "Shops" ("Id","OwnerId","Name","Slug","Description","CreatedAt","UpdatedAt") FROM STDIN (FORMAT BINARY)""",
            shops, async (copy, shop) =>
            {
                await copy.WriteAsync(shop.Id, NpgsqlDbType.Bigint, ct);
                await copy.WriteAsync(shop.OwnerId, NpgsqlDbType.Uuid, ct);
                await copy.WriteAsync(shop.Name, NpgsqlDbType.Varchar, ct);
                await copy.WriteAsync(shop.Slug, NpgsqlDbType.Varchar, ct);
                await copy.WriteAsync(ShopDescription(shop), NpgsqlDbType.Varchar, ct);
                await copy.WriteAsync(now, NpgsqlDbType.TimestampTz, ct);
                await copy.WriteAsync(now, NpgsqlDbType.TimestampTz, ct);
            }, timeout, ct);
        await SeedWriting.CopyAsync(conn, """
            COPY "Products" ("Id","ShopId","CategoryId","Title","Description","Status","MinPriceAmount","MinPriceCurrency","MaxPriceAmount","MaxPriceCurrency","CreatedAt","UpdatedAt")
            FROM STDIN (FORMAT BINARY)
            """, items.Select(i => i.Product), async (copy, x) =>
            {
                await copy.WriteAsync(x.Id, NpgsqlDbType.Bigint, ct);
                await copy.WriteAsync(x.ShopId, NpgsqlDbType.Bigint, ct);
                await SeedWriting.WriteNullableAsync(copy, x.CategoryId, NpgsqlDbType.Integer, ct);
                await copy.WriteAsync(x.Title, NpgsqlDbType.Varchar, ct);
                await copy.WriteAsync(x.Description, NpgsqlDbType.Varchar, ct);
                await copy.WriteAsync((int)x.Status, NpgsqlDbType.Integer, ct);
                await copy.WriteAsync(x.MinPrice.Amount, NpgsqlDbType.Bigint, ct);
                await copy.WriteAsync(x.MinPrice.Currency, NpgsqlDbType.Varchar, ct);
                await copy.WriteAsync(x.MaxPrice.Amount, NpgsqlDbType.Bigint, ct);
                await copy.WriteAsync(x.MaxPrice.Currency, NpgsqlDbType.Varchar, ct);
                await copy.WriteAsync(x.CreatedAt, NpgsqlDbType.TimestampTz, ct);
                await copy.WriteAsync(x.UpdatedAt, NpgsqlDbType.TimestampTz, ct);
            }, timeout, ct);
        await SeedWriting.CopyPhotosAsync(conn, "ProductPhotos", "ProductId",
            items.SelectMany(i => i.Product.Photos.Select(p => (p.ProductId, p.Position, p.MediaId))), timeout, ct);
        await SeedWriting.CopyAsync(conn, """COPY "ProductOptions" ("ProductId","Position","Name","Values") FROM STDIN (FORMAT BINARY)""",
            items.SelectMany(i => i.Product.Options), async (copy, option) =>
            {
                await copy.WriteAsync(option.ProductId, NpgsqlDbType.Bigint, ct);
                await copy.WriteAsync(option.Position, NpgsqlDbType.Integer, ct);
                await copy.WriteAsync(option.Name, NpgsqlDbType.Varchar, ct);
                await copy.WriteAsync(option.Values.ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text, ct);
            }, timeout, ct);
        await SeedWriting.CopyAsync(conn, """
            COPY "Skus" ("Id","ProductId","Position","Option1","Option2","Option3","PriceAmount","PriceCurrency","Stock","CreatedAt","UpdatedAt")
            FROM STDIN (FORMAT BINARY)
            """, items.SelectMany(i => i.Product.Skus), async (copy, sku) =>
            {
                await copy.WriteAsync(sku.Id, NpgsqlDbType.Bigint, ct);
                await copy.WriteAsync(sku.ProductId, NpgsqlDbType.Bigint, ct);
                await copy.WriteAsync(sku.Position, NpgsqlDbType.Integer, ct);
                await copy.WriteAsync(sku.Option1, NpgsqlDbType.Varchar, ct);
                await copy.WriteAsync(sku.Option2, NpgsqlDbType.Varchar, ct);
                await copy.WriteAsync(sku.Option3, NpgsqlDbType.Varchar, ct);
                await copy.WriteAsync(sku.Price.Amount, NpgsqlDbType.Bigint, ct);
                await copy.WriteAsync(sku.Price.Currency, NpgsqlDbType.Varchar, ct);
                await copy.WriteAsync(sku.Stock, NpgsqlDbType.Integer, ct);
                await copy.WriteAsync(sku.CreatedAt, NpgsqlDbType.TimestampTz, ct);
                await copy.WriteAsync(sku.UpdatedAt, NpgsqlDbType.TimestampTz, ct);
            }, timeout, ct);
        var owners = shops.ToDictionary(s => s.Id, s => s.OwnerId);
        await SeedWriting.CopyAsync(conn, """COPY "StockMovements" ("SkuId","Delta","StockAfter","Reason","ActorId","At") FROM STDIN (FORMAT BINARY)""",
            items.SelectMany(i => i.Product.Skus.Select(sku => (Sku: sku, Owner: owners[i.Product.ShopId]))), async (copy, row) =>
            {
                await copy.WriteAsync(row.Sku.Id, NpgsqlDbType.Bigint, ct);
                await copy.WriteAsync(row.Sku.Stock, NpgsqlDbType.Integer, ct);
                await copy.WriteAsync(row.Sku.Stock, NpgsqlDbType.Integer, ct);
                await copy.WriteAsync((int)StockReason.Initial, NpgsqlDbType.Integer, ct);
                await copy.WriteAsync(row.Owner, NpgsqlDbType.Uuid, ct);
                await copy.WriteAsync(row.Sku.CreatedAt, NpgsqlDbType.TimestampTz, ct);
            }, timeout, ct);
        await SeedWriting.CopyEntriesAsync(conn, items.Where(i => i.Entry is not null).Select(i => i.Entry!), timeout, ct);
        await SeedWriting.AdvanceSequencesAsync(conn, ["Shops", "Products", "Skus", "SearchEntries"], ct);
    }

    static string ShopDescription(SeedShop shop) => $"{ListingSeed.Cities[shop.City].Currency} shop for the search benchmark.";
}
