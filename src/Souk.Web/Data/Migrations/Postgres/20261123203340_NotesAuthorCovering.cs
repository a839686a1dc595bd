using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Souk.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class NotesAuthorCovering : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Notes_AuthorId_Id",
                table: "Notes");

            migrationBuilder.CreateIndex(
                name: "IX_Notes_AuthorId_Id",
                table: "Notes",
                columns: new[] { "AuthorId", "Id" })
                .Annotation("Npgsql:IndexInclude", new[] { "CreatedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Notes_AuthorId_Id",
                table: "Notes");

            migrationBuilder.CreateIndex(
                name: "IX_Notes_AuthorId_Id",
                table: "Notes",
                columns: new[] { "AuthorId", "Id" });
        }
    }
}
