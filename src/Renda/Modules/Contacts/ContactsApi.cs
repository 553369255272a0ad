using System.Globalization;
using Renda.Platform.Auth;
using Renda.Platform.Http;

namespace Renda.Modules.Contacts;

/// <summary>双联 over HTTP. Numbers in the query string are read as text so a bad one gets a per-field 400.</summary>
public static class ContactsApi
{
    public static IServiceCollection AddRendaContacts(this IServiceCollection services)
    {
        services.AddScoped<CommitteeMembers>();
        services.AddScoped<Pairings>();
        services.AddScoped<ContactLog>();
        services.AddScoped<ContactReport>();
        services.AddScoped<ContactChoices>();
        return services;
    }

    public static void MapContactsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/contacts").WithTags("Contacts (双联)");

        api.MapGet("/committee-members", async (CommitteeMembers members, bool? includeEnded, CancellationToken ct) =>
                TypedResults.Ok(await members.ListAsync(includeEnded ?? false, ct)))
            .RequireAuthorization(p => p.RequireRole(ContactAccess.Readers));
        api.MapPost("/committee-members", async (NewCommitteeMember? req, CommitteeMembers members, CancellationToken ct) =>
                (await members.MarkAsync(req ?? new NewCommitteeMember(null, null, null, null), ct))
                    .ToHttp(v => TypedResults.Created($"/api/contacts/committee-members/{v.Id}", v)))
            .RequireAuthorization(p => p.RequireRole(ContactAccess.Managers));
        api.MapPost("/committee-members/{id:long}/end", async (long id, CommitteeMembers members, CancellationToken ct) =>
                (await members.EndAsync(id, ct)).ToHttp())
            .RequireAuthorization(p => p.RequireRole(ContactAccess.Managers));

        api.MapGet("/pairings", ListPairings).RequireAuthorization(p => p.RequireRole(ContactAccess.Readers));
        api.MapGet("/pairings/{id:long}", async (long id, Pairings pairings, CancellationToken ct) =>
                await pairings.FindAsync(id, ct) is { } item ? TypedResults.Ok(item) : Problems.NotFound())
            .RequireAuthorization(p => p.RequireRole(ContactAccess.Readers));
        api.MapPost("/pairings", async (NewPairing? req, Pairings pairings, CancellationToken ct) =>
                (await pairings.CreateAsync(req ?? new NewPairing(null, null, null, null, null), ct))
                    .ToHttp(v => TypedResults.Created($"/api/contacts/pairings/{v.Id}", v)))
            .RequireAuthorization(p => p.RequireRole(ContactAccess.VoterPairers));
        api.MapPost("/pairings/{id:long}/end", async (long id, Pairings pairings, CancellationToken ct) =>
                (await pairings.EndAsync(id, ct)).ToHttp())
            .RequireAuthorization(p => p.RequireRole(ContactAccess.VoterPairers));
        api.MapPost("/voters/{id:long}/reveal", async (long id, Pairings pairings, CancellationToken ct) =>
                (await pairings.RevealPhoneAsync(id, ct)).ToHttp())
            .RequireAuthorization(p => p.RequireRole(Roles.CongressStaff, Roles.Leader, Roles.Representative));

        api.MapGet("/log", ListLog).RequireAuthorization(p => p.RequireRole(ContactAccess.Readers));
        api.MapPost("/log", async (NewContact? req, ContactLog log, CancellationToken ct) =>
                (await log.RecordAsync(req ?? new NewContact(null, null, null, null), ct))
                    .ToHttp(v => TypedResults.Created($"/api/contacts/log?pairingId={v.PairingId}", v)))
            .RequireAuthorization(p => p.RequireRole(ContactAccess.Loggers));

        api.MapGet("/report", async (HttpRequest http, ContactReport report, CancellationToken ct) =>
            {
                var (query, errors) = ReadReportQuery(http.Query);
                if (errors.Count > 0) return Problems.Validation(errors);
                return (await report.BuildAsync(query, ct)).ToHttp();
            })
            .RequireAuthorization(p => p.RequireRole(ContactAccess.Readers));
        api.MapGet("/report.xlsx", async (HttpRequest http, ContactReport report, CancellationToken ct) =>
            {
                var (query, errors) = ReadReportQuery(http.Query);
                if (errors.Count > 0) return Problems.Validation(errors);
                return (await report.BuildAsync(query, ct)).ToHttp(r =>
                    TypedResults.File(ContactReportWorkbook.Write(r), ContactReportWorkbook.ContentType, ContactReportWorkbook.FileName(r)));
            })
            .RequireAuthorization(p => p.RequireRole(ContactAccess.Readers));
    }

    private static async Task<IResult> ListPairings(HttpRequest http, Pairings pairings, CancellationToken ct)
    {
        var q = http.Query;
        var errors = new Dictionary<string, string[]>();
        var filter = new PairingFilter(
            Level: q["level"],
            CommitteeMemberId: Long(q["committeeMemberId"], "committeeMemberId", errors),
            RepresentativeId: Long(q["representativeId"], "representativeId", errors),
            Group: Long(q["group"], "group", errors),
            Jurisdiction: q["jurisdiction"],
            IncludeEnded: q["includeEnded"] == "true",
            Q: q["q"],
            Page: Int(q["page"], "page", errors),
            PageSize: Int(q["pageSize"], "pageSize", errors));
        if (errors.Count > 0) return Problems.Validation(errors);
        return (await pairings.ListAsync(filter, ct)).ToHttp();
    }

    private static async Task<IResult> ListLog(HttpRequest http, ContactLog log, CancellationToken ct)
    {
        var q = http.Query;
        var errors = new Dictionary<string, string[]>();
        var filter = new LogFilter(
            Level: q["level"],
            PairingId: Long(q["pairingId"], "pairingId", errors),
            RepresentativeId: Long(q["representativeId"], "representativeId", errors),
            CommitteeMemberId: Long(q["committeeMemberId"], "committeeMemberId", errors),
            From: q["from"],
            To: q["to"],
            Page: Int(q["page"], "page", errors),
            PageSize: Int(q["pageSize"], "pageSize", errors));
        if (errors.Count > 0) return Problems.Validation(errors);
        return (await log.ListAsync(filter, ct)).ToHttp();
    }

    public static (ReportQuery Query, Dictionary<string, string[]> Errors) ReadReportQuery(IQueryCollection q)
    {
        var errors = new Dictionary<string, string[]>();
        var query = new ReportQuery(Int(q["months"], "months", errors), q["level"], Long(q["group"], "group", errors), q["jurisdiction"]);
        return (query, errors);
    }

    private static long? Long(string? value, string field, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        if (long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n)) return n;
        errors[field] = ["须为正整数 / a whole number"];
        return null;
    }

    private static int? Int(string? value, string field, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n)) return n;
        errors[field] = ["须为正整数 / a whole number"];
        return null;
    }
}
