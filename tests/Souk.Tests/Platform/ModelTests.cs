using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.Extensions.DependencyInjection;
using Souk.Tests.Infrastructure;
using Souk.Web.Data;
using Xunit;

namespace Souk.Tests.Platform;

/// <summary>
/// The app starts on the EF Core compiled models (Data/CompiledModels) and skips EF's own pending-model-changes check at
/// start-up (see DatabaseSetup.SkipPendingModelCheck). These two checks stand in for it, per provider.
/// </summary>
public abstract class ModelTests(SoukAppFactory factory)
{
    [Fact]
    public async Task The_migrations_are_up_to_date_with_the_model()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SoukDb>();
        Assert.False(db.Database.HasPendingModelChanges(),
            $"The model has changes no migration contains: add a migration for both providers (README, Changing the data model) for {db.GetType().Name}.");
    }

    [Fact]
    public async Task The_app_runs_on_a_compiled_model_that_matches_the_code()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SoukDb>();
        Assert.StartsWith("Souk.Web.Data.CompiledModels.", db.Model.GetType().Namespace);
        var compiled = Fingerprint(db.Model);
        var designTime = Fingerprint(db.GetService<IDesignTimeModel>().Model);
        var stale = designTime.Except(compiled).Concat(compiled.Except(designTime).Select(l => "only in the compiled model: " + l)).ToList();
        Assert.True(stale.Count == 0, "The compiled model is stale: run scripts/compile-model.sh. Differences:\n" + string.Join("\n", stale.Take(20)));
    }

    [Fact]
    public async Task A_database_made_by_the_squashed_migrations_is_moved_onto_the_baseline_and_a_partial_one_is_refused()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SoukDb>();
        var current = await HistoryAsync(db);
        var sqlite = db.Provider == DatabaseProvider.Sqlite;
        string[] old = sqlite
            ? ["20261123100617_Foundation", "20261123113753_Catalog", "20261123121424_Shops", "20261123135727_Search", "20261123142304_ProductCategory",
               "20261123144911_ProductSearch", "20261123154117_SearchFoldChinese", "20261123171607_Notes", "20261123200707_Chat", "20261123203325_NotesAuthorCovering",
               "20261123232545_WalletOrders"]
            : ["20261123100628_Foundation", "20261123113759_Catalog", "20261123121434_Shops", "20261123135749_Search", "20261123142309_ProductCategory",
               "20261123145122_ProductSearch", "20261123154214_SearchFoldChinese", "20261123171612_Notes", "20261123200714_Chat", "20261123203340_NotesAuthorCovering",
               "20261123232626_WalletOrders"];
        // Migrations added since then stay as they are (the schema here has them already).
        var walletOrders = sqlite ? "20261124000106_WalletOrders" : "20261124000137_WalletOrders";
        old = [.. old, .. current.Where(id => string.CompareOrdinal(id, walletOrders) > 0)];
        try
        {
            // As the old migrations left it: their eleven rows (and the newer ones), no Baseline.
            await ReplaceHistoryAsync(db, old);
            await DatabaseSetup.MigrateAsync(factory.Services);
            Assert.Equal(current, await HistoryAsync(db));

            // Stopped part-way through them: refused with a message, nothing applied on top.
            await ReplaceHistoryAsync(db, old[..3]);
            var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => DatabaseSetup.MigrateAsync(factory.Services));
            Assert.Contains("3 of them", refused.Message);
        }
        finally
        {
            await ReplaceHistoryAsync(db, current);
        }
    }

    static async Task<List<string>> HistoryAsync(SoukDb db) =>
        (await db.Database.SqlQueryRaw<string>("SELECT \"MigrationId\" AS \"Value\" FROM \"__EFMigrationsHistory\"").ToListAsync()).Order().ToList();

    static async Task ReplaceHistoryAsync(SoukDb db, IEnumerable<string> ids)
    {
        await db.Database.ExecuteSqlRawAsync("DELETE FROM \"__EFMigrationsHistory\"");
        foreach (var id in ids)
            await db.Database.ExecuteSqlAsync($"INSERT INTO \"__EFMigrationsHistory\" (\"MigrationId\", \"ProductVersion\") VALUES ({id}, '10.0.0')");
    }

    /// <summary>
    /// What queries and saves depend on, one line per fact: every entity type's properties with their CLR types and
    /// converters, keys and foreign keys, and every table's columns with their store types and nullability. (EF's migrations
    /// differ cannot read a compiled model, which keeps only what the runtime needs; this reads just that.)
    /// </summary>
    static HashSet<string> Fingerprint(IModel model)
    {
        var facts = new HashSet<string>();
        foreach (var entity in model.GetEntityTypes())
        {
            foreach (var p in entity.GetProperties())
                facts.Add($"{entity.Name}.{p.Name}: {p.ClrType.Name} null={p.IsNullable} converter={p.GetValueConverter()?.GetType().Name}");
            foreach (var c in entity.GetComplexProperties())
            foreach (var p in c.ComplexType.GetProperties())
                facts.Add($"{entity.Name}.{c.Name}.{p.Name}: {p.ClrType.Name} null={p.IsNullable}");
            foreach (var k in entity.GetKeys())
                facts.Add($"{entity.Name} key ({string.Join(", ", k.Properties.Select(p => p.Name))}) primary={k.IsPrimaryKey()}");
            foreach (var fk in entity.GetForeignKeys())
                facts.Add($"{entity.Name} fk ({string.Join(", ", fk.Properties.Select(p => p.Name))}) -> {fk.PrincipalEntityType.Name} {fk.DeleteBehavior}");
        }
        foreach (var table in model.GetRelationalModel().Tables)
        foreach (var column in table.Columns)
            facts.Add($"table {table.SchemaQualifiedName}.{column.Name}: {column.StoreType} null={column.IsNullable}");
        return facts;
    }
}

public sealed class SqliteModelTests(SqliteAppFactory factory) : ModelTests(factory), IClassFixture<SqliteAppFactory>;

public sealed class PostgresModelTests(PostgresAppFactory factory) : ModelTests(factory), IClassFixture<PostgresAppFactory>;
