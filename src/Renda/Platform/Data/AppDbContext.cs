using System.Linq.Expressions;
using System.Reflection;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Renda.Platform.Audit;
using Renda.Platform.Auth;
using Renda.Platform.Jurisdictions;
using Renda.Platform.Workflow;

namespace Renda.Platform.Data;

/// <summary>The one DbContext. Modules add their entities with an <see cref="IEntityTypeConfiguration{T}"/>
/// in their own folder; this class enforces what holds for all of them: jurisdiction scoping,
/// row versions, UTC times, snake_case names, and the audit chain written in the same transaction.</summary>
public class AppDbContext(DbContextOptions<AppDbContext> options, ICurrentUser currentUser, TimeProvider clock)
    : IdentityDbContext<AppUser, AppRole, string>(options)
{
    public DbSet<Jurisdiction> Jurisdictions => Set<Jurisdiction>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<WorkflowHistoryEntry> WorkflowHistory => Set<WorkflowHistoryEntry>();
    public DbSet<SecurityPolicy> SecurityPolicies => Set<SecurityPolicy>();

    public ICurrentUser CurrentUser => currentUser;
    public TimeProvider Clock => clock;

    /// <summary>The caller's jurisdiction prefix, read by the global query filters (null = unscoped).</summary>
    public string? ScopeCode => currentUser.ScopeCode;

    internal List<AuditRecord> PendingAudit { get; } = [];

    /// <summary>Audit records of a save inside a transaction whose chain append was deferred to the next save of the
    /// same transaction (<see cref="DeferChainAppend"/>).</summary>
    private readonly List<AuditRecord> _carriedAudit = [];

    /// <summary>While set, an audited save inside an open transaction writes its rows but carries its audit records to
    /// the next save, which chains them with its own in one append: a use case that must save twice (an insert, then
    /// rows that need its generated id) takes the audit head's lock once, and later. The caller must save again before
    /// it commits; <see cref="CommitGuard"/> refuses a commit with carried records.</summary>
    internal bool DeferChainAppend { get; set; }

    /// <summary>Forgets carried records: their transaction is being rolled back, so what they describe never happened.</summary>
    internal void DropCarriedAudit() => _carriedAudit.Clear();

    /// <summary>Throws if audit records are still carried (a deferred save was not followed by another): committing
    /// then would lose them.</summary>
    internal void CommitGuard()
    {
        if (_carriedAudit.Count > 0)
            throw new InvalidOperationException($"{_carriedAudit.Count} audit record(s) were carried by a deferred save and never chained; save again before committing.");
    }

    /// <summary>Entities whose change in the next save is described by an explicit audit entry (a
    /// workflow action): the automatic change audit skips them so one act makes one entry.</summary>
    internal HashSet<object> AuditedExplicitly { get; } = new(ReferenceEqualityComparer.Instance);

    protected override void OnModelCreating(ModelBuilder b)
    {
        base.OnModelCreating(b);
        Renda.Platform.Search.FullTextSearch.MapFunctions(b, Database.IsNpgsql());

        b.Entity<AppUser>().ToTable("users");
        b.Entity<AppRole>().ToTable("roles");
        b.Entity<IdentityUserRole<string>>().ToTable("user_roles");
        b.Entity<IdentityUserClaim<string>>().ToTable("user_claims");
        b.Entity<IdentityUserLogin<string>>().ToTable("user_logins");
        b.Entity<IdentityUserToken<string>>().ToTable("user_tokens");
        b.Entity<IdentityRoleClaim<string>>().ToTable("role_claims");
        b.Entity<AppUser>(e =>
        {
            e.Property(u => u.JurisdictionCode).HasMaxLength(12);
            e.Property(u => u.DisplayName).HasMaxLength(100);
            e.HasIndex(u => u.JurisdictionCode);
        });

        b.Entity<Jurisdiction>(e =>
        {
            e.HasKey(j => j.Code);
            e.Property(j => j.Code).HasMaxLength(12);
            e.Property(j => j.Name).HasMaxLength(100);
            e.Property(j => j.ParentCode).HasMaxLength(12);
            e.HasIndex(j => j.ParentCode);
        });

        b.Entity<AuditEntry>(e =>
        {
            e.ToTable("audit_entries");
            e.Property(a => a.Id).ValueGeneratedNever();
            e.Property(a => a.Actor).HasMaxLength(256);
            e.Property(a => a.ActorRole).HasMaxLength(256);
            e.Property(a => a.ClientIp).HasMaxLength(64);
            e.Property(a => a.Action).HasMaxLength(128);
            e.Property(a => a.EntityType).HasMaxLength(128);
            e.Property(a => a.EntityId).HasMaxLength(128);
            e.Property(a => a.Outcome).HasMaxLength(16);
            e.Property(a => a.JurisdictionCode).HasMaxLength(12);
            e.Property(a => a.PrevHash).HasMaxLength(64);
            e.Property(a => a.Hash).HasMaxLength(64);
            e.HasIndex(a => a.At);
            e.HasIndex(a => new { a.JurisdictionCode, a.At });
            e.HasIndex(a => a.Actor);
            e.HasIndex(a => a.Action);
        });
        b.Entity<AuditHead>(e =>
        {
            e.ToTable("audit_head");
            e.Property(h => h.Id).ValueGeneratedNever();
            e.Property(h => h.LastHash).HasMaxLength(64);
        });

        b.Entity<WorkflowHistoryEntry>(e =>
        {
            e.ToTable("workflow_history");
            e.Property(h => h.Workflow).HasMaxLength(64);
            e.Property(h => h.FromState).HasMaxLength(32);
            e.Property(h => h.Action).HasMaxLength(64);
            e.Property(h => h.ToState).HasMaxLength(32);
            e.Property(h => h.Actor).HasMaxLength(256);
            e.Property(h => h.ActorRole).HasMaxLength(256);
            e.Property(h => h.Comment).HasMaxLength(4000);
            e.Property(h => h.JurisdictionCode).HasMaxLength(12);
            e.HasIndex(h => new { h.Workflow, h.EntityId, h.Id });
        });

        b.Entity<SecurityPolicy>(e =>
        {
            e.ToTable("security_policies");
            e.Property(p => p.Id).ValueGeneratedNever();
            e.Property(p => p.UpdatedBy).HasMaxLength(256);
            e.Property(p => p.Version).IsConcurrencyToken();
        });

        b.ApplyConfigurationsFromAssembly(typeof(AppDbContext).Assembly);

        ApplyConventions(b);
    }

    private void ApplyConventions(ModelBuilder b)
    {
        var utc = new ValueConverter<DateTime, DateTime>(
            v => v.Kind == DateTimeKind.Utc ? v : v.ToUniversalTime(),
            v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
        var scopeMethod = typeof(AppDbContext).GetMethod(nameof(ApplyScope), BindingFlags.NonPublic | BindingFlags.Instance)!;

        foreach (var entity in b.Model.GetEntityTypes().ToList())
        {
            if (entity.GetTableName() is { } table) entity.SetTableName(Naming.SnakeCase(table));
            foreach (var p in entity.GetProperties())
            {
                p.SetColumnName(Naming.SnakeCase(p.Name));
                if (p.ClrType == typeof(DateTime)) p.SetValueConverter(utc);
            }
            if (typeof(IVersioned).IsAssignableFrom(entity.ClrType))
                entity.FindProperty(nameof(IVersioned.Version))!.IsConcurrencyToken = true;
            if (typeof(IJurisdictionScoped).IsAssignableFrom(entity.ClrType) && entity.BaseType is null)
                scopeMethod.MakeGenericMethod(entity.ClrType).Invoke(this, [b]);
        }
    }

    private void ApplyScope<T>(ModelBuilder b) where T : class, IJurisdictionScoped
    {
        Expression<Func<T, bool>> filter = e => ScopeCode == null || e.JurisdictionCode.StartsWith(ScopeCode);
        b.Entity<T>().HasQueryFilter(filter);
    }

    /// <summary>The caller's scope once more, as a range of codes (<c>code &gt;= '3301' AND code &lt; '3301:'</c>) that a B-tree on
    /// the jurisdiction code can serve on PostgreSQL, where the query filter's <c>LIKE '3301%'</c> cannot (the cluster's
    /// collation is not C). The same rows: codes are ASCII digits and ':' follows '9'. For a statement that wants the
    /// scope combined with another index (a search's bitmap, docs/adr/0041); elsewhere, and on SQLite, the rows as
    /// they are (there the range made the planner pick worse plans, docs/benchmarks.md 2026-12-05).</summary>
    public IQueryable<T> WithScopeRange<T>(IQueryable<T> rows) where T : class, IJurisdictionScoped
    {
        if (!Database.IsNpgsql() || ScopeCode is not { Length: > 0 } scope || scope == HttpCurrentUser.NoScope) return rows;
        var upper = scope + ":";
        return rows.Where(e => string.Compare(e.JurisdictionCode, scope) >= 0 && string.Compare(e.JurisdictionCode, upper) < 0);
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess) =>
        SaveChangesAsync(acceptAllChangesOnSuccess).GetAwaiter().GetResult();

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        ChangeTracker.DetectChanges();
        GuardAppendOnly();
        var changes = ChangeAudit.Capture(ChangeTracker, AuditedExplicitly);
        AuditedExplicitly.Clear();
        foreach (var e in ChangeTracker.Entries<IVersioned>())
            if (e.State == EntityState.Modified) e.Entity.Version++;

        if (changes.Count == 0 && PendingAudit.Count == 0 && (_carriedAudit.Count == 0 || DeferChainAppend))
        {
            // Unaudited rows (identity, notifications, job marks) still write: through the gate like the rest.
            if (Database.CurrentTransaction is not null || !ChangeTracker.HasChanges())
                return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
            await using var tx = await BeginWriteTransactionAsync(cancellationToken);
            var saved = await SaveWithoutSavepointAsync(acceptAllChangesOnSuccess, cancellationToken);
            await tx.CommitAsync(cancellationToken);
            return saved;
        }

        var pending = PendingAudit.ToList();
        PendingAudit.Clear();
        var ownTx = Database.CurrentTransaction is null ? await BeginWriteTransactionAsync(cancellationToken) : null;
        try
        {
            // Changes are always accepted here: the chain append below saves again, and an
            // unaccepted change would be written twice.
            var n = ownTx is null ? await base.SaveChangesAsync(true, cancellationToken) : await SaveWithoutSavepointAsync(true, cancellationToken);
            var records = _carriedAudit.Concat(changes.Select(c => c.ToRecord())).Concat(pending).ToList();
            _carriedAudit.Clear();
            if (DeferChainAppend && ownTx is null) _carriedAudit.AddRange(records);
            else await AppendChainAsync(records, cancellationToken);
            if (ownTx is not null) await ownTx.CommitAsync(cancellationToken);
            return n;
        }
        catch
        {
            if (ownTx is not null) await ownTx.RollbackAsync(CancellationToken.None);
            throw;
        }
        finally
        {
            if (ownTx is not null) await ownTx.DisposeAsync();
        }
    }

    /// <summary>Saves inside a transaction this context began for this save alone: a failure rolls all of it back, so
    /// EF's savepoint around the save (two round trips) would buy nothing. In a caller's transaction the savepoint
    /// stays, for a caller that goes on after a failed save (a duplicate caught by its unique index).</summary>
    private async Task<int> SaveWithoutSavepointAsync(bool acceptAllChangesOnSuccess, CancellationToken ct)
    {
        using var _ = WithoutSavepoints();
        return await base.SaveChangesAsync(acceptAllChangesOnSuccess, ct);
    }

    /// <summary>Switches EF's automatic savepoints off until the returned scope is disposed, for the saves of a
    /// transaction whose opener gives up on any failure (docs/adr/0043); the setting before is put back.</summary>
    public IDisposable WithoutSavepoints()
    {
        var before = Database.AutoSavepointsEnabled;
        Database.AutoSavepointsEnabled = false;
        return new Restore(() => Database.AutoSavepointsEnabled = before);
    }

    private sealed class Restore(Action restore) : IDisposable
    {
        public void Dispose() => restore();
    }

    /// <summary>How long <see cref="BeginWriteTransactionAsync"/> waits for the SQLite write gate before it gives up
    /// with a <see cref="WriteGateTimeoutException"/>; as long as the connection's busy timeout by default.</summary>
    public TimeSpan WriteGateTimeout { get; set; } = TimeSpan.FromSeconds(30);

    private GatedTransaction? _gated;

    /// <summary>Begins a write transaction: the one way to open a transaction in Renda (docs/adr/0031). On SQLite it
    /// first waits, asynchronously and in arrival order, for this database's <see cref="WriteGate"/>, so that
    /// concurrent writers queue in the process instead of colliding on the file lock (SQLITE_BUSY, which
    /// Microsoft.Data.Sqlite retries by sleeping); the gate is given back on commit, rollback or dispose of the
    /// transaction, or when this context is disposed. On PostgreSQL it is a plain transaction (row locks suffice).</summary>
    public async Task<IDbContextTransaction> BeginWriteTransactionAsync(CancellationToken ct = default)
    {
        if (Database.CurrentTransaction is not null)
            throw new InvalidOperationException("A transaction is already open on this context; write inside it instead of beginning another.");
        if (!Database.IsSqlite()) return await Database.BeginTransactionAsync(ct);
        var lease = await WriteGate.For(Database.GetConnectionString()!).EnterAsync(WriteGateTimeout, ct);
        try
        {
            var inner = await Database.BeginTransactionAsync(ct);
            return _gated = new GatedTransaction(inner, lease, t => Interlocked.CompareExchange(ref _gated, null, t));
        }
        catch
        {
            lease.Dispose();
            throw;
        }
    }

    public override void Dispose()
    {
        try { base.Dispose(); }
        finally { _gated?.Abandon(); }
    }

    public override async ValueTask DisposeAsync()
    {
        try { await base.DisposeAsync(); }
        finally { _gated?.Abandon(); }
    }

    private void GuardAppendOnly()
    {
        foreach (var e in ChangeTracker.Entries())
        {
            if (e.Entity is AuditEntry && e.State is EntityState.Modified or EntityState.Deleted)
                throw new InvalidOperationException("The audit trail is append-only.");
            if (e.Entity is AuditEntry && e.State == EntityState.Added)
                throw new InvalidOperationException("Audit entries are written through AuditTrail, not added directly.");
        }
    }

    /// <summary>Chains the records onto the head in two statements (docs/adr/0042): the no-op
    /// <c>UPDATE … RETURNING</c> takes the head row's write lock and reads it at once, so concurrent writers (several
    /// app instances on PostgreSQL) queue instead of forking the chain; one command then inserts the entries and
    /// advances the head. The lock is held from the first statement to the commit, so nothing else is sent in
    /// between: on PostgreSQL every round trip inside it was a wait for all other submissions.</summary>
    private async Task AppendChainAsync(List<AuditRecord> records, CancellationToken ct)
    {
        if (records.Count == 0) return;
        var head = await LockHeadAsync(ct);
        if (head is null)
        {
            await Database.ExecuteSqlRawAsync(
                "INSERT INTO audit_head (id, last_id, last_hash) VALUES (1, 0, {0})", [AuditHasher.Genesis], ct);
            head = await LockHeadAsync(ct) ?? throw new InvalidOperationException("The audit head could not be created.");
        }
        var now = AuditHasher.Normalize(clock.GetUtcNow().UtcDateTime);
        var actor = currentUser.ActorName();
        var role = currentUser.ActorRoles();
        var ip = currentUser.ClientIp ?? "";
        var scope = currentUser.ScopeCode is { } s && s != HttpCurrentUser.NoScope ? s : "";
        var id = head.LastId;
        var prev = head.LastHash;
        var entries = new List<AuditEntry>(records.Count);
        foreach (var r in records)
        {
            var entry = new AuditEntry
            {
                Id = ++id,
                At = now,
                Actor = Truncate(r.Actor ?? actor, 256),
                ActorRole = Truncate(r.ActorRole ?? role, 256),
                ClientIp = Truncate(ip, 64),
                Action = Truncate(r.Action, 128),
                EntityType = Truncate(r.EntityType, 128),
                EntityId = Truncate(r.EntityId, 128),
                Summary = r.Summary,
                Outcome = r.Outcome,
                JurisdictionCode = Truncate(r.JurisdictionCode ?? scope, 12),
                PrevHash = prev,
            };
            entry.Hash = AuditHasher.Compute(entry);
            prev = entry.Hash;
            entries.Add(entry);
        }
        // One command per chunk (a large import appends thousands of entries; SQLite binds at most 32,766 parameters
        // per statement, PostgreSQL 65,535); the head is advanced by the last one.
        var chunks = entries.Chunk(AppendChunk).ToList();
        foreach (var chunk in chunks)
        {
            var sql = new System.Text.StringBuilder(
                "INSERT INTO audit_entries (id, at, actor, actor_role, client_ip, action, entity_type, entity_id, summary, outcome, jurisdiction_code, prev_hash, hash) VALUES ");
            var values = new List<object>(chunk.Length * 13 + 2);
            foreach (var e in chunk)
            {
                object[] row = [e.Id, e.At, e.Actor, e.ActorRole, e.ClientIp, e.Action, e.EntityType, e.EntityId, e.Summary, e.Outcome,
                    e.JurisdictionCode, e.PrevHash, e.Hash];
                sql.Append(values.Count == 0 ? "(" : ", (");
                for (var i = 0; i < row.Length; i++) sql.Append(i == 0 ? "{" : ", {").Append(values.Count + i).Append('}');
                sql.Append(')');
                values.AddRange(row);
            }
            if (chunk == chunks[^1])
            {
                sql.Append("; UPDATE audit_head SET last_id = {").Append(values.Count).Append("}, last_hash = {").Append(values.Count + 1)
                    .Append("} WHERE id = 1");
                values.Add(id);
                values.Add(prev);
            }
            await Database.ExecuteSqlRawAsync(sql.ToString(), values, ct);
        }
    }

    /// <summary>Entries per INSERT of a chain append: 13 parameters each, well under either provider's limit.</summary>
    internal const int AppendChunk = 1000;

    /// <summary>Takes the head row's write lock and reads it in one statement; null when there is no head yet.</summary>
    private async Task<AuditHead?> LockHeadAsync(CancellationToken ct) =>
        (await Set<AuditHead>().FromSqlRaw("UPDATE audit_head SET last_id = last_id WHERE id = 1 RETURNING *")
            .AsNoTracking().ToListAsync(ct)).SingleOrDefault();

    private static string Truncate(string s, int max) => s.Length <= max ? s : s[..max];
}

