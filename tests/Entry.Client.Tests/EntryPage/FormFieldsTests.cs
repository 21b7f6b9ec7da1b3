using Entry.Client.Components.EntryPage;

namespace Entry.Client.Tests.EntryPage;

/// <summary>After a refused save the keyboard goes to the first faulty field in the form's order, the flag's reason last.</summary>
public sealed class FormFieldsTests
{
    [Fact]
    public async Task The_first_faulty_field_in_the_forms_order_takes_the_keyboard_and_the_reason_comes_last()
    {
        var focused = new List<string>();
        var fields = new FormFields();
        ValueTask Focus(string key)
        {
            focused.Add(key);
            return ValueTask.CompletedTask;
        }

        fields.Register("verificationReason", () => Focus("verificationReason"), atTheBottom: true);
        fields.Register("entryNumber", () => Focus("entryNumber"));
        var name = fields.Register("birth.childName", () => Focus("birth.childName"));
        fields.Register("birth.dateOfBirth", () => Focus("birth.dateOfBirth"));
        var errors = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["verificationReason"] = "…", ["birth.dateOfBirth"] = "…", ["Birth.ChildName"] = "…",
        };

        Assert.True(await fields.FocusFirstFaultyAsync(errors));
        name.Dispose();
        Assert.True(await fields.FocusFirstFaultyAsync(errors));
        errors.Remove("birth.dateOfBirth");
        Assert.True(await fields.FocusFirstFaultyAsync(errors));
        Assert.False(await fields.FocusFirstFaultyAsync(new Dictionary<string, string> { ["page"] = "…" }));

        Assert.Equal(["birth.childName", "birth.dateOfBirth", "verificationReason"], focused);
    }
}
