using System.Security.Claims;
using System.Text.Json;
using Entry.Server.Common;
using Entry.Server.Data;
using Entry.Server.Features.Cases;
using Entry.Shared.Entries;
using Entry.Shared.Quality;
using Microsoft.EntityFrameworkCore;

namespace Entry.Server.Features.Quality;

/// <summary>
/// The team's civil-registry officers decide the cases whose two keyings differ: both side by side with the differing
/// fields marked, the page and entry number to find the paper; the first, the second, or the value typed from the book.
/// </summary>
public sealed partial class Arbitration(EntryDb db, CaseLedger ledger, ILogger<Arbitration> logger)
{
    public async Task<List<ArbitrationItem>> QueueAsync(int teamId, CancellationToken ct)
    {
        var rows = await db.QualityItems.AsNoTracking()
            .Where(i => i.Pass!.TeamId == teamId && i.State == QualityItemState.Differs)
            .Join(db.CaseEntries, i => i.EntryId, e => e.Id, (i, e) => new
            {
                i.Id, i.EntryId, e.Book!.Code, e.Type, i.EntryNumber, e.Page, i.Differing, FirstName = e.Clerk!.DisplayName,
                SecondName = db.Users.Where(u => u.Id == i.SecondKeyerId).Select(u => u.DisplayName).FirstOrDefault(), i.SecondKeyedAt,
            })
            .ToListAsync(ct);
        return rows.OrderBy(r => r.SecondKeyedAt).ThenBy(r => r.Code).ThenBy(r => r.EntryNumber)
            .Select(r => new ArbitrationItem(r.Id, r.EntryId, r.Code, r.Type, r.EntryNumber, r.Page, Differing(r.Differing).Count, r.FirstName,
                r.SecondName ?? "", r.SecondKeyedAt!.Value))
            .ToList();
    }

    public async Task<(ArbitrationDetails? Details, Refusal? Refusal)> GetAsync(long itemId, ClaimsPrincipal user, CancellationToken ct)
    {
        var (item, refusal) = await AllowedAsync(itemId, user, officerOnly: false, ct);
        if (refusal is not null)
        {
            return (null, refusal);
        }
        if (item!.State == QualityItemState.Waiting)
        {
            return (null, NotKeyed());
        }
        return (await DetailsAsync(item, ct), null);
    }

    public async Task<(ArbitrationOutcome? Outcome, Refusal? Refusal)> DecideAsync(long itemId, ArbitrationDecision decision, int? ifMatch,
        ClaimsPrincipal user, CancellationToken ct)
    {
        var (item, refusal) = await AllowedAsync(itemId, user, officerOnly: true, ct);
        if (refusal is not null)
        {
            return (null, refusal);
        }
        if (decision.Choice is not { } choice)
        {
            return (null, Refusal.Invalid("choice", Phrase.Of("quality.decision.choice")));
        }
        if (choice == ArbitrationChoice.Typed && decision.Value is null)
        {
            return (null, Refusal.Invalid("value", Phrase.Of("quality.decision.valueNeeded")));
        }
        if (choice != ArbitrationChoice.Typed && decision.Value is not null)
        {
            return (null, Refusal.Invalid("value", Phrase.Of("quality.decision.valueOnlyTyped")));
        }
        switch (item!.State)
        {
            case QualityItemState.Decided:
                return (null, Refusal.Conflict(Phrase.Of("title.alreadyDecided"), Phrase.Of("quality.alreadyDecided")));
            case QualityItemState.Waiting:
                return (null, NotKeyed());
            case QualityItemState.Matched:
                return (null, Refusal.Conflict(Phrase.Of("title.nothingToDecide"), Phrase.Of("quality.matched")));
        }
        var entry = await db.CaseEntries.AsNoTracking().Include(e => e.Book).ThenInclude(b => b!.Unit).SingleAsync(e => e.Id == item.EntryId, ct);
        if (ifMatch is { } expected && expected != entry.Version)
        {
            return (null, VersionMismatch(entry.Version));
        }
        var stored = CaseReview.Stored(entry);
        CaseEntryRequest decided;
        if (choice == ArbitrationChoice.Typed)
        {
            var (normalized, errors) = CaseValidation.Validate(decision.Value! with { Id = entry.Id, BookCode = entry.Book!.Code }, entry.Book);
            if (normalized.EntryNumber != entry.EntryNumber && !errors.ContainsKey("entryNumber"))
            {
                errors["entryNumber"] = [Phrase.Of("quality.decision.otherEntry")];
            }
            if (errors.Count > 0)
            {
                return (null, Refusal.Invalid(errors.ToDictionary(e => "value." + e.Key, e => e.Value)));
            }
            decided = normalized;
        }
        else
        {
            decided = choice == ArbitrationChoice.First ? stored : SecondOf(item, entry);
        }
        // The flag and its reason stay the case's: the arbiter decides the fields of the paper.
        decided = decided with { Id = entry.Id, BookCode = entry.Book!.Code, NeedsVerification = entry.NeedsVerification, VerificationReason = entry.VerificationReason };
        var decidedFields = KeyingComparison.Fields(decided);
        var firstFields = JsonSerializer.Deserialize<Dictionary<string, string?>>(item.FirstAtComparison!, CaseRecorder.Json)!;
        var secondFields = KeyingComparison.Fields(SecondOf(item, entry));
        var changes = CaseSnapshot.Diff(CaseSnapshot.Of(stored), CaseSnapshot.Of(decided));
        var write = new ArbitrationWrite(item.Id, entry.Id, ifMatch ?? entry.Version, decided, entry.Status, TeamAccessUser(user), changes, choice,
            KeyingComparison.Wrong(firstFields, decidedFields), KeyingComparison.Wrong(secondFields, decidedFields), VersionMismatch, NumberTaken);
        await ledger.WriteAsync(write);
        if (write.Refusal is { } refused)
        {
            return (null, refused);
        }
        LogDecided(item.Id, choice, changes.Count);
        var version = await db.CaseEntries.AsNoTracking().Where(e => e.Id == entry.Id).Select(e => e.Version).SingleAsync(ct);
        var fieldsWrong = await db.QualityItems.AsNoTracking().Where(i => i.Id == item.Id).Select(i => i.FieldsWrong).SingleAsync(ct);
        var quality = await db.Books.AsNoTracking().Where(b => b.Id == item.BookId).Select(b => b.Quality).SingleAsync(ct);
        return (new ArbitrationOutcome(item.Id, entry.Id, version, fieldsWrong, quality), null);
    }

