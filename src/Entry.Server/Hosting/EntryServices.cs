using Entry.Server.Data;
using Entry.Server.Data.Demo;
using Entry.Server.Features.Assignment;
using Entry.Server.Features.Auth;
using Entry.Server.Features.Backup;
using Entry.Server.Features.Books;
using Entry.Server.Features.Claims;
using Entry.Server.Features.CountReports;
using Entry.Server.Features.Dashboard;
using Entry.Server.Features.Cases;
using Entry.Server.Features.Live;
using Entry.Server.Features.National;
using Entry.Server.Features.Progress;
using Entry.Server.Features.Quality;
using Entry.Server.Features.Reports;
using Entry.Server.Features.Rosters;
using Entry.Server.Features.Shifts;
using Entry.Server.Features.Sprint;
using Entry.Server.Features.Teams;
using Entry.Server.Jobs;
using Entry.Server.Features.ScaleOut;
using Microsoft.Extensions.Options;

namespace Entry.Server.Hosting;

/// <summary>Everything the server registers: the framework set-up here, each feature through its own <c>Add…()</c>.</summary>
public static class EntryServices
{
    public static WebApplicationBuilder AddEntryServices(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<EntryOptions>().BindConfiguration(EntryOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<ClockOptions>().BindConfiguration(ClockOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<ClockOptions>>().Value.CreateTimeProvider());

        var dataDirectory = DataDirectory(builder);
        services.AddData(builder.Configuration, dataDirectory);
        services.AddScaleOut(builder.Configuration, dataDirectory);
        services.AddWebApi();

        services.AddAuth(builder.Configuration);
        services.AddBooks();
        services.AddProgress();
        services.AddSprint();
        services.AddTeams();
        services.AddRosters();
        services.AddJobs(builder.Configuration);
        services.AddShifts(builder.Configuration);
        services.AddAssignment();
        services.AddCases();
        services.AddCountReports();
        services.AddClaims();
        services.AddLive();
        services.AddDashboard();
        services.AddNationalDb(builder.Configuration);
        services.AddReports();
        services.AddQuality();
        services.AddDemo();
        // The one-box backups (SQLite's backup API); on PostgreSQL the database server's own tools do it.
        services.AddBackup(dataDirectory, nightly: DataServices.ProviderOf(builder.Configuration) == DatabaseProvider.Sqlite);
        return builder;
    }

    /// <summary>The framework around the endpoints: compression, problem details, JSON, OpenAPI and the health checks.</summary>
    private static void AddWebApi(this IServiceCollection services)
    {
        services.AddResponseCompression(o =>
        {
            o.EnableForHttps = true;
            o.Providers.Add<Microsoft.AspNetCore.ResponseCompression.BrotliCompressionProvider>();
            o.Providers.Add<Microsoft.AspNetCore.ResponseCompression.GzipCompressionProvider>();
        });
        services.Configure<Microsoft.AspNetCore.ResponseCompression.BrotliCompressionProviderOptions>(o => o.Level = System.IO.Compression.CompressionLevel.Fastest);
        // Problem details are worded by Accept-Language: Vietnamese unless the request asks for English. Only the UI culture
        // follows the header; the formatting culture stays the process's, so nothing else the server writes changes with it.
        services.Configure<Microsoft.AspNetCore.Builder.RequestLocalizationOptions>(o =>
        {
            o.DefaultRequestCulture = new Microsoft.AspNetCore.Localization.RequestCulture(
                System.Globalization.CultureInfo.CurrentCulture, System.Globalization.CultureInfo.GetCultureInfo("vi"));
            o.SupportedCultures = [System.Globalization.CultureInfo.CurrentCulture];
            o.SupportedUICultures = [System.Globalization.CultureInfo.GetCultureInfo("vi"), System.Globalization.CultureInfo.GetCultureInfo("en")];
            o.RequestCultureProviders = [new Microsoft.AspNetCore.Localization.AcceptLanguageHeaderRequestCultureProvider()];
        });
        services.AddProblemDetails(o => o.CustomizeProblemDetails = c =>
        {
            c.ProblemDetails.Extensions.TryAdd("traceId", c.HttpContext.TraceIdentifier);
            StatusWords.Apply(c.ProblemDetails);
        });
        // Unreadable bodies reach the exception handler, which names the field (BadRequestExceptionHandler).
        services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddExceptionHandler<BadRequestExceptionHandler>();
        // A property sent twice is refused rather than the last one silently winning.
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.AllowDuplicateProperties = false);
        services.AddOpenApi(o => o.AddDocumentTransformer<BearerSecurityTransformer>().AddDocumentTransformer<OperationsPathsTransformer>());
        services.AddHealthChecks()
            .AddDbContextCheck<EntryDb>("database", tags: ["ready"])
            .AddCheck<MigrationsHealthCheck>("migrations", tags: ["ready"]);
    }

    /// <summary>The data directory, made absolute against the content root and created.</summary>
    public static string DataDirectory(WebApplicationBuilder builder)
    {
        var configured = builder.Configuration[$"{EntryOptions.Section}:{nameof(EntryOptions.DataDirectory)}"] ?? "./data";
        var path = Path.GetFullPath(Path.IsPathRooted(configured) ? configured : Path.Combine(builder.Environment.ContentRootPath, configured));
        Directory.CreateDirectory(path);
        return path;
    }
}
