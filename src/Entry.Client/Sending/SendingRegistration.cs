using Microsoft.Extensions.DependencyInjection;

namespace Entry.Client.Sending;

public static class SendingRegistration
{
    /// <summary>The sending queue, one for the app (it outlives the entry page), over the in-memory store.</summary>
    public static IServiceCollection AddSending(this IServiceCollection services)
    {
        services.AddSingleton(new SendingSchedule());
        services.AddScoped<ISendStore, InMemorySendStore>();
        services.AddScoped<SendingQueue>();
        return services;
    }
}
