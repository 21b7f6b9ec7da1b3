using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Entry.NationalDb.Contracts;
using Entry.NationalDb.Faults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Entry.NationalDb.Records;

/// <summary>One write: a create (no <see cref="RecordId"/>) or an update of that record, under its idempotency key.</summary>
public sealed record RecordWrite(string Key, string? RecordId, CivilRecordRequest Record);

/// <summary>The answer to one write: its status and the JSON body the records API answers for it.</summary>
public sealed record WriteAnswer(int Status, string Body)
{
    public bool IsProblem => Status >= 400;
}

/// <summary>
/// The one place the stub writes records, for a single write and for a batch alike, so both answer the same. The first
/// answer to a key is stored with the record and replayed for the same key and body; the same key with another body is
/// a 409. A batch is one transaction: the keys, the source ids and the records it names are read in one query each, its
/// records and answers inserted together. Writes are taken one batch at a time (SQLite has one writer anyway), so two
/// requests carrying the same key never race: the later one finds the first one's answer.
/// </summary>
public sealed class RecordWriter(StubCounters counters, TimeProvider time)
{
    public const string CreateOperation = "POST /api/civil-records";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly SemaphoreSlim writer = new(1, 1);

    public static string UpdateOperation(string recordId) => $"PUT /api/civil-records/{recordId}";

    public async Task<WriteAnswer[]> WriteAsync(StubDb db, IReadOnlyList<RecordWrite> writes)
    {
        var bodies = new string[writes.Count];
        var hashes = new string[writes.Count];
        for (var i = 0; i < writes.Count; i++)
        {
            bodies[i] = JsonSerializer.Serialize(writes[i].Record, Json);
            var operation = writes[i].RecordId is { } recordId ? UpdateOperation(recordId) : CreateOperation;
            hashes[i] = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(operation + "\n" + bodies[i])));
        }
        var answers = new WriteAnswer[writes.Count];
        var committed = new List<Action>(writes.Count);

        // A write that has begun is finished even if its client gives up: the answer may be lost, never the write.
        await writer.WaitAsync(CancellationToken.None);
        try
        {
            await using var tx = await db.Database.BeginTransactionAsync(CancellationToken.None);
            var keys = writes.Select(w => w.Key).Distinct().ToList();
            var operations = await db.Operations.AsNoTracking().Where(o => keys.Contains(o.Key)).ToDictionaryAsync(o => o.Key, StringComparer.Ordinal);
            var sources = writes.Where(w => w.RecordId is null).Select(w => w.Record.SourceId).Distinct().ToList();
            var bySource = await db.Records.Where(r => sources.Contains(r.SourceId)).ToDictionaryAsync(r => r.SourceId);
            var ids = writes.Where(w => w.RecordId is not null).Select(w => w.RecordId!).Distinct().ToList();
            var byId = await db.Records.Where(r => ids.Contains(r.RecordId)).ToDictionaryAsync(r => r.RecordId, StringComparer.Ordinal);
            var now = time.GetUtcNow();

            for (var i = 0; i < writes.Count; i++)
            {
                var write = writes[i];
                if (operations.TryGetValue(write.Key, out var first))
                {
                    if (first.RequestHash == hashes[i])
                    {
                        committed.Add(counters.Replayed);
                        answers[i] = new WriteAnswer(first.StatusCode, first.Response);
                    }
                    else
                    {
                        committed.Add(counters.Conflict);
                        answers[i] = Answer(409, Problem(409, "Idempotency key reused", "This Idempotency-Key was used with a different request."));
                    }
                    continue;
                }

                var (status, body, counted) = Decide(db, write, bodies[i], bySource, byId, now);
                answers[i] = Answer(status, body);
                if (counted is not null)
                {
                    committed.Add(counted);
                }
                var operation = new IdempotentOperation
                {
                    Key = write.Key, RequestHash = hashes[i], StatusCode = status, Response = answers[i].Body, At = now,
                };
                db.Operations.Add(operation);
                operations[write.Key] = operation;
            }
            await db.SaveChangesAsync(CancellationToken.None);
            await tx.CommitAsync(CancellationToken.None);
        }
        finally
        {
            db.ChangeTracker.Clear();
            writer.Release();
        }
        foreach (var count in committed)
        {
            count();
        }
        return answers;
    }

    /// <summary>What a write not seen before does: validated, then created or applied to its record.</summary>
    private (int Status, object Body, Action? Counted) Decide(StubDb db, RecordWrite write, string body, Dictionary<Guid, CivilRecord> bySource,
        Dictionary<string, CivilRecord> byId, DateTimeOffset now)
    {
        var request = write.Record;
        var errors = RecordValidation.Validate(request);
        if (errors.Count > 0)
        {
            return (422, Validation(errors), counters.Rejected);
        }
        if (write.RecordId is not { } recordId)
        {
            if (bySource.TryGetValue(request.SourceId, out var held))
            {
                var problem = Problem(409, "Source already recorded", $"Record {held.RecordId} already holds this source id; update it instead.");
                problem.Extensions["recordId"] = held.RecordId;
                return (409, problem, counters.Conflict);
            }
            var created = new CivilRecord
            {
                RecordId = "HT" + Guid.NewGuid().ToString("N")[..16].ToUpperInvariant(),
                SourceId = request.SourceId,
                Kind = request.Kind!,
                BookCode = request.BookCode!.Trim(),
                EntryNumber = request.EntryNumber,
                Body = body,
                Version = 1,
                CreatedAt = now,
                UpdatedAt = now,
            };
            db.Records.Add(created);
            bySource[created.SourceId] = created;
            byId[created.RecordId] = created;
            return (201, Accepted(created), counters.Created);
        }

        if (!byId.TryGetValue(recordId, out var record))
        {
            return (404, Problem(404, "No such record", $"No record {recordId}."), null);
        }
        if (record.SourceId != request.SourceId || record.BookCode != request.BookCode?.Trim())
        {
            return (422, Validation(new() { ["sourceId"] = ["The source id and book of a record do not change."] }), counters.Rejected);
        }
        record.Kind = request.Kind!;
        record.EntryNumber = request.EntryNumber;
        record.Body = body;
        record.Version++;
        record.UpdatedAt = now;
        return (200, Accepted(record), counters.Updated);
    }

    private static WriteAnswer Answer(int status, object body) => new(status, JsonSerializer.Serialize(body, body.GetType(), Json));

    private static CivilRecordAccepted Accepted(CivilRecord record) =>
        new(record.RecordId, record.SourceId, record.BookCode, record.EntryNumber, record.Version, record.UpdatedAt);

    private static ProblemDetails Problem(int status, string title, string detail) => new() { Status = status, Title = title, Detail = detail };

    private static HttpValidationProblemDetails Validation(Dictionary<string, string[]> errors) => new(errors)
    {
        Status = StatusCodes.Status422UnprocessableEntity,
        Title = "The record was rejected",
    };
}
