using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Souk.Web.Modules.Catalog;

/// <summary>A node of the category tree. Listings and search refer to it by its stable <see cref="Slug"/>.</summary>
public sealed class Category
{
    public const int SlugMax = 40;

    public int Id { get; set; }
    public string Slug { get; set; } = "";
    public int? ParentId { get; set; }
    /// <summary>Order among its siblings.</summary>
    public int Position { get; set; }
    public List<CategoryName> Names { get; set; } = [];
}

/// <summary>The name of a category in one of the five UI cultures.</summary>
public sealed class CategoryName
{
    public const int NameMax = 60;
    public const int CultureMax = 16;

    public int CategoryId { get; set; }
    public string Culture { get; set; } = "";
    public string Name { get; set; } = "";
}

/// <summary>
/// The tree is reference data seeded through the migrations (HasData), not at start-up: it must exist before the
/// first listing on every database (listings hold a foreign key to it); changes to it become reviewable
/// InsertData/UpdateData steps of a migration; ids stay identical on every install; and several nodes starting
/// at once cannot race to seed it, because migrations already run under the provider's migration lock.
/// The cost is that changing the tree means a migration, which suits a tree that changes with releases.
/// </summary>
sealed class CategoryConfiguration : IEntityTypeConfiguration<Category>
{
    public void Configure(EntityTypeBuilder<Category> b)
    {
        b.ToTable("Categories");
        b.HasKey(c => c.Id);
        b.Property(c => c.Id).ValueGeneratedNever();
        b.Property(c => c.Slug).HasMaxLength(Category.SlugMax).IsRequired();
        b.HasIndex(c => c.Slug).IsUnique();
        b.HasIndex(c => new { c.ParentId, c.Position });
        b.HasOne<Category>().WithMany().HasForeignKey(c => c.ParentId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(c => c.Names).WithOne().HasForeignKey(n => n.CategoryId).OnDelete(DeleteBehavior.Cascade);
        b.HasData(CategorySeed.Nodes.Select(n => new Category { Id = n.Id, Slug = n.Slug, ParentId = n.ParentId, Position = n.Position }));
    }
}

sealed class CategoryNameConfiguration : IEntityTypeConfiguration<CategoryName>
{
    public void Configure(EntityTypeBuilder<CategoryName> b)
    {
        b.ToTable("CategoryNames");
        b.HasKey(n => new { n.CategoryId, n.Culture });
        b.Property(n => n.Culture).HasMaxLength(CategoryName.CultureMax);
        b.Property(n => n.Name).HasMaxLength(CategoryName.NameMax).IsRequired();
        b.HasData(CategorySeed.Nodes.SelectMany(n => CategorySeed.Cultures.Select((culture, i) =>
            new CategoryName { CategoryId = n.Id, Culture = culture, Name = n.Names[i] })));
    }
}

/// <summary>The seeded tree. Ids are fixed (parent × 100 + position) so they never move between installs.</summary>
static class CategorySeed
{
    public sealed record Node(int Id, string Slug, int? ParentId, int Position, string[] Names);

    /// <summary>The order of <see cref="Node.Names"/>; the same five cultures as the UI.</summary>
    public static readonly string[] Cultures = ["en", "zh-Hant-HK", "zh-Hans-CN", "it", "ru"];

