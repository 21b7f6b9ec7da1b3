using Microsoft.Extensions.DependencyInjection;

namespace Entry.Client.Sending;

public static class SendingRegistration
{
    /// <summary>The sending queue, one for the app (it outlives the entry page), over the browser's IndexedDB.</summary>
    public static IServiceCollection AddSending(this IServiceCollection services)
    {
        services.AddSingleton(new SendingSchedule());
        services.AddScoped<ISendStore, IndexedDbSendStore>();
        services.AddScoped<SendingQueue>();
        services.AddScoped<PendingWork>();
        services.AddScoped<LinkWatch>();
        return services;
    }
}
