using System.Net.Http.Json;
using Entry.Server.Features.Claims;
using Entry.Server.Tests.Shifts;
using Entry.Server.Tests.Support;
using Entry.Server.Tests.Teams;
using Entry.Shared.Entries;
using Microsoft.EntityFrameworkCore;

namespace Entry.Server.Tests.Cases;

/// <summary>
/// A server whose clock stands at 09:00 local on <see cref="EntryDesk.Today"/> (shift 1 open): the team "rv" with three
/// clerks each holding a birth book on the open shift (a long one, a short one of <see cref="ShortCases"/> cases, one for
/// count reports), a book held on yesterday's shift, and a second team "far" whose leader and officer belong elsewhere.
/// </summary>
public sealed class ReviewDesk : IAsyncLifetime
{
    public const int LongCases = 400;
    public const int ShortCases = 3;

    public ClockedFactory Factory { get; } = new(Local.At(EntryDesk.Today, 9, 0), clockEnabled: false);

    public int TeamId { get; private set; }
    public int FarTeamId { get; private set; }
    /// <summary>Holds <see cref="Books.Long"/>; a member of category other.</summary>
    public HttpClient Clerk { get; private set; } = null!;
    /// <summary>Holds <see cref="Books.Short"/>.</summary>
    public HttpClient ShortClerk { get; private set; } = null!;
    /// <summary>Holds <see cref="Books.Counted"/> (and <see cref="Books.Recounted"/> is queued for the team, unclaimed).</summary>
    public HttpClient CountClerk { get; private set; } = null!;
    /// <summary>Holds <see cref="Books.Stale"/> on yesterday's last shift.</summary>
    public HttpClient StaleClerk { get; private set; } = null!;
    /// <summary>The team's leader (a civil-registry officer of it).</summary>
    public HttpClient Leader { get; private set; } = null!;
    /// <summary>The team's second civil-registry officer, signed in as a clerk.</summary>
    public HttpClient Officer { get; private set; } = null!;
    public HttpClient FarLeader { get; private set; } = null!;
    public HttpClient FarOfficer { get; private set; } = null!;
    public HttpClient Admin { get; private set; } = null!;

    private int next;

    /// <summary>An entry number of <see cref="Books.Long"/> no other test of the class has used.</summary>
    public int NextNumber() => Interlocked.Increment(ref next);

    public async Task InitializeAsync()
    {
        Admin = await Factory.AdminAsync();
        var imported = await Admin.PostAsync("/api/books/import", Csv.Body(
            $"{Books.Long},{TeamSetup.Unit},birth,1,1990-01-01,2018-12-31,{LongCases},good",
            $"{Books.Short},{TeamSetup.Unit},birth,2,1990-01-01,2018-12-31,{ShortCases},good",
            $"{Books.Counted},{TeamSetup.Unit},birth,3,1990-01-01,2018-12-31,40,good",
            $"{Books.Recounted},{TeamSetup.Unit},birth,4,1990-01-01,2018-12-31,40,good",
            $"{Books.Stale},{TeamSetup.Unit},birth,5,1990-01-01,2018-12-31,40,good"));
        imported.EnsureSuccessStatusCode();
        var team = await TeamSetup.CreateAsync(Factory, "rv");
        var far = await TeamSetup.CreateAsync(Factory, "far");
        TeamId = team.Id;
        FarTeamId = far.Id;
        await ClaimAsync(team.Id, Books.Long, team.Other1, (EntryDesk.Today, 1));
        await ClaimAsync(team.Id, Books.Short, team.Other2, (EntryDesk.Today, 1));
        await ClaimAsync(team.Id, Books.Counted, team.Other3, (EntryDesk.Today, 1));
        await ClaimAsync(team.Id, Books.Stale, team.Police1, (EntryDesk.Today.AddDays(-1), 3));
        await Factory.WithDbAsync(db => db.Books.WithCodeStarting("KS-70-R-")
            .ExecuteUpdateAsync(s => s.SetProperty(b => b.TeamId, team.Id)));
        Clerk = await SignInAsync(team.Other1);
        ShortClerk = await SignInAsync(team.Other2);
        CountClerk = await SignInAsync(team.Other3);
        StaleClerk = await SignInAsync(team.Police1);
        Leader = team.Leader;
        Officer = await SignInAsync(team.Civil);
        FarLeader = far.Leader;
        FarOfficer = await SignInAsync(far.Civil);
    }

    public Task DisposeAsync()
    {
        Factory.Dispose();
        return Task.CompletedTask;
    }

    public Task<HttpClient> SignInAsync(string userName) => Factory.SignedInClientAsync(userName, EntryFactory.Password);

    /// <summary>Logs a birth case in <see cref="Books.Long"/> and answers the request as stored.</summary>
    public async Task<CaseEntryRequest> LogAsync(bool flagged = false)
    {
        var request = SampleCases.Birth(NextNumber(), Books.Long) with
        {
            NeedsVerification = flagged,
            VerificationReason = flagged ? VerificationReason.Illegible : null,
        };
        var stored = await Clerk.PostAsJsonAsync("/api/entries", request);
        stored.EnsureSuccessStatusCode();
        return request;
    }

    private Task<int> ClaimAsync(int teamId, string bookCode, string userName, (DateOnly Date, int Shift) shift) =>
        Factory.WithDbAsync(async db =>
        {
            var book = await db.Books.SingleAsync(b => b.Code == bookCode);
            var user = await db.Users.SingleAsync(u => u.UserName == userName);
            db.Claims.Add(new Claim
            {
                BookId = book.Id, UserId = user.Id, TeamId = teamId, ShiftDate = shift.Date, Shift = shift.Shift,
                ClaimedAt = Local.At(shift.Date, 7, 0),
            });
            Rostered.Ensure(db, teamId, user.Id, shift.Date, shift.Shift);
            return await db.SaveChangesAsync();
        });

    public static class Books
    {
        public const string Long = "KS-70-R-01";
        public const string Short = "KS-70-R-02";
        public const string Counted = "KS-70-R-03";
        public const string Recounted = "KS-70-R-04";
        public const string Stale = "KS-70-R-05";
    }
}
