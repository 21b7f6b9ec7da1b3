using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Entry.NationalDb.Contracts;
using Entry.NationalDb.Faults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Entry.NationalDb.Records;

/// <summary>
/// The national side's records API. Every write carries an <c>Idempotency-Key</c>: the first answer to a key is stored
/// with the record in one transaction and replayed for the same key and body; the same key with another body is a 409.
/// </summary>
public static class RecordEndpoints
{
    public const string KeyHeader = "Idempotency-Key";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static void MapRecords(this WebApplication app)
    {
        var api = app.MapGroup("/api/civil-records");
        api.MapPost("/", Create);
        api.MapPut("/{recordId}", Update);
        api.MapGet("/{recordId}", Get);
        api.MapGet("/", ByBook);
    }

    private static Task<IResult> Create(CivilRecordRequest request, HttpContext http, StubDb db, StubCounters counters, TimeProvider time) =>
        Idempotent(http, db, counters, "POST /api/civil-records", request, async () =>
        {
            if (await db.Records.AsNoTracking().FirstOrDefaultAsync(r => r.SourceId == request.SourceId) is { } held)
            {
                var problem = Problem(409, "Source already recorded", $"Record {held.RecordId} already holds this source id; update it instead.");
                problem.Extensions["recordId"] = held.RecordId;
                return (StatusCodes.Status409Conflict, problem, counters.Conflict);
            }
            var now = time.GetUtcNow();
            var record = new CivilRecord
            {
                RecordId = "HT" + Guid.NewGuid().ToString("N")[..16].ToUpperInvariant(),
                SourceId = request.SourceId,
                Kind = request.Kind!,
                BookCode = request.BookCode!.Trim(),
                EntryNumber = request.EntryNumber,
                Body = JsonSerializer.Serialize(request, Json),
                Version = 1,
                CreatedAt = now,
                UpdatedAt = now,
            };
            db.Records.Add(record);
            return (StatusCodes.Status201Created, Accepted(record), counters.Created);
        });

    private static Task<IResult> Update(string recordId, CivilRecordRequest request, HttpContext http, StubDb db, StubCounters counters, TimeProvider time) =>
        Idempotent(http, db, counters, $"PUT /api/civil-records/{recordId}", request, async () =>
        {
            var record = await db.Records.FirstOrDefaultAsync(r => r.RecordId == recordId);
            if (record is null)
            {
                return (StatusCodes.Status404NotFound, Problem(404, "No such record", $"No record {recordId}."), null);
            }
            if (record.SourceId != request.SourceId || record.BookCode != request.BookCode?.Trim())
            {
                return (StatusCodes.Status422UnprocessableEntity, Validation(new() { ["sourceId"] = ["The source id and book of a record do not change."] }),
                    counters.Rejected);
            }
            record.Kind = request.Kind!;
            record.EntryNumber = request.EntryNumber;
            record.Body = JsonSerializer.Serialize(request, Json);
            record.Version++;
            record.UpdatedAt = time.GetUtcNow();
            return (StatusCodes.Status200OK, Accepted(record), counters.Updated);
        });

    private static async Task<IResult> Get(string recordId, StubDb db) =>
        await db.Records.AsNoTracking().FirstOrDefaultAsync(r => r.RecordId == recordId) is { } record
            ? Results.Text(record.Body, "application/json")
            : Results.Problem($"No record {recordId}.", statusCode: 404, title: "No such record");

    private static async Task<IResult> ByBook([FromQuery] string? bookCode, StubDb db)
    {
        if (string.IsNullOrWhiteSpace(bookCode))
        {
            return Results.ValidationProblem(new Dictionary<string, string[]> { ["bookCode"] = ["The book code is required."] },
                statusCode: StatusCodes.Status422UnprocessableEntity);
        }
        var records = await db.Records.AsNoTracking().Where(r => r.BookCode == bookCode)
            .OrderBy(r => r.EntryNumber)
            .Select(r => new HeldRecord(r.RecordId, r.SourceId, r.EntryNumber, r.Version))
            .ToListAsync();
        return Results.Ok(new BookHoldings(bookCode, records.Count, records));
    }

    /// <summary>Replays a known key, refuses a reused one, validates, then runs the write and stores its answer with it.</summary>
    private static async Task<IResult> Idempotent(HttpContext http, StubDb db, StubCounters counters, string operation, CivilRecordRequest request,
        Func<Task<(int Status, object Body, Action? Committed)>> write)
    {
        var key = http.Request.Headers[KeyHeader].ToString();
        if (key.Length is 0 or > 128)
        {
            return Results.ValidationProblem(new Dictionary<string, string[]> { [KeyHeader] = ["An Idempotency-Key header of 1 to 128 characters is required."] });
        }
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(operation + "\n" + JsonSerializer.Serialize(request, Json))));
        if (await ReplayAsync(db, counters, key, hash) is { } replay)
        {
            return replay;
        }

        var errors = RecordValidation.Validate(request);
        var (status, body, committed) = errors.Count > 0
            ? (StatusCodes.Status422UnprocessableEntity, Validation(errors), counters.Rejected)
            : await write();
        db.Operations.Add(new IdempotentOperation
        {
            Key = key,
            RequestHash = hash,
            StatusCode = status,
            Response = JsonSerializer.Serialize(body, body.GetType(), Json),
            At = DateTimeOffset.UtcNow,
        });
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateException)
        {
            // The same key (or source id) stored by a concurrent twin: answer as it was answered.
            db.ChangeTracker.Clear();
            return await ReplayAsync(db, counters, key, hash)
                ?? Results.Problem("A concurrent request holds this source id; retry.", statusCode: 409, title: "Conflict");
        }
        committed?.Invoke();
        return Results.Json(body, Json, statusCode: status);
    }

    private static async Task<IResult?> ReplayAsync(StubDb db, StubCounters counters, string key, string hash)
    {
        var first = await db.Operations.AsNoTracking().FirstOrDefaultAsync(o => o.Key == key);
        if (first is null)
        {
            return null;
        }
        if (first.RequestHash != hash)
        {
            counters.Conflict();
            return Results.Problem("This Idempotency-Key was used with a different request.", statusCode: 409, title: "Idempotency key reused");
        }
        counters.Replayed();
        return Results.Text(first.Response, first.StatusCode >= 400 ? "application/problem+json" : "application/json", Encoding.UTF8, first.StatusCode);
    }

    private static CivilRecordAccepted Accepted(CivilRecord record) =>
        new(record.RecordId, record.SourceId, record.BookCode, record.EntryNumber, record.Version, record.UpdatedAt);

    private static ProblemDetails Problem(int status, string title, string detail) => new() { Status = status, Title = title, Detail = detail };

    private static HttpValidationProblemDetails Validation(Dictionary<string, string[]> errors) => new(errors)
    {
        Status = StatusCodes.Status422UnprocessableEntity,
        Title = "The record was rejected",
    };
}
