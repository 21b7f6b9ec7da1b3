using System.ComponentModel.DataAnnotations;

namespace Entry.Server.Hosting;

/// <summary><c>Entry:*</c>: where Entry keeps its data and which unit list it starts with.</summary>
public sealed class EntryOptions
{
    public const string Section = "Entry";

    /// <summary>Folder of the SQLite file and the data-protection keys; relative paths are under the content root.</summary>
    [Required]
    public string DataDirectory { get; set; } = "./data";

    /// <summary>A units CSV (code,name,type,level,parent_code) for another province; empty = the embedded Bình Phước list.</summary>
    public string? UnitsFile { get; set; }
}

/// <summary><c>Entry:Demo:*</c>: the Bình Phước demo inventory and users.</summary>
public sealed class DemoOptions
{
    public const string Section = "Entry:Demo";

    public bool Enabled { get; set; } = true;

    /// <summary>Password of the demo users admin, monitor, leader and clerk.</summary>
    [Required, MinLength(8)]
    public string Password { get; set; } = "Demo-2026";
}

/// <summary><c>Entry:Admin:*</c>: a first Admin created at start-up when set (for real deployments without demo data).</summary>
public sealed class BootstrapAdminOptions
{
    public const string Section = "Entry:Admin";

    public string? UserName { get; set; }
    public string? Password { get; set; }
}

/// <summary><c>Entry:Auth:*</c>: sign-in protection.</summary>
public sealed class AuthOptions
{
    public const string Section = "Entry:Auth";

    /// <summary>Sign-in attempts allowed per client address per minute before 429.</summary>
    [Range(1, 10_000)]
    public int LoginAttemptsPerMinute { get; set; } = 10;

    /// <summary>Failed sign-ins in a row that lock an account.</summary>
    [Range(1, 100)]
    public int MaxFailedAttempts { get; set; } = 5;

    [Range(1, 1440)]
    public int LockoutMinutes { get; set; } = 15;

    /// <summary>Lifetime of a bearer token.</summary>
    [Range(5, 1440)]
    public int TokenMinutes { get; set; } = 60;

    /// <summary>Longest a sign-in session lasts, however often its sliding cookie is renewed; sign-out ends it at once.</summary>
    [Range(1, 90)]
    public int MaxSessionDays { get; set; } = 7;
}
