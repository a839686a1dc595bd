using Microsoft.EntityFrameworkCore;
using Souk.Web.Common;
using Souk.Web.Data;

namespace Souk.Web.Modules.Catalog;

public enum ProductFailure
{
    None,
    Invalid,
    NotFound,
    Forbidden,
    /// <summary>A stock change would take a SKU below zero (or above the maximum): 409, nothing written.</summary>
    StockConflict,
}

/// <summary>What a product write did: the product's id, or why not.</summary>
public sealed record ProductOutcome(
    ProductFailure Failure, long Id = 0, Dictionary<string, string[]>? Errors = null, string? Detail = null, string? Field = null, long? SkuId = null, int? Stock = null)
{
    public static ProductOutcome Ok(long id) => new(ProductFailure.None, id);
}

/// <summary>Who may see a product: everyone once published; a draft only its shop's owner.</summary>
public static class ProductAccess
{
    public static bool CanView(ProductStatus status, Guid ownerId, Guid? viewer) => status == ProductStatus.Published || viewer == ownerId;

    public static string PageUrl(string baseUrl, long id) => $"{baseUrl}/p/{id}";
}

/// <summary>
/// Creates and edits a shop's products, their options and SKUs. Each write runs in one transaction (SQLite: BEGIN IMMEDIATE;
/// PostgreSQL: the product row locked FOR UPDATE), so a refused request changes nothing and two edits never interleave.
/// Stock moves only through <see cref="Inventory"/>. The product's search entry follows in the same transaction
/// (<see cref="SearchIndex.RefreshProductAsync"/>).
/// </summary>
public sealed class ProductService(SoukDb db, Inventory inventory, CategoryTree categories, SearchIndex search, TimeProvider clock)
{
    public async Task<ProductOutcome> CreateAsync(string shopSlug, Guid actorId, ProductRequest req, CancellationToken ct)
    {
        var slug = ShopRules.NormalizeSlug(shopSlug);
        var tree = await categories.GetAsync(ct);
        var strategy = db.Database.CreateExecutionStrategy();
        var outcome = await strategy.ExecuteAsync(async () =>
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var shop = await db.Shops.AsNoTracking().Where(s => s.Slug == slug)
                .Select(s => new { s.Id, s.OwnerId, Sections = s.Sections.Select(x => x.Id).ToList() }).FirstOrDefaultAsync(ct);
            if (shop is null) return new ProductOutcome(ProductFailure.NotFound, Detail: $"No shop '{shopSlug}'.");
            if (shop.OwnerId != actorId) return new ProductOutcome(ProductFailure.Forbidden, Detail: "Only the shop's owner can add products to it.");

            var draft = new ProductDraft();
            var context = ProductContext.Empty with { SectionIds = shop.Sections.ToHashSet(), Categories = tree };
            var errors = ProductRules.Apply(req, draft, context, create: true);
            if (errors.Count > 0) return new ProductOutcome(ProductFailure.Invalid, Errors: errors);
            if (await MediaProblemAsync(draft, actorId, new HashSet<Guid>(), ct) is { } problem) return problem;

            var now = clock.GetUtcNow().UtcDateTime;
            var product = new Product
            {
                ShopId = shop.Id, SectionId = draft.SectionId, CategoryId = draft.CategoryId, Title = draft.Title, Description = draft.Description, Status = draft.Status,
                CreatedAt = now, UpdatedAt = now,
                Photos = [.. draft.PhotoIds.Select((m, i) => new ProductPhoto { Position = i, MediaId = m })],
                Options = [.. draft.Options.Select((o, i) => new ProductOption { Position = i, Name = o.Name, Values = [.. o.Values] })],
                Skus = [.. draft.Skus.Select((s, i) => NewSku(s, i, now))],
            };
            SetPriceRange(product, product.Skus);
            db.Products.Add(product);
            await db.SaveChangesAsync(ct);
            foreach (var sku in product.Skus) inventory.LogInitial(sku, actorId);
            await db.SaveChangesAsync(ct);
            await search.RefreshProductAsync(product.Id, ct);
            await tx.CommitAsync(ct);
            return ProductOutcome.Ok(product.Id);
        });
        db.ChangeTracker.Clear();
        return outcome;
    }

    /// <summary>
    /// Partial update by the owner. Photos, when given, replace the old ones in order. SKUs change by id (price, stock level
    /// or delta, photo, code), or, when options are sent, the whole matrix is matched by values: SKUs whose combination still
    /// exists keep their id and history, the others are retired (stock written off, reason Retired), new ones are created.
    /// </summary>
    public async Task<ProductOutcome> UpdateAsync(long id, Actor actor, ProductRequest req, CancellationToken ct)
    {
        var tree = await categories.GetAsync(ct);
        var strategy = db.Database.CreateExecutionStrategy();
        var outcome = await strategy.ExecuteAsync(async () =>
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            if (db.Provider == DatabaseProvider.Postgres)
                await db.Database.ExecuteSqlAsync($"SELECT 1 FROM \"Products\" WHERE \"Id\" = {id} FOR UPDATE", ct);
            var product = await db.Products.Include(p => p.Photos).Include(p => p.Options).Include(p => p.Skus.Where(s => s.RetiredAt == null))
                .AsSplitQuery().FirstOrDefaultAsync(p => p.Id == id, ct);
            if (product is null) return new ProductOutcome(ProductFailure.NotFound);
            var shop = await db.Shops.AsNoTracking().Where(s => s.Id == product.ShopId)
                .Select(s => new { s.OwnerId, Sections = s.Sections.Select(x => x.Id).ToList() }).SingleAsync(ct);
            if (!ProductAccess.CanView(product.Status, shop.OwnerId, actor.Id)) return new ProductOutcome(ProductFailure.NotFound);
            if (shop.OwnerId != actor.Id) return new ProductOutcome(ProductFailure.Forbidden, Detail: "Only the shop's owner can change this product.");

            var active = product.Skus.OrderBy(s => s.Position).ToList();
            var draft = ProductDraft.From(product);
            var context = new ProductContext(shop.Sections.ToHashSet(), active, draft.Options) { Categories = tree };
            var errors = ProductRules.Apply(req, draft, context, create: false);
            if (errors.Count > 0) return new ProductOutcome(ProductFailure.Invalid, Errors: errors);
            var currentPhotos = product.Photos.OrderBy(p => p.Position).Select(p => p.MediaId).ToList();
            var photosChanged = req.PhotoIds is not null && !draft.PhotoIds.SequenceEqual(currentPhotos);
            var known = currentPhotos.Concat(active.Where(s => s.PhotoId is not null).Select(s => s.PhotoId!.Value)).ToHashSet();
            if (await MediaProblemAsync(draft, actor.Id, known, ct) is { } problem) return problem;

            var now = clock.GetUtcNow().UtcDateTime;
            var touched = false;
            product.Title = draft.Title;
            product.Description = draft.Description;
            product.SectionId = draft.SectionId;
            product.CategoryId = draft.CategoryId;
            product.Status = draft.Status;
            if (photosChanged)
            {
                // Positions are the key, so the old rows go first, in SQL, then the new order is inserted.
                foreach (var p in product.Photos.ToList()) db.Entry(p).State = EntityState.Detached;
                product.Photos.Clear();
                await db.ProductPhotos.Where(p => p.ProductId == id).ExecuteDeleteAsync(ct);
                db.ProductPhotos.AddRange(draft.PhotoIds.Select((m, i) => new ProductPhoto { ProductId = id, Position = i, MediaId = m }));
                touched = true;
            }

            List<Sku> final = active;
            var created = new List<Sku>();
            if (draft.SkuChange == SkuChange.ById)
            {
                var byId = active.ToDictionary(s => s.Id);
                foreach (var change in draft.Skus)
                {
                    var sku = byId[change.Id!.Value];
                    if (await ChangeStockAsync(sku.Id, change, actor.Id, ct) is { } refused) return refused;
                    touched |= change.Stock is not null || change.StockDelta is not null;
                    Apply(change, sku, now);
                }
            }
            else if (draft.SkuChange == SkuChange.Matrix)
            {
                var result = await ReplaceMatrixAsync(product, active, draft, actor.Id, now, ct);
                if (result.Refused is { } refused) return refused;
                final = result.Active;
                created = result.Created;
                touched = true;
            }
            SetPriceRange(product, final);

            if (touched || db.ChangeTracker.HasChanges()) product.UpdatedAt = now;
            await db.SaveChangesAsync(ct);
            foreach (var sku in created) inventory.LogInitial(sku, actor.Id);
            await db.SaveChangesAsync(ct);
            // After every write of this request (which hold the product's rows): the entry sees the product as it now is.
            await search.RefreshProductAsync(id, ct);
            await tx.CommitAsync(ct);
            return ProductOutcome.Ok(id);
        });
        db.ChangeTracker.Clear();
        return outcome;
    }

    sealed record MatrixResult(List<Sku> Active, List<Sku> Created, ProductOutcome? Refused);

    /// <summary>New options and the whole SKU matrix, matched to the current SKUs by their option names and values.</summary>
    async Task<MatrixResult> ReplaceMatrixAsync(Product product, List<Sku> active, ProductDraft draft, Guid actorId, DateTime now, CancellationToken ct)
    {
        var oldNames = product.Options.OrderBy(o => o.Position).Select(o => o.Name).ToList();
        var newNames = draft.Options.Select(o => o.Name).ToList();
        var existing = active.ToDictionary(s => MatchKey(oldNames, s.Values(oldNames.Count)));
        var kept = new List<(Sku Sku, SkuDraft Draft)>();
        var created = new List<Sku>();
        for (var i = 0; i < draft.Skus.Count; i++)
        {
            var d = draft.Skus[i];
            if (existing.Remove(MatchKey(newNames, d.Values), out var sku)) kept.Add((sku, d));
            else created.Add(NewSku(d, i, now));
        }

        // 1. Retire what no longer fits: write its stock off, then take it out of the one-per-combination index.
        foreach (var sku in existing.Values)
        {
            await inventory.SetAsync(sku.Id, 0, StockReason.Retired, actorId, ct);
            sku.RetiredAt = now;
            sku.UpdatedAt = now;
        }
        // 2. Kept SKUs whose values move to other columns (options reordered) step aside first, so no two rows ever
        //    hold the same combination mid-update. \u0001 never occurs in a real value.
        var moving = kept.Where(k => !k.Sku.Values(3).SequenceEqual(Pad(k.Draft.Values))).ToList();
        foreach (var (sku, _) in moving) sku.Option1 = $"\u0001{sku.Id}";
        if (existing.Count > 0 || moving.Count > 0) await db.SaveChangesAsync(ct);

        // 3. The new options (rows keyed by position: the old ones go first, in SQL), the kept SKUs' changes, the new SKUs.
        foreach (var o in product.Options.ToList()) db.Entry(o).State = EntityState.Detached;
        product.Options.Clear();
        await db.ProductOptions.Where(o => o.ProductId == product.Id).ExecuteDeleteAsync(ct);
        db.ProductOptions.AddRange(draft.Options.Select((o, i) => new ProductOption { ProductId = product.Id, Position = i, Name = o.Name, Values = [.. o.Values] }));
        foreach (var (sku, d) in kept)
        {
            if (await ChangeStockAsync(sku.Id, d, actorId, ct) is { } refused) return new([], [], refused);
            sku.SetValues(d.Values);
            sku.Position = d.Index;
            Apply(d, sku, now);
        }
        foreach (var sku in created) product.Skus.Add(sku);
        return new([.. kept.Select(k => k.Sku), .. created], created, null);
    }

    async Task<ProductOutcome?> ChangeStockAsync(long skuId, SkuDraft change, Guid actorId, CancellationToken ct)
    {
        int? result = 0;
        if (change.Stock is { } level) result = await inventory.SetAsync(skuId, level, StockReason.Adjustment, actorId, ct);
        else if (change.StockDelta is { } by && by != 0) result = await inventory.AdjustAsync(skuId, by, StockReason.Adjustment, actorId, ct);
        if (result is not null) return null;
        var stock = await db.Skus.Where(s => s.Id == skuId).Select(s => s.Stock).SingleAsync(ct);
        return new ProductOutcome(ProductFailure.StockConflict,
            Detail: change.StockDelta is { } delta
                ? $"SKU {skuId} has {stock} in stock: a change of {delta} would take it below 0 (or above {Sku.StockMax}). Nothing was changed."
                : $"SKU {skuId} is no longer on sale. Nothing was changed.",
            Field: $"skus[{change.Index}].{(change.StockDelta is null ? "stock" : "stockDelta")}", SkuId: skuId, Stock: stock);
    }

    /// <summary>The non-stock changes of a SKU (stock went through <see cref="Inventory"/>).</summary>
    static void Apply(SkuDraft change, Sku sku, DateTime now)
    {
        var changed = false;
        if (change.Price is { } price && price != sku.Price)
        {
            sku.Price = price;
            changed = true;
        }
        if (change.PhotoGiven && change.PhotoId != sku.PhotoId)
        {
            sku.PhotoId = change.PhotoId;
            changed = true;
        }
        if (change.CodeGiven && change.Code != sku.Code)
        {
            sku.Code = change.Code;
            changed = true;
        }
        if (changed) sku.UpdatedAt = now;
    }

    static Sku NewSku(SkuDraft d, int position, DateTime now)
    {
        var sku = new Sku
        {
            Position = position, Price = d.Price!.Value, Stock = d.Stock!.Value, PhotoId = d.PhotoId, Code = d.Code,
            CreatedAt = now, UpdatedAt = now,
        };
        sku.SetValues(d.Values);
        return sku;
    }

    static void SetPriceRange(Product product, IReadOnlyCollection<Sku> active)
    {
        var min = active.MinBy(s => s.Price.Amount)!.Price;
        var max = active.MaxBy(s => s.Price.Amount)!.Price;
        if (product.MinPrice != min) product.MinPrice = min;
        if (product.MaxPrice != max) product.MaxPrice = max;
    }

    static string[] Pad(string[] values) => [.. values, .. Enumerable.Repeat("", 3 - values.Length)];

    /// <summary>A combination by option name and value, case-insensitive and independent of option order.</summary>
    static string MatchKey(IReadOnlyList<string> names, string[] values) =>
        string.Join('\u001E', names.Select((n, k) => $"{n.ToUpperInvariant()}\u001F{values[k].ToUpperInvariant()}").Order(StringComparer.Ordinal));

    /// <summary>
    /// Every media id must be the actor's own upload (ids already on the product were checked when they were attached).
    /// The error names the field: photoIds, or skus[i].photoId.
    /// </summary>
    async Task<ProductOutcome?> MediaProblemAsync(ProductDraft draft, Guid ownerId, IReadOnlySet<Guid> known, CancellationToken ct)
    {
        var ids = draft.MediaIds.Where(m => !known.Contains(m)).Distinct().ToList();
        if (ids.Count == 0) return null;
        var owned = (await db.MediaAssets.Where(m => m.OwnerId == ownerId && ids.Contains(m.Id)).Select(m => m.Id).ToListAsync(ct)).ToHashSet();
        if (owned.Count == ids.Count) return null;
        var errors = new FieldErrors();
        if (draft.PhotoIds.Any(m => !known.Contains(m) && !owned.Contains(m))) errors.Add("photoIds", MediaOwnership.UseYourOwn);
        foreach (var sku in draft.Skus.Where(s => s.PhotoGiven && s.PhotoId is { } m && !known.Contains(m) && !owned.Contains(m)))
            errors.Add($"skus[{sku.Index}].photoId", MediaOwnership.UseYourOwn);
        return new ProductOutcome(ProductFailure.Invalid, Errors: errors.ToDictionary());
    }
}
