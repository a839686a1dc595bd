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
