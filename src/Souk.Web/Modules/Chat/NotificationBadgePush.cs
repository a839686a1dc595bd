using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Souk.Web.Modules.Notes;

namespace Souk.Web.Modules.Chat;

/// <summary>
/// Pushes the new Badge to everyone who received a notification, once it is committed, without the code that writes
/// notifications (Notes' Notifier, in many callers' units of work) knowing about the hub. It notes the recipients of added
/// Notification rows when a save starts; a save outside a transaction pushes when it succeeds, a save inside one waits for
/// the commit (and forgets them on rollback), so nobody hears of a notification that was never committed.
/// The pushes run in the background in their own scope: the writer neither waits for them nor shares its context with them.
/// </summary>
public sealed class NotificationBadgePush(IServiceScopeFactory scopes, ILogger<NotificationBadgePush> log) : ISaveChangesInterceptor, IDbTransactionInterceptor
{
    sealed class Pending
    {
        public HashSet<Guid> Saving { get; } = [];
        public HashSet<Guid> AwaitingCommit { get; } = [];
    }

    // Per context instance; pooled contexts are reused, so every path below empties what it took.
    readonly ConditionalWeakTable<DbContext, Pending> pending = new();

    public ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken ct = default)
    {
        Note(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Note(eventData.Context);
        return result;
    }

    public ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken ct = default) =>
        ValueTask.FromResult(SavedChanges(eventData, result));

    public int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        if (Saved(eventData.Context) is { } recipients) Push(recipients);
        return result;
    }

    public Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken ct = default)
    {
        Forget(eventData.Context, alsoAwaiting: false);
        return Task.CompletedTask;
    }

    public void SaveChangesFailed(DbContextErrorEventData eventData) => Forget(eventData.Context, alsoAwaiting: false);

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken ct = default)
    {
        TransactionCommitted(transaction, eventData);
        return Task.CompletedTask;
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData)
    {
        if (Committed(eventData.Context) is { } recipients) Push(recipients);
    }

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken ct = default)
    {
        Forget(eventData.Context, alsoAwaiting: true);
        return Task.CompletedTask;
    }

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => Forget(eventData.Context, alsoAwaiting: true);

    void Note(DbContext? context)
    {
        if (context is null) return;
        var added = context.ChangeTracker.Entries<Notification>().Where(e => e.State == EntityState.Added).Select(e => e.Entity.RecipientId).ToList();
        if (added.Count > 0) pending.GetOrCreateValue(context).Saving.UnionWith(added);
    }

    /// <summary>The recipients to push now (no transaction), or null (nothing, or wait for the commit).</summary>
    Guid[]? Saved(DbContext? context)
    {
        if (context is null || !pending.TryGetValue(context, out var p) || p.Saving.Count == 0) return null;
        if (context.Database.CurrentTransaction is not null)
        {
            p.AwaitingCommit.UnionWith(p.Saving);
            p.Saving.Clear();
            return null;
        }
        var now = p.Saving.ToArray();
        p.Saving.Clear();
        return now;
    }

    Guid[]? Committed(DbContext? context)
    {
        if (context is null || !pending.TryGetValue(context, out var p) || p.AwaitingCommit.Count == 0) return null;
        var now = p.AwaitingCommit.ToArray();
        p.AwaitingCommit.Clear();
        return now;
    }

    void Forget(DbContext? context, bool alsoAwaiting)
    {
        if (context is null || !pending.TryGetValue(context, out var p)) return;
        p.Saving.Clear();
        if (alsoAwaiting) p.AwaitingCommit.Clear();
    }

    // In the background: the request that wrote the notification does not wait for its badge pushes.
    void Push(Guid[] recipients) => _ = Task.Run(() => PushAsync(recipients));

    async Task PushAsync(Guid[] recipients)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var push = scope.ServiceProvider.GetRequiredService<ChatPush>();
            foreach (var recipient in recipients) await push.BadgeAsync(recipient, CancellationToken.None);
        }
        catch (Exception ex)
        {
            // A badge that does not arrive is corrected by the next sync or page load; the notification itself is saved.
            log.LogWarning(ex, "Badge push for {Count} notification recipients failed", recipients.Length);
        }
    }
}
