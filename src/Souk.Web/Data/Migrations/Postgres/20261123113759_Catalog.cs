using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

#pragma warning disable CA1814 // Prefer jagged arrays over multidimensional

namespace Souk.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Catalog : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Categories",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false),
                    Slug = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    ParentId = table.Column<int>(type: "integer", nullable: true),
                    Position = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Categories", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Categories_Categories_ParentId",
                        column: x => x.ParentId,
                        principalTable: "Categories",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "MediaAssets",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OwnerId = table.Column<Guid>(type: "uuid", nullable: false),
                    BlobKey = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Width = table.Column<int>(type: "integer", nullable: false),
                    Height = table.Column<int>(type: "integer", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MediaAssets", x => x.Id);
                    table.ForeignKey(
                        name: "FK_MediaAssets_AspNetUsers_OwnerId",
                        column: x => x.OwnerId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "CategoryNames",
                columns: table => new
                {
                    CategoryId = table.Column<int>(type: "integer", nullable: false),
                    Culture = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Name = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CategoryNames", x => new { x.CategoryId, x.Culture });
                    table.ForeignKey(
                        name: "FK_CategoryNames_Categories_CategoryId",
                        column: x => x.CategoryId,
                        principalTable: "Categories",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Listings",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    SellerId = table.Column<Guid>(type: "uuid", nullable: false),
                    Title = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    NormalizedTitle = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    Description = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    Condition = table.Column<int>(type: "integer", nullable: false),
                    CategoryId = table.Column<int>(type: "integer", nullable: false),
                    MeetUp = table.Column<bool>(type: "boolean", nullable: false),
                    MeetUpPlace = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    ShippingFeeAmount = table.Column<long>(type: "bigint", nullable: true),
                    ShippingFeeCurrency = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: true),
                    District = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    Latitude = table.Column<double>(type: "double precision", nullable: false),
                    Longitude = table.Column<double>(type: "double precision", nullable: false),
                    State = table.Column<int>(type: "integer", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    SavesCount = table.Column<int>(type: "integer", nullable: false),
                    PriceAmount = table.Column<long>(type: "bigint", nullable: false),
                    PriceCurrency = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Listings", x => x.Id);
                    table.CheckConstraint("CK_Listings_Delivery", "\"MeetUp\" OR \"ShippingFeeAmount\" IS NOT NULL");
                    table.CheckConstraint("CK_Listings_PricePositive", "\"PriceAmount\" > 0");
                    table.CheckConstraint("CK_Listings_ShippingFee", "(\"ShippingFeeAmount\" IS NULL) = (\"ShippingFeeCurrency\" IS NULL)");
                    table.ForeignKey(
                        name: "FK_Listings_AspNetUsers_SellerId",
                        column: x => x.SellerId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_Listings_Categories_CategoryId",
                        column: x => x.CategoryId,
                        principalTable: "Categories",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ListingPhotos",
                columns: table => new
                {
                    ListingId = table.Column<long>(type: "bigint", nullable: false),
                    Position = table.Column<int>(type: "integer", nullable: false),
                    MediaId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ListingPhotos", x => new { x.ListingId, x.Position });
                    table.ForeignKey(
                        name: "FK_ListingPhotos_Listings_ListingId",
                        column: x => x.ListingId,
                        principalTable: "Listings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ListingPhotos_MediaAssets_MediaId",
                        column: x => x.MediaId,
                        principalTable: "MediaAssets",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ListingSaves",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    UserId = table.Column<Guid>(type: "uuid", nullable: false),
                    ListingId = table.Column<long>(type: "bigint", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ListingSaves", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ListingSaves_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ListingSaves_Listings_ListingId",
                        column: x => x.ListingId,
                        principalTable: "Listings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.InsertData(
                table: "Categories",
                columns: new[] { "Id", "ParentId", "Position", "Slug" },
                values: new object[,]
                {
                    { 1, null, 0, "electronics" },
                    { 2, null, 1, "fashion" },
                    { 3, null, 2, "home" },
                    { 4, null, 3, "beauty" },
                    { 5, null, 4, "sports" },
                    { 6, null, 5, "books-media" },
                    { 7, null, 6, "toys-kids" },
                    { 8, null, 7, "other" },
                    { 101, 1, 0, "phones" },
                    { 102, 1, 1, "cameras" },
                    { 103, 1, 2, "computers" },
                    { 104, 1, 3, "audio" },
                    { 105, 1, 4, "gaming" },
                    { 201, 2, 0, "womens-clothing" },
                    { 202, 2, 1, "mens-clothing" },
                    { 203, 2, 2, "shoes" },
                    { 204, 2, 3, "bags" },
                    { 205, 2, 4, "watches-jewellery" },
                    { 301, 3, 0, "furniture" },
                    { 302, 3, 1, "kitchen" },
                    { 303, 3, 2, "decor" },
                    { 304, 3, 3, "appliances" },
                    { 401, 4, 0, "skincare" },
                    { 402, 4, 1, "makeup" },
                    { 403, 4, 2, "fragrance" },
                    { 501, 5, 0, "bikes" },
                    { 502, 5, 1, "fitness" },
                    { 503, 5, 2, "camping-hiking" },
                    { 601, 6, 0, "fiction" },
                    { 602, 6, 1, "non-fiction" },
                    { 603, 6, 2, "comics-manga" },
                    { 604, 6, 3, "music-film" },
                    { 701, 7, 0, "toys-games" },
                    { 702, 7, 1, "baby-gear" },
                    { 703, 7, 2, "kids-clothing" },
                    { 801, 8, 0, "collectibles" },
                    { 802, 8, 1, "tickets-vouchers" },
                    { 803, 8, 2, "everything-else" }
                });

            migrationBuilder.InsertData(
                table: "CategoryNames",
                columns: new[] { "CategoryId", "Culture", "Name" },
                values: new object[,]
                {
                    { 1, "en", "Electronics" },
                    { 1, "it", "Elettronica" },
                    { 1, "ru", "Электроника" },
                    { 1, "zh-Hans-CN", "电子产品" },
                    { 1, "zh-Hant-HK", "電子產品" },
                    { 2, "en", "Fashion" },
                    { 2, "it", "Moda" },
                    { 2, "ru", "Мода" },
                    { 2, "zh-Hans-CN", "时尚服饰" },
                    { 2, "zh-Hant-HK", "時尚服飾" },
                    { 3, "en", "Home & living" },
                    { 3, "it", "Casa" },
                    { 3, "ru", "Дом" },
                    { 3, "zh-Hans-CN", "家居" },
                    { 3, "zh-Hant-HK", "家居" },
                    { 4, "en", "Beauty" },
                    { 4, "it", "Bellezza" },
                    { 4, "ru", "Красота" },
                    { 4, "zh-Hans-CN", "美妆" },
                    { 4, "zh-Hant-HK", "美容" },
                    { 5, "en", "Sports & outdoors" },
                    { 5, "it", "Sport e outdoor" },
                    { 5, "ru", "Спорт и отдых" },
                    { 5, "zh-Hans-CN", "运动户外" },
                    { 5, "zh-Hant-HK", "運動及戶外" },
                    { 6, "en", "Books & media" },
                    { 6, "it", "Libri e media" },
                    { 6, "ru", "Книги и медиа" },
                    { 6, "zh-Hans-CN", "图书音像" },
                    { 6, "zh-Hant-HK", "書籍及影音" },
                    { 7, "en", "Toys & kids" },
                    { 7, "it", "Giocattoli e bambini" },
                    { 7, "ru", "Игрушки и дети" },
                    { 7, "zh-Hans-CN", "玩具母婴" },
                    { 7, "zh-Hant-HK", "玩具及兒童用品" },
                    { 8, "en", "Other" },
                    { 8, "it", "Altro" },
                    { 8, "ru", "Другое" },
                    { 8, "zh-Hans-CN", "其他" },
                    { 8, "zh-Hant-HK", "其他" },
                    { 101, "en", "Phones" },
                    { 101, "it", "Telefoni" },
                    { 101, "ru", "Телефоны" },
                    { 101, "zh-Hans-CN", "手机" },
                    { 101, "zh-Hant-HK", "手機" },
                    { 102, "en", "Cameras" },
                    { 102, "it", "Fotocamere" },
                    { 102, "ru", "Фотоаппараты" },
                    { 102, "zh-Hans-CN", "相机" },
                    { 102, "zh-Hant-HK", "相機" },
                    { 103, "en", "Computers" },
                    { 103, "it", "Computer" },
                    { 103, "ru", "Компьютеры" },
                    { 103, "zh-Hans-CN", "电脑" },
                    { 103, "zh-Hant-HK", "電腦" },
                    { 104, "en", "Audio" },
                    { 104, "it", "Audio" },
                    { 104, "ru", "Аудиотехника" },
                    { 104, "zh-Hans-CN", "音响设备" },
                    { 104, "zh-Hant-HK", "影音器材" },
                    { 105, "en", "Video games" },
                    { 105, "it", "Videogiochi" },
                    { 105, "ru", "Видеоигры" },
                    { 105, "zh-Hans-CN", "电子游戏" },
                    { 105, "zh-Hant-HK", "電子遊戲" },
                    { 201, "en", "Women's clothing" },
                    { 201, "it", "Abbigliamento donna" },
                    { 201, "ru", "Женская одежда" },
                    { 201, "zh-Hans-CN", "女装" },
                    { 201, "zh-Hant-HK", "女裝" },
                    { 202, "en", "Men's clothing" },
                    { 202, "it", "Abbigliamento uomo" },
                    { 202, "ru", "Мужская одежда" },
                    { 202, "zh-Hans-CN", "男装" },
                    { 202, "zh-Hant-HK", "男裝" },
                    { 203, "en", "Shoes" },
                    { 203, "it", "Scarpe" },
                    { 203, "ru", "Обувь" },
                    { 203, "zh-Hans-CN", "鞋子" },
                    { 203, "zh-Hant-HK", "鞋履" },
                    { 204, "en", "Bags" },
                    { 204, "it", "Borse" },
                    { 204, "ru", "Сумки" },
                    { 204, "zh-Hans-CN", "箱包" },
                    { 204, "zh-Hant-HK", "手袋" },
                    { 205, "en", "Watches & jewellery" },
                    { 205, "it", "Orologi e gioielli" },
                    { 205, "ru", "Часы и украшения" },
                    { 205, "zh-Hans-CN", "手表首饰" },
                    { 205, "zh-Hant-HK", "手錶及首飾" },
                    { 301, "en", "Furniture" },
                    { 301, "it", "Mobili" },
                    { 301, "ru", "Мебель" },
                    { 301, "zh-Hans-CN", "家具" },
                    { 301, "zh-Hant-HK", "傢俬" },
                    { 302, "en", "Kitchen" },
                    { 302, "it", "Cucina" },
                    { 302, "ru", "Кухня" },
                    { 302, "zh-Hans-CN", "厨具" },
                    { 302, "zh-Hant-HK", "廚具" },
                    { 303, "en", "Decor" },
                    { 303, "it", "Decorazioni" },
                    { 303, "ru", "Декор" },
                    { 303, "zh-Hans-CN", "家居装饰" },
                    { 303, "zh-Hant-HK", "家居擺設" },
                    { 304, "en", "Appliances" },
                    { 304, "it", "Elettrodomestici" },
                    { 304, "ru", "Бытовая техника" },
                    { 304, "zh-Hans-CN", "家用电器" },
                    { 304, "zh-Hant-HK", "家庭電器" },
                    { 401, "en", "Skincare" },
                    { 401, "it", "Cura della pelle" },
                    { 401, "ru", "Уход за кожей" },
                    { 401, "zh-Hans-CN", "护肤" },
                    { 401, "zh-Hant-HK", "護膚" },
                    { 402, "en", "Makeup" },
                    { 402, "it", "Trucco" },
                    { 402, "ru", "Макияж" },
                    { 402, "zh-Hans-CN", "彩妆" },
                    { 402, "zh-Hant-HK", "化妝品" },
                    { 403, "en", "Fragrance" },
                    { 403, "it", "Profumi" },
                    { 403, "ru", "Парфюмерия" },
                    { 403, "zh-Hans-CN", "香水" },
                    { 403, "zh-Hant-HK", "香水" },
                    { 501, "en", "Bikes" },
                    { 501, "it", "Biciclette" },
                    { 501, "ru", "Велосипеды" },
                    { 501, "zh-Hans-CN", "自行车" },
                    { 501, "zh-Hant-HK", "單車" },
                    { 502, "en", "Fitness" },
                    { 502, "it", "Fitness" },
                    { 502, "ru", "Фитнес" },
                    { 502, "zh-Hans-CN", "健身" },
                    { 502, "zh-Hant-HK", "健身" },
                    { 503, "en", "Camping & hiking" },
                    { 503, "it", "Campeggio ed escursionismo" },
                    { 503, "ru", "Кемпинг и туризм" },
                    { 503, "zh-Hans-CN", "露营徒步" },
                    { 503, "zh-Hant-HK", "露營及行山" },
                    { 601, "en", "Fiction" },
                    { 601, "it", "Narrativa" },
                    { 601, "ru", "Художественная литература" },
                    { 601, "zh-Hans-CN", "小说" },
                    { 601, "zh-Hant-HK", "小說" },
                    { 602, "en", "Non-fiction" },
                    { 602, "it", "Saggistica" },
                    { 602, "ru", "Нон-фикшн" },
                    { 602, "zh-Hans-CN", "非虚构类" },
                    { 602, "zh-Hant-HK", "非小說" },
                    { 603, "en", "Comics & manga" },
                    { 603, "it", "Fumetti e manga" },
                    { 603, "ru", "Комиксы и манга" },
                    { 603, "zh-Hans-CN", "漫画" },
                    { 603, "zh-Hant-HK", "漫畫" },
                    { 604, "en", "Music & film" },
                    { 604, "it", "Musica e film" },
                    { 604, "ru", "Музыка и кино" },
                    { 604, "zh-Hans-CN", "音乐影视" },
                    { 604, "zh-Hant-HK", "音樂及電影" },
                    { 701, "en", "Toys & games" },
                    { 701, "it", "Giocattoli" },
                    { 701, "ru", "Игрушки" },
                    { 701, "zh-Hans-CN", "玩具" },
                    { 701, "zh-Hant-HK", "玩具" },
                    { 702, "en", "Baby gear" },
                    { 702, "it", "Prima infanzia" },
                    { 702, "ru", "Товары для малышей" },
                    { 702, "zh-Hans-CN", "婴儿用品" },
                    { 702, "zh-Hant-HK", "嬰兒用品" },
                    { 703, "en", "Kids' clothing" },
                    { 703, "it", "Abbigliamento bambini" },
                    { 703, "ru", "Детская одежда" },
                    { 703, "zh-Hans-CN", "童装" },
                    { 703, "zh-Hant-HK", "童裝" },
                    { 801, "en", "Collectibles" },
                    { 801, "it", "Collezionismo" },
                    { 801, "ru", "Коллекционирование" },
                    { 801, "zh-Hans-CN", "收藏品" },
                    { 801, "zh-Hant-HK", "收藏品" },
                    { 802, "en", "Tickets & vouchers" },
                    { 802, "it", "Biglietti e buoni" },
                    { 802, "ru", "Билеты и сертификаты" },
                    { 802, "zh-Hans-CN", "门票礼券" },
                    { 802, "zh-Hant-HK", "門票及禮券" },
                    { 803, "en", "Everything else" },
                    { 803, "it", "Tutto il resto" },
                    { 803, "ru", "Всё остальное" },
                    { 803, "zh-Hans-CN", "其他物品" },
                    { 803, "zh-Hant-HK", "其他物品" }
                });

            migrationBuilder.CreateIndex(
                name: "IX_Categories_ParentId_Position",
                table: "Categories",
                columns: new[] { "ParentId", "Position" });

            migrationBuilder.CreateIndex(
                name: "IX_Categories_Slug",
                table: "Categories",
                column: "Slug",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ListingPhotos_ListingId_MediaId",
                table: "ListingPhotos",
                columns: new[] { "ListingId", "MediaId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ListingPhotos_MediaId",
                table: "ListingPhotos",
                column: "MediaId");

            migrationBuilder.CreateIndex(
                name: "IX_Listings_CategoryId_State_Id",
                table: "Listings",
                columns: new[] { "CategoryId", "State", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Listings_SellerId_Id",
                table: "Listings",
                columns: new[] { "SellerId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Listings_SellerId_NormalizedTitle",
                table: "Listings",
                columns: new[] { "SellerId", "NormalizedTitle" });

            migrationBuilder.CreateIndex(
                name: "IX_Listings_State_Id",
                table: "Listings",
                columns: new[] { "State", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_ListingSaves_ListingId",
                table: "ListingSaves",
                column: "ListingId");

            migrationBuilder.CreateIndex(
                name: "IX_ListingSaves_UserId_Id",
                table: "ListingSaves",
                columns: new[] { "UserId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_ListingSaves_UserId_ListingId",
                table: "ListingSaves",
                columns: new[] { "UserId", "ListingId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_MediaAssets_OwnerId_CreatedAt",
                table: "MediaAssets",
                columns: new[] { "OwnerId", "CreatedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CategoryNames");

            migrationBuilder.DropTable(
                name: "ListingPhotos");

            migrationBuilder.DropTable(
                name: "ListingSaves");

            migrationBuilder.DropTable(
                name: "MediaAssets");

            migrationBuilder.DropTable(
                name: "Listings");

            migrationBuilder.DropTable(
                name: "Categories");
        }
    }
}
