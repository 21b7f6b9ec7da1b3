using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Entry.Server.Features.Quality;

/// <summary>
/// The draw of a book's sample, a pure function of its seed and each entry's rate: entry n is drawn when
/// u(seed, n) &lt; its rate, with u read from SHA-256(seed, n) — so anyone with the seed and the rates kept with the pass
/// draws the same numbers. At least one entry per book: when nothing is drawn, the entry of smallest u is.
/// </summary>
public static class SampleDraw
{
    public static List<int> Draw(long seed, IReadOnlyList<(int EntryNumber, double Rate)> entries)
    {
        var drawn = entries.Where(e => e.Rate >= 1 || Uniform(seed, e.EntryNumber) < e.Rate).Select(e => e.EntryNumber).ToList();
        if (drawn.Count == 0 && entries.Count > 0)
        {
            drawn.Add(entries.MinBy(e => Uniform(seed, e.EntryNumber)).EntryNumber);
        }
        drawn.Sort();
        return drawn;
    }

    /// <summary>A number in [0, 1) fixed by the seed and the entry number.</summary>
    public static double Uniform(long seed, int entryNumber)
    {
        Span<byte> input = stackalloc byte[12];
        BinaryPrimitives.WriteInt64LittleEndian(input, seed);
        BinaryPrimitives.WriteInt32LittleEndian(input[8..], entryNumber);
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(input, hash);
        return (BinaryPrimitives.ReadUInt64LittleEndian(hash) >> 11) / (double)(1UL << 53);
    }

    public static long NewSeed() => BinaryPrimitives.ReadInt64LittleEndian(RandomNumberGenerator.GetBytes(8)) & long.MaxValue;
}
