using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Souk.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class OrderChatCards : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "ChatPending",
                table: "OrderEvents",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<long>(
                name: "OrderEventId",
                table: "ChatMessages",
                type: "bigint",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_OrderEvents_ChatPending",
                table: "OrderEvents",
                column: "Id",
                filter: "\"ChatPending\"");

            migrationBuilder.CreateIndex(
                name: "IX_ChatMessages_OrderEventId",
                table: "ChatMessages",
                column: "OrderEventId",
                unique: true,
                filter: "\"OrderEventId\" IS NOT NULL");

            migrationBuilder.AddForeignKey(
                name: "FK_ChatMessages_OrderEvents_OrderEventId",
                table: "ChatMessages",
                column: "OrderEventId",
                principalTable: "OrderEvents",
                principalColumn: "Id",
                onDelete: ReferentialAction.SetNull);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_ChatMessages_OrderEvents_OrderEventId",
                table: "ChatMessages");

            migrationBuilder.DropIndex(
                name: "IX_OrderEvents_ChatPending",
                table: "OrderEvents");

            migrationBuilder.DropIndex(
                name: "IX_ChatMessages_OrderEventId",
                table: "ChatMessages");

            migrationBuilder.DropColumn(
                name: "ChatPending",
                table: "OrderEvents");

            migrationBuilder.DropColumn(
                name: "OrderEventId",
                table: "ChatMessages");
        }
    }
}
