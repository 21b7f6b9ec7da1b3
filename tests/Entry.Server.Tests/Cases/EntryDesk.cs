using System.Net.Http.Json;
using Entry.Server.Features.Claims;
using Entry.Server.Tests.Shifts;
using Entry.Server.Tests.Support;
using Entry.Server.Tests.Teams;
using Entry.Shared.Entries;
using Microsoft.EntityFrameworkCore;

namespace Entry.Server.Tests.Cases;

/// <summary>
/// A server whose clock stands at 09:00 local on a Tuesday (shift 1 open), whatever the hour the tests run at, with one
/// book of each type held by a clerk of a team on that shift, an unclaimed book, and a book claimed on a past shift.
/// </summary>
public sealed class EntryDesk : IAsyncLifetime
{
    public static readonly DateOnly Today = new(2026, 3, 3);
    public const int Cases = 500;

    public ClockedFactory Factory { get; } = new(Local.At(Today, 9, 0), clockEnabled: false);

    /// <summary>Holders of the birth, marriage, death and adoption books on the open shift.</summary>
    public HttpClient BirthClerk { get; private set; } = null!;
    public HttpClient MarriageClerk { get; private set; } = null!;
    public HttpClient DeathClerk { get; private set; } = null!;
    public HttpClient AdoptionClerk { get; private set; } = null!;
    /// <summary>A clerk holding <see cref="Books.Stale"/> on yesterday's last shift.</summary>
    public HttpClient StaleClerk { get; private set; } = null!;
    /// <summary>A clerk of the team holding nothing.</summary>
    public HttpClient IdleClerk { get; private set; } = null!;

    private int next;

    /// <summary>An entry number no other test of the class has used in the book.</summary>
    public int NextNumber() => Interlocked.Increment(ref next);

    public async Task InitializeAsync()
    {
        var admin = await Factory.AdminAsync();
        var imported = await admin.PostAsync("/api/books/import", Csv.Body(
            $"{Books.Birth},{TeamSetup.Unit},birth,1,1990-01-01,2019-06-30,{Cases},good",
            $"{Books.Marriage},{TeamSetup.Unit},marriage,1,1990-01-01,2018-12-31,{Cases},good",
            $"{Books.Death},{TeamSetup.Unit},death,1,1990-01-01,2018-12-31,{Cases},good",
            $"{Books.Adoption},{TeamSetup.Unit},adoption,1,1990-01-01,2018-12-31,{Cases},good",
            $"{Books.Unclaimed},{TeamSetup.Unit},birth,2,1990-01-01,2018-12-31,{Cases},good",
            $"{Books.Stale},{TeamSetup.Unit},birth,3,1990-01-01,2018-12-31,{Cases},good"));
        imported.EnsureSuccessStatusCode();
        var team = await TeamSetup.CreateAsync(Factory, "desk");
        var yesterday = (Today.AddDays(-1), 3);
        await ClaimAsync(team.Id, Books.Birth, team.Other1, (Today, 1));
        await ClaimAsync(team.Id, Books.Marriage, team.Other2, (Today, 1));
        await ClaimAsync(team.Id, Books.Death, team.Other3, (Today, 1));
        await ClaimAsync(team.Id, Books.Adoption, team.Police1, (Today, 1));
        await ClaimAsync(team.Id, Books.Stale, team.Police2, yesterday);
        BirthClerk = await SignInAsync(team.Other1);
        MarriageClerk = await SignInAsync(team.Other2);
        DeathClerk = await SignInAsync(team.Other3);
        AdoptionClerk = await SignInAsync(team.Police1);
        StaleClerk = await SignInAsync(team.Police2);
        IdleClerk = await SignInAsync(team.Civil);
    }

    public Task DisposeAsync()
    {
        Factory.Dispose();
        return Task.CompletedTask;
    }

    public Task<HttpClient> SignInAsync(string userName) => Factory.SignedInClientAsync(userName, EntryFactory.Password);

    /// <summary>Until the claim endpoints land, a claim is a row written straight into the database.</summary>
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

    public Task<int> CountAsync(string bookCode) =>
        Factory.WithDbAsync(db => db.CaseEntries.CountAsync(e => e.Book!.Code == bookCode));

    public static class Books
    {
        public const string Birth = "KS-70-E-01";
        public const string Marriage = "KH-70-E-01";
        public const string Death = "KT-70-E-01";
        public const string Adoption = "NC-70-E-01";
        public const string Unclaimed = "KS-70-E-02";
        public const string Stale = "KS-70-E-03";
    }
}

/// <summary>Valid cases of each type, to break one field at a time.</summary>
internal static class SampleCases
{
    public static CaseEntryRequest Birth(int number, string book = EntryDesk.Books.Birth) => new()
    {
        Id = Guid.NewGuid(),
        BookCode = book,
        EntryNumber = number,
        RegistrationDate = new DateOnly(1995, 3, 14),
        Page = 4,
        Birth = new BirthCase
        {
            ChildName = "Nguyễn Thị Hoa", Sex = Sex.Female, DateOfBirth = new DateOnly(1995, 3, 2),
            PlaceOfBirth = "Trạm y tế xã Long Giang", MotherName = "Trần Thị Lan", FatherName = "Nguyễn Văn Minh",
        },
    };

    public static CaseEntryRequest Marriage(int number) => new()
    {
        Id = Guid.NewGuid(),
        BookCode = EntryDesk.Books.Marriage,
        EntryNumber = number,
        RegistrationDate = new DateOnly(1998, 6, 20),
        Page = 2,
        Marriage = new MarriageCase
        {
            HusbandName = "Điểu K'Lung", HusbandDateOfBirth = new DateOnly(1975, 1, 5),
            WifeName = "Thị H'Bia", WifeDateOfBirth = new DateOnly(1978, 9, 30), RegistrationPlace = "UBND xã Bù Gia Mập",
        },
    };

    public static CaseEntryRequest Death(int number) => new()
    {
        Id = Guid.NewGuid(),
        BookCode = EntryDesk.Books.Death,
        EntryNumber = number,
        RegistrationDate = new DateOnly(2005, 11, 2),
        Page = 7,
        Death = new DeathCase
        {
            DeceasedName = "Y-Bih", Sex = Sex.Male, DateOfBirth = new DateOnly(1931, 2, 1),
            DateOfDeath = new DateOnly(2005, 10, 28), PlaceOfDeath = "Thôn 3, xã Đắk Ơ",
        },
    };

    public static CaseEntryRequest Adoption(int number) => new()
    {
        Id = Guid.NewGuid(),
        BookCode = EntryDesk.Books.Adoption,
        EntryNumber = number,
        RegistrationDate = new DateOnly(2001, 4, 10),
        Page = 1,
        Adoption = new AdoptionCase
        {
            AdopteeName = "Lê Văn Tâm", AdopteeDateOfBirth = new DateOnly(1999, 12, 24), AdoptiveMotherName = "Phạm Thị Thu",
        },
    };
}
