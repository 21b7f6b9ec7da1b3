using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

namespace Entry.Client.Services;

/// <summary>
/// The app's language: Vietnamese unless the user chose English. Kept in localStorage, applied at start-up. English is
/// British English: day-first dates and 24-hour times (12/02/2026 is 12 February for every reader of the app).
/// </summary>
public sealed class CultureChoice(IJSRuntime js, NavigationManager navigation)
{
    public const string Vietnamese = "vi-VN";
    public const string English = "en-GB";
    private const string StorageKey = "entry.culture";

    public static bool IsEnglish => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";

    /// <summary>Reads the stored choice and makes it the culture of every thread; call before the host runs.</summary>
    public static async Task ApplyStoredAsync(IJSRuntime js)
    {
        string? stored = null;
        try
        {
            stored = await js.InvokeAsync<string?>("localStorage.getItem", StorageKey);
        }
        catch (JSException)
        {
            // Storage can be disabled (private mode, policy); Vietnamese it is.
        }

        var culture = CultureInfo.GetCultureInfo(IsEnglishChoice(stored) ? English : Vietnamese);
        CultureInfo.DefaultThreadCurrentCulture = culture;
        CultureInfo.DefaultThreadCurrentUICulture = culture;
        CultureInfo.CurrentCulture = culture;
        CultureInfo.CurrentUICulture = culture;
    }

    /// <summary>English whichever English was stored: "en-GB", or "en-US" as the app stored it before.</summary>
    public static bool IsEnglishChoice(string? stored) => stored is not null && stored.StartsWith("en", StringComparison.OrdinalIgnoreCase);

    /// <summary>Stores the other language and reloads, so every string and number is rendered in it.</summary>
    public async Task SwitchAsync()
    {
        await js.InvokeVoidAsync("localStorage.setItem", StorageKey, IsEnglish ? Vietnamese : English);
        navigation.NavigateTo(navigation.Uri, forceLoad: true);
    }
}
