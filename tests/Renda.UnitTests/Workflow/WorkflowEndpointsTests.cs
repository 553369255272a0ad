using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Renda.Platform.Auth;
using Renda.Platform.Data;
using Renda.Platform.Workflow;

namespace Renda.UnitTests.Workflow;

public class WorkflowEndpointsTests
{
    [Fact]
    public async Task A_module_group_gets_the_get_and_action_routes_with_their_parameters_bound_from_route_and_services()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Services.AddDbContext<AppDbContext>(o => o.UseSqlite("Data Source=:memory:"));
        builder.Services.AddScoped<ICurrentUser>(_ => People.Staff);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddRendaWorkflow();
        await using var app = builder.Build();

        app.MapGroup("/api/tickets").MapWorkflowEndpoints(Ticket.Definition,
            (db, id, ct) => db.Set<Ticket>().SingleOrDefaultAsync(t => t.Id == id, ct), t => new { t.Id });

        // Enumerating the endpoints builds their request delegates: a parameter that could not be
        // bound (e.g. a service taken for a body on a GET) throws here.
        var endpoints = ((IEndpointRouteBuilder)app).DataSources.SelectMany(d => d.Endpoints).OfType<RouteEndpoint>().ToList();
        Assert.Equal(
            ["GET /api/tickets/{id:long}", "POST /api/tickets/{id:long}/actions/{action}"],
            endpoints.Select(e => $"{e.Metadata.GetMetadata<HttpMethodMetadata>()!.HttpMethods.Single()} {e.RoutePattern.RawText}").Order());
        Assert.All(endpoints, e => Assert.NotNull(e.RequestDelegate));
    }
}
