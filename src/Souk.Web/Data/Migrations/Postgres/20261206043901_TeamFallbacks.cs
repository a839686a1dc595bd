using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Souk.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class TeamFallbacks : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "Fallback",
                table: "TeamOffers",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateTable(
                name: "TeamTiers",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    TeamOfferId = table.Column<long>(type: "bigint", nullable: false),
                    Size = table.Column<int>(type: "integer", nullable: false),
                    PriceAmount = table.Column<long>(type: "bigint", nullable: false),
                    PriceCurrency = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TeamTiers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_TeamTiers_TeamOffers_TeamOfferId",
                        column: x => x.TeamOfferId,
                        principalTable: "TeamOffers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_TeamTiers_TeamOfferId_Size",
                table: "TeamTiers",
                columns: new[] { "TeamOfferId", "Size" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "TeamTiers");

            migrationBuilder.DropColumn(
                name: "Fallback",
                table: "TeamOffers");
        }
    }
}
