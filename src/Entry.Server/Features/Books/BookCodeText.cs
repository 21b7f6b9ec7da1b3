using Entry.Server.Common;
using Entry.Shared.Books;

namespace Entry.Server.Features.Books;

/// <summary>Why a text is not a book code (<see cref="BookCodes.Problem"/>), as a phrase the server words in the request's language.</summary>
public static class BookCodeText
{
    public static Phrase? Problem(string? code) => BookCodes.Problem(code) is null ? null
        : string.IsNullOrEmpty(code) ? Phrase.Of("bookCode.missing")
        : code.Length > BookCodes.MaxLength ? Phrase.Of("bookCode.tooLong", BookCodes.MaxLength)
        : code.Any(char.IsControl) ? Phrase.Of("bookCode.control")
        : Phrase.Of("bookCode.rule");
}
