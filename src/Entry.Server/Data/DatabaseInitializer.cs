using System.Diagnostics;
using Entry.Server.Data.Demo;
using Entry.Server.Features.Auth;
using Entry.Server.Features.Units;
using Entry.Server.Hosting;
using Entry.Shared.Auth;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Entry.Server.Data;

/// <summary>Brings the database to a usable state at start-up: migrations, roles, units, a first Admin, the demo data.</summary>
public sealed partial class DatabaseInitializer(
    EntryDb db,
    RoleManager<IdentityRole> roles,
    UserManager<EntryUser> users,
    IOptions<EntryOptions> entry,
    IOptions<DemoOptions> demo,
    IOptions<BootstrapAdminOptions> admin,
    DemoSeeder demoSeeder,
    DemoSprint demoSprint,
    Features.National.NationalOutbox nationalOutbox,
    Features.Cases.CaseLedger ledger,
    IHostEnvironment environment,
    ILogger<DatabaseInitializer> logger)
{
    public async Task InitialiseAsync(bool loadDemoInventory, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        await db.Database.MigrateAsync(ct);
        if (db.Database.IsSqlite())
        {
            // WAL lets readers (dashboards) work while a clerk's write commits; the setting is stored in the file.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
        }

        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                await roles.CreateAsync(new IdentityRole(role));
            }
        }

        var unitCount = await UnitCatalog.LoadIfEmptyAsync(db, OpenUnits, ct);
        if (unitCount > 0)
        {
            LogUnitsLoaded(unitCount);
        }

        if (admin.Value is { UserName: { Length: > 0 } name, Password: { Length: > 0 } password })
        {
            await EnsureUserAsync(name, "Administrator", password, Roles.Admin, null);
        }

        if (demo.Value.Enabled)
        {
            await demoSeeder.SeedUsersAsync(EnsureUserAsync, ct);
            if (loadDemoInventory)
            {
                await demoSeeder.SeedInventoryAsync(ct);
                await demoSprint.SeedAsync(ct);
            }
        }
        await nationalOutbox.BackfillAsync(ledger, ct);
        LogReady((long)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    }

    private Stream OpenUnits()
    {
        var file = entry.Value.UnitsFile;
        if (string.IsNullOrWhiteSpace(file))
        {
            return UnitCatalog.OpenEmbeddedBinhPhuoc();
        }
        return File.OpenRead(Path.IsPathRooted(file) ? file : Path.Combine(environment.ContentRootPath, file));
    }

    /// <summary>Creates the user with that role if it does not exist yet; an existing user is left as it is.</summary>
    public async Task EnsureUserAsync(string userName, string displayName, string password, string role, string? unitCode)
    {
        if (await users.FindByNameAsync(userName) is not null)
        {
            return;
        }
        var user = new EntryUser { UserName = userName, DisplayName = displayName, UnitCode = unitCode, LockoutEnabled = true };
        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded)
        {
            throw new InvalidOperationException($"Cannot create user {userName}: {string.Join("; ", created.Errors.Select(e => e.Description))}");
        }
        await users.AddToRoleAsync(user, role);
    }

    [LoggerMessage(EventId = 1000, Level = LogLevel.Information, Message = "Loaded {Count} administrative units")]
    private partial void LogUnitsLoaded(int count);

    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Database ready in {ElapsedMs} ms")]
    private partial void LogReady(long elapsedMs);
}
