using Entry.Server.Features.Books;
using Microsoft.EntityFrameworkCore;

namespace Entry.Server.Tests.Support;

/// <summary>Finding a test's own books by the prefix its codes share.</summary>
public static class BookQueries
{
    /// <summary>
    /// Books whose code starts with the prefix. On PostgreSQL the code column compares through a nondeterministic
    /// (case-insensitive) collation, which LIKE refuses, so the prefix is matched in the "C" collation there.
    /// </summary>
    public static IQueryable<Book> WithCodeStarting(this IQueryable<Book> books, string prefix) =>
        TestDatabase.IsPostgreSql
            ? books.Where(b => EF.Functions.Collate(b.Code, "C").StartsWith(prefix))
            : books.Where(b => b.Code.StartsWith(prefix));
}
