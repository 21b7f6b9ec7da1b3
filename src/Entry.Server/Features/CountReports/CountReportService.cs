using Entry.Server.Common;
using System.Security.Claims;
using Entry.Server.Data;
using Entry.Server.Features.Cases;
using Entry.Server.Features.Teams;
using Entry.Shared.Auth;
using Entry.Shared.Books;
using Entry.Shared.Entries;
using Microsoft.EntityFrameworkCore;

namespace Entry.Server.Features.CountReports;

/// <summary>
/// Reports that a book holds another number of cases than the inventory says, and the Admin's decision: an accepted
/// count becomes the book's case count, so the target (the sum of case counts) follows and the book may finish or reopen.
/// </summary>
public sealed partial class CountReportService(EntryDb db, CaseLedger ledger, TimeProvider time, ILogger<CountReportService> logger)
{
    public const int MaxCount = 5000;
    public const int MaxText = 500;

    public async Task<(CountReportDto? Report, Refusal? Refusal)> ReportAsync(string bookCode, CountReportRequest request, ClaimsPrincipal user,
        CancellationToken ct)
    {
        var book = await db.Books.AsNoTracking().FirstOrDefaultAsync(b => b.Code == bookCode, ct);
        if (book is null)
        {
            return (null, Refusal.NotFound(Phrase.Of("title.noSuchBook"), Phrase.Of("book.noSuchBook", bookCode)));
        }
        var userId = TeamAccess.UserId(user) ?? "";
        var leads = user.IsInRole(Roles.TeamLeader) && book.TeamId is { } teamId && await db.Teams.AnyAsync(t => t.Id == teamId && t.LeaderId == userId, ct);
        if (!leads)
        {
            // The holder as for logging a case: on the open shift, still a member of the team and on its roster.
            var (_, refusal) = await BookFill.HolderClaimAsync(db, book, userId, time.GetUtcNow(), ct);
            if (refusal is not null)
            {
                return (null, Refusal.Forbidden(Phrase.Of("title.notAllowed"), Phrase.Of("countReport.forbidden", refusal.Detail)));
            }
        }
        var errors = new Dictionary<string, Phrase[]>();
        if (request.ReportedCount is < 1 or > MaxCount)
        {
            errors["reportedCount"] = [Phrase.Of("countReport.reportedCount.range", MaxCount)];
        }
        else if (request.ReportedCount == book.CaseCount)
        {
            errors["reportedCount"] = [Phrase.Of("countReport.reportedCount.same", book.CaseCount)];
        }
        var (note, noteProblem) = TextField.Clean(request.Note, TextKind.Note, MaxText);
        if (noteProblem is not null)
        {
            errors["note"] = [noteProblem];
        }
        if (errors.Count > 0)
        {
            return (null, Refusal.Invalid(errors));
        }
        var report = new CountReport
        {
            BookId = book.Id, InventoryCount = book.CaseCount, ReportedCount = request.ReportedCount,
            Note = note, ReportedById = userId, ReportedAt = time.GetUtcNow(),
        };
        if (await db.CountReports.AnyAsync(r => r.BookId == book.Id && r.Status == CountReportStatus.Pending, ct))
        {
            return (null, PendingExists(bookCode));
        }
        db.CountReports.Add(report);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (DbErrors.IsUniqueViolation(e))
        {
            db.ChangeTracker.Clear();
            return (null, PendingExists(bookCode));
        }
        LogReported(logger, report.Id, book.Id, report.InventoryCount, report.ReportedCount);
        return ((await ListAsync(null, report.Id, ct)).Single(), null);
    }

