using System.Globalization;
using System.Security.Claims;
using System.Text.Json;
using Entry.Server.Common;
using Entry.Server.Data;
using Entry.Server.Features.Auth;
using Entry.Server.Features.Cases;
using Entry.Server.Features.Teams;
using Entry.Server.Hosting;
using Entry.Shared.Auth;
using Entry.Shared.Entries;
using Entry.Shared.Quality;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Entry.Server.Features.Quality;

/// <summary>Quality control: the settings, the blind second keying, arbitration, the draws for audit, the figures.</summary>
public static class QualityEndpoints
{
    /// <summary>/api/quality/…</summary>
    public static RouteGroupBuilder MapQuality(this RouteGroupBuilder group)
    {
        group.WithTags("Quality");
        group.MapGet("/settings", GetSettings)
            .RequireRoles(Roles.Admin, Roles.Monitor, Roles.TeamLeader)
            .WithSummary("The quality settings: sample rate, new-clerk rate, adaptive bounds, acceptance threshold.");
        group.MapPut("/settings", PutSettings)
            .RequireRoles(Roles.Admin)
            .ProducesValidationProblem()
            .WithSummary("An Admin sets the quality settings (fractions: 0.05 = 5 %); they apply to books finished from now on.");
        group.MapPost("/books/{bookCode}/claim", Claim)
            .RequireRoles(Roles.Clerk)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("A clerk of the book's team, on the open shift, who keyed none of the drawn entries and is not an arbiter, claims its quality pass.");
        group.MapPost("/books/{bookCode}/release", Release)
            .RequireRoles(Roles.Clerk)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Give a held quality pass back.");
        group.MapGet("/books/{bookCode}", Draws)
            .RequireRoles(Roles.Admin, Roles.Monitor, Roles.TeamLeader)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("A book's quality state and its draws for audit: the seed and rates that reproduce the drawn entry numbers.");
        group.MapGet("/mine", Mine)
            .RequireRoles(Roles.Clerk)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("The quality pass the clerk holds: the entry numbers to key and those keyed (never a value of the first keying).");
        group.MapPost("/entries", Key)
            .RequireRoles(Roles.Clerk)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .WithSummary("The second, blind keying of a drawn entry (the entry form's body); a retry with the same id and body answers 200.");
        group.MapGet("/items/{id:long}", Item)
            .RequireRoles(Roles.Admin, Roles.TeamLeader, Roles.Clerk)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Both keyings of a case side by side with the differing fields marked: the team's leader and civil-registry officers, Admins.");
        group.MapPost("/items/{id:long}/decide", Decide)
            .RequireRoles(Roles.Clerk, Roles.TeamLeader)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .WithSummary("A civil-registry officer of the team decides (If-Match: \"case version\"): the first keying, the second, or the value typed from the book.");
        group.MapGet("/figures", Figures)
            .RequireRoles(Roles.All.ToArray())
            .WithSummary("Fields compared, errors per 1,000 fields, cases arbitrated, books accepted and failed, estimated accuracy: by the caller's scope.");
        return group;
    }

    /// <summary>/api/teams/{teamId}/quality and /arbitration.</summary>
    public static RouteGroupBuilder MapQualityQueues(this RouteGroupBuilder group)
    {
        group.MapGet("/{teamId:int}/quality", Queue)
            .RequireRoles(Roles.All.ToArray())
            .ScopedToTeam()
            .WithTags("Quality")
            .WithSummary("The team's books waiting for their quality pass (or in arbitration), with who holds each; no case values.");
        group.MapGet("/{teamId:int}/arbitration", ArbitrationQueue)
            .RequireRoles(Roles.Admin, Roles.TeamLeader, Roles.Clerk)
            .ScopedToTeam()
            .WithTags("Quality")
            .WithSummary("The team's cases whose two keyings differ, oldest first: its leader, its civil-registry officers, Admins.");
        return group;
    }

