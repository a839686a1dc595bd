using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

#pragma warning disable CA1814 // Prefer jagged arrays over multidimensional

namespace Souk.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    /// <summary>
    /// The schema as the ten migrations from Foundation to NotesAuthorCovering left it, in one migration: a new database
    /// is created in one step (about half a second less of every cold start). A database those ten built is moved onto
    /// it at start-up by DatabaseSetup.AdoptBaselineAsync.
    /// </summary>
    public partial class Baseline : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "AspNetRoles",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    NormalizedName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    ConcurrencyStamp = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetRoles", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUsers",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    DisplayName = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    Bio = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    IsVerified = table.Column<bool>(type: "INTEGER", nullable: false),
                    AvatarKey = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    PreferredCulture = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    FollowersCount = table.Column<int>(type: "INTEGER", nullable: false),
                    FollowingCount = table.Column<int>(type: "INTEGER", nullable: false),
                    ReserveOnAcceptedOffer = table.Column<bool>(type: "INTEGER", nullable: false, defaultValue: true), // the seeder inserts users without it
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UserName = table.Column<string>(type: "TEXT", maxLength: 30, nullable: true),
                    NormalizedUserName = table.Column<string>(type: "TEXT", maxLength: 30, nullable: true),
                    Email = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    NormalizedEmail = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    EmailConfirmed = table.Column<bool>(type: "INTEGER", nullable: false),
                    PasswordHash = table.Column<string>(type: "TEXT", nullable: true),
                    SecurityStamp = table.Column<string>(type: "TEXT", nullable: true),
                    ConcurrencyStamp = table.Column<string>(type: "TEXT", nullable: true),
                    PhoneNumber = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    PhoneNumberConfirmed = table.Column<bool>(type: "INTEGER", nullable: false),
                    TwoFactorEnabled = table.Column<bool>(type: "INTEGER", nullable: false),
                    LockoutEnd = table.Column<DateTimeOffset>(type: "TEXT", nullable: true),
                    LockoutEnabled = table.Column<bool>(type: "INTEGER", nullable: false),
                    AccessFailedCount = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUsers", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Categories",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false),
                    Slug = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    ParentId = table.Column<int>(type: "INTEGER", nullable: true),
                    Position = table.Column<int>(type: "INTEGER", nullable: false)
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
                name: "DataProtectionKeys",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    FriendlyName = table.Column<string>(type: "TEXT", nullable: true),
                    Xml = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DataProtectionKeys", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "AspNetRoleClaims",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RoleId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ClaimType = table.Column<string>(type: "TEXT", nullable: true),
                    ClaimValue = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetRoleClaims", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AspNetRoleClaims_AspNetRoles_RoleId",
                        column: x => x.RoleId,
                        principalTable: "AspNetRoles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUserClaims",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    UserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ClaimType = table.Column<string>(type: "TEXT", nullable: true),
                    ClaimValue = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUserClaims", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AspNetUserClaims_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUserLogins",
                columns: table => new
                {
                    LoginProvider = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    ProviderKey = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    ProviderDisplayName = table.Column<string>(type: "TEXT", nullable: true),
                    UserId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUserLogins", x => new { x.LoginProvider, x.ProviderKey });
                    table.ForeignKey(
                        name: "FK_AspNetUserLogins_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUserPasskeys",
                columns: table => new
                {
                    CredentialId = table.Column<byte[]>(type: "BLOB", maxLength: 1024, nullable: false),
                    UserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Data = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUserPasskeys", x => x.CredentialId);
                    table.ForeignKey(
                        name: "FK_AspNetUserPasskeys_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUserRoles",
                columns: table => new
                {
                    UserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    RoleId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUserRoles", x => new { x.UserId, x.RoleId });
                    table.ForeignKey(
                        name: "FK_AspNetUserRoles_AspNetRoles_RoleId",
                        column: x => x.RoleId,
                        principalTable: "AspNetRoles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_AspNetUserRoles_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUserTokens",
                columns: table => new
                {
                    UserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    LoginProvider = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    Value = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUserTokens", x => new { x.UserId, x.LoginProvider, x.Name });
                    table.ForeignKey(
                        name: "FK_AspNetUserTokens_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Follows",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    FollowerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    FolloweeId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Follows", x => x.Id);
                    table.CheckConstraint("CK_Follows_NotSelf", "\"FollowerId\" <> \"FolloweeId\"");
                    table.ForeignKey(
                        name: "FK_Follows_AspNetUsers_FolloweeId",
                        column: x => x.FolloweeId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_Follows_AspNetUsers_FollowerId",
                        column: x => x.FollowerId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "MediaAssets",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    OwnerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    BlobKey = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Width = table.Column<int>(type: "INTEGER", nullable: false),
                    Height = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
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
                name: "NoteCollections",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    OwnerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    NormalizedName = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_NoteCollections", x => x.Id);
                    table.ForeignKey(
                        name: "FK_NoteCollections_AspNetUsers_OwnerId",
                        column: x => x.OwnerId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Notes",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    AuthorId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Body = table.Column<string>(type: "TEXT", maxLength: 10000, nullable: false),
                    Language = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    SponsorId = table.Column<Guid>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    LikesCount = table.Column<int>(type: "INTEGER", nullable: false),
                    SavesCount = table.Column<int>(type: "INTEGER", nullable: false),
                    CommentsCount = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Notes", x => x.Id);
                    table.CheckConstraint("CK_Notes_NotSelfSponsored", "\"SponsorId\" IS NULL OR \"SponsorId\" <> \"AuthorId\"");
                    table.ForeignKey(
                        name: "FK_Notes_AspNetUsers_AuthorId",
                        column: x => x.AuthorId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_Notes_AspNetUsers_SponsorId",
                        column: x => x.SponsorId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "UserBlocks",
                columns: table => new
                {
                    BlockerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    BlockedId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_UserBlocks", x => new { x.BlockerId, x.BlockedId });
                    table.CheckConstraint("CK_UserBlocks_NotSelf", "\"BlockerId\" <> \"BlockedId\"");
                    table.ForeignKey(
                        name: "FK_UserBlocks_AspNetUsers_BlockedId",
                        column: x => x.BlockedId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_UserBlocks_AspNetUsers_BlockerId",
                        column: x => x.BlockerId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "UserPresences",
                columns: table => new
                {
                    UserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    LastSeenAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_UserPresences", x => x.UserId);
                    table.ForeignKey(
                        name: "FK_UserPresences_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "UserSessions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    UserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    RevokedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    UserAgent = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_UserSessions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_UserSessions_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "CategoryNames",
                columns: table => new
                {
                    CategoryId = table.Column<int>(type: "INTEGER", nullable: false),
                    Culture = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false)
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
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    SellerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 80, nullable: false),
                    NormalizedTitle = table.Column<string>(type: "TEXT", maxLength: 80, nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    Condition = table.Column<int>(type: "INTEGER", nullable: false),
                    CategoryId = table.Column<int>(type: "INTEGER", nullable: false),
                    MeetUp = table.Column<bool>(type: "INTEGER", nullable: false),
                    MeetUpPlace = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    ShippingFeeAmount = table.Column<long>(type: "INTEGER", nullable: true),
                    ShippingFeeCurrency = table.Column<string>(type: "TEXT", maxLength: 3, nullable: true),
                    District = table.Column<string>(type: "TEXT", maxLength: 80, nullable: false),
                    Latitude = table.Column<double>(type: "REAL", nullable: false),
                    Longitude = table.Column<double>(type: "REAL", nullable: false),
                    State = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    SavesCount = table.Column<int>(type: "INTEGER", nullable: false),
                    PriceAmount = table.Column<long>(type: "INTEGER", nullable: false),
                    PriceCurrency = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false)
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
                name: "SearchEntries",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    ItemId = table.Column<long>(type: "INTEGER", nullable: false),
                    SellerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    TitleTerms = table.Column<string>(type: "TEXT", nullable: true),
                    BodyTerms = table.Column<string>(type: "TEXT", nullable: true),
                    CategoryId = table.Column<int>(type: "INTEGER", nullable: true),
                    PriceAmount = table.Column<long>(type: "INTEGER", nullable: false),
                    PriceCurrency = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    Condition = table.Column<int>(type: "INTEGER", nullable: true),
                    District = table.Column<string>(type: "TEXT", maxLength: 80, nullable: true),
                    Latitude = table.Column<double>(type: "REAL", nullable: true),
                    Longitude = table.Column<double>(type: "REAL", nullable: true),
                    CoverMediaId = table.Column<Guid>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SearchEntries", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SearchEntries_AspNetUsers_SellerId",
                        column: x => x.SellerId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_SearchEntries_Categories_CategoryId",
                        column: x => x.CategoryId,
                        principalTable: "Categories",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Shops",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    OwnerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    Slug = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    LogoId = table.Column<Guid>(type: "TEXT", nullable: true),
                    BannerId = table.Column<Guid>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Shops", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Shops_AspNetUsers_OwnerId",
                        column: x => x.OwnerId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_Shops_MediaAssets_BannerId",
                        column: x => x.BannerId,
                        principalTable: "MediaAssets",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_Shops_MediaAssets_LogoId",
                        column: x => x.LogoId,
                        principalTable: "MediaAssets",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "NoteComments",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    NoteId = table.Column<long>(type: "INTEGER", nullable: false),
                    AuthorId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ParentId = table.Column<long>(type: "INTEGER", nullable: true),
                    Body = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    LikesCount = table.Column<int>(type: "INTEGER", nullable: false),
                    RepliesCount = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_NoteComments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_NoteComments_AspNetUsers_AuthorId",
                        column: x => x.AuthorId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_NoteComments_NoteComments_ParentId",
                        column: x => x.ParentId,
                        principalTable: "NoteComments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_NoteComments_Notes_NoteId",
                        column: x => x.NoteId,
                        principalTable: "Notes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "NoteHashtags",
                columns: table => new
                {
                    NoteId = table.Column<long>(type: "INTEGER", nullable: false),
                    Tag = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_NoteHashtags", x => new { x.NoteId, x.Tag });
                    table.ForeignKey(
                        name: "FK_NoteHashtags_Notes_NoteId",
                        column: x => x.NoteId,
                        principalTable: "Notes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "NoteLikes",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    UserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    NoteId = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_NoteLikes", x => x.Id);
                    table.ForeignKey(
                        name: "FK_NoteLikes_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_NoteLikes_Notes_NoteId",
                        column: x => x.NoteId,
                        principalTable: "Notes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "NoteMentions",
                columns: table => new
                {
                    NoteId = table.Column<long>(type: "INTEGER", nullable: false),
                    UserId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_NoteMentions", x => new { x.NoteId, x.UserId });
                    table.ForeignKey(
                        name: "FK_NoteMentions_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_NoteMentions_Notes_NoteId",
                        column: x => x.NoteId,
                        principalTable: "Notes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "NotePhotos",
                columns: table => new
                {
                    NoteId = table.Column<long>(type: "INTEGER", nullable: false),
                    Position = table.Column<int>(type: "INTEGER", nullable: false),
                    MediaId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_NotePhotos", x => new { x.NoteId, x.Position });
                    table.ForeignKey(
                        name: "FK_NotePhotos_MediaAssets_MediaId",
                        column: x => x.MediaId,
                        principalTable: "MediaAssets",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_NotePhotos_Notes_NoteId",
                        column: x => x.NoteId,
                        principalTable: "Notes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "NoteSaves",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    UserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    NoteId = table.Column<long>(type: "INTEGER", nullable: false),
                    CollectionId = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_NoteSaves", x => x.Id);
                    table.ForeignKey(
                        name: "FK_NoteSaves_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_NoteSaves_NoteCollections_CollectionId",
                        column: x => x.CollectionId,
                        principalTable: "NoteCollections",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_NoteSaves_Notes_NoteId",
                        column: x => x.NoteId,
                        principalTable: "Notes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ListingPhotos",
                columns: table => new
                {
                    ListingId = table.Column<long>(type: "INTEGER", nullable: false),
                    Position = table.Column<int>(type: "INTEGER", nullable: false),
                    MediaId = table.Column<Guid>(type: "TEXT", nullable: false)
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
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    UserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ListingId = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
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

            migrationBuilder.CreateTable(
                name: "ShopSections",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ShopId = table.Column<long>(type: "INTEGER", nullable: false),
                    Position = table.Column<int>(type: "INTEGER", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ShopSections", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ShopSections_Shops_ShopId",
                        column: x => x.ShopId,
                        principalTable: "Shops",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "CommentLikes",
                columns: table => new
                {
                    UserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CommentId = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CommentLikes", x => new { x.UserId, x.CommentId });
                    table.ForeignKey(
                        name: "FK_CommentLikes_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_CommentLikes_NoteComments_CommentId",
                        column: x => x.CommentId,
                        principalTable: "NoteComments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Notifications",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RecipientId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    ActorId = table.Column<Guid>(type: "TEXT", nullable: false),
                    NoteId = table.Column<long>(type: "INTEGER", nullable: true),
                    CommentId = table.Column<long>(type: "INTEGER", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ReadAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Notifications", x => x.Id);
                    table.CheckConstraint("CK_Notifications_NotSelf", "\"RecipientId\" <> \"ActorId\"");
                    table.ForeignKey(
                        name: "FK_Notifications_AspNetUsers_ActorId",
                        column: x => x.ActorId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_Notifications_AspNetUsers_RecipientId",
                        column: x => x.RecipientId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_Notifications_NoteComments_CommentId",
                        column: x => x.CommentId,
                        principalTable: "NoteComments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_Notifications_Notes_NoteId",
                        column: x => x.NoteId,
                        principalTable: "Notes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Products",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ShopId = table.Column<long>(type: "INTEGER", nullable: false),
                    SectionId = table.Column<long>(type: "INTEGER", nullable: true),
                    CategoryId = table.Column<int>(type: "INTEGER", nullable: true),
                    Title = table.Column<string>(type: "TEXT", maxLength: 80, nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    MaxPriceAmount = table.Column<long>(type: "INTEGER", nullable: false),
                    MaxPriceCurrency = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    MinPriceAmount = table.Column<long>(type: "INTEGER", nullable: false),
                    MinPriceCurrency = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Products", x => x.Id);
                    table.CheckConstraint("CK_Products_OneCurrency", "\"MinPriceCurrency\" = \"MaxPriceCurrency\"");
                    table.CheckConstraint("CK_Products_PriceRange", "\"MinPriceAmount\" > 0 AND \"MaxPriceAmount\" >= \"MinPriceAmount\"");
                    table.ForeignKey(
                        name: "FK_Products_Categories_CategoryId",
                        column: x => x.CategoryId,
                        principalTable: "Categories",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Products_ShopSections_SectionId",
                        column: x => x.SectionId,
                        principalTable: "ShopSections",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_Products_Shops_ShopId",
                        column: x => x.ShopId,
                        principalTable: "Shops",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Conversations",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 80, nullable: true),
                    OwnerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ListingId = table.Column<long>(type: "INTEGER", nullable: true),
                    ProductId = table.Column<long>(type: "INTEGER", nullable: true),
                    DirectKey = table.Column<string>(type: "TEXT", maxLength: 80, nullable: true),
                    LastMessageId = table.Column<long>(type: "INTEGER", nullable: false),
                    LastMessageAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Conversations", x => x.Id);
                    table.CheckConstraint("CK_Conversations_OneItem", "\"ListingId\" IS NULL OR \"ProductId\" IS NULL");
                    table.ForeignKey(
                        name: "FK_Conversations_AspNetUsers_OwnerId",
                        column: x => x.OwnerId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_Conversations_Listings_ListingId",
                        column: x => x.ListingId,
                        principalTable: "Listings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_Conversations_Products_ProductId",
                        column: x => x.ProductId,
                        principalTable: "Products",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "NoteTags",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    NoteId = table.Column<long>(type: "INTEGER", nullable: false),
                    PhotoPosition = table.Column<int>(type: "INTEGER", nullable: false),
                    X = table.Column<double>(type: "REAL", nullable: false),
                    Y = table.Column<double>(type: "REAL", nullable: false),
                    ListingId = table.Column<long>(type: "INTEGER", nullable: true),
                    ProductId = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_NoteTags", x => x.Id);
                    table.CheckConstraint("CK_NoteTags_OneItem", "(\"ListingId\" IS NULL) <> (\"ProductId\" IS NULL)");
                    table.CheckConstraint("CK_NoteTags_Point", "\"X\" >= 0 AND \"X\" <= 1 AND \"Y\" >= 0 AND \"Y\" <= 1");
                    table.ForeignKey(
                        name: "FK_NoteTags_Listings_ListingId",
                        column: x => x.ListingId,
                        principalTable: "Listings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_NoteTags_Notes_NoteId",
                        column: x => x.NoteId,
                        principalTable: "Notes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_NoteTags_Products_ProductId",
                        column: x => x.ProductId,
                        principalTable: "Products",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ProductOptions",
                columns: table => new
                {
                    ProductId = table.Column<long>(type: "INTEGER", nullable: false),
                    Position = table.Column<int>(type: "INTEGER", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    Values = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProductOptions", x => new { x.ProductId, x.Position });
                    table.ForeignKey(
                        name: "FK_ProductOptions_Products_ProductId",
                        column: x => x.ProductId,
                        principalTable: "Products",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ProductPhotos",
                columns: table => new
                {
                    ProductId = table.Column<long>(type: "INTEGER", nullable: false),
                    Position = table.Column<int>(type: "INTEGER", nullable: false),
                    MediaId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProductPhotos", x => new { x.ProductId, x.Position });
                    table.ForeignKey(
                        name: "FK_ProductPhotos_MediaAssets_MediaId",
                        column: x => x.MediaId,
                        principalTable: "MediaAssets",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ProductPhotos_Products_ProductId",
                        column: x => x.ProductId,
                        principalTable: "Products",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Skus",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ProductId = table.Column<long>(type: "INTEGER", nullable: false),
                    Position = table.Column<int>(type: "INTEGER", nullable: false),
                    Option1 = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    Option2 = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    Option3 = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    Stock = table.Column<int>(type: "INTEGER", nullable: false),
                    PhotoId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Code = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    RetiredAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    PriceAmount = table.Column<long>(type: "INTEGER", nullable: false),
                    PriceCurrency = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Skus", x => x.Id);
                    table.CheckConstraint("CK_Skus_PricePositive", "\"PriceAmount\" > 0");
                    table.CheckConstraint("CK_Skus_StockNotNegative", "\"Stock\" >= 0");
                    table.ForeignKey(
                        name: "FK_Skus_MediaAssets_PhotoId",
                        column: x => x.PhotoId,
                        principalTable: "MediaAssets",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_Skus_Products_ProductId",
                        column: x => x.ProductId,
                        principalTable: "Products",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ConversationMembers",
                columns: table => new
                {
                    ConversationId = table.Column<long>(type: "INTEGER", nullable: false),
                    UserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    JoinedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    LeftAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    LastReadMessageId = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ConversationMembers", x => new { x.ConversationId, x.UserId });
                    table.ForeignKey(
                        name: "FK_ConversationMembers_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ConversationMembers_Conversations_ConversationId",
                        column: x => x.ConversationId,
                        principalTable: "Conversations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Offers",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ListingId = table.Column<long>(type: "INTEGER", nullable: false),
                    BuyerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    SellerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ConversationId = table.Column<long>(type: "INTEGER", nullable: false),
                    State = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    AmountAmount = table.Column<long>(type: "INTEGER", nullable: false),
                    AmountCurrency = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Offers", x => x.Id);
                    table.CheckConstraint("CK_Offers_AmountPositive", "\"AmountAmount\" > 0");
                    table.ForeignKey(
                        name: "FK_Offers_AspNetUsers_BuyerId",
                        column: x => x.BuyerId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_Offers_AspNetUsers_SellerId",
                        column: x => x.SellerId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_Offers_Conversations_ConversationId",
                        column: x => x.ConversationId,
                        principalTable: "Conversations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_Offers_Listings_ListingId",
                        column: x => x.ListingId,
                        principalTable: "Listings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "StockMovements",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    SkuId = table.Column<long>(type: "INTEGER", nullable: false),
                    Delta = table.Column<int>(type: "INTEGER", nullable: false),
                    StockAfter = table.Column<int>(type: "INTEGER", nullable: false),
                    Reason = table.Column<int>(type: "INTEGER", nullable: false),
                    ActorId = table.Column<Guid>(type: "TEXT", nullable: true),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StockMovements", x => x.Id);
                    table.CheckConstraint("CK_StockMovements_StockAfter", "\"StockAfter\" >= 0");
                    table.ForeignKey(
                        name: "FK_StockMovements_Skus_SkuId",
                        column: x => x.SkuId,
                        principalTable: "Skus",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ChatMessages",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ConversationId = table.Column<long>(type: "INTEGER", nullable: false),
                    SenderId = table.Column<Guid>(type: "TEXT", nullable: true),
                    ClientMessageId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    MediaId = table.Column<Guid>(type: "TEXT", nullable: true),
                    ListingId = table.Column<long>(type: "INTEGER", nullable: true),
                    ProductId = table.Column<long>(type: "INTEGER", nullable: true),
                    OfferId = table.Column<long>(type: "INTEGER", nullable: true),
                    OfferAmount = table.Column<long>(type: "INTEGER", nullable: true),
                    SystemEvent = table.Column<int>(type: "INTEGER", nullable: true),
                    ActorId = table.Column<Guid>(type: "TEXT", nullable: true),
                    SubjectId = table.Column<Guid>(type: "TEXT", nullable: true),
                    PaymentWarning = table.Column<bool>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    EditedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    DeletedAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ChatMessages", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ChatMessages_AspNetUsers_SenderId",
                        column: x => x.SenderId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_ChatMessages_Conversations_ConversationId",
                        column: x => x.ConversationId,
                        principalTable: "Conversations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ChatMessages_Listings_ListingId",
                        column: x => x.ListingId,
                        principalTable: "Listings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_ChatMessages_MediaAssets_MediaId",
                        column: x => x.MediaId,
                        principalTable: "MediaAssets",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_ChatMessages_Offers_OfferId",
                        column: x => x.OfferId,
                        principalTable: "Offers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_ChatMessages_Products_ProductId",
                        column: x => x.ProductId,
                        principalTable: "Products",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "MessageReports",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    MessageId = table.Column<long>(type: "INTEGER", nullable: false),
                    ReporterId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MessageReports", x => x.Id);
                    table.ForeignKey(
                        name: "FK_MessageReports_AspNetUsers_ReporterId",
                        column: x => x.ReporterId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_MessageReports_ChatMessages_MessageId",
                        column: x => x.MessageId,
                        principalTable: "ChatMessages",
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
                name: "IX_AspNetRoleClaims_RoleId",
                table: "AspNetRoleClaims",
                column: "RoleId");

            migrationBuilder.CreateIndex(
                name: "RoleNameIndex",
                table: "AspNetRoles",
                column: "NormalizedName",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUserClaims_UserId",
                table: "AspNetUserClaims",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUserLogins_UserId",
                table: "AspNetUserLogins",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUserPasskeys_UserId",
                table: "AspNetUserPasskeys",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUserRoles_RoleId",
                table: "AspNetUserRoles",
                column: "RoleId");

            migrationBuilder.CreateIndex(
                name: "EmailIndex",
                table: "AspNetUsers",
                column: "NormalizedEmail",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUsers_CreatedAt",
                table: "AspNetUsers",
                column: "CreatedAt");

            migrationBuilder.CreateIndex(
                name: "UserNameIndex",
                table: "AspNetUsers",
                column: "NormalizedUserName",
                unique: true);

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
                name: "IX_ChatMessages_ConversationId_Id",
                table: "ChatMessages",
                columns: new[] { "ConversationId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_ChatMessages_ConversationId_SenderId_ClientMessageId",
                table: "ChatMessages",
                columns: new[] { "ConversationId", "SenderId", "ClientMessageId" },
                unique: true,
                filter: "\"ClientMessageId\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_ChatMessages_ListingId",
                table: "ChatMessages",
                column: "ListingId");

            migrationBuilder.CreateIndex(
                name: "IX_ChatMessages_MediaId",
                table: "ChatMessages",
                column: "MediaId");

            migrationBuilder.CreateIndex(
                name: "IX_ChatMessages_OfferId",
                table: "ChatMessages",
                column: "OfferId");

            migrationBuilder.CreateIndex(
                name: "IX_ChatMessages_ProductId",
                table: "ChatMessages",
                column: "ProductId");

            migrationBuilder.CreateIndex(
                name: "IX_ChatMessages_SenderId",
                table: "ChatMessages",
                column: "SenderId");

            migrationBuilder.CreateIndex(
                name: "IX_CommentLikes_CommentId",
                table: "CommentLikes",
                column: "CommentId");

            migrationBuilder.CreateIndex(
                name: "IX_ConversationMembers_UserId_ConversationId",
                table: "ConversationMembers",
                columns: new[] { "UserId", "ConversationId" });

            migrationBuilder.CreateIndex(
                name: "IX_Conversations_DirectKey",
                table: "Conversations",
                column: "DirectKey",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Conversations_ListingId",
                table: "Conversations",
                column: "ListingId");

            migrationBuilder.CreateIndex(
                name: "IX_Conversations_OwnerId",
                table: "Conversations",
                column: "OwnerId");

            migrationBuilder.CreateIndex(
                name: "IX_Conversations_ProductId",
                table: "Conversations",
                column: "ProductId");

            migrationBuilder.CreateIndex(
                name: "IX_Follows_FolloweeId_Id",
                table: "Follows",
                columns: new[] { "FolloweeId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Follows_FollowerId_FolloweeId",
                table: "Follows",
                columns: new[] { "FollowerId", "FolloweeId" },
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

            migrationBuilder.CreateIndex(
                name: "IX_MessageReports_MessageId_ReporterId",
                table: "MessageReports",
                columns: new[] { "MessageId", "ReporterId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_MessageReports_ReporterId",
                table: "MessageReports",
                column: "ReporterId");

            migrationBuilder.CreateIndex(
                name: "IX_NoteCollections_OwnerId_NormalizedName",
                table: "NoteCollections",
                columns: new[] { "OwnerId", "NormalizedName" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_NoteComments_AuthorId_Id",
                table: "NoteComments",
                columns: new[] { "AuthorId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_NoteComments_NoteId_ParentId_Id",
                table: "NoteComments",
                columns: new[] { "NoteId", "ParentId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_NoteComments_ParentId_Id",
                table: "NoteComments",
                columns: new[] { "ParentId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_NoteHashtags_CreatedAt_Tag",
                table: "NoteHashtags",
                columns: new[] { "CreatedAt", "Tag" });

            migrationBuilder.CreateIndex(
                name: "IX_NoteHashtags_Tag_NoteId",
                table: "NoteHashtags",
                columns: new[] { "Tag", "NoteId" });

            migrationBuilder.CreateIndex(
                name: "IX_NoteLikes_NoteId",
                table: "NoteLikes",
                column: "NoteId");

            migrationBuilder.CreateIndex(
                name: "IX_NoteLikes_UserId_Id",
                table: "NoteLikes",
                columns: new[] { "UserId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_NoteLikes_UserId_NoteId",
                table: "NoteLikes",
                columns: new[] { "UserId", "NoteId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_NoteMentions_UserId",
                table: "NoteMentions",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_NotePhotos_MediaId",
                table: "NotePhotos",
                column: "MediaId");

            migrationBuilder.CreateIndex(
                name: "IX_NotePhotos_NoteId_MediaId",
                table: "NotePhotos",
                columns: new[] { "NoteId", "MediaId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Notes_AuthorId_Id",
                table: "Notes",
                columns: new[] { "AuthorId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Notes_CreatedAt",
                table: "Notes",
                column: "CreatedAt");

            migrationBuilder.CreateIndex(
                name: "IX_Notes_SponsorId_Id",
                table: "Notes",
                columns: new[] { "SponsorId", "Id" },
                filter: "\"SponsorId\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_NoteSaves_CollectionId_Id",
                table: "NoteSaves",
                columns: new[] { "CollectionId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_NoteSaves_NoteId",
                table: "NoteSaves",
                column: "NoteId");

            migrationBuilder.CreateIndex(
                name: "IX_NoteSaves_UserId_Id",
                table: "NoteSaves",
                columns: new[] { "UserId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_NoteSaves_UserId_NoteId",
                table: "NoteSaves",
                columns: new[] { "UserId", "NoteId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_NoteTags_ListingId",
                table: "NoteTags",
                column: "ListingId",
                filter: "\"ListingId\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_NoteTags_NoteId_PhotoPosition",
                table: "NoteTags",
                columns: new[] { "NoteId", "PhotoPosition" });

            migrationBuilder.CreateIndex(
                name: "IX_NoteTags_ProductId",
                table: "NoteTags",
                column: "ProductId",
                filter: "\"ProductId\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Notifications_ActorId",
                table: "Notifications",
                column: "ActorId");

            migrationBuilder.CreateIndex(
                name: "IX_Notifications_CommentId",
                table: "Notifications",
                column: "CommentId");

            migrationBuilder.CreateIndex(
                name: "IX_Notifications_NoteId",
                table: "Notifications",
                column: "NoteId");

            migrationBuilder.CreateIndex(
                name: "IX_Notifications_RecipientId_Id",
                table: "Notifications",
                columns: new[] { "RecipientId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Notifications_Unread",
                table: "Notifications",
                column: "RecipientId",
                filter: "\"ReadAt\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Offers_BuyerId_Id",
                table: "Offers",
                columns: new[] { "BuyerId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Offers_ConversationId",
                table: "Offers",
                column: "ConversationId");

            migrationBuilder.CreateIndex(
                name: "IX_Offers_ListingId_State",
                table: "Offers",
                columns: new[] { "ListingId", "State" });

            migrationBuilder.CreateIndex(
                name: "IX_Offers_OneOpenPerBuyer",
                table: "Offers",
                columns: new[] { "ListingId", "BuyerId" },
                unique: true,
                filter: "\"State\" IN (0, 1)");

            migrationBuilder.CreateIndex(
                name: "IX_Offers_SellerId",
                table: "Offers",
                column: "SellerId");

            migrationBuilder.CreateIndex(
                name: "IX_ProductPhotos_MediaId",
                table: "ProductPhotos",
                column: "MediaId");

            migrationBuilder.CreateIndex(
                name: "IX_ProductPhotos_ProductId_MediaId",
                table: "ProductPhotos",
                columns: new[] { "ProductId", "MediaId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Products_CategoryId",
                table: "Products",
                column: "CategoryId");

            migrationBuilder.CreateIndex(
                name: "IX_Products_SectionId",
                table: "Products",
                column: "SectionId");

            migrationBuilder.CreateIndex(
                name: "IX_Products_ShopId_SectionId_Id",
                table: "Products",
                columns: new[] { "ShopId", "SectionId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Products_ShopId_Status_Id",
                table: "Products",
                columns: new[] { "ShopId", "Status", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Products_Status_Id",
                table: "Products",
                columns: new[] { "Status", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_SearchEntries_Browse",
                table: "SearchEntries",
                columns: new[] { "CreatedAt", "Id", "CategoryId", "PriceCurrency", "PriceAmount", "Condition", "Kind", "Latitude", "Longitude" });

            migrationBuilder.CreateIndex(
                name: "IX_SearchEntries_CategoryId_CreatedAt_Id",
                table: "SearchEntries",
                columns: new[] { "CategoryId", "CreatedAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_SearchEntries_Kind_ItemId",
                table: "SearchEntries",
                columns: new[] { "Kind", "ItemId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SearchEntries_Latitude_Longitude_CategoryId",
                table: "SearchEntries",
                columns: new[] { "Latitude", "Longitude", "CategoryId" });

            migrationBuilder.CreateIndex(
                name: "IX_SearchEntries_Pending",
                table: "SearchEntries",
                column: "Id",
                filter: "\"TitleTerms\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_SearchEntries_PriceCurrency_PriceAmount_Id_CategoryId",
                table: "SearchEntries",
                columns: new[] { "PriceCurrency", "PriceAmount", "Id", "CategoryId" });

            migrationBuilder.CreateIndex(
                name: "IX_SearchEntries_SellerId",
                table: "SearchEntries",
                column: "SellerId");

            migrationBuilder.CreateIndex(
                name: "IX_Shops_BannerId",
                table: "Shops",
                column: "BannerId");

            migrationBuilder.CreateIndex(
                name: "IX_Shops_LogoId",
                table: "Shops",
                column: "LogoId");

            migrationBuilder.CreateIndex(
                name: "IX_Shops_OwnerId",
                table: "Shops",
                column: "OwnerId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Shops_Slug",
                table: "Shops",
                column: "Slug",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ShopSections_ShopId_Position",
                table: "ShopSections",
                columns: new[] { "ShopId", "Position" });

            migrationBuilder.CreateIndex(
                name: "IX_Skus_PhotoId",
                table: "Skus",
                column: "PhotoId");

            migrationBuilder.CreateIndex(
                name: "IX_Skus_ProductId_Option1_Option2_Option3",
                table: "Skus",
                columns: new[] { "ProductId", "Option1", "Option2", "Option3" },
                unique: true,
                filter: "\"RetiredAt\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_StockMovements_SkuId_Id",
                table: "StockMovements",
                columns: new[] { "SkuId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_UserBlocks_BlockedId_BlockerId",
                table: "UserBlocks",
                columns: new[] { "BlockedId", "BlockerId" });

            migrationBuilder.CreateIndex(
                name: "IX_UserSessions_UserId_RevokedAt",
                table: "UserSessions",
                columns: new[] { "UserId", "RevokedAt" });

            // The full-text search structure: SQL that EF cannot model (see SearchSql). The data migrations this baseline
            // replaces (search backfills, the Chinese refold) have nothing to do on a new database.
            Modules.Catalog.SearchSql.Up(migrationBuilder);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            Modules.Catalog.SearchSql.Down(migrationBuilder);

            migrationBuilder.DropTable(
                name: "AspNetRoleClaims");

            migrationBuilder.DropTable(
                name: "AspNetUserClaims");

            migrationBuilder.DropTable(
                name: "AspNetUserLogins");

            migrationBuilder.DropTable(
                name: "AspNetUserPasskeys");

            migrationBuilder.DropTable(
                name: "AspNetUserRoles");

            migrationBuilder.DropTable(
                name: "AspNetUserTokens");

            migrationBuilder.DropTable(
                name: "CategoryNames");

            migrationBuilder.DropTable(
                name: "CommentLikes");

            migrationBuilder.DropTable(
                name: "ConversationMembers");

            migrationBuilder.DropTable(
                name: "DataProtectionKeys");

            migrationBuilder.DropTable(
                name: "Follows");

            migrationBuilder.DropTable(
                name: "ListingPhotos");

            migrationBuilder.DropTable(
                name: "ListingSaves");

            migrationBuilder.DropTable(
                name: "MessageReports");

            migrationBuilder.DropTable(
                name: "NoteHashtags");

            migrationBuilder.DropTable(
                name: "NoteLikes");

            migrationBuilder.DropTable(
                name: "NoteMentions");

            migrationBuilder.DropTable(
                name: "NotePhotos");

            migrationBuilder.DropTable(
                name: "NoteSaves");

            migrationBuilder.DropTable(
                name: "NoteTags");

            migrationBuilder.DropTable(
                name: "Notifications");

            migrationBuilder.DropTable(
                name: "ProductOptions");

            migrationBuilder.DropTable(
                name: "ProductPhotos");

            migrationBuilder.DropTable(
                name: "SearchEntries");

            migrationBuilder.DropTable(
                name: "StockMovements");

            migrationBuilder.DropTable(
                name: "UserBlocks");

            migrationBuilder.DropTable(
                name: "UserPresences");

            migrationBuilder.DropTable(
                name: "UserSessions");

            migrationBuilder.DropTable(
                name: "AspNetRoles");

            migrationBuilder.DropTable(
                name: "ChatMessages");

            migrationBuilder.DropTable(
                name: "NoteCollections");

            migrationBuilder.DropTable(
                name: "NoteComments");

            migrationBuilder.DropTable(
                name: "Skus");

            migrationBuilder.DropTable(
                name: "Offers");

            migrationBuilder.DropTable(
                name: "Notes");

            migrationBuilder.DropTable(
                name: "Conversations");

            migrationBuilder.DropTable(
                name: "Listings");

            migrationBuilder.DropTable(
                name: "Products");

            migrationBuilder.DropTable(
                name: "Categories");

            migrationBuilder.DropTable(
                name: "ShopSections");

            migrationBuilder.DropTable(
                name: "Shops");

            migrationBuilder.DropTable(
                name: "MediaAssets");

            migrationBuilder.DropTable(
                name: "AspNetUsers");
        }
    }
}
