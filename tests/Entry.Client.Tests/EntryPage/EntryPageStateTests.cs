using System.Net;
using Entry.Client.Components.EntryPage;
using Entry.Client.Services;
using Entry.Shared.Books;
using Entry.Shared.Claims;
using Entry.Shared.Entries;

namespace Entry.Client.Tests.EntryPage;

/// <summary>The entry page's state outside the queue: the session's list of the held book, and the form's refusals.</summary>
public sealed class EntryPageStateTests
{
    [Fact]
    public void The_list_keeps_the_last_ten_saved_and_every_unanswered_one()
    {
        var held = new HeldBook();
        var waiting = new RecentCase(Guid.NewGuid(), 1) { State = SendState.Queued };
        held.Remember(waiting);
        for (var number = 2; number <= 13; number++)
        {
            held.Remember(new RecentCase(Guid.NewGuid(), number) { State = SendState.Saved });
        }

        Assert.Equal(11, held.Recent.Count);
        Assert.Equal(13, held.Recent[0].EntryNumber);
        Assert.Same(waiting, held.Recent[^1]);
        Assert.DoesNotContain(held.Recent, r => r.EntryNumber is 2 or 3);
    }

    [Fact]
    public void An_answer_counts_only_for_the_book_held()
    {
        var held = new HeldBook();
        Assert.True(held.Hold(Book(casesLogged: 4)));

        held.Count(Saved("BK-2", casesLogged: 9));
        Assert.Equal(4, held.Book!.CasesLogged);
        held.Count(Saved("BK-1", casesLogged: 5));
        Assert.Equal(5, held.Book!.CasesLogged);
        Assert.False(held.Hold(held.Book));
    }

    [Fact]
    public void A_read_of_the_book_answered_before_the_last_stored_case_does_not_take_its_counts_back()
    {
        var held = new HeldBook();
        var book = Book(casesLogged: 1);
        held.Hold(book);
        held.Count(Saved("BK-1", casesLogged: 4));

        // Read while the queue stored the third case, answered after the fourth's answer.
        var read = held.NotBehindHeld(book with { CasesLogged = 3, CaseCount = 48 });
        Assert.Equal(4, read!.CasesLogged);
        Assert.Equal(48, read.CaseCount);
        // Newer counts, or another book, are taken as read.
        Assert.Equal(6, held.NotBehindHeld(book with { CasesLogged = 6 })!.CasesLogged);
        Assert.Equal(0, held.NotBehindHeld(book with { Code = "BK-2", CasesLogged = 0 })!.CasesLogged);
        Assert.Null(held.NotBehindHeld(null));
    }

    [Fact]
    public void A_taken_entry_number_is_shown_under_its_field_and_an_unknown_key_below_the_form()
    {
        var form = new EntryFormState();
        var taken = new ApiProblem(HttpStatusCode.Conflict, "Entry number already logged", null, new Dictionary<string, string[]>(), []);

        Assert.True(form.ShowRefusal(taken, _ => "Số đăng ký này đã được nhập."));
        Assert.Equal("Số đăng ký này đã được nhập.", form.Errors["entryNumber"]);

        var mixed = new ApiProblem(HttpStatusCode.BadRequest, "One or more validation errors occurred.", null,
            new Dictionary<string, string[]> { ["birth.motherName"] = ["required"], ["somethingElse"] = ["odd"] }, []);
        Assert.True(form.ShowRefusal(mixed, _ => "unused"));
        Assert.Equal("required", form.Errors["birth.motherName"]);
        Assert.Equal("odd", form.Message);

        var bare = new ApiProblem(HttpStatusCode.Forbidden, "Book not held", null, new Dictionary<string, string[]>(), []);
        Assert.False(form.ShowRefusal(bare, _ => "unused"));
    }

    private static ClaimedBook Book(int casesLogged) => new()
    {
        Code = "BK-1", Type = BookType.Birth, UnitCode = "U-1", UnitName = "Phường Tân Phú", Volume = "1",
        RegisteredFrom = new DateOnly(2010, 1, 1), RegisteredTo = new DateOnly(2010, 12, 31), CaseCount = 50,
        Condition = default, CasesLogged = casesLogged, ClaimedAt = DateTimeOffset.UtcNow, ClaimEndsAt = DateTimeOffset.UtcNow.AddHours(1),
    };

    private static CaseEntryResult Saved(string bookCode, int casesLogged) => new()
    {
        Id = Guid.NewGuid(),
        BookCode = bookCode,
        EntryNumber = casesLogged,
        NeedsVerification = false,
        CasesLogged = casesLogged,
        CaseCount = 50,
        StoredAt = DateTimeOffset.UtcNow,
    };
}
