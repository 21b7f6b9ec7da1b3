using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Entry.Server.Tests.Robustness;

/// <summary>
/// Breaks well-formed samples in every way a client, a proxy or an attacker can: odd code points in each string field, values
/// of the wrong JSON shape, broken, truncated, nested, duplicated or non-UTF-8 bodies, wrong content types, odd route values and
/// broken multipart uploads. Deterministic for a given <see cref="Random"/>.
/// </summary>
internal sealed class CorpusBuilder(Random random)
{
    private const string Placeholder = "@@corpus-placeholder@@";
    private static readonly JsonSerializerOptions Raw = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>What no text may hold: noncharacters, lone surrogates, control characters other than tab and line breaks.</summary>
    public static readonly string[] NeverText =
    [
        "\uFFFE", "\uFFFF", "\uFDD0", "\uFDEF", "\U0001FFFE", "\U0010FFFF", "\U000EFFFF",
        "\uD800", "\uDFFF", "\uDBFF", "\uDC00x",
        "\u0000", "\u0007", "\u001B", "\u007F", "\u0085", "\u009F",
    ];

    /// <summary>What no displayed text may hold: bidi controls, private use, unassigned code points, text of nothing visible.</summary>
    public static readonly string[] NeverShown =
    [
        "\u202E", "\u202A", "\u202D", "\u2066", "\u2067", "\u2069", "\uE000", "\uF8FF", "\U000F0000", "\u0378", "\U0002FFFD",
    ];

    /// <summary>Whole values of nothing visible.</summary>
    public static readonly string[] Invisible =
    [
        "\u3164\u3164\u3164", "\u115F\u1160", "\uFFA0\uFFA0", "\u200B\u200B", "\u200C\u200D", "\u2060\uFEFF", "\u3164 \u200B", "\u00A0\u2800",
    ];

    /// <summary>What no name or place holds inside it, though text elsewhere may: zero-width, fillers, inner line breaks, piled marks.</summary>
    public static readonly string[] NeverInNames =
    [
        "\u200B", "\u200D", "\u2060", "\uFEFF", "\u3164", "\uFFA0", "\u115F", "\n", "\t", "\r\n", "\u0301\u0301\u0301\u0301", "\u200E", "\u061C",
    ];

    private static readonly string[] WrongShapes =
    [
        "[]", "{}", "true", "1e400", "-2147483649", "2147483648", "99999999999999999999999999", "\"x\"", "null", "0.5", "\"\"", "[null]",
        "{\"a\":1}", "\"9999-99-99\"", "\"00000000-0000-0000-0000-000000000000\"",
    ];

    private static readonly string[] WholeBodies =
    [
        "", " ", "{", "}", "{\"", "{\"a\":", "[", "nul", "null", "[]", "[{}]", "\"text\"", "42", "true", "{}{}", "{,}", "{\"a\":1,}",
        "/* comment */ {}", "{'a': 1}", "\u00FF\u00FE{}",
    ];

    private static readonly string[] ForeignContentTypes =
    [
        "text/plain", "application/xml", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/octet-stream",
        "application/json; charset=utf-7", "application/json; charset=nonsense", "application/jsonx", "image/png",
    ];

    private static readonly string[] OddSegments =
    [
        "%EF%BF%BE", "%EF%BF%BF", "%ED%A0%80", "%FF", "%01", "%C0%80", "%E2%80%AE", "%E3%85%A4", "%F4%90%80%80", "%EF%B7%90",
        new string('A', 5000), "%0A", "%09", "%2F..%2F", "%25",
    ];

    /// <summary>The corpus; with <paramref name="multipart"/> only the broken multipart uploads of the inventory import.</summary>
    public List<Probe> Build(IEnumerable<Sample> samples, bool multipart = false)
    {
        var probes = new List<Probe>();
        foreach (var sample in samples)
        {
            if (sample.Pattern == "POST /api/books/import")
            {
                probes.AddRange(ImportProbes(sample).Where(p => multipart == p.ContentType?.StartsWith("multipart/", StringComparison.Ordinal)));
                continue;
            }
            if (multipart)
            {
                continue;
            }
            FreshIds = sample.FreshIds;
            if (sample.Body is { } body)
            {
                probes.AddRange(StringProbes(sample, body));
                probes.AddRange(ShapeProbes(sample, body));
                probes.AddRange(BodyProbes(sample, body));
            }
            probes.AddRange(RouteProbes(sample));
        }
        return probes;
    }

