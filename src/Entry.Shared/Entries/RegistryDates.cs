namespace Entry.Shared.Entries;

/// <summary>The dates the inventory and the entry of cases share, so a book the importer accepts can be filled.</summary>
public static class RegistryDates
{
    /// <summary>No civil-registry record in the books predates this: a case before it is refused, and so is a book starting before it.</summary>
    public static readonly DateOnly Earliest = new(1850, 1, 1);
}