    private static async Task<Ok<QualitySettingsDto>> GetSettings(EntryDb db, CancellationToken ct) =>
        TypedResults.Ok(await QualitySettingsStore.ReadAsync(db, ct));

    private static async Task<Results<Ok<QualitySettingsDto>, ProblemHttpResult>> PutSettings(QualitySettingsDto settings, EntryDb db, TimeProvider time,
        CancellationToken ct)
    {
        var errors = QualitySettingsStore.Check(settings);
        if (errors.Count > 0)
        {
            return Refusal.Invalid(errors).ToProblem();
        }
        await QualitySettingsStore.SaveAsync(db, settings, time.GetUtcNow(), ct);
        return TypedResults.Ok(await QualitySettingsStore.ReadAsync(db, ct));
    }

    private static async Task<Results<Ok<HeldQualityPass>, ProblemHttpResult>> Claim(string bookCode, ClaimsPrincipal user, SecondKeying keying, CancellationToken ct)
    {
        var (pass, refusal) = await keying.ClaimAsync(TeamAccess.UserId(user)!, bookCode, ct);
        return refusal is not null ? refusal.ToProblem() : TypedResults.Ok(pass!);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Release(string bookCode, ClaimsPrincipal user, SecondKeying keying, CancellationToken ct) =>
        await keying.ReleaseAsync(TeamAccess.UserId(user)!, bookCode, ct) is { } refusal ? refusal.ToProblem() : TypedResults.NoContent();

    private static async Task<Results<Ok<HeldQualityPass>, ProblemHttpResult>> Mine(ClaimsPrincipal user, SecondKeying keying, CancellationToken ct) =>
        await keying.HeldAsync(TeamAccess.UserId(user)!, ct) is { } pass
            ? TypedResults.Ok(pass)
            : Refusal.NotFound(Phrase.Of("title.noBookHeld"), Phrase.Of("quality.noPassHeld")).ToProblem();

    private static async Task<Results<Created<SecondKeyingResult>, Ok<SecondKeyingResult>, ProblemHttpResult>> Key(
        CaseEntryRequest request, ClaimsPrincipal user, SecondKeying keying, CancellationToken ct)
    {
        var (result, replay, refusal) = await keying.KeyAsync(request, TeamAccess.UserId(user)!, ct);
        return refusal is not null ? refusal.ToProblem()
            : replay ? TypedResults.Ok(result!)
            : TypedResults.Created($"/api/quality/mine", result!);
    }

    private static async Task<Results<Ok<ArbitrationDetails>, ProblemHttpResult>> Item(long id, ClaimsPrincipal user, Arbitration arbitration, CancellationToken ct)
    {
        var (details, refusal) = await arbitration.GetAsync(id, user, ct);
        return refusal is not null ? refusal.ToProblem() : TypedResults.Ok(details!);
    }

    private static async Task<Results<Ok<ArbitrationOutcome>, ProblemHttpResult>> Decide(long id, ArbitrationDecision decision,
        [FromHeader(Name = "If-Match")] string? ifMatch, ClaimsPrincipal user, Arbitration arbitration, CancellationToken ct)
    {
        if (!TryVersion(ifMatch, out var version))
        {
            return Refusal.Invalid("If-Match", Phrase.Of("review.ifMatch")).ToProblem();
        }
        var (outcome, refusal) = await arbitration.DecideAsync(id, decision, version, user, ct);
        return refusal is not null ? refusal.ToProblem() : TypedResults.Ok(outcome!);
    }

    private static async Task<Ok<QualityFigures>> Figures(ClaimsPrincipal user, QualityFigureBuilder figures, CancellationToken ct) =>
        TypedResults.Ok(await figures.ForAsync(user, ct));

    private static async Task<Results<Ok<List<QualityQueueItem>>, ProblemHttpResult, ForbidHttpResult>> Queue(int teamId, ClaimsPrincipal user,
        TeamAccess access, EntryDb db, CancellationToken ct)
    {
        var scope = await access.ForAsync(user, teamId, ct);
        if (!scope.Exists)
        {
            return TeamRefusals.NotFound(teamId).ToProblem();
        }
        if (!scope.CanRead)
        {
            return TypedResults.Forbid();
        }
        return TypedResults.Ok(await QualityQueue.ReadAsync(db, teamId, ct));
    }

    private static async Task<Results<Ok<List<ArbitrationItem>>, ProblemHttpResult>> ArbitrationQueue(int teamId, ClaimsPrincipal user, TeamAccess access,
        EntryDb db, Arbitration arbitration, CancellationToken ct)
    {
        if (await ReviewQueueAccess.RefusalAsync(access, db, user, teamId, Phrase.Of("queue.arbitration"), ct) is { } refusal)
        {
            return refusal;
        }
        return TypedResults.Ok(await arbitration.QueueAsync(teamId, ct));
    }

    private static async Task<Results<Ok<BookQualityRecord>, ProblemHttpResult>> Draws(string bookCode, ClaimsPrincipal user, EntryDb db,
        MonitorAreas areas, CancellationToken ct)
    {
        var book = await db.Books.AsNoTracking().Where(b => b.Code == bookCode)
            .Select(b => new { b.Id, b.Code, b.Quality, b.TeamId, b.Unit!.DistrictCode, LeaderId = db.Teams.Where(t => t.Id == b.TeamId).Select(t => t.LeaderId).FirstOrDefault() })
            .FirstOrDefaultAsync(ct);
        if (book is null)
        {
            return Refusal.NotFound(Phrase.Of("title.noSuchBook"), Phrase.Of("book.noSuchBook", bookCode)).ToProblem();
        }
        var area = await areas.OfAsync(user, ct);
        if (!area.MaySeeDistrict(book.DistrictCode) && book.LeaderId != TeamAccess.UserId(user))
        {
            return Refusal.Forbidden(Phrase.Of("title.notAllowed"), Phrase.Of("quality.read.forbidden")).ToProblem();
        }
        var passes = await db.QualityPasses.AsNoTracking().Where(p => p.BookId == book.Id).OrderBy(p => p.Round).ToListAsync(ct);
        var passIds = passes.Select(p => p.Id).ToList();
        var numbers = await db.QualityItems.AsNoTracking().Where(i => passIds.Contains(i.PassId)).Select(i => new { i.PassId, i.EntryNumber }).ToListAsync(ct);
        var clerkIds = passes.SelectMany(p => JsonSerializer.Deserialize<DrawRates>(p.Rates)!.ByClerk.Keys).Distinct().ToList();
        var names = await db.Users.AsNoTracking().Where(u => clerkIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.UserName ?? u.Id, ct);
        return TypedResults.Ok(new BookQualityRecord(book.Code, book.Quality, passes.Select(p =>
        {
            var rates = JsonSerializer.Deserialize<DrawRates>(p.Rates)!;
            return new QualityDrawRecord(p.Round, p.Full, p.Seed, rates.ByClerk.ToDictionary(r => names.GetValueOrDefault(r.Key, r.Key), r => r.Value),
                rates.NewClerkRate, rates.NewClerkEntries, numbers.Where(n => n.PassId == p.Id).Select(n => n.EntryNumber).Order().ToList(), p.State,
                p.FieldsCompared, p.FieldsWrong, p.DrawnAt);
        }).ToList()));
    }

    /// <summary>An absent header or <c>*</c> asks for no check; otherwise the version, quoted or not (a weak <c>W/</c> prefix is ignored).</summary>
    private static bool TryVersion(string? ifMatch, out int? version)
    {
        version = null;
        var value = ifMatch?.Trim();
        if (string.IsNullOrEmpty(value) || value == "*")
        {
            return true;
        }
        if (value.StartsWith("W/", StringComparison.Ordinal))
        {
            value = value[2..];
        }
        if (int.TryParse(value.Trim('"'), NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
        {
            version = parsed;
            return true;
        }
        return false;
    }
}
