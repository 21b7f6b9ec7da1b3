namespace Entry.Server.Features.Shifts;

public static class ShiftEndpoints
{
    public static RouteGroupBuilder MapShifts(this RouteGroupBuilder group)
    {
        group.WithTags("Shifts");
        return group;
    }
}
