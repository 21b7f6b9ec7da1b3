using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using Entry.Server.Features.Books;
using Entry.Server.Tests.Support;
using Entry.Shared.Books;
using Microsoft.AspNetCore.Mvc;

namespace Entry.Server.Tests.Books;

/// <summary>Every body of <c>POST /api/books/import</c> that cannot be read is a problem naming <c>file</c>, never a 500; and the answer is bounded.</summary>
public sealed class ImportBodyTests(EntryFactory factory) : IClassFixture<EntryFactory>
{
    private const string Boundary = "entry-test-boundary";

    private static string Row(string code) => $"{code},25216,birth,1,1990-01-01,1990-12-31,40,good";

    private static string Part(string name, string? fileName, string content) =>
        $"--{Boundary}\r\nContent-Disposition: form-data; name=\"{name}\"" + (fileName is null ? "" : $"; filename=\"{fileName}\"")
        + "\r\n" + (fileName is null ? "" : "Content-Type: text/csv\r\n") + "\r\n" + content + "\r\n";

    private static ByteArrayContent Raw(byte[] body, string contentType)
    {
        var content = new ByteArrayContent(body);
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        return content;
    }

    private static ByteArrayContent Multipart(string body) => Raw(Encoding.UTF8.GetBytes(body), $"multipart/form-data; boundary={Boundary}");

