namespace Entry.Client.Resources;

/// <summary>The live board's strings: BoardStrings.resx is Vietnamese (the default), BoardStrings.en.resx English.</summary>
public sealed class BoardStrings;
