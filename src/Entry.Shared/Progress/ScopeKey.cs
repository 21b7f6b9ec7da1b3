using System.Globalization;

namespace Entry.Shared.Progress;

/// <summary>What a <see cref="ScopeKey"/> names.</summary>
public enum ScopeKind
{
    Province,
    District,
    Unit,
    Team,
    Book,
    Shift,
    Day,
    /// <summary>A district's cases of one shift: the district dashboard's rate per shift and per day.</summary>
    DistrictShift,
}

/// <summary>
/// The one name of a scope: the key of its progress counters, of the hub group that follows it, and of the dashboard that
/// shows it. <see cref="Name"/> is the stored and sent form: <c>province</c>, <c>district:688</c>, <c>unit:25216</c>,
/// <c>team:7</c>, <c>book:42</c>, <c>shift:2026-11-23/3</c>, <c>day:2026-11-23</c>, <c>dshift:688:2026-11-23/3</c> — always
/// written with the invariant culture, and read back only in exactly that form (<see cref="TryParse"/>).
/// </summary>
public sealed record ScopeKey
{
    private const int MaxCodeLength = 16;
    private const string DateFormat = "yyyy-MM-dd";

    private ScopeKey(ScopeKind kind, string name, string? code = null, int? id = null, DateOnly? date = null, int? shiftNumber = null)
    {
        Kind = kind;
        Name = name;
        Code = code;
        Id = id;
        Date = date;
        ShiftNumber = shiftNumber;
    }

    public ScopeKind Kind { get; }

    /// <summary>The key as stored in the counters, used as the hub group's name and sent in the contracts' <c>Scope</c>.</summary>
    public string Name { get; }

    /// <summary>The district's or unit's code (<see cref="ScopeKind.District"/>, <see cref="ScopeKind.Unit"/>, <see cref="ScopeKind.DistrictShift"/>).</summary>
    public string? Code { get; }

    /// <summary>The team's or book's id (<see cref="ScopeKind.Team"/>, <see cref="ScopeKind.Book"/>).</summary>
    public int? Id { get; }

    /// <summary>The shift's date or the day (<see cref="ScopeKind.Shift"/>, <see cref="ScopeKind.Day"/>, <see cref="ScopeKind.DistrictShift"/>).</summary>
    public DateOnly? Date { get; }

    /// <summary>The shift of the day, 1 to 4 (<see cref="ScopeKind.Shift"/>, <see cref="ScopeKind.DistrictShift"/>).</summary>
    public int? ShiftNumber { get; }

    /// <summary>A scope a browser may follow on the hub (<c>Subscribe</c>): the province, a district, a unit, a team.</summary>
    public bool IsFollowable => Kind is ScopeKind.Province or ScopeKind.District or ScopeKind.Unit or ScopeKind.Team;

    /// <summary>A scope a dashboard shows (<c>WatchDashboard</c>): the province or a district.</summary>
    public bool IsDashboard => Kind is ScopeKind.Province or ScopeKind.District;

    public static readonly ScopeKey Province = new(ScopeKind.Province, "province");

    public static ScopeKey District(string code) => new(ScopeKind.District, Prefix(ScopeKind.District) + code, code);

    public static ScopeKey Unit(string code) => new(ScopeKind.Unit, Prefix(ScopeKind.Unit) + code, code);

    public static ScopeKey Team(int teamId) => new(ScopeKind.Team, Prefix(ScopeKind.Team) + Number(teamId), id: teamId);

    public static ScopeKey Book(int bookId) => new(ScopeKind.Book, Prefix(ScopeKind.Book) + Number(bookId), id: bookId);

    public static ScopeKey Shift(DateOnly date, int shift) =>
        new(ScopeKind.Shift, $"{Prefix(ScopeKind.Shift)}{Text(date)}/{Number(shift)}", date: date, shiftNumber: shift);

    public static ScopeKey Day(DateOnly date) => new(ScopeKind.Day, Prefix(ScopeKind.Day) + Text(date), date: date);

    public static ScopeKey DistrictShift(string district, DateOnly date, int shift) =>
        new(ScopeKind.DistrictShift, $"{Prefix(ScopeKind.DistrictShift)}{district}:{Text(date)}/{Number(shift)}", district, date: date, shiftNumber: shift);

    /// <summary>How the names of a kind begin (<c>district:</c>): to find all of a kind among stored names. The province has no prefix.</summary>
    public static string Prefix(ScopeKind kind) => kind switch
    {
        ScopeKind.Province => Province.Name,
        ScopeKind.District => "district:",
        ScopeKind.Unit => "unit:",
        ScopeKind.Team => "team:",
        ScopeKind.Book => "book:",
        ScopeKind.Shift => "shift:",
        ScopeKind.Day => "day:",
        ScopeKind.DistrictShift => "dshift:",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    /// <summary>The key a name stands for, or null when it is not exactly a key's <see cref="Name"/> (case, spaces, leading zeros).</summary>
    public static ScopeKey? TryParse(string? name)
    {
        if (name == Province.Name)
        {
            return Province;
        }
        var colon = name?.IndexOf(':', StringComparison.Ordinal) ?? -1;
        if (colon < 0)
        {
            return null;
        }
        var (prefix, value) = (name![..(colon + 1)], name[(colon + 1)..]);
        var kind = Enum.GetValues<ScopeKind>().Where(k => k != ScopeKind.Province && Prefix(k) == prefix).Cast<ScopeKind?>().FirstOrDefault();
        var key = kind switch
        {
            ScopeKind.District when IsCode(value) => District(value),
            ScopeKind.Unit when IsCode(value) => Unit(value),
            ScopeKind.Team when IsId(value, out var team) => Team(team),
            ScopeKind.Book when IsId(value, out var book) => Book(book),
            ScopeKind.Shift when IsShift(value, out var date, out var shift) => Shift(date, shift),
            ScopeKind.Day when IsDate(value, out var day) => Day(day),
            ScopeKind.DistrictShift when value.IndexOf(':', StringComparison.Ordinal) is > 0 and var at && IsCode(value[..at])
                && IsShift(value[(at + 1)..], out var date, out var shift) => DistrictShift(value[..at], date, shift),
            _ => null,
        };
        // Only the canonical spelling: "team:007" and "team:7" must not be two names of one group.
        return key?.Name == name ? key : null;
    }

    public override string ToString() => Name;

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Text(DateOnly date) => date.ToString(DateFormat, CultureInfo.InvariantCulture);

    private static bool IsCode(string value) => value.Length is > 0 and <= MaxCodeLength && value.All(char.IsAsciiLetterOrDigit);

    private static bool IsId(string value, out int id) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out id) && id > 0;

    private static bool IsDate(string value, out DateOnly date) =>
        DateOnly.TryParseExact(value, DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    private static bool IsShift(string value, out DateOnly date, out int shift)
    {
        shift = 0;
        var slash = value.IndexOf('/', StringComparison.Ordinal);
        return IsDate(slash < 0 ? "" : value[..slash], out date) && IsId(value[(slash + 1)..], out shift);
    }
}
