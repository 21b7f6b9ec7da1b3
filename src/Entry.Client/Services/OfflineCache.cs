using System.Text.Json;
using Entry.Shared.Auth;
using Entry.Shared.Claims;
using Microsoft.JSInterop;

namespace Entry.Client.Services;

/// <summary>
/// What the app needs to open without the server, kept in localStorage: who signed in last (name, display name, roles — no
/// password, no token: the cookie stays the browser's) and the book that user last held with its counts. Nothing typed goes
/// here; that is the sending queue's.
/// </summary>
public sealed class OfflineCache(IJSRuntime js)
{
    private const string UserKey = "entry.offline.user";
    private const string ClaimKeyPrefix = "entry.offline.claim.";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public Task<CurrentUser?> GetUserAsync() => GetAsync<CurrentUser>(UserKey);

    public Task SetUserAsync(CurrentUser? user) => SetAsync(UserKey, user);

    /// <summary>The book <paramref name="userName"/> last held; null when none or never seen.</summary>
    public async Task<CachedClaim?> GetClaimAsync(string userName) => await GetAsync<CachedClaim>(ClaimKeyPrefix + userName);

    public Task SetClaimAsync(string userName, ClaimedBook? book) =>
        SetAsync(ClaimKeyPrefix + userName, new CachedClaim(book, DateTimeOffset.UtcNow));

    private async Task<T?> GetAsync<T>(string key) where T : class
    {
        try
        {
            var json = await js.InvokeAsync<string?>("localStorage.getItem", key);
            return json is null ? null : JsonSerializer.Deserialize<T>(json, Json);
        }
        catch (Exception e) when (e is JSException or JsonException)
        {
            return null;
        }
    }

    private async Task SetAsync<T>(string key, T? value) where T : class
    {
        try
        {
            if (value is null)
            {
                await js.InvokeVoidAsync("localStorage.removeItem", key);
            }
            else
            {
                await js.InvokeVoidAsync("localStorage.setItem", key, JsonSerializer.Serialize(value, Json));
            }
        }
        catch (JSException)
        {
            // Storage disabled: the app then needs the server to open, as before.
        }
    }
}

/// <summary>The book held as the server last said (null: none held), and when it said so.</summary>
public sealed record CachedClaim(ClaimedBook? Book, DateTimeOffset SeenAt);