    private IEnumerable<Probe> StringProbes(Sample sample, JsonObject body)
    {
        foreach (var (path, leaf) in Leaves(body).Where(l => l.Node?.GetValueKind() == JsonValueKind.String).ToList())
        {
            var original = leaf!.GetValue<string>();
            var name = path.OfType<string>().LastOrDefault() ?? "";
            var kind = sample.Kinds?.GetValueOrDefault(name) ?? TextKind.Strict;
            var odd = kind switch
            {
                TextKind.Secret => NeverText,
                TextKind.Note => [.. NeverText, .. NeverShown, .. Invisible],
                _ => [.. NeverText, .. NeverShown, .. Invisible, .. NeverInNames],
            };
            foreach (var value in Pick(odd, 12))
            {
                var text = Invisible.Contains(value) ? value : original.Length < 2 ? original + value : original.Insert(original.Length / 2, value);
                var escapeAll = random.Next(2) == 0;
                yield return Replace(sample, body, path, $"{name}: U+{Describe(value)}{(escapeAll ? " escaped" : "")}", Literal(text, escapeAll));
            }
            foreach (var bytes in Pick(InvalidUtf8, 2))
            {
                var (before, after) = Split(body, path);
                var mid = original.Length / 2;
                yield return Probe(sample, $"{name}: invalid UTF-8 {Convert.ToHexString(bytes)}",
                    [.. before, .. Utf8("\"" + original[..mid]), .. bytes, .. Utf8(original[mid..] + "\""), .. after]);
            }
        }
        var strings = Leaves(body).Where(l => l.Node?.GetValueKind() == JsonValueKind.String).ToList();
        if (strings.Count > 0)
        {
            var (path, _) = strings[random.Next(strings.Count)];
            yield return Replace(sample, body, path, $"{path.Last()}: 1 MB string", Literal(new string('á', 1 << 20), escapeAll: false));
            var (other, _) = strings[random.Next(strings.Count)];
            yield return Replace(sample, body, other, $"{other.Last()}: 20 000 characters", Literal(string.Concat(Enumerable.Repeat("Nguyễn ", 3000)), escapeAll: false));
        }
    }

    private static readonly byte[][] InvalidUtf8 =
    [
        [0xFF], [0xC3], [0xED, 0xA0, 0x80], [0xC0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xE0, 0x80, 0x80], [0x80], [0xF8, 0x88, 0x80, 0x80, 0x80],
    ];

    private IEnumerable<Probe> ShapeProbes(Sample sample, JsonObject body)
    {
        foreach (var (path, _) in Leaves(body, includeContainers: true).ToList())
        {
            foreach (var shape in Pick(WrongShapes, 4))
            {
                var probe = Replace(sample, body, path, $"{string.Join('.', path)} = {shape}", shape);
                // A value of the right shape is no malformed request: skip the shapes that happen to fit.
                if (!FitsSample(body, path, shape))
                {
                    yield return probe;
                }
            }
        }
    }

    /// <summary>
    /// Whether a replacement may be a valid value of the field (another string for a string, a small number for a number, null
    /// for an optional field): such a request is no malformed one, so the corpus leaves it out.
    /// </summary>
    private static bool FitsSample(JsonObject body, IReadOnlyList<object> path, string shape)
    {
        var kind = Get(body, path)?.GetValueKind() ?? JsonValueKind.Null;
        if (shape == "null")
        {
            return kind != JsonValueKind.Array;
        }
        var shapeKind = JsonNode.Parse(shape.Replace("1e400", "1", StringComparison.Ordinal))?.GetValueKind();
        return kind switch
        {
            JsonValueKind.String => shapeKind == JsonValueKind.String,
            JsonValueKind.Number => shape is "-0" or "0.5",
            JsonValueKind.Array => shape is "[]",
            // An optional text left out of the sample: an empty string is the same absence (an optional citizen ID left blank).
            JsonValueKind.Null => shape is "\"\"",
            _ => false,
        };
    }

