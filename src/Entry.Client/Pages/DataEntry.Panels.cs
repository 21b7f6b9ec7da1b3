using Entry.Client.Components.EntryPage;
using Entry.Client.Sending;
using Entry.Shared.Entries;

namespace Entry.Client.Pages;

/// <summary>The dialogs over the form: a skipped number (queued like a case, a few quick tries while the dialog waits), a count report.</summary>
public sealed partial class DataEntry
{
    private void OpenPanel(PanelKind panel)
    {
        _panel.Show(panel);
        _notice = null;
    }

    private void ClosePanel()
    {
        _panel.Close();
        _form.FocusFirst = true;
    }

    private async Task SkipAsync(SkipChoice choice)
    {
        if (_held.Book is not { } book || _panel.Busy)
        {
            return;
        }

        var request = new SkipEntryRequest { Id = Guid.NewGuid(), BookCode = book.Code, EntryNumber = choice.EntryNumber, Reason = choice.Reason, Note = choice.Note };
        var item = PendingSend.For(request);
        _panel.Busy = true;
        _panel.Problem = null;
        try
        {
            var answer = await Queue.SendAsync(item, _cts.Token);
            if (_cts.IsCancellationRequested)
            {
                return;
            }

            if (answer?.Problem is { } problem)
            {
                _panel.ShowRefusal(problem, Describe);
                return;
            }

            _held.Remember(Row(item, answer is null ? SendState.Queued : SendState.Saved));
            if (answer is not null)
            {
                _notice = T["Skipped", choice.EntryNumber];
            }

            _form.Skipped(choice.EntryNumber);
            ClosePanel();
        }
        finally
        {
            _panel.Busy = false;
        }
    }

    private async Task ReportCountAsync(CountReportRequest request)
    {
        if (_held.Book is not { } book || _panel.Busy)
        {
            return;
        }

        _panel.Busy = true;
        _panel.Problem = null;
        try
        {
            var result = await Api.ReportCountAsync(book.Code, request, _cts.Token);
            if (result.Value is { } report)
            {
                _notice = T["CountReported", report.ReportedCount, report.InventoryCount];
                ClosePanel();
            }
            else
            {
                _panel.ShowRefusal(result.Problem!, Describe);
            }
        }
        catch (HttpRequestException)
        {
            _panel.Problem = L["ServerUnreachable"];
        }
        finally
        {
            _panel.Busy = false;
        }
    }
}
