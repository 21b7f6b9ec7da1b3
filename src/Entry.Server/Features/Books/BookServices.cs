namespace Entry.Server.Features.Books;

public static class BookServices
{
    /// <summary>The inventory's importer (also used by the command line and the demo seeder).</summary>
    public static IServiceCollection AddBooks(this IServiceCollection services)
    {
        services.AddScoped<BookImporter>();
        return services;
    }
}
