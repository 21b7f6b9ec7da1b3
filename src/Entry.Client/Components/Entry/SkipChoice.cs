using Entry.Shared.Entries;

namespace Entry.Client.Components.EntryPage;

/// <summary>What the clerk chose in the skip dialog.</summary>
public sealed record SkipChoice(int EntryNumber, SkipReason Reason, string? Note);
