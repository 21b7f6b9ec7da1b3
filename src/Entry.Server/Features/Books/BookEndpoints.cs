using System.Security.Claims;
using Entry.Server.Common;
using Entry.Server.Data;
using Entry.Server.Features.Auth;
using Entry.Server.Hosting;
using Entry.Shared.Auth;
using Entry.Shared.Books;
using Entry.Shared.Common;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Entry.Server.Features.Books;

public static class BookEndpoints
{
    public const int MaxPageSize = 500;

    public static RouteGroupBuilder MapBooks(this RouteGroupBuilder group)
    {
        group.WithTags("Books");
        group.MapPost("/import", Import)
            .RequireRoles(Roles.Admin)
            .DisableAntiforgery()
            .AddOpenApiOperationTransformer(ImportBodyDocumentation.Describe)
            .Produces<ImportResult>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .WithSummary("Import the book inventory, a CSV or an XLSX workbook: the good rows are stored, every bad row is answered with its line and reason.");
        group.MapGet("/", List)
            .RequireRoles(Roles.Admin, Roles.Monitor, Roles.TeamLeader)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .WithSummary("The books, in the order of work, filtered by unit (with its subtree), type, condition, status and a part of the code (any letter case); paged. A district Monitor gets their district's books, 403 for a unit outside it.");
        group.MapGet("/export", Export)
            .RequireRoles(Roles.Admin, Roles.Monitor)
            .Produces(StatusCodes.Status200OK, contentType: "text/csv")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .WithSummary("The whole inventory as a CSV in the import format (a district Monitor: their district's books).");
        return group;
    }

    private static async Task<IResult> Import(HttpRequest request, BookImporter importer, CancellationToken ct)
    {
        var (body, refusal) = await ImportBody.OpenAsync(request, ct);
        if (refusal is not null)
        {
            return refusal.ToProblem();
        }

        await using (body)
        {
            ImportResult? result;
            ImportFileError? error;
            try
            {
                (result, error) = await importer.ImportAsync(body!, ct);
            }
            catch (IOException) when (!ct.IsCancellationRequested)
            {
                // The body ended before its declared length: nothing was stored (rows are stored only after the whole file is read).
                error = new ImportFileError(Phrase.Of("import.cutShort"));
                result = null;
            }
            return error is not null ? ImportBody.Refused(error).ToProblem() : TypedResults.Ok(result!);
        }
    }