    private IEnumerable<Probe> BodyProbes(Sample sample, JsonObject body)
    {
        var text = Fresh(body).ToJsonString(Raw);
        foreach (var whole in WholeBodies)
        {
            yield return Probe(sample, $"body {Shorten(whole)}", Utf8(whole));
        }
        for (var i = 0; i < 4; i++)
        {
            var cut = random.Next(1, text.Length - 1);
            yield return Probe(sample, $"truncated at {cut} of {text.Length}", Utf8(text)[..Math.Min(cut, Utf8(text).Length - 1)]);
        }
        yield return Probe(sample, "array of the body", Utf8($"[{text}]"));
        yield return Probe(sample, "nested 10 000 arrays", Utf8(new string('[', 10_000) + new string(']', 10_000)));
        yield return Probe(sample, "nested 200 objects", Utf8(string.Concat(Enumerable.Repeat("{\"a\":", 200)) + "1" + new string('}', 200)));
        var first = body.First();
        yield return Probe(sample, $"duplicate {first.Key}", Utf8("{" + $"\"{first.Key}\":{first.Value?.ToJsonString(Raw) ?? "null"}," + text[1..]));
        if (Leaves(body).FirstOrDefault(l => l.Node?.GetValueKind() == JsonValueKind.String) is { Path: { } stringPath })
        {
            var (before, after) = Split(body, stringPath);
            yield return Probe(sample, "Latin-1 text", [.. before, .. Encoding.Latin1.GetBytes("\"Trà Vinh\""), .. after]);
        }
        yield return Probe(sample, "UTF-16 body", Encoding.Unicode.GetBytes(text));
        yield return Probe(sample, "trailing garbage", Utf8(text + "garbage"));
        yield return Probe(sample, "1 MB of garbage", Utf8(new string('{', 1 << 20)));
        foreach (var type in ForeignContentTypes)
        {
            yield return Probe(sample, $"Content-Type {type}", Utf8(text), type);
        }
        yield return Probe(sample, "no Content-Type", Utf8(text), contentType: null);
    }

    private IEnumerable<Probe> RouteProbes(Sample sample)
    {
        foreach (var value in sample.RouteValues ?? [])
        {
            var at = sample.Path.LastIndexOf("/" + value, StringComparison.Ordinal) + 1;
            foreach (var segment in Pick(OddSegments, 8))
            {
                var path = sample.Path[..at] + (segment.Length > 100 ? segment : value + segment) + sample.Path[(at + value.Length)..];
                var body = sample.Body is null ? null : Utf8(sample.Body.ToJsonString(Raw));
                yield return new Probe(sample.Pattern, $"route {Shorten(segment)}", sample.Client, Method(sample), path, body,
                    body is null ? null : "application/json");
            }
        }
    }

    private IEnumerable<Probe> ImportProbes(Sample sample)
    {
        const string csv = "book_code,unit_code,type,volume,registered_from,registered_to,case_count,condition\nKS-70-Z-01,70,birth,1,1990-01-01,2000-12-31,100,good\n";
        var part = $"--b0\r\nContent-Disposition: form-data; name=\"file\"; filename=\"books.csv\"\r\nContent-Type: text/csv\r\n\r\n{csv}\r\n--b0--\r\n";
        (string What, string? Type, byte[] Body)[] cases =
        [
            ("multipart without boundary", "multipart/form-data", Utf8(part)),
            ("multipart, body not multipart", "multipart/form-data; boundary=b0", Utf8(csv)),
            ("multipart truncated in the part", "multipart/form-data; boundary=b0", Utf8(part[..(part.Length / 2)])),
            ("multipart truncated before the end", "multipart/form-data; boundary=b0", Utf8(part[..^8])),
            ("multipart truncated in the headers", "multipart/form-data; boundary=b0", Utf8(part[..30])),
            ("multipart with another boundary", "multipart/form-data; boundary=zz", Utf8(part)),
            ("multipart with an empty boundary", "multipart/form-data; boundary=", Utf8(part)),
            ("multipart with a 2 000-character boundary", "multipart/form-data; boundary=" + new string('b', 2000), Utf8(part)),
            ("multipart, empty body", "multipart/form-data; boundary=b0", []),
            ("multipart, headers without end", "multipart/form-data; boundary=b0", Utf8("--b0\r\nContent-Disposition: form-data; name=\"file\"")),
            ("multipart, no file part", "multipart/form-data; boundary=b0", Utf8("--b0\r\nContent-Disposition: form-data; name=\"x\"\r\n\r\n1\r\n--b0--\r\n")),
            ("multipart, 1 MB header line", "multipart/form-data; boundary=b0",
                Utf8("--b0\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + new string('a', 1 << 20) + "\"\r\n\r\nx\r\n--b0--\r\n")),
            ("urlencoded form", "application/x-www-form-urlencoded", Utf8("file=%ZZ&&==")),
            ("JSON instead of CSV", "application/json", Utf8("{\"books\":[]}")),
            ("XML", "application/xml", Utf8("<books/>")),
            ("no Content-Type", null, Utf8(csv)),
            ("empty CSV body", "text/csv", []),
        ];
        foreach (var (what, type, bytes) in cases)
        {
            yield return new Probe(sample.Pattern, what, sample.Client, "POST", sample.Path, bytes, type);
        }
    }

