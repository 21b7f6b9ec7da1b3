using System.Globalization;
using System.Security.Claims;
using System.Text.Json;
using Entry.Server.Common;
using Entry.Server.Data;
using Entry.Server.Features.Teams;
using Entry.Server.Hosting;
using Entry.Shared.Auth;
using Entry.Shared.Books;
using Entry.Shared.Common;
using Entry.Shared.Entries;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Entry.Server.Features.Cases;

/// <summary>
/// The clerk's own entries, to find an earlier case again and reopen it: only the caller's, whatever book or day is asked
/// for (another clerk's book answers an empty list, not a refusal that would tell it exists). The names in the answer are
/// personal data and are never logged.
/// </summary>
public static class MyCasesEndpoints
{
    public const int MaxPageSize = 100;

    public static RouteGroupBuilder MapMyCases(this RouteGroupBuilder group)
    {
        group.MapGet("/mine", List)
            .RequireRoles(Roles.Clerk)
            .ProducesValidationProblem()
            .WithSummary("The caller's own cases and skipped numbers, newest shift first, with the registered person's name: "
                + "of one book (bookCode), of one shift day (date, yyyy-MM-dd), of one entry number (entryNumber); paged.");
        return group;
    }

    private static async Task<Results<Ok<PagedResult<MyCase>>, ProblemHttpResult>> List(
        ClaimsPrincipal user, EntryDb db, CancellationToken ct,
        // Not named bookCode: that name is the route's, checked by the API group's filter.
        [FromQuery(Name = "bookCode")] string? book = null, string? date = null, string? entryNumber = null, int page = 1, int pageSize = 20)
    {
        var errors = new Dictionary<string, Phrase[]>();
        DateOnly day = default;
        var number = 0;
        if (date is not null && !DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day))
        {
            errors["date"] = [Phrase.Of("myCases.date.invalid")];
        }
        if (entryNumber is not null && (!int.TryParse(entryNumber, NumberStyles.None, CultureInfo.InvariantCulture, out number) || number < 1))
        {
            errors["entryNumber"] = [Phrase.Of("myCases.entryNumber.invalid")];
        }
        if (page < 1)
        {
            errors["page"] = [Phrase.Of("myCases.page.min")];
        }
        if (pageSize is < 1 or > MaxPageSize)
        {
            errors["pageSize"] = [Phrase.Of("myCases.pageSize.range", MaxPageSize)];
        }
        if (errors.Count > 0)
        {
            return Refusal.Invalid(errors).ToProblem();
        }

        var clerkId = TeamAccess.UserId(user);
        var entries = db.CaseEntries.AsNoTracking().Where(e => e.ClerkId == clerkId);
        if (book?.Trim() is { Length: > 0 } code)
        {
            // A malformed code is no book's (and PostgreSQL's collation would ignore some of its characters).
            entries = BookCodes.IsValid(code) ? entries.Where(e => e.Book!.Code == code) : entries.Where(e => false);
        }
        if (date is not null)
        {
            entries = entries.Where(e => e.ShiftDate == day);
        }
        if (entryNumber is not null)
        {
            entries = entries.Where(e => e.EntryNumber == number);
        }

        var total = await entries.CountAsync(ct);
        var rows = await entries
            .OrderByDescending(e => e.ShiftDate).ThenByDescending(e => e.Shift).ThenByDescending(e => e.EntryNumber).ThenBy(e => e.Id)
            .Skip((page - 1) * pageSize).Take(pageSize)
            .Select(e => new
            {
                e.Id, e.Book!.Code, e.Type, e.EntryNumber, e.Status, e.NeedsVerification, e.SkipReason, e.Details, e.ShiftDate, e.StoredAt,
            })
            .ToListAsync(ct);
        var items = rows.Select(r =>
        {
            var (name, second) = r.Status == CaseStatus.Skipped ? (null, null) : Names(r.Type, r.Details);
            return new MyCase
            {
                Id = r.Id, BookCode = r.Code, Type = r.Type, EntryNumber = r.EntryNumber, Status = r.Status, NeedsVerification = r.NeedsVerification,
                SkipReason = r.SkipReason, Name = name, SecondName = second, ShiftDate = r.ShiftDate, StoredAt = r.StoredAt,
            };
        }).ToList();
        return TypedResults.Ok(new PagedResult<MyCase> { Items = items, Page = page, PageSize = pageSize, Total = total });
    }

    /// <summary>The person the case registers, from the stored JSON of its type; a marriage names both.</summary>
    private static (string? Name, string? Second) Names(BookType type, string details)
    {
        var json = CaseRecorder.Json;
        return type switch
        {
            BookType.Birth => (JsonSerializer.Deserialize<BirthCase>(details, json)?.ChildName, null),
            BookType.Death => (JsonSerializer.Deserialize<DeathCase>(details, json)?.DeceasedName, null),
            BookType.Adoption => (JsonSerializer.Deserialize<AdoptionCase>(details, json)?.AdopteeName, null),
            _ => JsonSerializer.Deserialize<MarriageCase>(details, json) is { } marriage ? (marriage.HusbandName, marriage.WifeName) : (null, null),
        };
    }
}
