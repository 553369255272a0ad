using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Renda.Platform.Data;

namespace Renda.Platform.Audit;

/// <summary>The export use case: the filtered, scoped trail (newest first) into a temporary file that
/// is deleted when the response has been sent; the export itself is audited.</summary>
public sealed class AuditExport(AppDbContext db, AuditTrail audit, TimeProvider clock, IConfiguration config)
{
    public sealed record ExportFile(Stream Content, string FileName, int Rows, bool Capped);

    public int MaxRows => config.GetValue("Audit:ExportMaxRows", AuditWorkbook.DefaultMaxRows);

    public async Task<ExportFile> WriteAsync(AuditFilter filter, CancellationToken ct = default)
    {
        var max = MaxRows;
        var entries = AuditSearch.Apply(db.AuditEntries.AsNoTracking(), filter)
            .OrderByDescending(a => a.Id)
            .Take(max + 1) // one more than the cap tells whether the export is complete
            .AsAsyncEnumerable();
        var file = new FileStream(Path.Combine(Path.GetTempPath(), $"renda-audit-{Guid.NewGuid():N}.xlsx"), FileMode.CreateNew,
            FileAccess.ReadWrite, FileShare.None, 64 * 1024, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        try
        {
            var result = await AuditWorkbook.WriteAsync(file, entries, max, ct);
            file.Position = 0;
            // The query text may hold a name or a phone number: only its length enters the trail.
            await audit.WriteAsync(new AuditRecord(AuditActions.AuditExport, nameof(AuditEntry), "",
                JsonSerializer.Serialize(new
                {
                    rows = result.Rows,
                    capped = result.Capped,
                    filter = new
                    {
                        from = filter.From, toExclusive = filter.ToExclusive, filter.Actor, filter.Action, filter.EntityType,
                        filter.Outcome, q = filter.Q is null ? null : $"[text, {filter.Q.Length} chars]",
                    },
                }, SummaryJson)), ct);
            return new ExportFile(file, AuditWorkbook.FileName(clock.GetUtcNow()), result.Rows, result.Capped);
        }
        catch
        {
            await file.DisposeAsync();
            throw;
        }
    }

    private static readonly JsonSerializerOptions SummaryJson = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };
}
