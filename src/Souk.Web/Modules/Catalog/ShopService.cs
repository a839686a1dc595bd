using Microsoft.EntityFrameworkCore;
using Souk.Web.Data;
using Souk.Web.Modules.Accounts;

namespace Souk.Web.Modules.Catalog;

public enum ShopFailure
{
    None,
    Invalid,
    NotFound,
    Forbidden,
    /// <summary>The account already has its one shop (<see cref="ShopOutcome.Slug"/> says which).</summary>
    AlreadyOpen,
    SlugTaken,
}

/// <summary>What a shop write did: the shop's slug, or why not.</summary>
public sealed record ShopOutcome(ShopFailure Failure, string Slug = "", Dictionary<string, string[]>? Errors = null, string? Detail = null)
{
    public static ShopOutcome Ok(string slug) => new(ShopFailure.None, slug);

    public static ShopOutcome Invalid(string field, string message) => new(ShopFailure.Invalid, Errors: new() { [field] = [message] });
}

/// <summary>Opens and edits shops. Each write runs in one transaction, so a refused request changes nothing.</summary>
public sealed class ShopService(SoukDb db, TimeProvider clock)
{
    public async Task<ShopOutcome> CreateAsync(Guid ownerId, ShopRequest req, CancellationToken ct)
    {
        var kind = await db.Users.Where(u => u.Id == ownerId).Select(u => (AccountKind?)u.Kind).FirstOrDefaultAsync(ct);
        if (kind is null) return new(ShopFailure.NotFound);
        if (!ShopRules.CanOpenShop(kind.Value)) return new(ShopFailure.Forbidden, Detail: ShopRules.PersonalAccountDetail);

        var draft = new ShopDraft();
        var errors = ShopRules.Apply(req, draft, new HashSet<long>(), create: true);
        if (errors.Count > 0) return new(ShopFailure.Invalid, Errors: errors);

        var strategy = db.Database.CreateExecutionStrategy();
        var outcome = await strategy.ExecuteAsync(async () =>
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            if (await ExistingShopOfAsync(ownerId, ct) is { } existing) return AlreadyOpen(existing);
            if (await db.Shops.AnyAsync(s => s.Slug == draft.Slug, ct)) return SlugTaken(draft.Slug);
            if (!await db.MediaAssets.OwnsAllAsync(ownerId, MediaOf(draft), ct)) return await MediaInvalidAsync(draft, ownerId, null, ct);

            var now = clock.GetUtcNow().UtcDateTime;
            var shop = new Shop
            {
                OwnerId = ownerId, Name = draft.Name, Slug = draft.Slug, Description = draft.Description, LogoId = draft.LogoId,
                BannerId = draft.BannerId, CreatedAt = now, UpdatedAt = now,
                Sections = [.. draft.Sections.Select((s, i) => new ShopSection { Position = i, Name = s.Name })],
            };
            db.Shops.Add(shop);
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException)
            {
                // PostgreSQL: a concurrent request took the owner's shop or the slug between our checks and the insert.
                return null;
            }
            await tx.CommitAsync(ct);
            return ShopOutcome.Ok(shop.Slug);
        });
        db.ChangeTracker.Clear();
        return outcome ?? await LostRaceAsync(ownerId, draft.Slug, ct);
    }

    /// <summary>Partial update by the owner: only the fields present change; sections, when given, replace the old list.</summary>
    public async Task<ShopOutcome> UpdateAsync(string slug, Actor actor, ShopRequest req, CancellationToken ct)
    {
        var normalized = ShopRules.NormalizeSlug(slug);
        var strategy = db.Database.CreateExecutionStrategy();
        var draft = new ShopDraft();
        var outcome = await strategy.ExecuteAsync(async () =>
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var shop = await db.Shops.Include(s => s.Sections).FirstOrDefaultAsync(s => s.Slug == normalized, ct);
            if (shop is null) return new ShopOutcome(ShopFailure.NotFound);
            if (shop.OwnerId != actor.Id) return new ShopOutcome(ShopFailure.Forbidden, Detail: "Only the shop's owner can change it.");

            draft = ShopDraft.From(shop);
            var errors = ShopRules.Apply(req, draft, shop.Sections.Select(s => s.Id).ToHashSet(), create: false);
            if (errors.Count > 0) return new ShopOutcome(ShopFailure.Invalid, Errors: errors);
            if (draft.Slug != shop.Slug && await db.Shops.AnyAsync(s => s.Slug == draft.Slug, ct)) return SlugTaken(draft.Slug);
            var newMedia = MediaOf(draft).Where(m => m != shop.LogoId && m != shop.BannerId);
            if (!await db.MediaAssets.OwnsAllAsync(shop.OwnerId, newMedia, ct)) return await MediaInvalidAsync(draft, shop.OwnerId, shop, ct);

            shop.Name = draft.Name;
            shop.Slug = draft.Slug;
            shop.Description = draft.Description;
            shop.LogoId = draft.LogoId;
            shop.BannerId = draft.BannerId;
            if (req.Sections is not null)
            {
                var kept = draft.Sections.Where(s => s.Id is not null).Select(s => s.Id!.Value).ToHashSet();
                // Deleted sections go by ON DELETE SET NULL on their products: the products stay in the shop.
                foreach (var gone in shop.Sections.Where(s => !kept.Contains(s.Id)).ToList()) shop.Sections.Remove(gone);
                var byId = shop.Sections.ToDictionary(s => s.Id);
                for (var i = 0; i < draft.Sections.Count; i++)
                {
                    var s = draft.Sections[i];
                    if (s.Id is { } id)
                    {
                        byId[id].Name = s.Name;
                        byId[id].Position = i;
                    }
                    else shop.Sections.Add(new ShopSection { ShopId = shop.Id, Position = i, Name = s.Name });
                }
            }
            if (db.ChangeTracker.HasChanges()) shop.UpdatedAt = clock.GetUtcNow().UtcDateTime;
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException)
            {
                // PostgreSQL: another shop took the new slug between our check and the update.
                return null;
            }
            await tx.CommitAsync(ct);
            return ShopOutcome.Ok(shop.Slug);
        });
        db.ChangeTracker.Clear();
        return outcome ?? SlugTaken(draft.Slug);
    }

    async Task<string?> ExistingShopOfAsync(Guid ownerId, CancellationToken ct) =>
        await db.Shops.Where(s => s.OwnerId == ownerId).Select(s => s.Slug).FirstOrDefaultAsync(ct);

    async Task<ShopOutcome> LostRaceAsync(Guid ownerId, string slug, CancellationToken ct) =>
        await ExistingShopOfAsync(ownerId, ct) is { } existing ? AlreadyOpen(existing) : SlugTaken(slug);

    static ShopOutcome AlreadyOpen(string slug) =>
        new(ShopFailure.AlreadyOpen, slug, Detail: "You already have a shop; an account has one. Change it with PATCH /api/v1/shops/{slug}.");

    static ShopOutcome SlugTaken(string slug) => new(ShopFailure.SlugTaken, slug, Detail: $"The slug '{slug}' is taken. Choose another.");

    static IEnumerable<Guid> MediaOf(ShopDraft draft) => new[] { draft.LogoId, draft.BannerId }.Where(m => m is not null).Select(m => m!.Value);

    /// <summary>Names the field whose media is not the owner's (unknown and foreign ids get the same words).</summary>
    async Task<ShopOutcome> MediaInvalidAsync(ShopDraft draft, Guid ownerId, Shop? current, CancellationToken ct)
    {
        var owned = (await db.MediaAssets.Where(m => m.OwnerId == ownerId && (m.Id == draft.LogoId || m.Id == draft.BannerId)).Select(m => m.Id).ToListAsync(ct)).ToHashSet();
        var errors = new Dictionary<string, string[]>();
        if (draft.LogoId is { } logo && logo != current?.LogoId && !owned.Contains(logo)) errors["logoId"] = [MediaOwnership.UseYourOwn];
        if (draft.BannerId is { } banner && banner != current?.BannerId && !owned.Contains(banner)) errors["bannerId"] = [MediaOwnership.UseYourOwn];
        return new(ShopFailure.Invalid, Errors: errors);
    }
}
