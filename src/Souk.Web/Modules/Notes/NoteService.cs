using Microsoft.EntityFrameworkCore;
using Souk.Web.Data;
using Souk.Web.Modules.Catalog;

namespace Souk.Web.Modules.Notes;

public enum NoteFailure
{
    None,
    Invalid,
    NotFound,
    Forbidden,
}

/// <summary>What a write did: the note's id, or why not.</summary>
public sealed record NoteOutcome(NoteFailure Failure, long Id = 0, Dictionary<string, string[]>? Errors = null)
{
    public static NoteOutcome Invalid(string field, string message) => new(NoteFailure.Invalid, Errors: new() { [field] = [message] });
}

/// <summary>
/// Creates, edits and deletes notes, for the API and the composer page alike. Each write is one transaction: the note, its
/// photos, tags, hashtags, mentions, the notifications they cause and the note's search entry are written together or not at all.
/// </summary>
public sealed class NoteService(SoukDb db, Notifier notifier, SearchIndex search, NoteChanges changes, TimeProvider clock)
{
    public async Task<NoteOutcome> CreateAsync(Guid authorId, NoteRequest req, string defaultLanguage, CancellationToken ct)
    {
        var draft = new NoteDraft();
        var errors = NoteRules.Apply(req, draft, create: true, defaultLanguage);
        if (errors.Count > 0) return new(NoteFailure.Invalid, Errors: errors);

        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var resolved = await ResolveAsync(authorId, draft, ct);
            if (resolved.Failure is { } failure) return failure;

            var now = clock.GetUtcNow().UtcDateTime;
            var note = new Note { AuthorId = authorId, CreatedAt = now, UpdatedAt = now };
            Apply(note, draft, resolved);
            db.Notes.Add(note);
            await db.SaveChangesAsync(ct);
            return await FinishAsync(note, authorId, resolved, previousMentions: [], previousSponsor: null, tx, ct);
        });
    }

    /// <summary>Partial update by the author: only the fields present change; photos, when given, replace the old ones with their tags.</summary>
    public async Task<NoteOutcome> UpdateAsync(long id, Guid actorId, NoteRequest req, CancellationToken ct)
    {
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var note = await db.Notes.Include(n => n.Photos).Include(n => n.Tags).Include(n => n.Hashtags).Include(n => n.Mentions)
                .AsSplitQuery().FirstOrDefaultAsync(n => n.Id == id, ct);
            if (note is null) return new NoteOutcome(NoteFailure.NotFound);
            if (note.AuthorId != actorId) return new NoteOutcome(NoteFailure.Forbidden);

            var draft = await DraftOfAsync(note, ct);
            var errors = NoteRules.Apply(req, draft, create: false, note.Language);
            if (errors.Count > 0) return new(NoteFailure.Invalid, Errors: errors);
            var resolved = await ResolveAsync(actorId, draft, ct);
            if (resolved.Failure is { } failure) return failure;

            var previousMentions = note.Mentions.Select(m => m.UserId).ToHashSet();
            var previousSponsor = note.SponsorId;
            note.Photos.Clear();
            note.Tags.Clear();
            note.Hashtags.Clear();
            note.Mentions.Clear();
            // The old child rows go first: the new ones reuse their keys (position, tag, user).
            await db.SaveChangesAsync(ct);
            note.UpdatedAt = clock.GetUtcNow().UtcDateTime;
            Apply(note, draft, resolved);
            return await FinishAsync(note, actorId, resolved, previousMentions, previousSponsor, tx, ct);
        });
    }

    /// <summary>The author deletes their note (an operator may delete any); likes, saves, comments and tags go with it.</summary>
    public async Task<NoteFailure> DeleteAsync(long id, Guid actorId, bool isOperator, CancellationToken ct)
    {
        var authorId = await db.Notes.Where(n => n.Id == id).Select(n => (Guid?)n.AuthorId).FirstOrDefaultAsync(ct);
        if (authorId is null) return NoteFailure.NotFound;
        if (authorId != actorId && !isOperator) return NoteFailure.Forbidden;
        var strategy = db.Database.CreateExecutionStrategy();
        await strategy.ExecuteAsync(async () =>
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            await search.RemoveAsync(SearchKind.Note, id, ct);
            await db.Notes.Where(n => n.Id == id).ExecuteDeleteAsync(ct);
            await tx.CommitAsync(ct);
            await changes.ChangedAsync(authorId.Value);
        });
        return NoteFailure.None;
    }

    /// <summary>One query finds notes, listings and products: the note's entry follows every write, in its transaction.</summary>
    Task IndexAsync(Note note, CancellationToken ct) =>
        search.UpsertNoteAsync(note.Id, note.AuthorId, note.Title, note.Body, note.Photos.OrderBy(p => p.Position).Select(p => (Guid?)p.MediaId).FirstOrDefault(),
            note.CreatedAt, ct);

    /// <summary>The end of a create or an edit: notifications, the search entry, the commit, and readers' snapshots dropped.</summary>
    async Task<NoteOutcome> FinishAsync(Note note, Guid actorId, Resolved resolved, HashSet<Guid> previousMentions, Guid? previousSponsor,
        Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction tx, CancellationToken ct)
    {
        Notify(note, actorId, resolved, previousMentions, previousSponsor);
        await db.SaveChangesAsync(ct);
        await IndexAsync(note, ct);
        await tx.CommitAsync(ct);
        await changes.ChangedAsync(note.AuthorId);
        db.ChangeTracker.Clear();
        return new NoteOutcome(NoteFailure.None, note.Id);
    }

    sealed record Resolved(NoteOutcome? Failure, Guid? SponsorId = null, IReadOnlyList<Guid>? MentionIds = null);

    /// <summary>Checks what needs the database: the photos are the author's, the tagged items exist and are public, the sponsor
    /// is a real account whose item is tagged; and finds the mentioned people.</summary>
    async Task<Resolved> ResolveAsync(Guid authorId, NoteDraft draft, CancellationToken ct)
    {
        if (!await db.MediaAssets.OwnsAllAsync(authorId, draft.Photos.Select(p => p.MediaId), ct))
            return new(NoteOutcome.Invalid("photos", MediaOwnership.UseYourOwn));

        var tags = draft.Photos.SelectMany((p, i) => p.Tags.Select((t, j) => (Field: $"photos[{i}].tags[{j}]", Tag: t))).ToList();
        var listingIds = tags.Where(t => t.Tag.ListingId is not null).Select(t => t.Tag.ListingId!.Value).Distinct().ToArray();
        var productIds = tags.Where(t => t.Tag.ProductId is not null).Select(t => t.Tag.ProductId!.Value).Distinct().ToArray();
        var publicStates = ListingAccess.ListedStates(own: false);
        var listingSellers = listingIds.Length == 0 ? [] : await db.Listings.AsNoTracking()
            .Where(l => listingIds.Contains(l.Id) && publicStates.Contains(l.State))
            .ToDictionaryAsync(l => l.Id, l => l.SellerId, ct);
        var productSellers = productIds.Length == 0 ? [] : await db.Products.AsNoTracking()
            .Where(p => productIds.Contains(p.Id) && p.Status == ProductStatus.Published)
            .Join(db.Shops, p => p.ShopId, s => s.Id, (p, s) => new { p.Id, s.OwnerId })
            .ToDictionaryAsync(p => p.Id, p => p.OwnerId, ct);
        var errors = new Dictionary<string, string[]>();
        foreach (var (field, tag) in tags)
        {
            if (tag.ListingId is { } listingId && !listingSellers.ContainsKey(listingId))
                errors[$"{field}.listingId"] = [$"No listing {listingId} that can be tagged."];
            if (tag.ProductId is { } productId && !productSellers.ContainsKey(productId))
                errors[$"{field}.productId"] = [$"No published product {productId}."];
        }
        if (errors.Count > 0) return new(new NoteOutcome(NoteFailure.Invalid, Errors: errors));

        Guid? sponsorId = null;
        if (draft.SponsorHandle is { } handle)
        {
            var normalized = Accounts.AccountRules.NormalizeHandle(handle);
            sponsorId = await db.Users.Where(u => u.NormalizedUserName == normalized).Select(u => (Guid?)u.Id).FirstOrDefaultAsync(ct);
            if (sponsorId is null) return new(NoteOutcome.Invalid("sponsoredBy", $"No account @{handle}."));
            if (sponsorId == authorId) return new(NoteOutcome.Invalid("sponsoredBy", "A note cannot be sponsored by its own author."));
            // Disclosure follows a tag: the brand must sell something tagged in the note.
            if (!listingSellers.ContainsValue(sponsorId.Value) && !productSellers.ContainsValue(sponsorId.Value))
                return new(NoteOutcome.Invalid("sponsoredBy", $"Tag at least one of @{handle}'s products to mark the note as sponsored by them."));
        }

        var handles = NoteText.Mentions(draft.Title, draft.Body).Select(Accounts.AccountRules.NormalizeHandle).ToArray();
        var mentionIds = handles.Length == 0 ? [] : await db.Users.Where(u => handles.Contains(u.NormalizedUserName!)).Select(u => u.Id).ToListAsync(ct);
        return new(null, sponsorId, mentionIds);
    }

    static void Apply(Note note, NoteDraft draft, Resolved resolved)
    {
        note.Title = draft.Title;
        note.Body = draft.Body;
        note.Language = draft.Language;
        note.SponsorId = resolved.SponsorId;
        for (var i = 0; i < draft.Photos.Count; i++)
        {
            note.Photos.Add(new NotePhoto { Position = i, MediaId = draft.Photos[i].MediaId });
            foreach (var tag in draft.Photos[i].Tags)
                note.Tags.Add(new NoteTag { PhotoPosition = i, X = tag.X, Y = tag.Y, ListingId = tag.ListingId, ProductId = tag.ProductId });
        }
        note.Hashtags.AddRange(NoteText.Hashtags(draft.Title, draft.Body).Select(t => new NoteHashtag { Tag = t, CreatedAt = note.CreatedAt }));
        note.Mentions.AddRange(resolved.MentionIds!.Where(id => id != note.AuthorId).Select(id => new NoteMention { UserId = id }));
    }

    /// <summary>Newly mentioned people and a newly named sponsor hear about it once; an edit does not notify them again.</summary>
    void Notify(Note note, Guid actorId, Resolved resolved, HashSet<Guid> previousMentions, Guid? previousSponsor)
    {
        foreach (var mention in note.Mentions.Where(m => !previousMentions.Contains(m.UserId)))
            notifier.Add(mention.UserId, NotificationKind.Mentioned, actorId, note.Id);
        if (resolved.SponsorId is { } sponsor && sponsor != previousSponsor)
            notifier.Add(sponsor, NotificationKind.Sponsored, actorId, note.Id);
    }

    async Task<NoteDraft> DraftOfAsync(Note note, CancellationToken ct)
    {
        var sponsor = note.SponsorId is { } id ? await db.Users.Where(u => u.Id == id).Select(u => u.UserName).FirstOrDefaultAsync(ct) : null;
        return new NoteDraft
        {
            Title = note.Title, Body = note.Body, Language = note.Language, SponsorHandle = sponsor,
            Photos = [.. note.Photos.OrderBy(p => p.Position).Select(p => new NoteDraft.DraftPhoto(p.MediaId,
                [.. note.Tags.Where(t => t.PhotoPosition == p.Position).OrderBy(t => t.Id).Select(t => new NoteDraft.DraftTag(t.X, t.Y, t.ListingId, t.ProductId))]))],
        };
    }
}
