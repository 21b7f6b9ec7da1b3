using Quartz;
using Quartz.Logging;

namespace Entry.Server.Jobs;

/// <summary>
/// Ties Quartz's process-wide state to this server. Quartz 3 keeps its clock (<see cref="SystemTime"/>) and its log
/// provider (<see cref="LogContext"/>) in statics; with one server per process that is harmless, but the integration
/// tests start several servers in one process. Registered before the Quartz hosted service.
/// </summary>
internal sealed class QuartzHostBinding : IHostedLifecycleService
{
    private readonly TimeProvider time;
    private readonly ILoggerFactory loggerFactory;
    private Func<DateTimeOffset>? previousUtcNow;
    private Func<DateTimeOffset>? previousNow;
    private Func<DateTimeOffset>? utcNow;

    public QuartzHostBinding(TimeProvider time, ILoggerFactory loggerFactory)
    {
        this.time = time;
        this.loggerFactory = loggerFactory;
        // Hosted services are built in order before any starts, and building the Quartz one already logs:
        // the constructor is the only hook before that.
        QuartzLogging.Attach(loggerFactory);
    }

    // Starting runs before any hosted service's StartAsync, so before the scheduler builds its triggers.
    public Task StartingAsync(CancellationToken cancellationToken)
    {
        QuartzLogging.Attach(loggerFactory);
        // Only a test clock is handed over: the system clock is Quartz's default already, and leaving the static alone
        // keeps servers on the real clock from depending on one another. A test clock moves the scheduler with it.
        if (!ReferenceEquals(time, TimeProvider.System))
        {
            previousUtcNow = SystemTime.UtcNow;
            previousNow = SystemTime.Now;
            utcNow = time.GetUtcNow;
            SystemTime.UtcNow = utcNow;
            SystemTime.Now = time.GetLocalNow;
        }
        return Task.CompletedTask;
    }

    // Quartz points its log provider at this server's logger factory while it starts: take it back.
    public Task StartedAsync(CancellationToken cancellationToken)
    {
        QuartzLogging.Attach(loggerFactory);
        return Task.CompletedTask;
    }

    public Task StoppedAsync(CancellationToken cancellationToken)
    {
        QuartzLogging.Detach(loggerFactory);
        if (utcNow is not null && SystemTime.UtcNow == utcNow)
        {
            SystemTime.UtcNow = previousUtcNow!;
            SystemTime.Now = previousNow!;
        }
        return Task.CompletedTask;
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