    static readonly (string Slug, string[] Names, (string Slug, string[] Names)[] Children)[] Tree =
    [
        ("electronics", ["Electronics", "電子產品", "电子产品", "Elettronica", "Электроника"],
        [
            ("phones", ["Phones", "手機", "手机", "Telefoni", "Телефоны"]),
            ("cameras", ["Cameras", "相機", "相机", "Fotocamere", "Фотоаппараты"]),
            ("computers", ["Computers", "電腦", "电脑", "Computer", "Компьютеры"]),
            ("audio", ["Audio", "影音器材", "音响设备", "Audio", "Аудиотехника"]),
            ("gaming", ["Video games", "電子遊戲", "电子游戏", "Videogiochi", "Видеоигры"]),
        ]),
        ("fashion", ["Fashion", "時尚服飾", "时尚服饰", "Moda", "Мода"],
        [
            ("womens-clothing", ["Women's clothing", "女裝", "女装", "Abbigliamento donna", "Женская одежда"]),
            ("mens-clothing", ["Men's clothing", "男裝", "男装", "Abbigliamento uomo", "Мужская одежда"]),
            ("shoes", ["Shoes", "鞋履", "鞋子", "Scarpe", "Обувь"]),
            ("bags", ["Bags", "手袋", "箱包", "Borse", "Сумки"]),
            ("watches-jewellery", ["Watches & jewellery", "手錶及首飾", "手表首饰", "Orologi e gioielli", "Часы и украшения"]),
        ]),
        ("home", ["Home & living", "家居", "家居", "Casa", "Дом"],
        [
            ("furniture", ["Furniture", "傢俬", "家具", "Mobili", "Мебель"]),
            ("kitchen", ["Kitchen", "廚具", "厨具", "Cucina", "Кухня"]),
            ("decor", ["Decor", "家居擺設", "家居装饰", "Decorazioni", "Декор"]),
            ("appliances", ["Appliances", "家庭電器", "家用电器", "Elettrodomestici", "Бытовая техника"]),
        ]),
        ("beauty", ["Beauty", "美容", "美妆", "Bellezza", "Красота"],
        [
            ("skincare", ["Skincare", "護膚", "护肤", "Cura della pelle", "Уход за кожей"]),
            ("makeup", ["Makeup", "化妝品", "彩妆", "Trucco", "Макияж"]),
            ("fragrance", ["Fragrance", "香水", "香水", "Profumi", "Парфюмерия"]),
        ]),
        ("sports", ["Sports & outdoors", "運動及戶外", "运动户外", "Sport e outdoor", "Спорт и отдых"],
        [
            ("bikes", ["Bikes", "單車", "自行车", "Biciclette", "Велосипеды"]),
            ("fitness", ["Fitness", "健身", "健身", "Fitness", "Фитнес"]),
            ("camping-hiking", ["Camping & hiking", "露營及行山", "露营徒步", "Campeggio ed escursionismo", "Кемпинг и туризм"]),
        ]),
        ("books-media", ["Books & media", "書籍及影音", "图书音像", "Libri e media", "Книги и медиа"],
        [
            ("fiction", ["Fiction", "小說", "小说", "Narrativa", "Художественная литература"]),
            ("non-fiction", ["Non-fiction", "非小說", "非虚构类", "Saggistica", "Нон-фикшн"]),
            ("comics-manga", ["Comics & manga", "漫畫", "漫画", "Fumetti e manga", "Комиксы и манга"]),
            ("music-film", ["Music & film", "音樂及電影", "音乐影视", "Musica e film", "Музыка и кино"]),
        ]),
        ("toys-kids", ["Toys & kids", "玩具及兒童用品", "玩具母婴", "Giocattoli e bambini", "Игрушки и дети"],
        [
            ("toys-games", ["Toys & games", "玩具", "玩具", "Giocattoli", "Игрушки"]),
            ("baby-gear", ["Baby gear", "嬰兒用品", "婴儿用品", "Prima infanzia", "Товары для малышей"]),
            ("kids-clothing", ["Kids' clothing", "童裝", "童装", "Abbigliamento bambini", "Детская одежда"]),
        ]),
        ("other", ["Other", "其他", "其他", "Altro", "Другое"],
        [
            ("collectibles", ["Collectibles", "收藏品", "收藏品", "Collezionismo", "Коллекционирование"]),
            ("tickets-vouchers", ["Tickets & vouchers", "門票及禮券", "门票礼券", "Biglietti e buoni", "Билеты и сертификаты"]),
            ("everything-else", ["Everything else", "其他物品", "其他物品", "Tutto il resto", "Всё остальное"]),
        ]),
    ];

    public static readonly Node[] Nodes = Build();

    static Node[] Build()
    {
        var nodes = new List<Node>();
        for (var i = 0; i < Tree.Length; i++)
        {
            var (slug, names, children) = Tree[i];
            var id = i + 1;
            nodes.Add(new Node(id, slug, null, i, names));
            for (var j = 0; j < children.Length; j++)
                nodes.Add(new Node(id * 100 + j + 1, children[j].Slug, id, j, children[j].Names));
        }
        return [.. nodes];
    }
}
