using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Renda.Platform.Audit;
using Renda.Platform.Data;
using Renda.Platform.Http;

namespace Renda.Pages.Audit;

/// <summary>The auditor's page: search and filter the trail, verify the chain, export what is shown.
/// It calls the same <see cref="AuditSearch"/> and <see cref="AuditVerifier"/> as <c>/api/audit</c>.</summary>
[Authorize(Policy = AuditSetup.AuditorPolicy)]
public sealed class IndexModel(AppDbContext db, AuditVerifier verifier) : PageModel
{
    public const int RowsPerPage = 50;

    public AuditQuery Filters { get; private set; } = new();
    public Paged<AuditItem>? Result { get; private set; }
    public IReadOnlyDictionary<string, string[]> Errors { get; private set; } = new Dictionary<string, string[]>();
    public ChainVerdict? Verdict { get; private set; }

    public Task OnGetAsync([FromQuery] AuditQuery query, CancellationToken ct) => LoadAsync(query, ct);

    public async Task OnPostVerifyAsync([FromQuery] AuditQuery query, CancellationToken ct)
    {
        Verdict = await verifier.VerifyAsync(ct);
        await LoadAsync(query, ct);
    }

    private async Task LoadAsync(AuditQuery query, CancellationToken ct)
    {
        Filters = query;
        var (request, errors) = AuditSearch.Parse(query, RowsPerPage);
        Errors = errors;
        if (request is not null) Result = await AuditSearch.PageAsync(db, request, ct);
    }

    public int PageCount => Result is null ? 0 : Math.Max(1, (int)Math.Ceiling(Result.Total / (double)Result.PageSize));

    public string PageHref(int page) => "/audit" + Filters.ToQueryString(page, PageSizeIfNotDefault);

    public string ExportHref => "/api/audit/export.xlsx" + Filters.ToQueryString();

    /// <summary>Verifying keeps the filters and the page the auditor is looking at.</summary>
    public string VerifyAction => "/audit" + QueryString.Create(
        new[] { new KeyValuePair<string, string?>("handler", "verify") }
            .Concat(Filters.FilterPairs())
            .Concat(Result is { Page: > 1 } r ? [new("page", r.Page.ToString(System.Globalization.CultureInfo.InvariantCulture))] : [])
            .Concat(PageSizeIfNotDefault is { } s ? [new("pageSize", s.ToString(System.Globalization.CultureInfo.InvariantCulture))] : []))
        .ToUriComponent();

    private int? PageSizeIfNotDefault => Result is { PageSize: not RowsPerPage } r ? r.PageSize : null;
}
