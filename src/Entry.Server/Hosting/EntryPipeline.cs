using Entry.Server.Common;
using Entry.Server.Features.Auth;
using Entry.Server.Features.Backup;
using Entry.Server.Features.Board;
using Entry.Server.Features.Books;
using Entry.Server.Features.Claims;
using Entry.Server.Features.CountReports;
using Entry.Server.Features.Dashboard;
using Entry.Server.Features.Cases;
using Entry.Server.Features.Live;
using Entry.Server.Features.National;
using Entry.Server.Features.Assignment;
using Entry.Server.Features.Progress;
using Entry.Server.Features.Quality;
using Entry.Server.Features.Reports;
using Entry.Server.Features.Rosters;
using Entry.Server.Features.ScaleOut;
using Entry.Server.Features.Shifts;
using Entry.Server.Features.Sprint;
using Entry.Server.Features.Teams;
using Entry.Server.Features.Units;
using Microsoft.AspNetCore.Http.HttpResults;
using Scalar.AspNetCore;

namespace Entry.Server.Hosting;

/// <summary>The request pipeline and the endpoint groups.</summary>
public static class EntryPipeline
{
    public static WebApplication UseEntryPipeline(this WebApplication app)
    {
        // Behind a reverse proxy: the client's address and scheme, from the proxies configured alone.
        app.UseProxyHeaders(app.Configuration);
        // First, so every answer (the exception handler's and the guards' included) is worded in the request's language.
        app.UseRequestLocalization();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseMiddleware<RequestTextGuard>();
        if (app.Environment.IsDevelopment())
        {
            app.UseWebAssemblyDebugging();
        }
        // API answers compressed for slow links (the map: 24 → 9 KB; the dashboard: 10 → 2 KB). Sign-in answers, which carry
        // tokens, are left uncompressed (BREACH); so is the hub (streamed transports). The app's own files are served precompressed
        // (MapStaticAssets: Brotli after publish, gzip in a build) and skip this.
        app.UseWhen(c => !c.Request.Path.StartsWithSegments("/api/auth") && !c.Request.Path.StartsWithSegments("/hubs"),
            branch => branch.UseResponseCompression());
        app.UseRouting();
        app.UseRateLimiter();
        app.UseBearerSchemeCase();
        app.UseAuthentication();
        app.UseSessionCheck();
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

        // Every string of every body is checked for code points no text may hold before a handler sees it;
        // every {bookCode} route value follows the inventory's book-code rule.
        var api = app.MapGroup("/api").AddEndpointFilter<StrictTextFilter>();
        api.AddEndpointFilterFactory(BookCodeRoute.Validate);
        api.MapGroup("/auth").MapAuth();
        api.MapGroup("/users").MapUsers();
        api.MapGroup("/units").MapUnits();
        api.MapGroup("/books").MapBooks().MapBookClaims();
        api.MapGroup("/claims").MapClaims();
        api.MapGroup("/entries").MapCases();
        api.MapGroup("/progress").MapProgress();
        api.MapGroup("/teams").MapTeams().MapRosters().MapQueues();
        api.MapGroup("/teams").MapBoard();
        api.MapGroup("/teams").MapVerificationQueue();
        api.MapGroup("/books").MapCountReporting();
        api.MapGroup("/count-reports").MapCountReports();
        api.MapGroup("/national").MapNational().MapReconciliation();
        api.MapGroup("/teams").MapNationalRejections();
        api.MapGroup("/teams").MapRefusedSubmissions();
        api.MapGroup("/entries").MapMyRefusedSubmissions();
        api.MapGroup("/shifts").MapShifts();
        api.MapGroup("/assignment").MapAssignment().MapProposal();
        api.MapGroup("/sprint").MapSprint();
        api.MapGroup("/reports").MapReports();
        api.MapGroup("/dashboard").MapDashboard();
        api.MapGroup("/map").MapDistrictMap();
        api.MapGroup("/operations").MapBackup();
        api.MapGroup("/quality").MapQuality();
        api.MapGroup("/teams").MapQualityQueues();
        app.MapSprintHub();

        // An unknown API path is a 404 problem; every other unknown path is a page of the browser app. A body
        // sent without a JSON content type lands here too (routing refuses it to the JSON endpoint): say so.
        app.Map("/api/{**path}", UnmatchedApiRequest).ExcludeFromDescription();
        // The browser app's files with their precompressed variants, ETags and immutable caching of fingerprinted names.
        app.MapStaticAssets();
        app.MapFallbackToFile("index.html");
        return app;
    }

    private static ProblemHttpResult UnmatchedApiRequest(HttpRequest request)
    {
        var sendsBody = HttpMethods.IsPost(request.Method) || HttpMethods.IsPut(request.Method) || HttpMethods.IsPatch(request.Method);
        if (sendsBody && request.ContentType?.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) != true)
        {
            return new Refusal(StatusCodes.Status415UnsupportedMediaType, Phrase.Of("title.unsupportedMediaType"), Phrase.Of("request.jsonOnly",
                    request.ContentType is null ? Phrase.Of("request.noContentType") : Phrase.Of("request.contentType", request.ContentType)))
                .ToProblem();
        }
        return new Refusal(StatusCodes.Status404NotFound, Phrase.Of("title.noSuchApiPath")).ToProblem();
    }
}
