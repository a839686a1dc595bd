using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Souk.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class GroupBuys : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "TeamOffers",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ProductId = table.Column<long>(type: "INTEGER", nullable: false),
                    SkuId = table.Column<long>(type: "INTEGER", nullable: false),
                    ShopId = table.Column<long>(type: "INTEGER", nullable: false),
                    SellerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    TeamSize = table.Column<int>(type: "INTEGER", nullable: false),
                    WindowHours = table.Column<int>(type: "INTEGER", nullable: false),
                    MaxTeams = table.Column<int>(type: "INTEGER", nullable: true),
                    TeamsStarted = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    EndedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    TeamPriceAmount = table.Column<long>(type: "INTEGER", nullable: false),
                    TeamPriceCurrency = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TeamOffers", x => x.Id);
                    table.CheckConstraint("CK_TeamOffers_Size", "\"TeamSize\" BETWEEN 2 AND 50");
                    table.CheckConstraint("CK_TeamOffers_Started", "\"MaxTeams\" IS NULL OR \"TeamsStarted\" <= \"MaxTeams\"");
                    table.ForeignKey(
                        name: "FK_TeamOffers_AspNetUsers_SellerId",
                        column: x => x.SellerId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_TeamOffers_Products_ProductId",
                        column: x => x.ProductId,
                        principalTable: "Products",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_TeamOffers_Skus_SkuId",
                        column: x => x.SkuId,
                        principalTable: "Skus",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Teams",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    TeamOfferId = table.Column<long>(type: "INTEGER", nullable: false),
                    StarterId = table.Column<Guid>(type: "TEXT", nullable: false),
                    State = table.Column<int>(type: "INTEGER", nullable: false),
                    Size = table.Column<int>(type: "INTEGER", nullable: false),
                    Seats = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ExpiresAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ClosedAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Teams", x => x.Id);
                    table.CheckConstraint("CK_Teams_Seats", "\"Seats\" >= 0 AND \"Seats\" <= \"Size\"");
                    table.ForeignKey(
                        name: "FK_Teams_AspNetUsers_StarterId",
                        column: x => x.StarterId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Teams_TeamOffers_TeamOfferId",
                        column: x => x.TeamOfferId,
                        principalTable: "TeamOffers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "TeamMembers",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    TeamId = table.Column<long>(type: "INTEGER", nullable: false),
                    TeamOfferId = table.Column<long>(type: "INTEGER", nullable: false),
                    UserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrderId = table.Column<long>(type: "INTEGER", nullable: false),
                    Open = table.Column<bool>(type: "INTEGER", nullable: false),
                    JoinedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TeamMembers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_TeamMembers_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_TeamMembers_Orders_OrderId",
                        column: x => x.OrderId,
                        principalTable: "Orders",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_TeamMembers_Teams_TeamId",
                        column: x => x.TeamId,
                        principalTable: "Teams",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_TeamMembers_OneOpenSeatPerOffer",
                table: "TeamMembers",
                columns: new[] { "TeamOfferId", "UserId" },
                unique: true,
                filter: "\"Open\"");

            migrationBuilder.CreateIndex(
                name: "IX_TeamMembers_OrderId",
                table: "TeamMembers",
                column: "OrderId");

            migrationBuilder.CreateIndex(
                name: "IX_TeamMembers_TeamId_UserId",
                table: "TeamMembers",
                columns: new[] { "TeamId", "UserId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_TeamMembers_UserId_Id",
                table: "TeamMembers",
                columns: new[] { "UserId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_TeamOffers_ProductId",
                table: "TeamOffers",
                column: "ProductId");

            migrationBuilder.CreateIndex(
                name: "IX_TeamOffers_SellerId",
                table: "TeamOffers",
                column: "SellerId");

            migrationBuilder.CreateIndex(
                name: "IX_TeamOffers_SkuId",
                table: "TeamOffers",
                column: "SkuId",
                unique: true,
                filter: "\"EndedAt\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Teams_StarterId",
                table: "Teams",
                column: "StarterId");

            migrationBuilder.CreateIndex(
                name: "IX_Teams_State_ExpiresAt",
                table: "Teams",
                columns: new[] { "State", "ExpiresAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Teams_TeamOfferId_State",
                table: "Teams",
                columns: new[] { "TeamOfferId", "State" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "TeamMembers");

            migrationBuilder.DropTable(
                name: "Teams");

            migrationBuilder.DropTable(
                name: "TeamOffers");
        }
    }
}
