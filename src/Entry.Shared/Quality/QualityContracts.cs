using System.Text.Json.Serialization;
using Entry.Shared.Books;
using Entry.Shared.Entries;

namespace Entry.Shared.Quality;

/// <summary>Where a book stands in quality control.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<BookQuality>))]
public enum BookQuality
{
    /// <summary>Not finished yet: nothing drawn.</summary>
    [JsonStringEnumMemberName("notChecked")] NotChecked = 0,
    /// <summary>Its sample is drawn and waits for a second keyer.</summary>
    [JsonStringEnumMemberName("sampleWaiting")] SampleWaiting = 1,
    /// <summary>Every drawn entry is keyed twice; differences wait for the civil-registry officer.</summary>
    [JsonStringEnumMemberName("arbitration")] Arbitration = 2,
    [JsonStringEnumMemberName("accepted")] Accepted = 3,
    /// <summary>Its sample showed too many wrong fields: re-keyed in full until it passes.</summary>
    [JsonStringEnumMemberName("failedRekeying")] FailedRekeying = 4,
}

[JsonConverter(typeof(JsonStringEnumConverter<QualityPassState>))]
public enum QualityPassState
{
    [JsonStringEnumMemberName("keying")] Keying = 0,
    [JsonStringEnumMemberName("arbitration")] Arbitration = 1,
    [JsonStringEnumMemberName("passed")] Passed = 2,
    [JsonStringEnumMemberName("failed")] Failed = 3,
}

[JsonConverter(typeof(JsonStringEnumConverter<QualityItemState>))]
public enum QualityItemState
{
    /// <summary>Drawn, not keyed a second time yet.</summary>
    [JsonStringEnumMemberName("waiting")] Waiting = 0,
    [JsonStringEnumMemberName("matched")] Matched = 1,
    /// <summary>The two keyings differ: waiting for the arbiter.</summary>
    [JsonStringEnumMemberName("differs")] Differs = 2,
    [JsonStringEnumMemberName("decided")] Decided = 3,
}

[JsonConverter(typeof(JsonStringEnumConverter<ArbitrationChoice>))]
public enum ArbitrationChoice
{
    [JsonStringEnumMemberName("first")] First = 0,
    [JsonStringEnumMemberName("second")] Second = 1,
    /// <summary>The arbiter typed the value from the book.</summary>
    [JsonStringEnumMemberName("typed")] Typed = 2,
}

/// <summary>The Admin's quality settings; rates and error rates are fractions (0.05 = 5 %).</summary>
public sealed record QualitySettingsDto
{
    /// <summary>The share of a finished book's entries drawn for re-keying (at least one per book).</summary>
    public double SampleRate { get; init; } = 0.05;
    /// <summary>A clerk's first cases of the campaign are drawn at <see cref="NewClerkRate"/>.</summary>
    public int NewClerkCases { get; init; } = 50;
    public double NewClerkRate { get; init; } = 1.0;
    /// <summary>A clerk whose measured share of wrong fields is above this is drawn at <see cref="HighErrorSampleRate"/>.</summary>
    public double HighErrorRate { get; init; } = 0.02;
    public double HighErrorSampleRate { get; init; } = 0.20;
    /// <summary>A clerk below this share over at least <see cref="LowErrorMinFields"/> compared fields is drawn at <see cref="LowErrorSampleRate"/>.</summary>
    public double LowErrorRate { get; init; } = 0.005;
    public int LowErrorMinFields { get; init; } = 500;
    public double LowErrorSampleRate { get; init; } = 0.02;
    /// <summary>A book whose sample shows a larger share of wrong fields is not accepted and is re-keyed in full.</summary>
    public double AcceptanceErrorRate { get; init; } = 0.02;
}

/// <summary>A book waiting for its quality pass, as its team's queue shows it (no case values).</summary>
public sealed record QualityQueueItem(string BookCode, BookType Type, string Volume, BookQuality Quality, int Round, bool Full,
    int Sampled, int Keyed, int Differing, string? HolderUserName, string? HolderName);

/// <summary>The pass a second keyer holds: which entry numbers to key, which are done. Never a value of the first keying.</summary>
public sealed record HeldQualityPass(string BookCode, BookType Type, string Volume, string UnitName, int Round, bool Full,
    IReadOnlyList<int> EntryNumbers, IReadOnlyList<int> Keyed, DateTimeOffset ClaimEndsAt);

