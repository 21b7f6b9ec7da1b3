namespace Entry.Shared.Entries;

/// <summary>
/// A case or skip that reached the server after its clerk's claim and was refused by the late-arrivals rule; it waits in
/// the clerk's browser queue. <c>GET /api/teams/{teamId}/refused-submissions</c> (the team's leader, Admins; a clerk of the
/// team their own) and <c>GET /api/entries/refused</c> (the clerk's own). No case data: the book, the entry number, when it
/// was typed, and <see cref="Reason"/>, the refusal's stable code: <c>typed_outside_claim</c>, <c>typed_without_claim</c>,
/// <c>typed_in_future</c>, <c>typed_too_long_ago</c>, <c>typed_claim_team_left</c>, <c>entry_number_taken</c>.
/// </summary>
public sealed record RefusedSubmissionItem(
    Guid Id,
    string Kind,
    string BookCode,
    int EntryNumber,
    DateTimeOffset TypedAt,
    string Reason,
    string ClerkUserName,
    string ClerkName,
    DateTimeOffset FirstRefusedAt,
    DateTimeOffset LastRefusedAt,
    int Attempts);
