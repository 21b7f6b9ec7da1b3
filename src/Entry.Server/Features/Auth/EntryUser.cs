using Microsoft.AspNetCore.Identity;

namespace Entry.Server.Features.Auth;

/// <summary>A person who signs in to Entry.</summary>
public sealed class EntryUser : IdentityUser
{
    public string DisplayName { get; set; } = "";
    /// <summary>The unit the user works for; a district monitor sees that district only.</summary>
    public string? UnitCode { get; set; }
}