/// <summary>A second keying stored: how far the pass is (nothing about the first keying).</summary>
public sealed record SecondKeyingResult(Guid Id, string BookCode, int EntryNumber, int Keyed, int Sampled);

/// <summary>A case whose two keyings differ, in the team's arbitration queue.</summary>
public sealed record ArbitrationItem(long ItemId, Guid EntryId, string BookCode, BookType Type, int EntryNumber, int Page, int DifferingFields,
    string FirstClerkName, string SecondKeyerName, DateTimeOffset KeyedAt);

/// <summary>One field of the two keyings side by side.</summary>
public sealed record ComparedField(string Field, string? First, string? Second, bool Differs);

/// <summary>Both keyings of a case side by side, with the differing fields marked and where to find it on paper.</summary>
public sealed record ArbitrationDetails
{
    public required long ItemId { get; init; }
    public required Guid EntryId { get; init; }
    public required string BookCode { get; init; }
    public required BookType Type { get; init; }
    public required int EntryNumber { get; init; }
    public required int Page { get; init; }
    public required QualityItemState State { get; init; }
    /// <summary>The case's version now: the <c>If-Match</c> of the decision.</summary>
    public required int CaseVersion { get; init; }
    public required string FirstClerkUserName { get; init; }
    public required string FirstClerkName { get; init; }
    public required string SecondKeyerUserName { get; init; }
    public required string SecondKeyerName { get; init; }
    public required IReadOnlyList<ComparedField> Fields { get; init; }
    /// <summary>The first keying as stored now and the second keying, as requests the entry form opens.</summary>
    public required CaseEntryRequest First { get; init; }
    public required CaseEntryRequest Second { get; init; }
    public ArbitrationChoice? Choice { get; init; }
    public string? DecidedByUserName { get; init; }
    public DateTimeOffset? DecidedAt { get; init; }
}

/// <summary>The arbiter's decision: the first keying, the second, or the value typed from the book (<see cref="Value"/>).</summary>
public sealed record ArbitrationDecision
{
    public ArbitrationChoice? Choice { get; init; }
    public CaseEntryRequest? Value { get; init; }
}

public sealed record ArbitrationOutcome(long ItemId, Guid EntryId, int CaseVersion, int FieldsWrong, BookQuality BookQuality);

/// <summary>The draw of a pass, for audit: the seed and each clerk's rate reproduce the drawn numbers.</summary>
public sealed record QualityDrawRecord(int Round, bool Full, long Seed, IReadOnlyDictionary<string, double> RateByClerk,
    double NewClerkRate, IReadOnlyList<int> NewClerkEntries, IReadOnlyList<int> EntryNumbers, QualityPassState State, int FieldsCompared, int FieldsWrong, DateTimeOffset DrawnAt);

public sealed record BookQualityRecord(string BookCode, BookQuality Quality, IReadOnlyList<QualityDrawRecord> Passes);

/// <summary>The figures of one clerk, team, unit or the province.</summary>
public sealed record QualityFigureRow
{
    /// <summary>The user name, team id, unit code, or "province".</summary>
    public required string Key { get; init; }
    public required string Name { get; init; }
    public int FieldsCompared { get; init; }
    public int FieldsWrong { get; init; }
    public double ErrorsPerThousand { get; init; }
    public int CasesCompared { get; init; }
    public int CasesArbitrated { get; init; }
    public int BooksAccepted { get; init; }
    public int BooksFailed { get; init; }
    /// <summary>Estimated share of correct fields of all entered data, weighted by sampling rate; null before any comparison.</summary>
    public double? Accuracy { get; init; }
    public double? AccuracyLow { get; init; }
    public double? AccuracyHigh { get; init; }
}

/// <summary>What the caller may see: a clerk their own row; a leader their team and its clerks; monitors the province, units and teams.</summary>
public sealed record QualityFigures
{
    public QualityFigureRow? Province { get; init; }
    public IReadOnlyList<QualityFigureRow> Units { get; init; } = [];
    public IReadOnlyList<QualityFigureRow> Teams { get; init; } = [];
    public IReadOnlyList<QualityFigureRow> Clerks { get; init; } = [];
}
