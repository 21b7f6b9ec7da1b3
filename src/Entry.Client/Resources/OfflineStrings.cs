namespace Entry.Client.Resources;

/// <summary>The offline queue and the app without the network: OfflineStrings.resx is Vietnamese (the default), OfflineStrings.en.resx English.</summary>
public sealed class OfflineStrings;
