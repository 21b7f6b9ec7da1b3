using Entry.Server.Features.Auth;
using Entry.Server.Features.Books;
using Entry.Server.Features.Assignment;
using Entry.Server.Features.Progress;
using Entry.Server.Features.Rosters;
using Entry.Server.Features.Shifts;
using Entry.Server.Features.Teams;
using Entry.Server.Features.Units;
using Scalar.AspNetCore;

namespace Entry.Server.Hosting;

/// <summary>The request pipeline and the endpoint groups.</summary>
public static class EntryPipeline
{
    public static WebApplication UseEntryPipeline(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        if (app.Environment.IsDevelopment())
        {
            app.UseWebAssemblyDebugging();
        }
        app.UseBlazorFrameworkFiles();
        app.UseStaticFiles();
        app.UseRouting();
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseAuthorization();
        return app;
    }

    public static WebApplication MapEntryEndpoints(this WebApplication app)
    {
        app.MapHealthChecks("/health/live", new() { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new() { Predicate = check => check.Tags.Contains("ready") });
        app.MapOpenApi();
        if (app.Environment.IsDevelopment())
        {
            app.MapScalarApiReference("/api-docs", o => o.WithTitle("Entry API"));
        }

        var api = app.MapGroup("/api");
        api.MapGroup("/auth").MapAuth();
        api.MapGroup("/units").MapUnits();
        api.MapGroup("/books").MapBooks();
        api.MapGroup("/progress").MapProgress();
        api.MapGroup("/teams").MapTeams().MapRosters().MapQueues();
        api.MapGroup("/shifts").MapShifts();
        api.MapGroup("/assignment").MapAssignment();

        // An unknown API path is a 404 problem; every other unknown path is a page of the browser app.
        app.Map("/api/{**path}", () => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such API path"))
            .ExcludeFromDescription();
        app.MapFallbackToFile("index.html");
        return app;
    }
}
