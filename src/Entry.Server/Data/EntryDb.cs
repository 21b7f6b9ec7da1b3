using Entry.Server.Features.Auth;
using Entry.Server.Features.Books;
using Entry.Server.Features.Claims;
using Entry.Server.Features.CountReports;
using Entry.Server.Features.Cases;
using Entry.Server.Features.Progress;
using Entry.Server.Features.Rosters;
using Entry.Server.Features.Shifts;
using Entry.Server.Features.Teams;
using Entry.Server.Features.Units;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Entry.Server.Data;

/// <summary>The one unit of work of Entry, on SQLite; <see cref="PostgreSqlEntryDb"/> is its PostgreSQL form.</summary>
public class EntryDb : IdentityDbContext<EntryUser>
{
    public EntryDb(DbContextOptions<EntryDb> options) : base(options)
    {
    }

    /// <summary>For a provider's own context (its own migrations), which adjusts the model.</summary>
    protected EntryDb(DbContextOptions options) : base(options)
    {
    }

    public DbSet<AdministrativeUnit> Units => Set<AdministrativeUnit>();
    public DbSet<Book> Books => Set<Book>();
    public DbSet<Team> Teams => Set<Team>();
    public DbSet<TeamMember> TeamMembers => Set<TeamMember>();
    public DbSet<RosterEntry> RosterEntries => Set<RosterEntry>();
    public DbSet<ShiftRecord> ShiftRecords => Set<ShiftRecord>();
    public DbSet<Claim> Claims => Set<Claim>();
    public DbSet<ClaimSpan> ClaimSpans => Set<ClaimSpan>();
    public DbSet<CaseEntry> CaseEntries => Set<CaseEntry>();
    public DbSet<ProgressCounter> ProgressCounters => Set<ProgressCounter>();
    public DbSet<CaseRevisionRecord> CaseRevisions => Set<CaseRevisionRecord>();
    public DbSet<CountReport> CountReports => Set<CountReport>();
    public DbSet<Entry.Server.Features.National.NationalMessage> NationalOutbox => Set<Entry.Server.Features.National.NationalMessage>();
    public DbSet<Entry.Server.Features.National.ReconciliationRun> ReconciliationRuns => Set<Entry.Server.Features.National.ReconciliationRun>();
    public DbSet<Entry.Server.Features.National.ReconciliationDifferenceRecord> ReconciliationDifferences => Set<Entry.Server.Features.National.ReconciliationDifferenceRecord>();
    public DbSet<Entry.Server.Features.Sprint.SprintSettings> SprintSettings => Set<Entry.Server.Features.Sprint.SprintSettings>();
    public DbSet<Entry.Server.Features.Reports.DailySnapshot> DailySnapshots => Set<Entry.Server.Features.Reports.DailySnapshot>();
    public DbSet<Entry.Server.Features.Auth.SignInSession> SignInSessions => Set<Entry.Server.Features.Auth.SignInSession>();
    public DbSet<Entry.Server.Features.Auth.SignInLockout> SignInLockouts => Set<Entry.Server.Features.Auth.SignInLockout>();
    public DbSet<Entry.Server.Features.Quality.QualityPass> QualityPasses => Set<Entry.Server.Features.Quality.QualityPass>();
    public DbSet<Entry.Server.Features.Quality.QualityItem> QualityItems => Set<Entry.Server.Features.Quality.QualityItem>();
    public DbSet<Entry.Server.Features.Quality.QualityClaim> QualityClaims => Set<Entry.Server.Features.Quality.QualityClaim>();
    public DbSet<Entry.Server.Features.Quality.QualitySettingsRecord> QualitySettings => Set<Entry.Server.Features.Quality.QualitySettingsRecord>();
    public DbSet<Entry.Server.Features.Cases.RefusedSubmission> RefusedSubmissions => Set<Entry.Server.Features.Cases.RefusedSubmission>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(EntryDb).Assembly);
    }
}
