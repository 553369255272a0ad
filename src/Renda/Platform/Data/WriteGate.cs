using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace Renda.Platform.Data;

/// <summary>One writer at a time per SQLite database file in this process, in arrival order (docs/adr/0031).
/// SQLite allows one write transaction per file; a second <c>BEGIN IMMEDIATE</c> gets SQLITE_BUSY, which
/// Microsoft.Data.Sqlite answers by sleeping 150 ms on a thread-pool thread and trying again. Under load
/// that turns into seconds of latency and idle cores. Writers that wait here instead wait asynchronously
/// and are handed the file the moment the previous transaction ends. PostgreSQL is never gated.</summary>
public sealed class WriteGate
{
    private static readonly ConcurrentDictionary<string, WriteGate> Gates = new(StringComparer.Ordinal);

    // Async waiters of a SemaphoreSlim are released first come, first served.
    private readonly SemaphoreSlim _slot = new(1, 1);

    private WriteGate(string database) => Database = database;

    /// <summary>The database file (or, for an in-memory database, the connection string) the gate guards.</summary>
    public string Database { get; }

    /// <summary>The gate of the SQLite database <paramref name="connectionString"/> names, shared by every
    /// context and connection of this process on that file.</summary>
    public static WriteGate For(string connectionString)
    {
        var source = new SqliteConnectionStringBuilder(connectionString).DataSource;
        var key = string.IsNullOrEmpty(source) || source == ":memory:" || source.StartsWith("file:", StringComparison.Ordinal)
            ? connectionString
            : Path.GetFullPath(source);
        return Gates.GetOrAdd(key, k => new WriteGate(k));
    }

    /// <summary>Waits for the gate; the lease gives it back when disposed (once, however often it is disposed).</summary>
    /// <exception cref="WriteGateTimeoutException">The gate stayed taken for <paramref name="timeout"/>.</exception>
    public async Task<IDisposable> EnterAsync(TimeSpan timeout, CancellationToken ct = default)
    {
        if (!await _slot.WaitAsync(timeout, ct)) throw new WriteGateTimeoutException(Database, timeout);
        return new Lease(_slot);
    }

    private sealed class Lease(SemaphoreSlim slot) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0) slot.Release();
        }
    }
}

/// <summary>A write waited longer than the gate's timeout for the one before it to finish: the database is
/// overloaded, or a transaction was left open (e.g. a second context writing while the first holds the file).</summary>
public sealed class WriteGateTimeoutException(string database, TimeSpan timeout)
    : TimeoutException($"Waited {timeout.TotalSeconds:0.###} s for the write gate of SQLite database '{Path.GetFileName(database)}': " +
        "another write transaction is still open (an overloaded database, or a transaction that was never committed, " +
        "rolled back or disposed — for instance a second context writing while the first one holds the gate).")
{
    public string Database { get; } = database;
    public TimeSpan Timeout { get; } = timeout;
}

/// <summary>A transaction that holds its database's <see cref="WriteGate"/>: it gives the gate back when it is
/// committed, rolled back or disposed, whichever comes first (a failed commit keeps it until rollback or dispose,
/// since the transaction is still open then).</summary>
internal sealed class GatedTransaction(IDbContextTransaction inner, IDisposable lease, Action<GatedTransaction> ended)
    : IDbContextTransaction, IInfrastructure<DbTransaction>
{
    private int _ended;

    public Guid TransactionId => inner.TransactionId;

    DbTransaction IInfrastructure<DbTransaction>.Instance => inner.GetDbTransaction();

    public bool SupportsSavepoints => inner.SupportsSavepoints;

    public void Commit()
    {
        inner.Commit();
        End();
    }

    public async Task CommitAsync(CancellationToken cancellationToken = default)
    {
        await inner.CommitAsync(cancellationToken);
        End();
    }

    public void Rollback()
    {
        try { inner.Rollback(); }
        finally { End(); }
    }

    public async Task RollbackAsync(CancellationToken cancellationToken = default)
    {
        try { await inner.RollbackAsync(cancellationToken); }
        finally { End(); }
    }

    public void CreateSavepoint(string name) => inner.CreateSavepoint(name);
    public Task CreateSavepointAsync(string name, CancellationToken cancellationToken = default) => inner.CreateSavepointAsync(name, cancellationToken);
    public void RollbackToSavepoint(string name) => inner.RollbackToSavepoint(name);
    public Task RollbackToSavepointAsync(string name, CancellationToken cancellationToken = default) => inner.RollbackToSavepointAsync(name, cancellationToken);
    public void ReleaseSavepoint(string name) => inner.ReleaseSavepoint(name);
    public Task ReleaseSavepointAsync(string name, CancellationToken cancellationToken = default) => inner.ReleaseSavepointAsync(name, cancellationToken);

    public void Dispose()
    {
        try { inner.Dispose(); }
        finally { End(); }
    }

    public async ValueTask DisposeAsync()
    {
        try { await inner.DisposeAsync(); }
        finally { End(); }
    }

    /// <summary>Gives the gate back without touching the transaction: the context is being disposed, which
    /// disposes (and so rolls back) the transaction itself.</summary>
    internal void Abandon() => End();

    private void End()
    {
        if (Interlocked.Exchange(ref _ended, 1) != 0) return;
        lease.Dispose();
        ended(this);
    }
}