/// <summary>The automatic create/update/delete audit: property names and non-personal values only.</summary>
internal sealed class ChangeAudit
{
    private static readonly HashSet<string> IdentityNoise =
    [
        nameof(AppUser.PasswordHash), nameof(AppUser.SecurityStamp), nameof(AppUser.ConcurrencyStamp),
        nameof(AppUser.AccessFailedCount), nameof(AppUser.LockoutEnd), nameof(AppUser.NormalizedUserName),
        nameof(AppUser.NormalizedEmail),
    ];

    private static readonly HashSet<string> AlwaysPersonal =
        [nameof(AppUser.Email), nameof(AppUser.PhoneNumber)];

    private readonly EntityEntry _entry;
    private readonly string _action;
    private readonly string _summary;

    private ChangeAudit(EntityEntry entry, string action, string summary)
    {
        _entry = entry;
        _action = action;
        _summary = summary;
    }

    public static List<ChangeAudit> Capture(ChangeTracker tracker, IReadOnlySet<object> skip)
    {
        var list = new List<ChangeAudit>();
        foreach (var e in tracker.Entries())
        {
            if (e.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted)) continue;
            if (skip.Contains(e.Entity)) continue;
            var type = e.Entity.GetType();
            if (type == typeof(AuditEntry) || type == typeof(AuditHead)) continue;
            if (type.GetCustomAttribute<NotAuditedAttribute>() is not null) continue;
            if (type.Namespace?.StartsWith("Microsoft.AspNetCore.Identity", StringComparison.Ordinal) == true) continue;

            var values = Values(e);
            if (e.State == EntityState.Modified && values.Count == 0) continue;
            var (action, key) = e.State switch
            {
                EntityState.Added => (AuditActions.Create, "after"),
                EntityState.Deleted => (AuditActions.Delete, "before"),
                _ => (AuditActions.Update, "changed"),
            };
            list.Add(new ChangeAudit(e, action, JsonSerializer.Serialize(new Dictionary<string, object> { [key] = values })));
        }
        return list;
    }

    /// <summary>The audited values of one tracked row: for a modified row the changed properties
    /// with from/to, otherwise every property; personal ones replaced by a marker.</summary>
    public static Dictionary<string, object?> Values(EntityEntry e)
    {
        var values = new Dictionary<string, object?>();
        foreach (var p in e.Properties)
        {
            var name = p.Metadata.Name;
            if (IdentityNoise.Contains(name) && e.Entity is AppUser) continue;
            if (e.State == EntityState.Modified && !p.IsModified) continue;
            if (e.State == EntityState.Modified && Equals(p.OriginalValue, p.CurrentValue)) continue;
            var personal = AlwaysPersonal.Contains(name)
                || p.Metadata.PropertyInfo?.GetCustomAttribute<PersonalInfoAttribute>() is not null;
            values[Naming.CamelCase(name)] = e.State switch
            {
                EntityState.Modified => new { from = Render(p.OriginalValue, personal), to = Render(p.CurrentValue, personal) },
                EntityState.Deleted => Render(p.OriginalValue, personal),
                _ => Render(p.CurrentValue, personal),
            };
        }
        return values;
    }

    /// <summary>Personal values are never written; long free text is summarised by its length
    /// (it may hold a phone number or a name).</summary>
    private static object? Render(object? value, bool personal) => value switch
    {
        null => null,
        _ when personal => "[personal]",
        string s when s.Length > 64 => $"[text, {s.Length} chars]",
        string s => s,
        DateTime d => d.ToString("O"),
        Enum en => en.ToString(),
        bool or int or long or decimal or double or short => value,
        _ => value.ToString(),
    };

    public AuditRecord ToRecord()
    {
        var key = _entry.Metadata.FindPrimaryKey();
        var id = key is null ? "" : string.Join(",", key.Properties.Select(p => _entry.Property(p.Name).CurrentValue?.ToString()));
        var jurisdiction = (_entry.Entity as IJurisdictionScoped)?.JurisdictionCode;
        return new AuditRecord(_action, _entry.Metadata.ClrType.Name, id, _summary, JurisdictionCode: jurisdiction);
    }
}

public static class Naming
{
    public static string SnakeCase(string name)
    {
        var sb = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsUpper(c))
            {
                if (i > 0 && name[i - 1] != '_' && (char.IsLower(name[i - 1]) || (i + 1 < name.Length && char.IsLower(name[i + 1]))))
                    sb.Append('_');
                sb.Append(char.ToLowerInvariant(c));
            }
            else sb.Append(c);
        }
        return sb.ToString();
    }

    public static string CamelCase(string name) =>
        string.IsNullOrEmpty(name) ? name : char.ToLowerInvariant(name[0]) + name[1..];
}
