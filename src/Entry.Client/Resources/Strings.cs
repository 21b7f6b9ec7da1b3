namespace Entry.Client.Resources;

/// <summary>The app's strings: Strings.resx is Vietnamese (the default), Strings.en.resx English. Used as IStringLocalizer&lt;Strings&gt;.</summary>
public sealed class Strings;
