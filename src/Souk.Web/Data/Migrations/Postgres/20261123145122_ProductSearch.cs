using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Souk.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ProductSearch : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // No model change (products got their category in ProductCategory): the products already there come into
            // search (see SearchSql.ProductBackfill); their terms follow at start-up (SearchIndex.CompletePendingAsync).
            Modules.Catalog.SearchSql.UpProducts(migrationBuilder);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            Modules.Catalog.SearchSql.DownProducts(migrationBuilder);
        }
    }
}
