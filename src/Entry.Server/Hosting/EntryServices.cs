using System.Threading.RateLimiting;
using Entry.Server.Data;
using Entry.Server.Data.Demo;
using Entry.Server.Features.Auth;
using Entry.Server.Features.Assignment;
using Entry.Server.Features.Books;
using Entry.Server.Features.Claims;
using Entry.Server.Features.CountReports;
using Entry.Server.Features.Dashboard;
using Entry.Server.Features.Cases;
using Entry.Server.Features.Live;
using Entry.Server.Features.National;
using Entry.Server.Features.Reports;
using Entry.Server.Features.Shifts;
using Entry.Server.Features.Teams;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Entry.Server.Hosting;

/// <summary>Everything the server registers, in one place.</summary>
public static class EntryServices
{
    public static WebApplicationBuilder AddEntryServices(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<EntryOptions>().BindConfiguration(EntryOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<DemoOptions>().BindConfiguration(DemoOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<BootstrapAdminOptions>().BindConfiguration(BootstrapAdminOptions.Section);
        services.AddOptions<AuthOptions>().BindConfiguration(AuthOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<ClockOptions>().BindConfiguration(ClockOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<ClockOptions>>().Value.CreateTimeProvider());

        var dataDirectory = DataDirectory(builder);
        services.AddDbContext<EntryDb>(db => db.UseSqlite(
            builder.Configuration.GetConnectionString("Entry") ?? $"Data Source={Path.Combine(dataDirectory, "entry.db")}"));
        services.AddDataProtection()
            .SetApplicationName("Entry")
            .PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(dataDirectory, "keys")));

        services.AddEntryAuth(builder.Configuration);

        services.AddResponseCompression(o =>
        {
            o.EnableForHttps = true;
            o.Providers.Add<Microsoft.AspNetCore.ResponseCompression.BrotliCompressionProvider>();
            o.Providers.Add<Microsoft.AspNetCore.ResponseCompression.GzipCompressionProvider>();
        });
        services.Configure<Microsoft.AspNetCore.ResponseCompression.BrotliCompressionProviderOptions>(o => o.Level = System.IO.Compression.CompressionLevel.Fastest);
        services.AddProblemDetails(o => o.CustomizeProblemDetails = c =>
            c.ProblemDetails.Extensions.TryAdd("traceId", c.HttpContext.TraceIdentifier));
        // Unreadable bodies reach the exception handler, which names the field (BadRequestExceptionHandler).
        services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddExceptionHandler<BadRequestExceptionHandler>();
        // A property sent twice is refused rather than the last one silently winning.
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.AllowDuplicateProperties = false);
        services.AddOpenApi(o => o.AddDocumentTransformer<BearerSecurityTransformer>().AddDocumentTransformer<OperationsPathsTransformer>());
        services.AddHealthChecks()
            .AddDbContextCheck<EntryDb>("database", tags: ["ready"])
            .AddCheck<MigrationsHealthCheck>("migrations", tags: ["ready"]);

        services.AddScoped<BookImporter>();
        services.AddScoped<Entry.Server.Features.Progress.ProgressCounters>();
        services.AddScoped<Entry.Server.Features.Auth.MonitorAreas>();
        services.AddMemoryCache();
        services.AddScoped<Sessions>();
        services.AddSingleton<SignedInConnections>();
        services.AddScoped<SignInGuard>();
        services.AddScoped<Entry.Server.Features.Sprint.SprintSettingsStore>();
        services.AddTeams();
        services.AddShifts(builder.Configuration);
        services.AddAssignment();
        services.AddCases();
        services.AddCountReports();
        services.AddClaims();
        services.AddLive();
        services.AddDashboard();
        services.AddNationalDb();
        services.AddReports();
        services.AddScoped<DemoSeeder>();
        services.AddScoped<DemoSprint>();
        services.AddScoped<DatabaseInitializer>();
        services.AddSingleton<WriteGate>();
        return builder;
    }

    /// <summary>The data directory, made absolute against the content root and created.</summary>
    public static string DataDirectory(WebApplicationBuilder builder)
    {
        var configured = builder.Configuration[$"{EntryOptions.Section}:{nameof(EntryOptions.DataDirectory)}"] ?? "./data";
        var path = Path.GetFullPath(Path.IsPathRooted(configured) ? configured : Path.Combine(builder.Environment.ContentRootPath, configured));
        Directory.CreateDirectory(path);
        return path;
    }

    private static void AddEntryAuth(this IServiceCollection services, IConfiguration configuration)
    {
        var auth = configuration.GetSection(AuthOptions.Section).Get<AuthOptions>() ?? new AuthOptions();
        services.AddIdentityApiEndpoints<EntryUser>(o =>
            {
                // Sign-in counts failures per user name and client address itself (SignInGuard); Identity's per-account
                // lockout is kept configured for any other Identity path.
                o.Lockout.AllowedForNewUsers = true;
                o.Lockout.MaxFailedAccessAttempts = auth.MaxFailedAttempts;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(auth.LockoutMinutes);
                o.Password.RequiredLength = 8;
                o.User.RequireUniqueEmail = false;
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<EntryDb>();
        services.Configure<Microsoft.AspNetCore.Authentication.BearerToken.BearerTokenOptions>(IdentityConstants.BearerScheme,
            o => o.BearerTokenExpiration = TimeSpan.FromMinutes(auth.TokenMinutes));
        services.ConfigureApplicationCookie(o =>
        {
            o.Cookie.Name = "entry.auth";
            o.Cookie.HttpOnly = true;
            // Strict same-site: the cookie never rides on a request started by another site (no CSRF on the API).
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.ExpireTimeSpan = TimeSpan.FromHours(12);
            o.SlidingExpiration = true;
            o.Events.OnRedirectToLogin = c => { c.Response.StatusCode = StatusCodes.Status401Unauthorized; return Task.CompletedTask; };
            o.Events.OnRedirectToAccessDenied = c => { c.Response.StatusCode = StatusCodes.Status403Forbidden; return Task.CompletedTask; };
        });
        // The cookie's periodic security-stamp check rebuilds its principal: keep the session id in it.
        services.Configure<SecurityStampValidatorOptions>(o => o.OnRefreshingPrincipal = context =>
        {
            if (context.CurrentPrincipal?.FindFirst(Sessions.Claim) is { } session && context.NewPrincipal?.Identity is System.Security.Claims.ClaimsIdentity identity)
            {
                identity.AddClaim(new System.Security.Claims.Claim(Sessions.Claim, session.Value));
            }
            return Task.CompletedTask;
        });
        services.AddAuthorization();

        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.AddPolicy(AuthEndpoints.LoginRateLimit, http => RateLimitPartition.GetFixedWindowLimiter(
                http.Connection.RemoteIpAddress?.ToString() ?? "local",
                _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = http.RequestServices.GetRequiredService<IOptions<AuthOptions>>().Value.LoginAttemptsPerMinute,
                    Window = TimeSpan.FromMinutes(1),
                    QueueLimit = 0,
                }));
            o.OnRejected = async (context, ct) =>
            {
                if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
                {
                    context.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
                }
                var problems = context.HttpContext.RequestServices.GetRequiredService<IProblemDetailsService>();
                await problems.WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = context.HttpContext,
                    ProblemDetails = new ProblemDetails
                    {
                        Status = StatusCodes.Status429TooManyRequests,
                        Title = "Too many sign-in attempts",
                        Detail = "Wait a minute before trying again.",
                    },
                });
            };
        });
    }
}