    /// <summary>
    /// A copy of the body with a new client-chosen id (where it has one), so no request of the corpus replays or conflicts
    /// with another: each meets the validation afresh.
    /// </summary>
    private JsonObject Fresh(JsonObject body)
    {
        var copy = body.DeepClone().AsObject();
        if (copy["id"] is JsonValue id && id.GetValueKind() == JsonValueKind.String && Guid.TryParse(id.GetValue<string>(), out _) && FreshIds)
        {
            var bytes = new byte[16];
            random.NextBytes(bytes);
            copy["id"] = new Guid(bytes).ToString();
        }
        return copy;
    }

    /// <summary>Whether the sample being broken chooses its own id (a new case or skip), so each probe gets a new one.</summary>
    private bool FreshIds { get; set; }

    private Probe Replace(Sample sample, JsonObject body, IReadOnlyList<object> path, string what, string literal)
    {
        var (before, after) = Split(body, path);
        return Probe(sample, what, [.. before, .. Utf8(literal), .. after]);
    }

    /// <summary>The body's bytes before and after the value at <paramref name="path"/>.</summary>
    private (byte[] Before, byte[] After) Split(JsonObject body, IReadOnlyList<object> path)
    {
        var copy = Fresh(body);
        Set(copy, path, JsonValue.Create(Placeholder));
        var text = copy.ToJsonString(Raw);
        var at = text.IndexOf($"\"{Placeholder}\"", StringComparison.Ordinal);
        return (Utf8(text[..at]), Utf8(text[(at + Placeholder.Length + 2)..]));
    }

    private Probe Probe(Sample sample, string what, byte[] body, string? contentType = "application/json") =>
        new(sample.Pattern, what, sample.Client, Method(sample), sample.Path, body, contentType);

    private static string Method(Sample sample) => sample.Pattern[..sample.Pattern.IndexOf(' ', StringComparison.Ordinal)];

    private List<T> Pick<T>(T[] values, int count) => values.OrderBy(_ => random.Next()).Take(count).ToList();

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    /// <summary>A JSON string literal: lone surrogates and control characters always escaped, the rest raw unless <paramref name="escapeAll"/>.</summary>
    private static string Literal(string text, bool escapeAll)
    {
        var builder = new StringBuilder("\"");
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var pair = char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]);
            if (pair && !escapeAll)
            {
                builder.Append(c).Append(text[++i]);
            }
            else if (c < 0x20 || c is '"' or '\\' || char.IsSurrogate(c) || (escapeAll && c > 0x7E))
            {
                builder.Append($"\\u{(int)c:X4}");
            }
            else
            {
                builder.Append(c);
            }
        }
        return builder.Append('"').ToString();
    }

    private static string Describe(string value) => string.Join(' ', value.Select(c => ((int)c).ToString("X4")));

    private static string Shorten(string text) => text.Length > 20 ? text[..20] + "…" : text;

    private static IEnumerable<(IReadOnlyList<object> Path, JsonNode? Node)> Leaves(JsonNode node, bool includeContainers = false, List<object>? prefix = null)
    {
        prefix ??= [];
        IEnumerable<(object Key, JsonNode? Child)> children = node switch
        {
            JsonObject o => o.Select(p => ((object)p.Key, p.Value)),
            JsonArray a => a.Select((v, i) => ((object)i, v)),
            _ => [],
        };
        foreach (var (key, child) in children.ToList())
        {
            var path = new List<object>(prefix) { key };
            if (child is JsonObject or JsonArray)
            {
                if (includeContainers)
                {
                    yield return (path, child);
                }
                foreach (var leaf in Leaves(child, includeContainers, path))
                {
                    yield return leaf;
                }
            }
            else
            {
                yield return (path, child);
            }
        }
    }

    private static JsonNode? Get(JsonNode node, IReadOnlyList<object> path)
    {
        JsonNode? current = node;
        foreach (var key in path)
        {
            current = key is int i ? current?.AsArray()[i] : current?.AsObject()[(string)key];
        }
        return current;
    }

    private static void Set(JsonNode root, IReadOnlyList<object> path, JsonNode? value)
    {
        var parent = Get(root, path.Take(path.Count - 1).ToList())!;
        if (path[^1] is int i)
        {
            parent.AsArray()[i] = value;
        }
        else
        {
            parent.AsObject()[(string)path[^1]] = value;
        }
    }
}
