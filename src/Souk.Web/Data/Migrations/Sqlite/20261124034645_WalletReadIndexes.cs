using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Souk.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class WalletReadIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_EscrowHolds_BuyerId",
                table: "EscrowHolds");

            migrationBuilder.DropIndex(
                name: "IX_EscrowHolds_SellerId",
                table: "EscrowHolds");

            migrationBuilder.CreateIndex(
                name: "IX_EscrowHolds_BuyerId_State",
                table: "EscrowHolds",
                columns: new[] { "BuyerId", "State" });

            migrationBuilder.CreateIndex(
                name: "IX_EscrowHolds_SellerId_State",
                table: "EscrowHolds",
                columns: new[] { "SellerId", "State" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_EscrowHolds_BuyerId_State",
                table: "EscrowHolds");

            migrationBuilder.DropIndex(
                name: "IX_EscrowHolds_SellerId_State",
                table: "EscrowHolds");

            migrationBuilder.CreateIndex(
                name: "IX_EscrowHolds_BuyerId",
                table: "EscrowHolds",
                column: "BuyerId");

            migrationBuilder.CreateIndex(
                name: "IX_EscrowHolds_SellerId",
                table: "EscrowHolds",
                column: "SellerId");
        }
    }
}
