using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

namespace Entry.Client.Services;

/// <summary>The app's language: Vietnamese unless the user chose English. Kept in localStorage, applied at start-up.</summary>
public sealed class CultureChoice(IJSRuntime js, NavigationManager navigation)
{
    public const string Vietnamese = "vi-VN";
    public const string English = "en-US";
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

        var culture = CultureInfo.GetCultureInfo(stored == English ? English : Vietnamese);
        CultureInfo.DefaultThreadCurrentCulture = culture;
        CultureInfo.DefaultThreadCurrentUICulture = culture;
        CultureInfo.CurrentCulture = culture;
        CultureInfo.CurrentUICulture = culture;
    }

    /// <summary>Stores the other language and reloads, so every string and number is rendered in it.</summary>
    public async Task SwitchAsync()
    {
        await js.InvokeVoidAsync("localStorage.setItem", StorageKey, IsEnglish ? Vietnamese : English);
        navigation.NavigateTo(navigation.Uri, forceLoad: true);
    }
}
