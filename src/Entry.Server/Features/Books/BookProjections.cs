using System.Linq.Expressions;
using Entry.Shared.Books;

namespace Entry.Server.Features.Books;

public static class BookProjections
{
    /// <summary>A book as the API shows it, translated to SQL by EF (the unit's name comes from a join).</summary>
    public static readonly Expression<Func<Book, BookDto>> ToDto = b => new BookDto
    {
        Code = b.Code,
        UnitCode = b.UnitCode,
        UnitName = b.Unit!.Name,
        Type = b.Type,
        Volume = b.Volume,
        RegisteredFrom = b.RegisteredFrom,
        RegisteredTo = b.RegisteredTo,
        CaseCount = b.CaseCount,
        Condition = b.Condition,
        Status = b.Status,
        SpansCutoff = b.RegisteredTo >= BookNames.Cutoff,
        Quality = b.Quality,
    };
}
