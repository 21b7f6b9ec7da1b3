namespace Entry.Client.Resources;

/// <summary>The clerk's entry page: EntryStrings.resx is Vietnamese (the default), EntryStrings.en.resx English. Used as IStringLocalizer&lt;EntryStrings&gt;.</summary>
public sealed class EntryStrings;
