namespace Entry.Client.Resources;

/// <summary>Quality control's strings (re-keying, arbitration, the accuracy figures): QualityStrings.resx is Vietnamese (the default), QualityStrings.en.resx English.</summary>
public sealed class QualityStrings;
