using System.Security.Claims;
using Entry.Client.Services;
using Entry.Shared.Auth;
using MudBlazor;

namespace Entry.Client.Layout;

/// <summary>One entry of the app's menu: the section (first path segment, also its test id), its icon and the resource key of its label.</summary>
public sealed record NavItem(string Section, string Icon, string LabelKey);

/// <summary>
/// What each role works with, once for the app bar and the phone's drawer: the inventory for everyone, the own team
/// for its people, every team and the monitoring for Admins and monitors, the review for those the server lets review.
/// </summary>
public static class AppNav
{
    public static IReadOnlyList<NavItem> For(ClaimsPrincipal user)
    {
        var admin = user.IsInRole(Roles.Admin);
        var monitor = user.IsInRole(Roles.Monitor);
        var leader = user.IsInRole(Roles.TeamLeader);
        var clerk = user.IsInRole(Roles.Clerk);
        var items = new List<NavItem>();
        if (clerk)
        {
            items.Add(new("entry", Icons.Material.Filled.EditNote, "NavEntry"));
        }
        // The blind second keying is a clerk's; the team's leader and civil-registry officers arbitrate instead (on the review page).
        if (clerk && !user.Reviews())
        {
            items.Add(new("quality", Icons.Material.Filled.Spellcheck, "NavQuality"));
        }
        if (leader || clerk)
        {
            items.Add(new("team", Icons.Material.Filled.Groups, "NavTeam"));
        }
        if (admin || monitor)
        {
            items.Add(new("dashboard", Icons.Material.Filled.Dashboard, "NavDashboard"));
            items.Add(new("report", Icons.Material.Filled.Summarize, "NavReport"));
        }
        if (leader || admin || monitor)
        {
            items.Add(new("board", Icons.Material.Filled.MonitorHeart, "NavBoard"));
        }
        if (admin || monitor)
        {
            items.Add(new("teams", Icons.Material.Filled.Diversity3, "NavTeams"));
        }
        if (user.Reviews())
        {
            items.Add(new("review", Icons.Material.Filled.FactCheck, "NavReview"));
        }
        if (admin)
        {
            items.Add(new("count-reports", Icons.Material.Filled.Rule, "NavCountReports"));
        }
        items.Add(new("inventory", Icons.Material.Filled.LibraryBooks, "NavInventory"));
        return items;
    }

    /// <summary>Where a role's work is, after signing in and at <c>/</c>: a clerk's entry page, a leader's team, the dashboard.</summary>
    public static string HomeOf(ClaimsPrincipal user) =>
        user.IsInRole(Roles.Admin) || user.IsInRole(Roles.Monitor) ? "dashboard"
        : user.IsInRole(Roles.TeamLeader) ? "team"
        : user.IsInRole(Roles.Clerk) ? "entry"
        : "inventory";
}
