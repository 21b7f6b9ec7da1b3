using System.ComponentModel.DataAnnotations;

namespace Entry.Server.Features.National;

/// <summary><c>NationalDb:Reconciliation:*</c>: the comparison of Entry's books with the national database.</summary>
public sealed class ReconciliationOptions
{
    public const string Section = "NationalDb:Reconciliation";

    /// <summary>Run it every night at <see cref="NightlyAt"/>.</summary>
    public bool Nightly { get; set; } = true;

    /// <summary>Local time (Asia/Ho_Chi_Minh) of the nightly run, after the last shift and the nightly re-plan.</summary>
    [RegularExpression(@"^([01]\d|2[0-3]):[0-5]\d$")]
    public string NightlyAt { get; set; } = "23:30";

    /// <summary>Books compared at once (each one call to the national side).</summary>
    [Range(1, 32)]
    public int Parallelism { get; set; } = 4;

    /// <summary>A run keeps at most this many differences (it always counts them all).</summary>
    [Range(1, 1_000_000)]
    public int MaxStoredDifferences { get; set; } = 10_000;
}
