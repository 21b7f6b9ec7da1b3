using Entry.Benchmarks;

// The project's own benchmark tool: run it in Release, e.g.
//   dotnet run -c Release --project tests/Entry.Benchmarks -- import 5
//   dotnet run -c Release --project tests/Entry.Benchmarks -- startup 3
//   dotnet run -c Release --project tests/Entry.Benchmarks -- plan 5
//   dotnet run -c Release --project tests/Entry.Benchmarks -- scaleout [clerks=48] [seconds=30] [dashboards=20] [--runs 1]
//   dotnet run -c Release --project tests/Entry.Benchmarks -- entries [clerks=48] [seconds=30] [dashboards=100] [--runs 1] [--sampling on|off|both]
//   dotnet run -c Release --project tests/Entry.Benchmarks -- replay [--books all]
//   dotnet run -c Release --project tests/Entry.Benchmarks -- national [clerks=16] [seconds=30] [outageSeconds=300] [backlog=100000]
//   dotnet run -c Release --project tests/Entry.Benchmarks -- dashboard [runs=5]
//   dotnet run -c Release --project tests/Entry.Benchmarks -- firstvisit [runs=3] [--config release|run] [--baseline on|off] [--timeline on]
var positional = new List<string>();
var options = new Dictionary<string, string>(StringComparer.Ordinal);
for (var i = 0; i < args.Length; i++)
{
    if (args[i].StartsWith("--", StringComparison.Ordinal) && args[0] != BareEndpoint.Command)
    {
        options[args[i][2..]] = i + 1 < args.Length ? args[++i] : "";
    }
    else
    {
        positional.Add(args[i]);
    }
}
var command = positional.FirstOrDefault() ?? "all";
var runs = positional.Count > 1 && int.TryParse(positional[1], out var n) ? n : 5;
switch (command)
{
    case BareEndpoint.Command:
        await BareEndpoint.ServeAsync(args[1..]);
        break;
    case "import":
        await ImportBenchmark.RunAsync(runs);
        break;
    case "startup":
        await StartupBenchmark.RunAsync(runs);
        break;
    case "plan":
        await PlanBenchmark.RunAsync(runs);
        break;
    case "entries":
        await EntryLoadBenchmark.RunAsync(Argument(1, 48), Argument(2, 30), Argument(3, 100), Option("runs", 1),
            options.GetValueOrDefault("sampling", "on"));
        break;
    case "scaleout":
        await ScaleOutBenchmark.RunAsync(Argument(1, 48), Argument(2, 30), Argument(3, 20), Option("runs", 1));
        break;
    case "replay":
        await ReplayBenchmark.RunAsync(Option("books", int.MaxValue));
        break;
    case "national":
        await NationalBenchmark.RunAsync(Argument(1, 16), Argument(2, 30), Argument(3, 300), Argument(4, 100_000));
        break;
    case "dashboard":
        await DashboardBenchmark.RunAsync(runs);
        break;
    case "firstvisit":
        FirstVisitBenchmark.PrintTimeline = options.ContainsKey("timeline");
        await FirstVisitBenchmark.RunAsync(positional.Count > 1 ? runs : 3, options.GetValueOrDefault("config", "release"),
            baseline: options.GetValueOrDefault("baseline", "on") != "off");
        break;
    case "all":
        await ImportBenchmark.RunAsync(runs);
        Console.WriteLine();
        await StartupBenchmark.RunAsync(Math.Min(runs, 3));
        Console.WriteLine();
        await PlanBenchmark.RunAsync(runs);
        break;
    default:
        Console.Error.WriteLine("usage: Entry.Benchmarks [import|startup|plan|all] [runs] | entries [clerks] [seconds] [dashboards] [--runs n] [--sampling on|off|both] " +
            "| replay [--books n] | national [clerks] [seconds] [outageSeconds] [backlog] | dashboard [runs] | firstvisit [runs] [--config release|run] [--baseline on|off] [--timeline on]");
        return 2;
}
return 0;

int Argument(int index, int fallback) => positional.Count > index && int.TryParse(positional[index], out var value) && value > 0 ? value : fallback;

int Option(string name, int fallback) => options.TryGetValue(name, out var text) && int.TryParse(text, out var value) && value > 0 ? value : fallback;
