using System.Text;
using Entry.Server.Data;
using Entry.Server.Data.Demo;
using Entry.Server.Features.Auth;
using Entry.Server.Features.Books;
using Entry.Server.Features.Units;
using Microsoft.EntityFrameworkCore;

namespace Entry.Server.Cli;

/// <summary>
/// Commands run instead of the web server:
/// <c>import-books FILE</c>, <c>export-books FILE</c>, <c>export-demo-inventory FILE</c>, <c>unlock-user NAME</c> (lifts a
/// sign-in lockout, e.g. of the only Admin, without waiting for it to run out), <c>backup [FILE]</c> and <c>restore FILE</c>
/// (see <see cref="BackupCommands"/>). Settings (<c>--Entry:DataDirectory DIR</c>) may stand before or after the command.
/// </summary>
public static class CommandLine
{
    private static readonly string[] Commands = ["import-books", "export-books", "export-demo-inventory", "unlock-user", "backup", "restore"];

    public static bool IsCommand(IReadOnlyList<string> words) => words.Count > 0 && Commands.Contains(words[0]);

    /// <summary>Runs the command of <paramref name="args"/> (the words of the command line, settings left out); the exit code.</summary>
    public static async Task<int> RunAsync(WebApplication app, IReadOnlyList<string> args)
    {
        var optionalFile = args[0] == "backup";
        if (args.Count != 2 && !(optionalFile && args.Count == 1))
        {
            await Console.Error.WriteLineAsync($"usage: {args[0]} {(args[0] == "unlock-user" ? "NAME" : optionalFile ? "[FILE]" : "FILE")} [--Setting value ...]");
            return 2;
        }
        await using var scope = app.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var ct = CancellationToken.None;
        if (args[0] is "backup" or "restore")
        {
            // Before any initialisation: a backup runs beside the live server, a restore checks everything before it touches the database.
            return BackupCommands.Run(services, args[0], args.Count == 2 ? Path.GetFullPath(args[1]) : null);
        }
        // Commands are for real data: the demo inventory is not loaded first.
        await services.GetRequiredService<DatabaseInitializer>().InitialiseAsync(loadDemoInventory: false, ct);
        if (args[0] == "unlock-user")
        {
            if (!await services.GetRequiredService<SignInGuard>().UnlockAsync(args[1], ct))
            {
                await Console.Error.WriteLineAsync($"There is no user '{args[1]}'.");
                return 1;
            }
            Console.WriteLine($"Sign-in of '{args[1]}' is unlocked from every address.");
            return 0;
        }
        var file = Path.GetFullPath(args[1]);
        var db = services.GetRequiredService<EntryDb>();

        switch (args[0])
        {
            case "import-books":
                return await ImportAsync(services.GetRequiredService<BookImporter>(), file, ct);
            case "export-books":
                {
                    await using var writer = new StreamWriter(file, false, new UTF8Encoding(true));
                    var rows = db.Books.AsNoTracking().OrderBy(b => b.Id)
                        .Select(b => new BookCsvRow(b.Code, b.UnitCode, b.Type, b.Volume, b.RegisteredFrom, b.RegisteredTo, b.CaseCount, b.Condition))
                        .AsAsyncEnumerable();
                    await BookCsv.WriteAsync(rows, writer, ct);
                    Console.WriteLine($"Wrote the inventory to {file}");
                    return 0;
                }
            default:
                {
                    var units = await db.Units.AsNoTracking().ToListAsync(ct);
                    await using var writer = new StreamWriter(file, false, new UTF8Encoding(true));
                    var rows = DemoInventory.Generate(units);
                    await BookCsv.WriteAsync(BookCsv.ToAsync(rows), writer, ct);
                    Console.WriteLine($"Wrote {rows.Count} demo books ({rows.Sum(r => r.CaseCount)} cases) to {file}");
                    return 0;
                }
        }
    }

    private static async Task<int> ImportAsync(BookImporter importer, string file, CancellationToken ct)
    {
        // The command line speaks English around the reasons, so the reasons are in English too.
        System.Globalization.CultureInfo.CurrentUICulture = System.Globalization.CultureInfo.GetCultureInfo("en");
        await using var stream = File.OpenRead(file);
        var (result, error) = await importer.ImportAsync(stream, ct);
        if (error is not null)
        {
            await Console.Error.WriteLineAsync($"{file}: {error.Reason}");
            return 1;
        }
        foreach (var w in result!.Warnings)
        {
            Console.WriteLine($"line {w.Line} ({w.BookCode}): warning: {w.Reason}");
        }
        foreach (var r in result.Rejected)
        {
            Console.WriteLine($"line {r.Line} ({r.BookCode}): rejected: {r.Reason}");
        }
        Console.WriteLine($"{result.Accepted} books imported, {result.RejectedCount} rows rejected, {result.WarningCount} warnings.");
        return result.RejectedCount == 0 ? 0 : 1;
    }
}
