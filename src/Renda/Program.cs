using Renda.Modules.Contacts;
using Renda.Modules.HandlingUnits;
using Renda.Modules.OpenData;
using Renda.Modules.Opinions;
using Renda.Modules.Performance;
using Renda.Modules.PublicCodes;
using Renda.Modules.Representatives;
using Renda.Modules.Stations;
using Renda.Modules.Suggestions;
using Renda.Platform.Audit;
using Renda.Platform.Auth;
using Renda.Platform.Calendar;
using Renda.Platform.Data;
using Renda.Platform.Demo;
using Renda.Platform.Http;
using Renda.Platform.Imaging;
using Renda.Platform.Jobs;
using Renda.Platform.Jurisdictions;
using Renda.Platform.Notifications;
using Renda.Platform.Ui;
using Renda.Platform.Workflow;

// Renda: the workbench of a local People's Congress. This file is the table of contents.
if (SchemaScript.TryWrite(args)) return;             // developer tool: print the model's CREATE script
var builder = WebApplication.CreateBuilder(DemoSetup.HostArgs(args));   // --demo is a bare flag, not a setting
builder.WebHost.UseUrlsIfUnset("http://127.0.0.1:5080");
builder.Logging.AddRendaLogging(builder.Configuration);

builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddRendaData(builder.Configuration);      // SQLite or PostgreSQL, one DbContext, scoping
builder.Services.AddRendaAuth();                           // Identity, cookie + bearer, policy, roles
builder.Services.AddRendaAudit();                          // tamper-evident audit trail
builder.Services.AddRendaWorkflow();                       // transition tables, one path to apply an action
builder.Services.AddRendaJobs(builder.Configuration);       // leased background jobs, one instance at a time
builder.Services.AddRendaNotifications(builder.Configuration); // outbox, dispatcher, SMS/mail/file senders, in-app notices
builder.Services.AddRendaCalendar();                       // working days with 调休
builder.Services.AddRendaJurisdictions();                  // GB/T 2260 tree from the national list
builder.Services.AddRendaRepresentatives();                // the roster: representatives, groups, import, export
builder.Services.AddRendaStations();                       // 家站点: stations, schedules, reception log
builder.Services.AddRendaPerformance();                    // 一人一档: the duty archive
builder.Services.AddRendaOpinions(builder.Configuration);   // 民意直通车: citizen opinions, the closed loop
builder.Services.AddRendaContacts();                       // 双联: committee members, pairings, contact log, report
builder.Services.AddRendaSuggestions(builder.Configuration); // 代表建议、议案: filing, handling, rates, compilation
builder.Services.AddRendaOpenData();                       // Popolo export of the roster
builder.Services.AddRendaDemo(args);                       // --demo: a county to click through
builder.Services.AddRendaHttp();                           // problem+json, OpenAPI, headers, antiforgery
builder.Services.AddRendaPublicPageCache();                // output cache for anonymous citizen pages, evicted on save
builder.Services.AddRendaUi();                             // Razor Pages, zh-CN first, en second
builder.Services.AddRendaImaging();                        // PNG, fonts and glyphs for printable images
builder.Services.AddRendaPublicCodes();                    // 代表码/家站码: code registry, QR cards, public pages

var app = builder.Build();
await app.PrepareDatabaseAsync();                          // migrate, load policy, seed roles (and demo)

app.UseRendaHttp();
app.UseRequestLocalization();
app.UseRendaStaticFiles();
app.UseRouting();
app.UseAuthentication();
app.UseMustChangePassword();
app.UseAuthorization();
app.UsePublicPageCache();                                  // after authentication: signed-in users are never served from it
app.UseRateLimiter();                                      // named policies, e.g. public-submissions
app.UseAntiforgery();

app.MapHealthChecks("/health");
app.MapOpenApi();
app.MapLanguageSwitch();
app.MapAuthApi();
app.MapAdminApi();
app.MapAuditApi();
app.MapNoticesApi();
app.MapJurisdictionsApi();
app.MapRepresentativesApi();
app.MapStationsApi();
app.MapPerformanceApi();
app.MapHandlingUnitsApi();
app.MapPublicCodesApi();
app.MapOpinionsApi();
app.MapContactsApi();
app.MapOpenDataApi();
app.MapSuggestionsApi();
app.MapRazorPages();

app.Run();

public partial class Program;
