namespace Entry.Server.Features.Shifts;

public static class ShiftServices
{
    /// <summary>The shift clock and the scheduler that drives it.</summary>
    public static IServiceCollection AddShifts(this IServiceCollection services, IConfiguration configuration)
    {
        _ = configuration;
        return services;
    }
}
