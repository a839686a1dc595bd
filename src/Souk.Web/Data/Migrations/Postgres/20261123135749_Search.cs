using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Souk.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Search : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "SearchEntries",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Kind = table.Column<int>(type: "integer", nullable: false),
                    ItemId = table.Column<long>(type: "bigint", nullable: false),
                    SellerId = table.Column<Guid>(type: "uuid", nullable: false),
                    Title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    TitleTerms = table.Column<string>(type: "text", nullable: true),
                    BodyTerms = table.Column<string>(type: "text", nullable: true),
                    CategoryId = table.Column<int>(type: "integer", nullable: true),
                    PriceAmount = table.Column<long>(type: "bigint", nullable: false),
                    PriceCurrency = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    Condition = table.Column<int>(type: "integer", nullable: true),
                    District = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: true),
                    Latitude = table.Column<double>(type: "double precision", nullable: true),
                    Longitude = table.Column<double>(type: "double precision", nullable: true),
                    CoverMediaId = table.Column<Guid>(type: "uuid", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
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

            // The full-text structure and the backfill: SQL that EF cannot model (see SearchSql).
            Modules.Catalog.SearchSql.Up(migrationBuilder);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            Modules.Catalog.SearchSql.Down(migrationBuilder);

            migrationBuilder.DropTable(
                name: "SearchEntries");
        }
    }
}
