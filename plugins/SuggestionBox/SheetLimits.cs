namespace Complaints.Channels.SuggestionBox;

/// <summary>
/// The bounds of one batch sheet, checked while it is read so that a small upload cannot grow into a large heap
/// (a zip bomb, a huge shared-strings part, a sheet of a million rows): over any of them nothing is imported.
/// </summary>
public sealed record SheetLimits
{
    public static readonly SheetLimits Default = new();

    /// <summary>Data rows (the header not counted).</summary>
    public int MaxRows { get; init; } = SuggestionBoxPlugin.MaxItems;

    /// <summary>Row elements of the sheet, blank ones included (each costs a little to skip).</summary>
    public int MaxRowElements { get; init; } = 65_536;

    /// <summary>The highest column a cell may sit in (A = 1).</summary>
    public int MaxColumns { get; init; } = 64;

    /// <summary>Characters in one cell (a shared string counts as the cell it fills).</summary>
    public int MaxCellChars { get; init; } = 4000;

    /// <summary>Declared and actually inflated bytes of all the workbook's zip entries together.</summary>
    public long MaxUncompressedBytes { get; init; } = 8 * 1024 * 1024;

    /// <summary>Characters of all shared strings together.</summary>
    public long MaxSharedStringChars { get; init; } = 4 * 1024 * 1024;

    /// <summary>Shared strings (a full sheet needs at most rows × columns of them).</summary>
    public int MaxSharedStrings { get; init; } = 65_536;

    /// <summary>Entries in the workbook's zip.</summary>
    public int MaxEntries { get; init; } = 256;
}

/// <summary>Which bound a sheet went over; <see cref="Uncompressed"/> is answered 413, the others 400.</summary>
public enum SheetLimit
{
    None,
    Rows,
    Columns,
    CellLength,
    Uncompressed,
    SharedStrings,
    Entries,
}
