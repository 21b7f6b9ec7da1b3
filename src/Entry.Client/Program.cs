using System.Globalization;
using System.Net.Http.Headers;
using Entry.Client;
using Entry.Client.Sending;
using Entry.Client.Services;
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
    http.DefaultRequestHeaders.AcceptLanguage.Add(new StringWithQualityHeaderValue(CultureInfo.CurrentUICulture.Name));
    return http;
});
builder.Services.AddScoped<EntryApi>();
builder.Services.AddScoped<SprintLive>();
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
await CultureChoice.ApplyStoredAsync(host.Services.GetRequiredService<IJSRuntime>());
await host.RunAsync();
