using System.Text;

namespace Entry.Server.Tests.Support;

public static class Csv
{
    public const string Header = "book_code,unit_code,type,volume,registered_from,registered_to,case_count,condition";

    public static StringContent Raw(string text) => new(text, Encoding.UTF8, "text/csv");

    public static StringContent Body(params string[] rows) => Raw(Header + "\n" + string.Join("\n", rows) + "\n");
}
