using System.ComponentModel.DataAnnotations;

namespace Entry.Server.Features.Cases;

/// <summary><c>Entry:Ledger</c>: how concurrent changes to cases are gathered into one transaction.</summary>
public sealed class LedgerOptions
{
    public const string Section = "Entry:Ledger";

    /// <summary>At most this many changes per transaction.</summary>
    [Range(1, 10_000)]
    public int MaxBatch { get; set; } = 256;

    /// <summary>
    /// After the first change of a batch arrives, how long to wait for others before committing (0: commit what is
    /// there). Changes that arrive while a batch commits form the next one whatever this is.
    /// </summary>
    [Range(0, 100)]
    public double WindowMilliseconds { get; set; } = 2;
}
