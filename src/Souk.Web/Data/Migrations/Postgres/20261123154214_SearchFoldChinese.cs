using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Souk.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class SearchFoldChinese : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // No model change: terms with Han characters are written again, folded to Simplified (see SearchSql.RefoldChinese).
            Modules.Catalog.SearchSql.UpRefoldChinese(migrationBuilder);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            Modules.Catalog.SearchSql.UpRefoldChinese(migrationBuilder);
        }
    }
}
