using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Souk.Web.Modules.Catalog;

/// <summary>
/// The parts of the search index EF cannot model, per provider, called from the "Search" migration after it creates
/// SearchEntries (and from its Down before the table goes). Kept here, not inline in the migration, so the migration can be
/// regenerated (e.g. when another branch's migration lands first): regenerate, then call <see cref="Up"/> at the end of Up()
/// and <see cref="Down"/> at the start of Down() again.
/// <list type="bullet">
/// <item>SQLite: an external-content FTS5 table over SearchEntries' TitleTerms and BodyTerms (rowid = SearchEntries.Id), the
/// unicode61 tokenizer (the terms are already folded, see <see cref="SearchText"/>), prefix indexes of 2 and 3 characters for
/// typing, and triggers that keep it in step with every insert, update and delete of an entry.</item>
/// <item>PostgreSQL: a stored generated tsvector ('simple' configuration: no stemming, no stop words; the terms are already
/// folded) with the title at weight A and the body at weight D, and a GIN index on it.</item>
/// <item>Both: SearchCounts, the number of entries per kind and category, kept by triggers, so browsing without filters
/// (the home and category pages) gets its facet counts from a few rows instead of counting every entry. A count row is
/// written only when an entry comes, goes or changes category; on PostgreSQL two new listings in one category queue
/// briefly on its row, which at a marketplace's write rate is not felt.</item>
/// </list>
/// Both then backfill the entries of the active listings already there. Their terms need the C# normaliser, so the backfill
/// leaves them null and <see cref="SearchIndex.CompletePendingAsync"/> (run at every start, cheap when there is nothing to do)
/// fills them in; until then those listings are filterable but not yet found by words.
/// </summary>
public static class SearchSql
{
    public const string FtsTable = "SearchFts";

    /// <summary>Entries per (Kind, CategoryId), CategoryId 0 for none: the facet counts of a browse without filters.</summary>
    public const string CountsTable = "SearchCounts";

    const string SqliteUp = """
        CREATE VIRTUAL TABLE "SearchFts" USING fts5(
            "TitleTerms", "BodyTerms",
            content='SearchEntries', content_rowid='Id',
            tokenize='unicode61 remove_diacritics 0', prefix='2 3');

        CREATE TRIGGER "SearchEntries_FtsInsert" AFTER INSERT ON "SearchEntries" BEGIN
            INSERT INTO "SearchFts"(rowid, "TitleTerms", "BodyTerms") VALUES (new."Id", new."TitleTerms", new."BodyTerms");
        END;

        CREATE TRIGGER "SearchEntries_FtsDelete" AFTER DELETE ON "SearchEntries" BEGIN
            INSERT INTO "SearchFts"("SearchFts", rowid, "TitleTerms", "BodyTerms") VALUES ('delete', old."Id", old."TitleTerms", old."BodyTerms");
        END;

        CREATE TRIGGER "SearchEntries_FtsUpdate" AFTER UPDATE OF "TitleTerms", "BodyTerms" ON "SearchEntries"
        WHEN old."TitleTerms" IS NOT new."TitleTerms" OR old."BodyTerms" IS NOT new."BodyTerms" BEGIN
            INSERT INTO "SearchFts"("SearchFts", rowid, "TitleTerms", "BodyTerms") VALUES ('delete', old."Id", old."TitleTerms", old."BodyTerms");
            INSERT INTO "SearchFts"(rowid, "TitleTerms", "BodyTerms") VALUES (new."Id", new."TitleTerms", new."BodyTerms");
        END;

        CREATE TABLE "SearchCounts" (
            "Kind" INTEGER NOT NULL, "CategoryId" INTEGER NOT NULL, "Count" INTEGER NOT NULL,
            PRIMARY KEY ("Kind", "CategoryId")) WITHOUT ROWID;

        CREATE TRIGGER "SearchEntries_CountInsert" AFTER INSERT ON "SearchEntries" BEGIN
            INSERT INTO "SearchCounts" VALUES (new."Kind", coalesce(new."CategoryId", 0), 1)
                ON CONFLICT ("Kind", "CategoryId") DO UPDATE SET "Count" = "Count" + 1;
        END;

        CREATE TRIGGER "SearchEntries_CountDelete" AFTER DELETE ON "SearchEntries" BEGIN
            UPDATE "SearchCounts" SET "Count" = "Count" - 1 WHERE "Kind" = old."Kind" AND "CategoryId" = coalesce(old."CategoryId", 0);
        END;

        CREATE TRIGGER "SearchEntries_CountUpdate" AFTER UPDATE OF "Kind", "CategoryId" ON "SearchEntries"
        WHEN old."Kind" IS NOT new."Kind" OR old."CategoryId" IS NOT new."CategoryId" BEGIN
            UPDATE "SearchCounts" SET "Count" = "Count" - 1 WHERE "Kind" = old."Kind" AND "CategoryId" = coalesce(old."CategoryId", 0);
            INSERT INTO "SearchCounts" VALUES (new."Kind", coalesce(new."CategoryId", 0), 1)
                ON CONFLICT ("Kind", "CategoryId") DO UPDATE SET "Count" = "Count" + 1;
        END;
        """;

