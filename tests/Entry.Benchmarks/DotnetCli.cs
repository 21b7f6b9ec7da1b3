using System.Diagnostics;

namespace Entry.Benchmarks;

/// <summary>The <c>dotnet</c> command the tools publish and create projects with: it must succeed, or its output is the error.</summary>
internal static class DotnetCli
{
    public static async Task RunAsync(string? workingDirectory, params string[] arguments)
    {
        using var process = Process.Start(new ProcessStartInfo("dotnet", arguments)
        {
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"dotnet {string.Join(' ', arguments)} failed:\n{await output}{await error}");
        }
    }
}
