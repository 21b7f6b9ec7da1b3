using Entry.Server.Common;
using Entry.Server.Features.Books;
using Entry.Shared.Books;
using Entry.Shared.Entries;

namespace Entry.Server.Features.Cases;

/// <summary>
/// Normalises a case (names and places to NFC, citizen IDs trimmed) and collects every breach of SPEC §3 "Case record",
/// each under its camelCase JSON path (<c>birth.childName</c>). Messages never quote a name, a date of birth or an ID.
/// </summary>
public sealed partial class CaseValidation
{
    public const int MaxPage = 2000;
    /// <summary>No civil-registry record in the books predates this.</summary>
    public static readonly DateOnly Earliest = RegistryDates.Earliest;
    /// <summary>A floor meant to catch typing errors, not the marriage law (20/18 since 1959): books record what happened.</summary>
    public const int MinMarriageAge = 16;

    private readonly Dictionary<string, List<Phrase>> errors = [];

    private CaseValidation()
    {
    }

    /// <summary>The normalised request and the errors by field; no errors means the case may be stored.</summary>
    public static (CaseEntryRequest Normalized, Dictionary<string, Phrase[]> Errors) Validate(CaseEntryRequest request, Book? book)
    {
        var v = new CaseValidation();
        var normalized = v.Check(request, book);
        return (normalized, v.errors.ToDictionary(e => e.Key, e => e.Value.ToArray()));
    }

    private void Add(string field, Phrase message)
    {
        if (!errors.TryGetValue(field, out var list))
        {
            errors[field] = list = [];
        }
        list.Add(message);
    }

    private CaseEntryRequest Check(CaseEntryRequest request, Book? book)
    {
        if (request.Id == Guid.Empty)
        {
            Add("id", Phrase.Of("case.id.empty"));
        }
        if (string.IsNullOrWhiteSpace(request.BookCode))
        {
            Add("bookCode", Phrase.Of("case.bookCode.required"));
        }
        else if (book is null)
        {
            Add("bookCode", Phrase.Of("case.bookCode.unknown"));
        }
        if (request.EntryNumber < 1)
        {
            Add("entryNumber", Phrase.Of("case.entryNumber.min"));
        }
        else if (book is not null && request.EntryNumber > book.CaseCount)
        {
            Add("entryNumber", Phrase.Of("case.entryNumber.max", book.CaseCount));
        }
        if (request.Page is < 1 or > MaxPage)
        {
            Add("page", Phrase.Of("case.page.range", MaxPage));
        }
        CheckRegistrationDate(request.RegistrationDate, book);
        if (request.NeedsVerification && request.VerificationReason is null)
        {
            Add("verificationReason", Phrase.Of("case.verificationReason.required"));
        }
        else if (!request.NeedsVerification && request.VerificationReason is not null)
        {
            Add("verificationReason", Phrase.Of("case.verificationReason.notNeeded"));
        }
        else if (request.VerificationReason is { } reason && !Enum.IsDefined(reason))
        {
            Add("verificationReason", Phrase.Of("case.verificationReason.unknown"));
        }

        var registered = request.RegistrationDate;
        var normalized = request with { BookCode = request.BookCode?.Trim() };
        CheckPresence(request, book?.Type);
        return normalized with
        {
            Birth = request.Birth is null ? null : CheckBirth(request.Birth, registered),
            Marriage = request.Marriage is null ? null : CheckMarriage(request.Marriage, registered),
            Death = request.Death is null ? null : CheckDeath(request.Death, registered),
            Adoption = request.Adoption is null ? null : CheckAdoption(request.Adoption, registered),
        };
    }

    private void CheckRegistrationDate(DateOnly? date, Book? book)
    {
        if (date is not { } d)
        {
            Add("registrationDate", Phrase.Of("case.registrationDate.required"));
            return;
        }
        if (d < Earliest)
        {
            Add("registrationDate", Phrase.Of("case.date.beforeEarliest", Earliest));
        }
        if (d >= BookNames.Cutoff)
        {
            Add("registrationDate", Phrase.Of("case.registrationDate.afterCutoff", BookNames.Cutoff));
        }
        if (book is not null && (d < book.RegisteredFrom || d > book.RegisteredTo))
        {
            Add("registrationDate", Phrase.Of("case.registrationDate.outsideBook", book.RegisteredFrom, book.RegisteredTo));
        }
    }

    /// <summary>Exactly the object of the book's type: an extra one is an error on itself, a missing one on its own name.</summary>
    private void CheckPresence(CaseEntryRequest request, BookType? type)
    {
        if (type is not { } expected)
        {
            return;
        }
        foreach (var (kind, present) in new[]
                 {
                     (BookType.Birth, request.Birth is not null), (BookType.Marriage, request.Marriage is not null),
                     (BookType.Death, request.Death is not null), (BookType.Adoption, request.Adoption is not null),
                 })
        {
            var field = FieldOf(kind);
            if (kind == expected && !present)
            {
                Add(field, Phrase.Of("case.type.required", TypeWord(kind)));
            }
            else if (kind != expected && present)
            {
                Add(field, Phrase.Of("case.type.extra", TypeWord(expected), TypeWord(kind)));
            }
        }
    }

    private static Phrase TypeWord(BookType type) => Phrase.Of("bookType." + FieldOf(type));

    private static string FieldOf(BookType type) => type switch
    {
        BookType.Birth => "birth",
        BookType.Marriage => "marriage",
        BookType.Death => "death",
        _ => "adoption",
    };
}
