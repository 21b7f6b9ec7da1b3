using Microsoft.Extensions.Logging.Abstractions;
using Quartz.Logging;

namespace Entry.Server.Jobs;

/// <summary>
/// The logger factory Quartz's process-wide <see cref="LogContext"/> points at: it hands out loggers of the most
/// recently started server still running. Quartz would otherwise keep the factory of the first server it saw, and a
/// second server in the same process (the integration tests) fails to start once the first is disposed.
/// With one server per process, this is that server's logger factory.
/// </summary>
internal sealed class QuartzLogging : ILoggerFactory
{
    private static readonly QuartzLogging Instance = new();
    private static readonly Lock Gate = new();
    private static readonly List<ILoggerFactory> Live = [];

    public static void Attach(ILoggerFactory factory)
    {
        lock (Gate)
        {
            Live.Remove(factory);
            Live.Add(factory);
        }
        LogContext.SetCurrentLogProvider(Instance);
    }

    public static void Detach(ILoggerFactory factory)
    {
        lock (Gate)
        {
            Live.Remove(factory);
        }
    }

    public ILogger CreateLogger(string categoryName)
    {
        ILoggerFactory? current;
        lock (Gate)
        {
            current = Live.Count > 0 ? Live[^1] : null;
        }
        try
        {
            return current?.CreateLogger(categoryName) ?? NullLogger.Instance;
        }
        catch (ObjectDisposedException)
        {
            return NullLogger.Instance;
        }
    }

    public void AddProvider(ILoggerProvider provider) => throw new NotSupportedException("Quartz's loggers come from the server's logging configuration.");

    public void Dispose()
    {
    }
}