    private static byte[] Zip()
    {
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            using var writer = new StreamWriter(zip.CreateEntry("xl/worksheets/sheet1.xml").Open());
            writer.Write(string.Concat(Enumerable.Range(0, 500).Select(i => $"<row r=\"{i}\"><c t=\"s\"><v>{i * 7919 % 1000}</v></c></row>")));
        }
        return stream.ToArray();
    }

    public static TheoryData<string, Func<HttpContent>> BrokenBodies => new()
    {
        { "multipart without a boundary", () => Raw(Encoding.UTF8.GetBytes(Part("file", "a.csv", Csv.Header) + $"--{Boundary}--\r\n"), "multipart/form-data") },
        { "multipart with an empty boundary", () => Raw(Encoding.UTF8.GetBytes(Csv.Header), "multipart/form-data; boundary=") },
        { "a CSV under a multipart type", () => Multipart(Csv.Header + "\n" + Row("NOTMULTI-1") + "\n") },
        { "a multipart cut short", () => Multipart(Part("file", "a.csv", Csv.Header + "\n" + Row("CUT-1"))[..60]) },
        { "a multipart whose headers never end", () => Multipart($"--{Boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.csv\"\r\n") },
        { "a multipart without the file field", () => Multipart(Part("note", null, "hello") + $"--{Boundary}--\r\n") },
        { "a multipart whose file is under another name", () => Multipart(Part("upload", "a.csv", Csv.Header + "\n" + Row("OTHER-1")) + $"--{Boundary}--\r\n") },
        { "a multipart with two files", () => Multipart(Part("file", "a.csv", Csv.Header + "\n" + Row("TWO-1")) + Part("file", "b.csv", Csv.Header + "\n" + Row("TWO-2")) + $"--{Boundary}--\r\n") },
        { "a multipart with an empty file", () => Multipart(Part("file", "a.csv", "") + $"--{Boundary}--\r\n") },
        { "a multipart file that is not UTF-8", () => Raw([.. Encoding.UTF8.GetBytes(Part("file", "a.csv", "")[..^2]), .. Encoding.Latin1.GetBytes($"{Csv.Header}\nLATIN-\u00e9,25216,birth,1,1990-01-01,1990-12-31,40,good\r\n--{Boundary}--\r\n")], $"multipart/form-data; boundary={Boundary}") },
        { "a multipart holding an XLSX", () => Raw([.. Encoding.UTF8.GetBytes(Part("file", "a.xlsx", "")[..^2]), .. Zip(), .. Encoding.UTF8.GetBytes($"\r\n--{Boundary}--\r\n")], $"multipart/form-data; boundary={Boundary}") },
        { "an XLSX sent as text/csv", () => Raw(Zip(), "text/csv") },
    };

    [Theory]
    [MemberData(nameof(BrokenBodies))]
    public async Task A_body_that_cannot_be_read_is_a_400_problem_naming_file(string what, Func<HttpContent> body)
    {
        var admin = await factory.AdminAsync();

        var response = await admin.PostAsync("/api/books/import", body());

        Assert.True(HttpStatusCode.BadRequest == response.StatusCode, $"{what}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = (await response.Content.ReadFromJsonAsync<ValidationProblemDetails>())!;
        Assert.NotEmpty(Assert.Contains("file", problem.Errors));
    }

    [Theory]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("application/octet-stream")]
    [InlineData("not a media type")]
    public async Task Another_content_type_is_415_with_a_problem(string contentType)
    {
        var admin = await factory.AdminAsync();

        var response = await admin.PostAsync("/api/books/import", Raw(Encoding.UTF8.GetBytes("file=x"), contentType));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Contains("text/csv", (await response.Content.ReadFromJsonAsync<ProblemDetails>())!.Detail);
    }

    [Fact]
    public async Task A_huge_cell_is_a_row_error_and_the_answer_echoes_at_most_64_characters_of_it()
    {
        var admin = await factory.AdminAsync();
        var huge = new string('A', 5_000_000);
        var csv = $"{Csv.Header}\n{huge},25216,birth,1,1990-01-01,1990-12-31,40,good\nHUGE-OK-1,25216,{huge},1,1990-01-01,1990-12-31,40,good\nHUGE-OK-2,25216,birth,1,1990-01-01,1990-12-31,40,{new string('w', 1001)}\n";

        var response = await admin.PostAsync("/api/books/import", Csv.Raw(csv));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(text.Length < 2_000, $"the answer is {text.Length} characters long");
        var result = (await response.Content.ReadFromJsonAsync<ImportResult>())!;
        Assert.Equal(0, result.Accepted);
        Assert.Equal([2, 3, 4], result.Rejected.Select(r => r.Line));
        Assert.Equal(new string('A', 63) + "…", result.Rejected[0].BookCode);
        Assert.Contains("book_code: a cell is longer than 1,000 characters", result.Rejected[0].Reason);
        Assert.Contains("type: a cell is longer than 1,000 characters", result.Rejected[1].Reason);
        Assert.Contains("condition: a cell is longer than 1,000 characters", result.Rejected[2].Reason);
    }

    [Fact]
    public async Task A_long_cell_under_the_cell_limit_is_quoted_cut_to_64_characters()
    {
        var admin = await factory.AdminAsync();
        var unit = new string('9', 900);

        var result = (await (await admin.PostAsync("/api/books/import", Csv.Body($"LONGUNIT-1,{unit},birth,1,1990-01-01,1990-12-31,40,good"))).Content.ReadFromJsonAsync<ImportResult>())!;

        var reason = Assert.Single(result.Rejected).Reason;
        Assert.Contains($"unknown unit_code '{new string('9', 63)}…'", reason);
        Assert.True(reason.Length < 200, reason);
    }

    [Fact]
    public async Task A_body_over_16_MB_is_a_413_problem_naming_file_as_csv_and_as_multipart()
    {
        var admin = await factory.AdminAsync();
        var line = $"BIG-0,25216,birth,1,1990-01-01,1990-12-31,40,{new string('w', 900)}\n";
        var big = new StringBuilder(Csv.Header + "\n");
        while (big.Length <= BookImporter.MaxFileBytes)
        {
            big.Append(line);
        }
        var bytes = Encoding.UTF8.GetBytes(big.ToString());

        // Sent chunked, so only the reading finds out it is too large.
        var asCsv = new ChunkedContent(new ByteArrayContent(bytes));
        asCsv.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        var csvResponse = await admin.PostAsync("/api/books/import", asCsv);
        using var form = new MultipartFormDataContent { { new ByteArrayContent(bytes), "file", "big.csv" } };
        var formResponse = await admin.PostAsync("/api/books/import", form);

        foreach (var response in new[] { csvResponse, formResponse })
        {
            Assert.True(HttpStatusCode.RequestEntityTooLarge == response.StatusCode, await response.Content.ReadAsStringAsync());
            var problem = (await response.Content.ReadFromJsonAsync<ValidationProblemDetails>())!;
            Assert.Contains("16 MB", Assert.Single(problem.Errors["file"]));
        }
    }

    [Fact]
    public async Task The_answer_lists_the_first_1000_rejected_rows_and_counts_all_of_them()
    {
        var admin = await factory.AdminAsync();
        var rows = Enumerable.Range(0, 1500).Select(i => $"MANY-{i},25216,birth,1,1990-01-01,1990-12-31,40,mouldy").ToArray();

        var result = (await (await admin.PostAsync("/api/books/import", Csv.Body(rows))).Content.ReadFromJsonAsync<ImportResult>())!;

        Assert.Equal(1500, result.RejectedCount);
        Assert.Equal(1000, result.Rejected.Count);
        Assert.Equal(Enumerable.Range(2, 1000), result.Rejected.Select(r => r.Line));
    }

    /// <summary>Hides the length of a content, so the client sends it chunked.</summary>
    private sealed class ChunkedContent(HttpContent inner) : HttpContent
    {
        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => inner.CopyToAsync(stream);

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }
            base.Dispose(disposing);
        }
    }
}
