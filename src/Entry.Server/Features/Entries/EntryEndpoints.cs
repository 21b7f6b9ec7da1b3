namespace Entry.Server.Features.Entries;

public static class EntryEndpoints
{
    public static RouteGroupBuilder MapEntries(this RouteGroupBuilder group)
    {
        group.WithTags("Entries");
        return group;
    }
}