    private static string TeamAccessUser(ClaimsPrincipal user) => Teams.TeamAccess.UserId(user)!;

    private static CaseEntryRequest SecondOf(QualityItem item, CaseEntry entry) =>
        JsonSerializer.Deserialize<CaseEntryRequest>(item.Second!, CaseRecorder.Json)! with { Id = entry.Id, BookCode = entry.Book!.Code };

    /// <summary>The item and whether the caller may see it: the pass team's leader and civil-registry officers (deciding: officers only), Admins to read.</summary>
    private async Task<(QualityItem? Item, Refusal? Refusal)> AllowedAsync(long itemId, ClaimsPrincipal user, bool officerOnly, CancellationToken ct)
    {
        var item = await db.QualityItems.AsNoTracking().Include(i => i.Pass).FirstOrDefaultAsync(i => i.Id == itemId, ct);
        if (item is null)
        {
            return (null, Refusal.NotFound(Phrase.Of("title.noSuchItem"), Phrase.Of("quality.noSuchItem", itemId)));
        }
        var reviewer = await CaseReviewer.ForAsync(db, user, item.Pass!.TeamId, ct);
        var allowed = officerOnly ? reviewer.IsOfficer : reviewer.IsOfficer || reviewer.IsLeader || reviewer.IsAdmin;
        return allowed ? (item, null)
            : (null, Refusal.Forbidden(Phrase.Of("title.notAllowed"), Phrase.Of(officerOnly ? "quality.decide.forbidden" : "quality.read.forbidden")));
    }

    private async Task<ArbitrationDetails> DetailsAsync(QualityItem item, CancellationToken ct)
    {
        var entry = await db.CaseEntries.AsNoTracking().Include(e => e.Book).Include(e => e.Clerk).SingleAsync(e => e.Id == item.EntryId, ct);
        var users = await db.Users.AsNoTracking().Where(u => u.Id == item.SecondKeyerId || u.Id == item.DecidedById)
            .Select(u => new { u.Id, u.UserName, u.DisplayName }).ToListAsync(ct);
        var second = users.FirstOrDefault(u => u.Id == item.SecondKeyerId);
        var first = CaseReview.Stored(entry);
        var secondKeying = SecondOf(item, entry);
        var differing = Differing(item.Differing);
        var compared = KeyingComparison.Compare(KeyingComparison.Fields(first), KeyingComparison.Fields(secondKeying));
        return new ArbitrationDetails
        {
            ItemId = item.Id,
            EntryId = entry.Id,
            BookCode = entry.Book!.Code,
            Type = entry.Type,
            EntryNumber = entry.EntryNumber,
            Page = entry.Page,
            State = item.State,
            CaseVersion = entry.Version,
            FirstClerkUserName = entry.Clerk!.UserName ?? "",
            FirstClerkName = entry.Clerk.DisplayName,
            SecondKeyerUserName = second?.UserName ?? "",
            SecondKeyerName = second?.DisplayName ?? "",
            // Marked as compared when keyed; the first column is the case as it stands now.
            Fields = compared.Select(f => f with { Differs = f.Differs || differing.Contains(f.Field) }).ToList(),
            First = first,
            Second = secondKeying,
            Choice = item.Choice,
            DecidedByUserName = users.FirstOrDefault(u => u.Id == item.DecidedById)?.UserName,
            DecidedAt = item.DecidedAt,
        };
    }

    private static HashSet<string> Differing(string? json) => json is null ? [] : JsonSerializer.Deserialize<HashSet<string>>(json) ?? [];

    private static Refusal NotKeyed() => Refusal.Conflict(Phrase.Of("title.notKeyedYet"), Phrase.Of("quality.notKeyedYet"));

    private static Refusal VersionMismatch(int current) =>
        new(StatusCodes.Status412PreconditionFailed, Phrase.Of("title.versionMismatch"), Phrase.Of("review.versionMismatch", current));

    private static readonly Refusal NumberTaken = Refusal.Conflict(Phrase.Of("title.entryNumberUsed"), Phrase.Of("case.entryNumber.loggedOrSkipped"))
        .WithErrors("entryNumber", Phrase.Of("case.entryNumber.loggedOrSkipped"));

    [LoggerMessage(EventId = 9110, Level = LogLevel.Information, Message = "Quality item {ItemId} decided ({Choice}): {Changes} fields of the case changed")]
    private partial void LogDecided(long itemId, ArbitrationChoice choice, int changes);
}