    public async Task<List<CountReportDto>> ListAsync(CountReportStatus? status, long? id, CancellationToken ct)
    {
        var rows = await db.CountReports.AsNoTracking()
            .Where(r => (status == null || r.Status == status) && (id == null || r.Id == id))
            .Select(r => new
            {
                r.Id, r.Book!.Code, r.Book.UnitCode, UnitName = r.Book.Unit!.Name, r.Book.Type, r.InventoryCount, r.ReportedCount, r.Note,
                UserName = r.ReportedBy!.UserName, r.ReportedBy.DisplayName, r.ReportedAt, r.Status, r.DecidedCount, r.DecisionReason, r.DecidedAt,
            })
            .ToListAsync(ct);
        return rows.OrderBy(r => r.ReportedAt).ThenBy(r => r.Id)
            .Select(r => new CountReportDto(r.Id, r.Code, r.UnitCode, r.UnitName, r.Type, r.InventoryCount, r.ReportedCount, r.Note, r.UserName ?? "",
                r.DisplayName, r.ReportedAt, r.Status, r.DecidedCount, r.DecisionReason, r.DecidedAt))
            .ToList();
    }

    public async Task<(CountReportDto? Report, Refusal? Refusal)> AcceptAsync(long id, CountDecisionRequest request, string adminId, CancellationToken ct)
    {
        var report = await db.CountReports.Include(r => r.Book).ThenInclude(b => b!.Unit).FirstOrDefaultAsync(r => r.Id == id, ct);
        if (Undecidable(report, id) is { } refusal)
        {
            return (null, refusal);
        }
        var count = request.CaseCount ?? report!.ReportedCount;
        if (count is < 1 or > MaxCount)
        {
            return (null, Refusal.Invalid("caseCount", Phrase.Of("countReport.caseCount.range", MaxCount)));
        }
        var (reason, reasonProblem) = TextField.Clean(request.Reason, TextKind.Note, MaxText);
        if (reasonProblem is not null)
        {
            return (null, Refusal.Invalid("reason", reasonProblem));
        }
        var write = new CountDecisionWrite(id, count, reason, adminId);
        await ledger.WriteAsync(write);
        if (write.Refusal is { } refused)
        {
            return (null, refused);
        }
        LogDecided(logger, id, report!.BookId, CountReportStatus.Accepted, count);
        return ((await ListAsync(null, id, ct)).Single(), null);
    }

    public async Task<(CountReportDto? Report, Refusal? Refusal)> RejectAsync(long id, CountDecisionRequest request, string adminId, CancellationToken ct)
    {
        var report = await db.CountReports.FirstOrDefaultAsync(r => r.Id == id, ct);
        if (Undecidable(report, id) is { } refusal)
        {
            return (null, refusal);
        }
        var (reason, problem) = TextField.Clean(request.Reason, TextKind.Note, MaxText);
        if (reason is null || problem is not null)
        {
            return (null, Refusal.Invalid("reason", problem ?? Phrase.Of("countReport.reason.required", MaxText)));
        }
        report!.Status = CountReportStatus.Rejected;
        report.DecisionReason = reason;
        report.DecidedById = adminId;
        report.DecidedAt = time.GetUtcNow();
        await db.SaveChangesAsync(ct);
        LogDecided(logger, report.Id, report.BookId, report.Status, null);
        return ((await ListAsync(null, report.Id, ct)).Single(), null);
    }

    internal static Refusal? Undecidable(CountReport? report, long id) => report switch
    {
        null => Refusal.NotFound(Phrase.Of("title.noSuchReport"), Phrase.Of("countReport.noSuchReport", id)),
        { Status: not CountReportStatus.Pending } => Refusal.Conflict(Phrase.Of("title.alreadyDecided"), Phrase.Of("countReport.alreadyDecided", id)),
        _ => null,
    };

    private static Refusal PendingExists(string bookCode) => Refusal.Conflict(Phrase.Of("title.reportPending"), Phrase.Of("countReport.pending", bookCode));

    [LoggerMessage(EventId = 7100, Level = LogLevel.Information, Message = "Count report {ReportId} for book {BookId}: {InventoryCount} in the inventory, {ReportedCount} reported")]
    private static partial void LogReported(ILogger logger, long reportId, int bookId, int inventoryCount, int reportedCount);

    [LoggerMessage(EventId = 7101, Level = LogLevel.Information, Message = "Count report {ReportId} for book {BookId} {Status}; case count {CaseCount}")]
    private static partial void LogDecided(ILogger logger, long reportId, int bookId, CountReportStatus status, int? caseCount);
}
