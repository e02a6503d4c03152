using System.Buffers.Binary;
using System.Collections;

namespace EventEngine.Web.Pdf;

/// <summary>
/// The characters a TrueType font has glyphs for, read from its "cmap" table (Microsoft's format 12 for all of
/// Unicode, else format 4 for the Basic Multilingual Plane). See https://learn.microsoft.com/typography/opentype/spec/cmap.
/// </summary>
public static class TrueTypeCharacters
{
    private const int UnicodeSize = 0x110000;

    public static BitArray Of(byte[] font)
    {
        var cmap = TableOffset(font, "cmap");
        int? format4 = null, format12 = null;
        for (int i = 0, count = U16(font, cmap + 2); i < count; i++)
        {
            var record = cmap + 4 + 8 * i;
            var (platform, encoding) = (U16(font, record), U16(font, record + 2));
            var subtable = cmap + (int)U32(font, record + 4);
            var unicode = platform == 0 || (platform == 3 && encoding is 1 or 10);
            if (!unicode) continue;
            switch (U16(font, subtable))
            {
                case 12: format12 ??= subtable; break;
                case 4: format4 ??= subtable; break;
            }
        }
        var covered = new BitArray(UnicodeSize);
        if (format12 is { } f12) ReadFormat12(font, f12, covered);
        else if (format4 is { } f4) ReadFormat4(font, f4, covered);
        else throw new InvalidDataException("The font has no Unicode character map.");
        return covered;
    }

    private static void ReadFormat12(byte[] font, int table, BitArray covered)
    {
        var groups = U32(font, table + 12);
        for (var g = 0; g < groups; g++)
        {
            var group = table + 16 + 12 * g;
            var (start, end, glyph) = (U32(font, group), U32(font, group + 4), U32(font, group + 8));
            for (var c = start; c <= end && c < UnicodeSize; c++)
                if (glyph + (c - start) != 0) covered[(int)c] = true;
        }
    }

    private static void ReadFormat4(byte[] font, int table, BitArray covered)
    {
        var segments = U16(font, table + 6) / 2;
        var ends = table + 14;
        var starts = ends + 2 * segments + 2;
        var deltas = starts + 2 * segments;
        var rangeOffsets = deltas + 2 * segments;
        for (var s = 0; s < segments; s++)
        {
            int start = U16(font, starts + 2 * s), end = U16(font, ends + 2 * s);
            var delta = (short)U16(font, deltas + 2 * s);
            var rangeOffsetAt = rangeOffsets + 2 * s;
            int rangeOffset = U16(font, rangeOffsetAt);
            for (var c = start; c <= end && c != 0xFFFF; c++)
            {
                int glyph;
                if (rangeOffset == 0) glyph = (c + delta) & 0xFFFF;
                else
                {
                    // The offset counts from its own position in the table to the glyph id for this character.
                    glyph = U16(font, rangeOffsetAt + rangeOffset + 2 * (c - start));
                    if (glyph != 0) glyph = (glyph + delta) & 0xFFFF;
                }
                if (glyph != 0) covered[c] = true;
            }
        }
    }

    private static int TableOffset(byte[] font, string tag)
    {
        for (int i = 0, count = U16(font, 4); i < count; i++)
        {
            var record = 12 + 16 * i;
            if (System.Text.Encoding.ASCII.GetString(font, record, 4) == tag) return (int)U32(font, record + 8);
        }
        throw new InvalidDataException($"The font has no '{tag}' table.");
    }

    private static int U16(byte[] data, int at) => BinaryPrimitives.ReadUInt16BigEndian(data.AsSpan(at));

    private static uint U32(byte[] data, int at) => BinaryPrimitives.ReadUInt32BigEndian(data.AsSpan(at));
}
