using System.Net;
using System.Net.Http.Json;
using Entry.Shared.Teams;

namespace Entry.Client.Services;

/// <summary>The team leader's live board.</summary>
public sealed partial class EntryApi
{
    /// <summary>A team's board; null when there is no such team (404).</summary>
    public async Task<TeamBoard?> GetBoardAsync(int teamId, CancellationToken cancellationToken = default)
    {
        using var response = await http.GetAsync($"api/teams/{teamId}/board", cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<TeamBoard>(cancellationToken);
    }
}