    const string SqliteDown = """
        DROP TRIGGER IF EXISTS "SearchEntries_CountUpdate";
        DROP TRIGGER IF EXISTS "SearchEntries_CountDelete";
        DROP TRIGGER IF EXISTS "SearchEntries_CountInsert";
        DROP TABLE IF EXISTS "SearchCounts";
        DROP TRIGGER IF EXISTS "SearchEntries_FtsUpdate";
        DROP TRIGGER IF EXISTS "SearchEntries_FtsDelete";
        DROP TRIGGER IF EXISTS "SearchEntries_FtsInsert";
        DROP TABLE IF EXISTS "SearchFts";
        """;

    const string PostgresUp = """
        ALTER TABLE "SearchEntries" ADD COLUMN "Document" tsvector GENERATED ALWAYS AS (
            setweight(to_tsvector('simple'::regconfig, coalesce("TitleTerms", '')), 'A') ||
            setweight(to_tsvector('simple'::regconfig, coalesce("BodyTerms", '')), 'D')) STORED;

        CREATE INDEX "IX_SearchEntries_Document" ON "SearchEntries" USING GIN ("Document");

        CREATE TABLE "SearchCounts" (
            "Kind" integer NOT NULL, "CategoryId" integer NOT NULL, "Count" bigint NOT NULL,
            PRIMARY KEY ("Kind", "CategoryId"));

        CREATE FUNCTION "SearchEntries_Count"() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF TG_OP = 'UPDATE' AND OLD."Kind" = NEW."Kind" AND OLD."CategoryId" IS NOT DISTINCT FROM NEW."CategoryId" THEN
                RETURN NULL;
            END IF;
            IF TG_OP IN ('DELETE', 'UPDATE') THEN
                UPDATE "SearchCounts" SET "Count" = "Count" - 1 WHERE "Kind" = OLD."Kind" AND "CategoryId" = coalesce(OLD."CategoryId", 0);
            END IF;
            IF TG_OP IN ('INSERT', 'UPDATE') THEN
                INSERT INTO "SearchCounts" VALUES (NEW."Kind", coalesce(NEW."CategoryId", 0), 1)
                    ON CONFLICT ("Kind", "CategoryId") DO UPDATE SET "Count" = "SearchCounts"."Count" + 1;
            END IF;
            RETURN NULL;
        END $$;

        CREATE TRIGGER "SearchEntries_Counts" AFTER INSERT OR DELETE OR UPDATE OF "Kind", "CategoryId" ON "SearchEntries"
            FOR EACH ROW EXECUTE FUNCTION "SearchEntries_Count"();
        """;

    const string PostgresDown = """
        DROP TRIGGER IF EXISTS "SearchEntries_Counts" ON "SearchEntries";
        DROP FUNCTION IF EXISTS "SearchEntries_Count"();
        DROP TABLE IF EXISTS "SearchCounts";
        DROP INDEX IF EXISTS "IX_SearchEntries_Document";
        ALTER TABLE "SearchEntries" DROP COLUMN IF EXISTS "Document";
        """;

    /// <summary>Entries for the active listings (State 0), with the cover (photo at position 0); terms left for the app.</summary>
    /// <summary>
    /// PostgreSQL bulk loads (the seeders) switch the per-row count trigger off around their COPY: a million updates of the
    /// same counts row in one transaction leave a million versions of it that every next update walks through (quadratic;
    /// over 30 minutes for a million notes). Afterwards this recounts every bucket from the table itself.
    /// </summary>
    internal const string PostgresCountsOff = """ALTER TABLE "SearchEntries" DISABLE TRIGGER "SearchEntries_Counts";""";

    internal const string PostgresCountsRecount = """
        ALTER TABLE "SearchEntries" ENABLE TRIGGER "SearchEntries_Counts";
        DELETE FROM "SearchCounts";
        INSERT INTO "SearchCounts" ("Kind", "CategoryId", "Count")
            SELECT "Kind", coalesce("CategoryId", 0), count(*) FROM "SearchEntries" GROUP BY "Kind", coalesce("CategoryId", 0);
        """;

