namespace Entry.Client.Resources;

/// <summary>The dashboard's, the map's and the report's strings: MonitorStrings.resx is Vietnamese (the default), MonitorStrings.en.resx English.</summary>
public sealed class MonitorStrings;
