namespace Entry.Server.Cli;

/// <summary>
/// The process's arguments split into the words of a command (<c>backup</c>, <c>/safe/entry.db</c>) and the settings
/// (<c>--Key value</c> or <c>--Key=value</c>), wherever each stands. Only the settings reach the configuration: given
/// all the arguments, its command-line provider reads a path starting with <c>/</c> as a switch and takes the next
/// argument (often a setting) as its value, and the setting is silently lost.
/// </summary>
public sealed record CommandArguments(IReadOnlyList<string> Words, string[] Settings)
{
    public static CommandArguments Split(string[] args)
    {
        var words = new List<string>();
        var settings = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            var arg = args[i];
            if (!arg.StartsWith('-') || arg == "-")
            {
                words.Add(arg);
                continue;
            }
            settings.Add(arg);
            // "--Key value": the value is the next argument, unless that is a setting itself.
            if (!arg.Contains('=') && i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal))
            {
                settings.Add(args[++i]);
            }
        }
        return new CommandArguments(words, settings.ToArray());
    }
}
