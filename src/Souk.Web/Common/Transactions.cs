using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace Souk.Web.Common;

/// <summary>
/// A database transaction a use case begins, or joins when one is already open (the Idempotency-Key filter opens one
/// around the whole request, so the remembered answer commits with the effect). Only the owner commits; a joined one leaves
/// commit and rollback to the outer owner.
/// </summary>
public sealed class OwnedTransaction(IDbContextTransaction? owned) : IAsyncDisposable
{
    public Task CommitAsync(CancellationToken ct) => owned?.CommitAsync(ct) ?? Task.CompletedTask;

    public ValueTask DisposeAsync() => owned?.DisposeAsync() ?? ValueTask.CompletedTask;
}

public static class TransactionExtensions
{
    /// <summary>
    /// Begins a transaction (SQLite: BEGIN IMMEDIATE, so writers queue instead of failing on upgrade) unless one is open.
    /// A use case that fails must not commit: its own transaction rolls back on dispose, and a joined one is rolled back by
    /// its owner when the use case answers with an error.
    /// </summary>
    public static async Task<OwnedTransaction> BeginOrJoinTransactionAsync(this DatabaseFacade database, CancellationToken ct) =>
        new(database.CurrentTransaction is null ? await database.BeginTransactionAsync(ct) : null);
}
