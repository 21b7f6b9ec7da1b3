using System.Text.Json.Serialization;

namespace Entry.Shared.Entries;

/// <summary>Why a case needs verification before it counts as verified.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<VerificationReason>))]
public enum VerificationReason
{
    [JsonStringEnumMemberName("illegible")] Illegible = 0,
    [JsonStringEnumMemberName("missingInformation")] MissingInformation = 1,
    [JsonStringEnumMemberName("conflictingInformation")] ConflictingInformation = 2,
}

[JsonConverter(typeof(JsonStringEnumConverter<Sex>))]
public enum Sex
{
    [JsonStringEnumMemberName("female")] Female = 0,
    [JsonStringEnumMemberName("male")] Male = 1,
}

/// <summary>The body of <c>POST /api/entries</c> (SPEC §4): one case of a book; only the object of the book's type is present.</summary>
public sealed record CaseEntryRequest
{
    /// <summary>Chosen by the client; a retried submission with the same id is stored once.</summary>
    public Guid Id { get; init; }
    public string? BookCode { get; init; }
    /// <summary>Số đăng ký: the case's number in the book, unique in the book.</summary>
    public int EntryNumber { get; init; }
    public DateOnly? RegistrationDate { get; init; }
    public int Page { get; init; }
    public bool NeedsVerification { get; init; }
    public VerificationReason? VerificationReason { get; init; }
    public BirthCase? Birth { get; init; }
    public MarriageCase? Marriage { get; init; }
    public DeathCase? Death { get; init; }
    public AdoptionCase? Adoption { get; init; }
    /// <summary>
    /// When the clerk saved it in the browser (their queue's time), sent again unchanged on every retry. A case that reaches
    /// the server after the claim ended is still taken when this time lies inside a claim the clerk held on the book.
    /// </summary>
    public DateTimeOffset? TypedAt { get; init; }
}

public sealed record BirthCase
{
    public string? ChildName { get; init; }
    public Sex? Sex { get; init; }
    public DateOnly? DateOfBirth { get; init; }
    public string? PlaceOfBirth { get; init; }
    public string? MotherName { get; init; }
    public string? FatherName { get; init; }
    public string? ChildCitizenId { get; init; }
}

public sealed record MarriageCase
{
    public string? HusbandName { get; init; }
    public DateOnly? HusbandDateOfBirth { get; init; }
    public string? WifeName { get; init; }
    public DateOnly? WifeDateOfBirth { get; init; }
    public string? RegistrationPlace { get; init; }
    public string? HusbandCitizenId { get; init; }
    public string? WifeCitizenId { get; init; }
}

public sealed record DeathCase
{
    public string? DeceasedName { get; init; }
    public Sex? Sex { get; init; }
    public DateOnly? DateOfBirth { get; init; }
    public DateOnly? DateOfDeath { get; init; }
    public string? PlaceOfDeath { get; init; }
    public string? DeceasedCitizenId { get; init; }
}

public sealed record AdoptionCase
{
    public string? AdopteeName { get; init; }
    public DateOnly? AdopteeDateOfBirth { get; init; }
    /// <summary>One of the two adoptive parents may be absent.</summary>
    public string? AdoptiveFatherName { get; init; }
    public string? AdoptiveMotherName { get; init; }
    public string? AdopteeCitizenId { get; init; }
}

/// <summary>The answer to a stored case: counts only, never the personal data it holds.</summary>
public sealed record CaseEntryResult
{
    public required Guid Id { get; init; }
    public required string BookCode { get; init; }
    public required int EntryNumber { get; init; }
    public required bool NeedsVerification { get; init; }
    /// <summary>Cases of the book logged so far, this one included.</summary>
    public required int CasesLogged { get; init; }
    /// <summary>Entry numbers of the book skipped with a reason; the book is finished when logged + skipped reach the case count.</summary>
    public int CasesSkipped { get; init; }
    public required int CaseCount { get; init; }
    public required DateTimeOffset StoredAt { get; init; }
}
