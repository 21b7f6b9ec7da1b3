namespace Entry.Server.Features.Entries;

public static class EntryServices
{
    public static IServiceCollection AddEntries(this IServiceCollection services) => services.AddScoped<EntryRecorder>().AddScoped<SkipRecorder>().AddScoped<CaseReview>();
}
