using System.ComponentModel.DataAnnotations;

namespace Entry.Server.Features.National;

/// <summary><c>NationalDb:*</c>: where the national population database is and how Entry talks to it.</summary>
public sealed class NationalDbOptions
{
    public const string Section = "NationalDb";

    /// <summary>The national database's address; empty = start the shipped stub inside Entry (the default).</summary>
    public string? BaseUrl { get; set; }

    /// <summary>Where the embedded stub listens (127.0.0.1:0 picks a free port).</summary>
    [Required]
    public string EmbeddedUrl { get; set; } = "http://127.0.0.1:5081";

    /// <summary>The embedded stub's own data folder, under Entry's data directory when relative.</summary>
    [Required]
    public string EmbeddedDataDirectory { get; set; } = "national-stub";

    [Required]
    public NationalResilienceOptions Resilience { get; set; } = new();

    [Required]
    public NationalDispatchOptions Dispatch { get; set; } = new();
}

/// <summary><c>NationalDb:Resilience:*</c>: the HTTP client's resilience pipeline (Microsoft.Extensions.Http.Resilience).</summary>
public sealed class NationalResilienceOptions
{
    [Range(0.1, 600)] public double AttemptTimeoutSeconds { get; set; } = 5;
    [Range(0.1, 3600)] public double TotalTimeoutSeconds { get; set; } = 30;
    [Range(0, 20)] public int MaxRetries { get; set; } = 3;
    [Range(1, 60_000)] public int BaseDelayMilliseconds { get; set; } = 500;
    [Range(1, 600_000)] public int MaxDelayMilliseconds { get; set; } = 10_000;
    [Range(0.01, 1)] public double CircuitFailureRatio { get; set; } = 0.5;
    [Range(2, 10_000)] public int CircuitMinimumThroughput { get; set; } = 10;
    [Range(0.5, 3600)] public double CircuitSamplingSeconds { get; set; } = 30;
    [Range(0.5, 3600)] public double CircuitBreakSeconds { get; set; } = 15;
}

/// <summary><c>NationalDb:Dispatch:*</c>: the outbox dispatcher.</summary>
public sealed class NationalDispatchOptions
{
    public bool Enabled { get; set; } = true;
    /// <summary>Records per batch request at most (the national API takes up to 1,000).</summary>
    [Range(1, 1_000)] public int BatchSize { get; set; } = 200;
    /// <summary>
    /// Batch requests in flight at once. A round takes up to <c>BatchSize × Parallelism</c> due messages and spreads them
    /// evenly over up to this many requests.
    /// </summary>
    [Range(1, 64)] public int Parallelism { get; set; } = 8;
    /// <summary>A message that failed waits this long before its next try, doubling per failure up to the maximum.</summary>
    [Range(0.1, 3600)] public double RetryBaseSeconds { get; set; } = 2;
    [Range(1, 86_400)] public double RetryMaxSeconds { get; set; } = 60;
    /// <summary>With nothing due, the dispatcher sleeps at most this long between looks (it is woken by new work).</summary>
    [Range(1, 3600)] public double IdleSeconds { get; set; } = 30;
}
