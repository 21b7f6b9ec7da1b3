using System.Globalization;
using System.Text;
using System.Text.Json;
using Entry.NationalDb.Contracts;
using Entry.NationalDb.Faults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Entry.NationalDb.Records;

/// <summary>
/// The national side's records API. Every write carries an idempotency key — the <c>Idempotency-Key</c> header of a
/// single write, each item's own key in a batch: the first answer to a key is stored with the record in one transaction
/// and replayed for the same key and body; the same key with another body is a 409 (<see cref="RecordWriter"/>).
/// </summary>
public static class RecordEndpoints
{
    public const string KeyHeader = "Idempotency-Key";
    public const int MaxKeyLength = 128;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static void MapRecords(this WebApplication app)
    {
        var api = app.MapGroup("/api/civil-records").WithTags("Civil records");
        api.MapPost("/", Create)
            .WithSummary("Create a record")
            .WithDescription("Idempotency-Key header (1 to 128 characters) required. 201 created; the same key and body again replays " +
                "the first answer; 409 with recordId when the source id is already recorded under another key; 409 when the key " +
                "was used with another body; 422 with field errors.")
            .Produces<CivilRecordAccepted>(StatusCodes.Status201Created)
            .ProducesValidationProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);
        api.MapPut("/{recordId}", Update)
            .WithSummary("Update a record")
            .WithDescription("Idempotency-Key header required. 200 with the new version; 404 for an unknown record; 422 with field " +
                "errors (the source id and the book of a record do not change); replays and key reuse as for a create.")
            .Produces<CivilRecordAccepted>()
            .ProducesValidationProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);
        api.MapPost("/batch", Batch)
            .WithSummary("Create and update many records in one request")
            .WithDescription(
                "1 to 1,000 writes, each with its own idempotencyKey (and recordId when it updates " +
                "that record). 200 with results[i] answering records[i]: the status and body the single-record endpoint answers for " +
                "that write (201/200 accepted or replayed, 409, 422, 404), or 400 for an item without a key or a record (not stored). " +
                "The batch is stored in one transaction: all of its answers or none. A failure of the whole request (429 or 503 " +
                "with Retry-After, 500, a timeout) answers no item: send the same items again.")
            .Produces<CivilRecordBatchResponse>()
            .ProducesValidationProblem(StatusCodes.Status400BadRequest);
        api.MapGet("/{recordId}", Get).WithSummary("A record as it was last written").Produces<CivilRecordRequest>().ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/", ByBook).WithSummary("What is held of one book").Produces<BookHoldings>().ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);
    }

    private static Task<IResult> Create(CivilRecordRequest request, HttpContext http, StubDb db, RecordWriter writer, StubCounters counters) =>
        WriteOneAsync(new RecordWrite(KeyOf(http) ?? "", null, request), db, writer, counters);

    private static Task<IResult> Update(string recordId, CivilRecordRequest request, HttpContext http, StubDb db, RecordWriter writer, StubCounters counters) =>
        WriteOneAsync(new RecordWrite(KeyOf(http) ?? "", recordId, request), db, writer, counters);

    private static async Task<IResult> WriteOneAsync(RecordWrite write, StubDb db, RecordWriter writer, StubCounters counters)
    {
        counters.Request(batch: false);
        return write.Key.Length == 0 ? MissingKey() : Answer((await writer.WriteAsync(db, [write]))[0]);
    }

    private static async Task<IResult> Batch(CivilRecordBatchRequest request, StubDb db, RecordWriter writer, StubCounters counters)
    {
        counters.Request(batch: true);
        if (request.Records is not { Count: > 0 and <= CivilRecordBatchRequest.MaxRecords } items)
        {
            return Results.ValidationProblem(new Dictionary<string, string[]>
            {
                ["records"] = [string.Create(CultureInfo.InvariantCulture, $"A batch holds 1 to {CivilRecordBatchRequest.MaxRecords} records.")],
            });
        }
        var results = new CivilRecordBatchResult[items.Count];
        var writes = new List<RecordWrite>(items.Count);
        var positions = new List<int>(items.Count);
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            var path = string.Create(CultureInfo.InvariantCulture, $"records[{i}]");
            var errors = new Dictionary<string, string[]>();
            if (item?.IdempotencyKey is not { Length: > 0 and <= MaxKeyLength })
            {
                errors[$"{path}.idempotencyKey"] = ["An idempotency key of 1 to 128 characters is required."];
            }
            if (item?.Record is null)
            {
                errors[$"{path}.record"] = ["The record is required."];
            }
            if (errors.Count > 0)
            {
                results[i] = new CivilRecordBatchResult
                {
                    IdempotencyKey = item?.IdempotencyKey,
                    Status = StatusCodes.Status400BadRequest,
                    Problem = new RecordProblem { Status = 400, Title = "The write is incomplete", Errors = errors },
                };
                continue;
            }
            writes.Add(new RecordWrite(item!.IdempotencyKey!, item.RecordId, item.Record!));
            positions.Add(i);
        }
        var answers = writes.Count > 0 ? await writer.WriteAsync(db, writes) : [];
        for (var j = 0; j < answers.Length; j++)
        {
            results[positions[j]] = Result(writes[j].Key, answers[j]);
        }
        return Results.Ok(new CivilRecordBatchResponse(results));
    }

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

    private static string? KeyOf(HttpContext http) =>
        http.Request.Headers[KeyHeader].ToString() is { Length: > 0 and <= MaxKeyLength } key ? key : null;

    private static IResult MissingKey() =>
        Results.ValidationProblem(new Dictionary<string, string[]> { [KeyHeader] = ["An Idempotency-Key header of 1 to 128 characters is required."] });

    private static IResult Answer(WriteAnswer answer) =>
        Results.Text(answer.Body, answer.IsProblem ? "application/problem+json" : "application/json", Encoding.UTF8, answer.Status);

    /// <summary>A write's answer as a batch item: the same status and body, typed.</summary>
    private static CivilRecordBatchResult Result(string key, WriteAnswer answer) => new()
    {
        IdempotencyKey = key,
        Status = answer.Status,
        Accepted = answer.IsProblem ? null : JsonSerializer.Deserialize<CivilRecordAccepted>(answer.Body, Json),
        Problem = answer.IsProblem ? JsonSerializer.Deserialize<RecordProblem>(answer.Body, Json) : null,
    };
}