    internal const string Backfill = """
        INSERT INTO "SearchEntries" ("Kind", "ItemId", "SellerId", "Title", "TitleTerms", "BodyTerms", "CategoryId", "PriceAmount",
            "PriceCurrency", "Condition", "District", "Latitude", "Longitude", "CoverMediaId", "CreatedAt")
        SELECT 0, l."Id", l."SellerId", l."Title", NULL, NULL, l."CategoryId", l."PriceAmount", l."PriceCurrency", l."Condition",
            l."District", l."Latitude", l."Longitude",
            (SELECT p."MediaId" FROM "ListingPhotos" p WHERE p."ListingId" = l."Id" AND p."Position" = 0), l."CreatedAt"
        FROM "Listings" l
        WHERE l."State" = 0
        ORDER BY l."Id";
        """;

    /// <summary>
    /// Entries for the findable products (published, State 1, with an active SKU in stock) at their lowest in-stock price, with
    /// the cover and the shop owner as seller; terms left for the app, as for listings. Run by the migration that brought
    /// products into search (<see cref="UpProducts"/>).
    /// </summary>
    internal const string ProductBackfill = """
        INSERT INTO "SearchEntries" ("Kind", "ItemId", "SellerId", "Title", "TitleTerms", "BodyTerms", "CategoryId", "PriceAmount",
            "PriceCurrency", "Condition", "District", "Latitude", "Longitude", "CoverMediaId", "CreatedAt")
        SELECT 1, p."Id", s."OwnerId", p."Title", NULL, NULL, p."CategoryId",
            (SELECT min(k."PriceAmount") FROM "Skus" k WHERE k."ProductId" = p."Id" AND k."RetiredAt" IS NULL AND k."Stock" > 0),
            p."MinPriceCurrency", NULL, NULL, NULL, NULL,
            (SELECT ph."MediaId" FROM "ProductPhotos" ph WHERE ph."ProductId" = p."Id" AND ph."Position" = 0), p."CreatedAt"
        FROM "Products" p
        JOIN "Shops" s ON s."Id" = p."ShopId"
        WHERE p."Status" = 1
            AND EXISTS (SELECT 1 FROM "Skus" k WHERE k."ProductId" = p."Id" AND k."RetiredAt" IS NULL AND k."Stock" > 0)
            AND NOT EXISTS (SELECT 1 FROM "SearchEntries" e WHERE e."Kind" = 1 AND e."ItemId" = p."Id")
        ORDER BY p."Id";
        """;

    /// <summary>Called at the end of the ProductSearch migration's Up: the products already there come into search.</summary>
    public static void UpProducts(MigrationBuilder migrationBuilder) => migrationBuilder.Sql(ProductBackfill);

    /// <summary>Called at the start of its Down: product entries go (the app no longer keeps them).</summary>
    public static void DownProducts(MigrationBuilder migrationBuilder) => migrationBuilder.Sql("""DELETE FROM "SearchEntries" WHERE "Kind" = 1;""");

    /// <summary>
    /// Entries whose terms hold Han characters lose their terms, so <see cref="SearchIndex.CompletePendingAsync"/> writes them
    /// again at start-up, folded to Simplified characters (<see cref="ChineseScript"/>). Until then those entries are found by
    /// filters but not by words, as after any backfill.
    /// </summary>
    internal static string RefoldChinese(bool sqlite)
    {
        // U+3400–U+9FFF (extension A and the unified ideographs) and U+F900–U+FAFF (compatibility ideographs).
        const string Han = "\u3400-\u9FFF\uF900-\uFAFF";
        var match = sqlite ? $"GLOB '*[{Han}]*'" : $"~ '[{Han}]'";
        return $"""UPDATE "SearchEntries" SET "TitleTerms" = NULL, "BodyTerms" = NULL WHERE "TitleTerms" {match} OR "BodyTerms" {match};""";
    }

    /// <summary>Called from the SearchFoldChinese migration's Up and Down: either way the terms are written again by the app that runs.</summary>
    public static void UpRefoldChinese(MigrationBuilder migrationBuilder) =>
        migrationBuilder.Sql(RefoldChinese(migrationBuilder.IsSqlite()));

    public static void Up(MigrationBuilder migrationBuilder)
    {
        if (migrationBuilder.IsSqlite()) migrationBuilder.Sql(SqliteUp);
        else if (migrationBuilder.IsNpgsql()) migrationBuilder.Sql(PostgresUp);
        else throw new NotSupportedException($"No search index for {migrationBuilder.ActiveProvider}.");
        migrationBuilder.Sql(Backfill);
    }

    public static void Down(MigrationBuilder migrationBuilder)
    {
        if (migrationBuilder.IsSqlite()) migrationBuilder.Sql(SqliteDown);
        else if (migrationBuilder.IsNpgsql()) migrationBuilder.Sql(PostgresDown);
    }
}
