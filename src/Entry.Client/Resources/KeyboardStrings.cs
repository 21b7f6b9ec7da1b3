namespace Entry.Client.Resources;

/// <summary>
/// The entry page's keyboard and look-back: dates read as typed, the flag's reasons by key, the clerk's earlier cases.
/// KeyboardStrings.resx is Vietnamese (the default), KeyboardStrings.en.resx English. Used as IStringLocalizer&lt;KeyboardStrings&gt;.
/// </summary>
public sealed class KeyboardStrings;
