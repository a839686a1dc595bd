using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Souk.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class TeamUnits : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "MaxUnits",
                table: "TeamOffers",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "UnitsHeld",
                table: "TeamOffers",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            // Teams open or complete before this migration hold their units (a seat each), as new ones will.
            migrationBuilder.Sql("""
                UPDATE "TeamOffers" SET "UnitsHeld" = COALESCE((SELECT SUM(t."Size") FROM "Teams" t
                    WHERE t."TeamOfferId" = "TeamOffers"."Id" AND t."State" IN (0, 1)), 0);
                """);

            migrationBuilder.AddCheckConstraint(
                name: "CK_TeamOffers_Units",
                table: "TeamOffers",
                sql: "\"UnitsHeld\" >= 0 AND (\"MaxUnits\" IS NULL OR \"UnitsHeld\" <= \"MaxUnits\")");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropCheckConstraint(
                name: "CK_TeamOffers_Units",
                table: "TeamOffers");

            migrationBuilder.DropColumn(
                name: "MaxUnits",
                table: "TeamOffers");

            migrationBuilder.DropColumn(
                name: "UnitsHeld",
                table: "TeamOffers");
        }
    }
}
