namespace Entry.Client.Resources;

/// <summary>The review pages' strings (verification, national corrections, count reports, the national status): ReviewStrings.resx is Vietnamese (the default), ReviewStrings.en.resx English.</summary>
public sealed class ReviewStrings;
