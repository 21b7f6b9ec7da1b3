namespace Entry.Server.Features.Assignment;

public static class AssignmentEndpoints
{
    public static RouteGroupBuilder MapAssignment(this RouteGroupBuilder group)
    {
        group.WithTags("Assignment");
        return group;
    }
}
