using System.Net.Http.Headers;
using Entry.Client;
using Entry.Client.Sending;
using Entry.Client.Services;
using Entry.Shared.Live;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.AspNetCore.Components.WebAssembly.Hosting;
using Microsoft.JSInterop;
using MudBlazor.Services;

var builder = WebAssemblyHostBuilder.CreateDefault(args);
builder.RootComponents.Add<App>("#app");
builder.RootComponents.Add<HeadOutlet>("head::after");

// The server serves this app, so its API is on the same origin and the Identity cookie travels with every call.
// Accept-Language lets the server word its errors in the app's language (the culture is set before this runs).
builder.Services.AddScoped(_ =>
{
    var http = new HttpClient { BaseAddress = new Uri(builder.HostEnvironment.BaseAddress) };
    http.DefaultRequestHeaders.AcceptLanguage.Add(new StringWithQualityHeaderValue(CultureChoice.IsEnglish ? "en" : "vi"));
    return http;
});
builder.Services.AddScoped<EntryApi>();
builder.Services.AddScoped<OfflineCache>();
builder.Services.AddScoped<ISprintLive, LazySprintLive>();
builder.Services.AddScoped<PendingCountReports>();
builder.Services.AddSending();
builder.Services.AddScoped<CookieAuthenticationStateProvider>();
builder.Services.AddScoped<AuthenticationStateProvider>(sp => sp.GetRequiredService<CookieAuthenticationStateProvider>());
builder.Services.AddAuthorizationCore();
builder.Services.AddCascadingAuthenticationState();
builder.Services.AddScoped<CultureChoice>();
builder.Services.AddLocalization();
builder.Services.AddMudServices();

var host = builder.Build();

// The culture is fixed before the first render; switching language stores the choice and reloads.
var js = host.Services.GetRequiredService<IJSRuntime>();
await CultureChoice.ApplyStoredAsync(js);
// Every file of the app is loaded by now: the service worker keeps them, so the app opens without the network next time
// (not awaited: on a first visit the worker is still installing).
_ = KeepShellAsync(js);
await host.RunAsync();

static async Task KeepShellAsync(IJSRuntime js)
{
    try
    {
        await js.InvokeVoidAsync("entryShell.keep");
    }
    catch (JSException)
    {
        // No service worker in this browser: the app then needs the server to open.
    }
}
