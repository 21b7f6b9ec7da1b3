using Entry.Server.Common;
using Entry.Server.Features.Cases;
using Entry.Server.Features.Sprint;
using Entry.Shared.Entries;
using Microsoft.EntityFrameworkCore;

namespace Entry.Server.Features.CountReports;

/// <summary>
/// An Admin accepting a count report: the report is decided and its count becomes the book's case count, so the book
/// may finish or reopen with it. Through the ledger, because the book's fill is the cases' business.
/// </summary>
public sealed class CountDecisionWrite(long reportId, int count, string? reason, string adminId) : CaseWrite
{
    private SprintPlace? place;

    protected internal override async Task ApplyAsync(CaseBatch batch, CancellationToken ct)
    {
        var db = batch.Db;
        var report = await db.CountReports.Include(r => r.Book).ThenInclude(b => b!.Unit).FirstOrDefaultAsync(r => r.Id == reportId, ct);
        if (CountReportService.Undecidable(report, reportId) is { } undecidable)
        {
            Refuse(undecidable);
            return;
        }
        var book = report!.Book!;
        var (logged, skipped) = await BookFill.CountAsync(db, book.Id, ct);
        var highest = await db.CaseEntries.Where(e => e.BookId == book.Id).MaxAsync(e => (int?)e.EntryNumber, ct) ?? 0;
        if (count < logged + skipped || count < highest)
        {
            Refuse(Refusal.Conflict(Phrase.Of("title.belowStored"), Phrase.Of("countReport.belowStored", book.Code, logged, skipped, highest, count))
                .WithErrors("caseCount", Phrase.Of("countReport.belowStored.field", Math.Max(logged + skipped, highest))));
            return;
        }
        report.Status = CountReportStatus.Accepted;
        report.DecidedCount = count;
        report.DecisionReason = reason;
        report.DecidedById = adminId;
        report.DecidedAt = batch.Now;
        book.CaseCount = count;
        Refill(book, book.TeamId, null);
        if (book.TeamId is { } teamId)
        {
            place = new SprintPlace(teamId, book.UnitCode, book.Unit!.DistrictCode);
        }
    }

    protected internal override void Committed(CaseBatch batch, ISprintEvents live)
    {
        if (place is not null)
        {
            live.ProgressChanged(place);
        }
    }
}
