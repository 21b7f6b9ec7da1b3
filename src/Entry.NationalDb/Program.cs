namespace Entry.NationalDb;

/// <summary>Runs the stub alone: <c>dotnet run --project src/Entry.NationalDb</c>.</summary>
internal static class StubProgram
{
    private static Task Main(string[] args) => NationalDbApp.Create(args).RunAsync();
}
