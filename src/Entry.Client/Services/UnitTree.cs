using System.Globalization;
using System.Text;
using Entry.Shared.Books;
using Entry.Shared.Units;

namespace Entry.Client.Services;

/// <summary>One visible line of the unit tree.</summary>
public sealed record UnitRow(UnitNode Unit, int Depth, bool HasChildren, bool IsExpanded, int Books, int Cases);

/// <summary>
/// The province → district → commune tree as a flat list of visible rows: what is expanded, what the
/// name search keeps (a match, its ancestors and, once expanded, its children) and which book type counts.
/// </summary>
public sealed class UnitTree
{
    private readonly IReadOnlyList<UnitNode> _roots;
    private readonly HashSet<string> _expanded = [];
    private string _search = "";

    public UnitTree(IReadOnlyList<UnitNode> roots)
    {
        _roots = roots;
        foreach (var root in roots)
        {
            _expanded.Add(root.Code);
        }

        Count = CountUnits(roots);
    }

    /// <summary>All units in the tree.</summary>
    public int Count { get; }

    /// <summary>The book type the figures are narrowed to; null counts every type.</summary>
    public BookType? Type { get; set; }

    public string Search
    {
        get => _search;
        set => _search = value?.Trim() ?? "";
    }

    public void Toggle(string code)
    {
        if (!_expanded.Remove(code))
        {
            _expanded.Add(code);
        }
    }

    public void ExpandAll() => Visit(_roots, node => _expanded.Add(node.Code));

    public void CollapseAll() => _expanded.Clear();

    /// <summary>The rows to show, in tree order.</summary>
    public IReadOnlyList<UnitRow> Rows()
    {
        var rows = new List<UnitRow>();
        HashSet<string>? kept = null;
        if (_search.Length > 0)
        {
            kept = [];
            var needle = Fold(_search);
            foreach (var root in _roots)
            {
                KeepMatches(root, needle, kept);
            }
        }

        foreach (var root in _roots)
        {
            AddRows(root, 0, kept, rows);
        }

        return rows;
    }

    /// <summary>Lower case without diacritics, so "phuoc long" finds "Phước Long" and "dong xoai" finds "Đồng Xoài".</summary>
    public static string Fold(string text)
    {
        var decomposed = text.Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            builder.Append(c is 'đ' or 'Đ' ? 'd' : char.ToLowerInvariant(c));
        }

        return builder.ToString();
    }

    private void AddRows(UnitNode node, int depth, HashSet<string>? kept, List<UnitRow> rows)
    {
        var (books, cases) = Totals(node);
        var expanded = _expanded.Contains(node.Code) || (kept is not null && node.Children.Any(c => kept.Contains(c.Code)));
        rows.Add(new UnitRow(node, depth, node.Children.Count > 0, expanded, books, cases));
        if (!expanded)
        {
            return;
        }

        // Under an explicitly expanded match every child shows; otherwise only children on the way to a match.
        var showAll = kept is null || _expanded.Contains(node.Code) && Matches(node);
        foreach (var child in node.Children)
        {
            if (showAll || kept!.Contains(child.Code))
            {
                AddRows(child, depth + 1, kept, rows);
            }
        }
    }

    private bool Matches(UnitNode node) => Fold(node.Name).Contains(Fold(_search), StringComparison.Ordinal);

    private (int Books, int Cases) Totals(UnitNode node)
    {
        if (Type is not { } type)
        {
            return (node.Books, node.Cases);
        }

        var totals = node.ByType.FirstOrDefault(t => t.Type == type);
        return totals is null ? (0, 0) : (totals.Books, totals.Cases);
    }

    private static bool KeepMatches(UnitNode node, string needle, HashSet<string> kept)
    {
        var keep = Fold(node.Name).Contains(needle, StringComparison.Ordinal);
        foreach (var child in node.Children)
        {
            keep |= KeepMatches(child, needle, kept);
        }

        if (keep)
        {
            kept.Add(node.Code);
        }

        return keep;
    }

    private static int CountUnits(IEnumerable<UnitNode> nodes) => nodes.Sum(n => 1 + CountUnits(n.Children));

    private static void Visit(IEnumerable<UnitNode> nodes, Action<UnitNode> action)
    {
        foreach (var node in nodes)
        {
            action(node);
            Visit(node.Children, action);
        }
    }
}
