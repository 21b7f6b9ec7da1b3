using System.Diagnostics;

namespace Entry.Server.Tests.Operations;

/// <summary>One command of the server's command line (<c>backup</c>, <c>restore</c>…) run as its own process, as an operator runs it.</summary>
internal static class EntryCommand
{
    public sealed record Outcome(int ExitCode, string Output, string Error)
    {
        public override string ToString() => $"exit {ExitCode}\n{Output}\n{Error}";
    }

    public static async Task<Outcome> RunAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Entry.Server.dll"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        start.Environment.Remove("ASPNETCORE_URLS");
        start.Environment.Remove("DOTNET_STARTUP_HOOKS");
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"entry {string.Join(' ', arguments)} did not finish within 2 minutes:\n{await output}\n{await error}");
        }
        return new Outcome(process.ExitCode, await output, await error);
    }
}
