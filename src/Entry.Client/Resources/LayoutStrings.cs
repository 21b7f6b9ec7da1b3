namespace Entry.Client.Resources;

/// <summary>The app bar's and the phone drawer's strings (menu labels): LayoutStrings.resx is Vietnamese (the default), LayoutStrings.en.resx English.</summary>
public sealed class LayoutStrings;
