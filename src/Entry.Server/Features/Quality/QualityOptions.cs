namespace Entry.Server.Features.Quality;

/// <summary><c>Entry:Quality</c>: whether finished books get a quality sample (the rates themselves are the Admin's settings).</summary>
public sealed class QualityOptions
{
    public const string Section = "Entry:Quality";

    /// <summary>Off: no sample is drawn when a book finishes (for measuring what sampling costs).</summary>
    public bool Enabled { get; set; } = true;
}
