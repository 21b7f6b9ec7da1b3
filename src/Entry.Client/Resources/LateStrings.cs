namespace Entry.Client.Resources;

/// <summary>Late arrivals the server refused: LateStrings.resx is Vietnamese (the default), LateStrings.en.resx English.</summary>
public sealed class LateStrings;
