using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Renda.Platform.Auth;
using Renda.Platform.Data;
using Renda.Platform.Workflow;

namespace Renda.UnitTests.Workflow;

/// <summary>The app's DbContext with the sample entity added, as a module would add its own.</summary>
public sealed class TicketContext(DbContextOptions<AppDbContext> options, ICurrentUser user, TimeProvider clock)
    : AppDbContext(options, user, clock)
{
    public DbSet<Ticket> Tickets => Set<Ticket>();

    protected override void OnModelCreating(ModelBuilder b)
    {
        // Declared before the base call so that AppDbContext's conventions (snake_case names, the
        // version as concurrency token, the jurisdiction filter) apply to it as to a module's entity.
        b.Entity<Ticket>(e =>
        {
            e.ToTable("tickets");
            e.Property(t => t.State).HasMaxLength(32);
            e.Property(t => t.JurisdictionCode).HasMaxLength(12);
        });
        base.OnModelCreating(b);
    }
}

/// <summary>A temp SQLite file with the whole schema, deleted afterwards.</summary>
public sealed class TicketDatabase : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"renda-workflow-{Guid.NewGuid():N}.db");
    private readonly DbContextOptions<AppDbContext> _options;

    private const string Zeros = "0000000000000000000000000000000000000000000000000000000000000000";

    public TestClock Clock { get; } = new(new DateTimeOffset(2025, 9, 26, 2, 0, 0, TimeSpan.Zero));

    public TicketDatabase()
    {
        var cs = new SqliteConnectionStringBuilder { DataSource = _path, Pooling = false, DefaultTimeout = 30 }.ToString();
        _options = new DbContextOptionsBuilder<AppDbContext>().UseSqlite(cs).Options;
        using var db = Open(People.System);
        db.Database.EnsureCreated();
        db.Database.ExecuteSqlRaw("INSERT INTO audit_head (id, last_id, last_hash) VALUES (1, 0, '" + Zeros + "')");
    }

    public TicketContext Open(ICurrentUser user) => new(_options, user, Clock);

    public WorkflowEngine Engine(TicketContext db) => new(db, Clock);

    /// <summary>Inserts a ticket in <paramref name="state"/> (assigned to unit 7, submitted by representative 42) and returns its id.</summary>
    public long Seed(string state, string jurisdiction = Ticket.SampleJurisdiction)
    {
        using var db = Open(People.System);
        var t = Ticket.In(state);
        t.Id = 0;
        t.JurisdictionCode = jurisdiction;
        db.Tickets.Add(t);
        db.SaveChanges();
        return t.Id;
    }

    /// <summary>What the database holds now, read without scope.</summary>
    public Snapshot Read(long id)
    {
        using var db = Open(People.System);
        var t = db.Tickets.AsNoTracking().Single(x => x.Id == id);
        var history = db.WorkflowHistory.AsNoTracking().Where(h => h.Workflow == "ticket" && h.EntityId == id).OrderBy(h => h.Id).ToList();
        var audit = db.AuditEntries.AsNoTracking().Where(a => a.Action.StartsWith("workflow.")).OrderBy(a => a.Id).ToList();
        return new Snapshot(t, history, audit);
    }

    public List<Renda.Platform.Audit.AuditEntry> AllAudit()
    {
        using var db = Open(People.System);
        return db.AuditEntries.AsNoTracking().OrderBy(a => a.Id).ToList();
    }

    public void Dispose()
    {
        foreach (var f in new[] { _path, _path + "-journal", _path + "-wal", _path + "-shm" })
            if (File.Exists(f)) File.Delete(f);
    }

    public sealed record Snapshot(Ticket Ticket, List<WorkflowHistoryEntry> History, List<Renda.Platform.Audit.AuditEntry> WorkflowAudit);
}