    private static async Task<Results<Ok<PagedResult<BookDto>>, ProblemHttpResult>> List(
        ClaimsPrincipal user, MonitorAreas areas, EntryDb db, CancellationToken ct,
        string? unitCode = null, string? type = null, string? condition = null, string? status = null,
        string? code = null, int page = 1, int pageSize = 50)
    {
        var errors = new Dictionary<string, Phrase[]>();
        BookType parsedType = default;
        BookCondition parsedCondition = default;
        BookStatus parsedStatus = default;
        if (type is not null && !BookNames.TryParseType(type, out parsedType))
        {
            errors["type"] = [Phrase.Of("books.type.unknown", type)];
        }
        if (condition is not null && !BookNames.TryParseCondition(condition, out parsedCondition))
        {
            errors["condition"] = [Phrase.Of("books.condition.unknown", condition)];
        }
        if (status is not null && !BookNames.TryParseStatus(status, out parsedStatus))
        {
            errors["status"] = [Phrase.Of("books.status.unknown", status)];
        }
        code = string.IsNullOrWhiteSpace(code) ? null : code.Trim();
        if (code is not null && (code.Length > BookCodes.MaxLength || !code.All(BookCodes.IsCodeCharacter)))
        {
            errors["code"] = [$"Search by a part of a book code: at most {BookCodes.MaxLength} of the characters A-Z a-z 0-9 - _ ."];
        }
        if (page < 1)
        {
            errors["page"] = [Phrase.Of("queue.page.min")];
        }
        if (pageSize is < 1 or > MaxPageSize)
        {
            errors["pageSize"] = [Phrase.Of("books.pageSize.range", MaxPageSize)];
        }
        var unit = unitCode is null ? null : await db.Units.AsNoTracking().FirstOrDefaultAsync(u => u.Code == unitCode, ct);
        if (unitCode is not null && unit is null)
        {
            errors["unitCode"] = [Phrase.Of("unit.unknown", unitCode)];
        }
        if (errors.Count > 0)
        {
            return Refusal.Invalid(errors).ToProblem();
        }
        var area = await areas.OfReaderAsync(user, ct);
        if (area.SeesNothing)
        {
            return AreaRefusals.NoArea().ToProblem();
        }
        if (unit is not null && !area.MaySeeDistrict(unit.DistrictCode))
        {
            return AreaRefusals.OutsideArea("unitCode", unit.Code).ToProblem();
        }

        var books = db.Books.AsNoTracking();
        if (area.OnlyDistrict is { } district)
        {
            books = books.Where(b => b.Unit!.DistrictCode == district);
        }
        if (unit is { ParentCode: not null })
        {
            // The unit and everything below it (the root means the whole province: no filter).
            books = books.Where(b => b.UnitCode == unitCode || b.Unit!.ParentCode == unitCode || b.Unit!.DistrictCode == unitCode);
        }
        if (type is not null)
        {
            books = books.Where(b => b.Type == parsedType);
        }
        if (condition is not null)
        {
            books = books.Where(b => b.Condition == parsedCondition);
        }
        if (status is not null)
        {
            books = books.Where(b => b.Status == parsedStatus);
        }
        if (code is not null)
        {
            // LIKE ignores ASCII letter case in SQLite, as codes are compared; PostgreSQL's ILIKE does, on the code taken
            // in the "C" collation (pattern matching refuses the nondeterministic one the column compares with).
            // '_' is a code character, not a wildcard (a percent sign or a backslash cannot be in the search: checked above).
            var pattern = "%" + code.Replace("_", "\\_") + "%";
            books = db.Database.IsNpgsql()
                ? books.Where(b => EF.Functions.ILike(EF.Functions.Collate(b.Code, "C"), pattern, "\\"))
                : books.Where(b => EF.Functions.Like(b.Code, pattern, "\\"));
        }

        var total = await books.CountAsync(ct);
        var items = await books
            .OrderBy(b => b.Type).ThenBy(b => b.Condition).ThenBy(b => b.RegisteredFrom).ThenBy(b => b.Code)
            .Skip((page - 1) * pageSize).Take(pageSize)
            .Select(BookProjections.ToDto)
            .ToListAsync(ct);
        return TypedResults.Ok(new PagedResult<BookDto> { Items = items, Page = page, PageSize = pageSize, Total = total });
    }

    private static async Task Export(HttpContext http, MonitorAreas areas, EntryDb db, CancellationToken ct)
    {
        var area = await areas.OfReaderAsync(http.User, ct);
        if (area.SeesNothing)
        {
            await AreaRefusals.NoArea().ToProblem().ExecuteAsync(http);
            return;
        }
        var district = area.OnlyDistrict;
        http.Response.ContentType = "text/csv; charset=utf-8";
        http.Response.Headers.ContentDisposition = "attachment; filename=\"inventory.csv\"";
        var rows = db.Books.AsNoTracking().Where(b => district == null || b.Unit!.DistrictCode == district).OrderBy(b => b.Id)
            .Select(b => new BookCsvRow(b.Code, b.UnitCode, b.Type, b.Volume, b.RegisteredFrom, b.RegisteredTo, b.CaseCount, b.Condition))
            .AsAsyncEnumerable();
        await using var writer = new StreamWriter(http.Response.Body, new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
        await BookCsv.WriteAsync(rows, writer, ct);
    }
}
