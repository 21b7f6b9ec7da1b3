using Entry.Benchmarks;

// The project's own benchmark tool: run it in Release, e.g.
//   dotnet run -c Release --project tests/Entry.Benchmarks -- import 5
//   dotnet run -c Release --project tests/Entry.Benchmarks -- startup 3
//   dotnet run -c Release --project tests/Entry.Benchmarks -- plan 5
//   dotnet run -c Release --project tests/Entry.Benchmarks -- entries [clerks=48] [seconds=30] [dashboards=100]
//   dotnet run -c Release --project tests/Entry.Benchmarks -- national [clerks=16] [seconds=30] [outageSeconds=300] [backlog=100000]
//   dotnet run -c Release --project tests/Entry.Benchmarks -- dashboard [runs=5]
var command = args.FirstOrDefault() ?? "all";
var runs = args.Length > 1 && int.TryParse(args[1], out var n) ? n : 5;
switch (command)
{
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
        await EntryLoadBenchmark.RunAsync(Argument(1, 48), Argument(2, 30), Argument(3, 100));
        break;
    case "national":
        await NationalBenchmark.RunAsync(Argument(1, 16), Argument(2, 30), Argument(3, 300), Argument(4, 100_000));
        break;
    case "dashboard":
        await DashboardBenchmark.RunAsync(runs);
        break;
    case "all":
        await ImportBenchmark.RunAsync(runs);
        Console.WriteLine();
        await StartupBenchmark.RunAsync(Math.Min(runs, 3));
        Console.WriteLine();
        await PlanBenchmark.RunAsync(runs);
        break;
    default:
        Console.Error.WriteLine("usage: Entry.Benchmarks [import|startup|plan|all] [runs] | entries [clerks] [seconds] [dashboards] | national [clerks] [seconds] [outageSeconds] [backlog] | dashboard [runs]");
        return 2;
}
return 0;

int Argument(int index, int fallback) => args.Length > index && int.TryParse(args[index], out var value) && value > 0 ? value : fallback;
