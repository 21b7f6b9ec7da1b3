namespace Entry.Client.Resources;

/// <summary>The Admin's tools (the inventory upload, pickers, the pending badge): AdminStrings.resx is Vietnamese (the default), AdminStrings.en.resx English.</summary>
public sealed class AdminStrings;
