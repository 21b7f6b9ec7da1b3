using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Entry.Server.Features.National;

public enum NationalMessageState
{
    Pending = 0,
    Delivered = 1,
    Rejected = 2,
    /// <summary>
    /// A version of a case flagged "needs verification": not due, never sent, until the case's verification (or a
    /// correction that clears the flag) replaces it with a pending message of the version it leaves. Held rows lie in
    /// their own range of the (State, NextAttemptAt) index, so the dispatcher's due query never reads them.
    /// </summary>
    Held = 3,
}

/// <summary>
/// The outbox: one message per version of a case to send to the national database, stored in the case's own
/// transaction. Its payload is fixed when stored, so every retry under its idempotency key sends the same bytes.
/// A flagged case's message is stored held (<see cref="NationalMessageState.Held"/>); a case has at most one held message.
/// </summary>
public sealed class NationalMessage
{
    public long Id { get; init; }
    public required Guid CaseId { get; init; }
    public required int CaseVersion { get; init; }
    /// <summary><c>{case id}-v{version}</c>: the national side stores a key's first answer and replays it.</summary>
    public required string IdempotencyKey { get; init; }
    /// <summary>The CivilRecordRequest as JSON (personal data: never logged).</summary>
    public required string Payload { get; init; }
    public NationalMessageState State { get; set; }
    public int Attempts { get; set; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required DateTimeOffset NextAttemptAt { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }
    /// <summary>
    /// While set and ahead, one instance is sending this message (taken with <c>FOR UPDATE SKIP LOCKED</c> on PostgreSQL):
    /// the others leave it alone. A lease outlives its instance only until it runs out; then another sends it again, under
    /// the same idempotency key.
    /// </summary>
    public DateTimeOffset? LeasedUntil { get; set; }
    /// <summary>The last failure as a status and title — never the payload.</summary>
    public string? LastError { get; set; }
}

internal sealed class NationalMessageConfiguration : IEntityTypeConfiguration<NationalMessage>
{
    public void Configure(EntityTypeBuilder<NationalMessage> message)
    {
        message.ToTable("NationalOutbox");
        message.HasIndex(m => new { m.State, m.NextAttemptAt });
        message.HasIndex(m => m.CaseId);
        message.HasIndex(m => m.IdempotencyKey).IsUnique();
        message.Property(m => m.IdempotencyKey).HasMaxLength(64);
        message.Property(m => m.LastError).HasMaxLength(300);
        // Stored as sortable numbers: the dispatcher compares and orders by these times (SQLite cannot, on text).
        message.Property(m => m.NextAttemptAt).HasConversion(new DateTimeOffsetToBinaryConverter());
        message.Property(m => m.CreatedAt).HasConversion(new DateTimeOffsetToBinaryConverter());
        message.Property(m => m.LeasedUntil).HasConversion(new DateTimeOffsetToBinaryConverter());
    }
}
