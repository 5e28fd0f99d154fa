namespace Complaints.Channels.SuggestionBox;

/// <summary>
/// The scans of one upload, written to one temporary file as they arrive (never held in memory together) and read back
/// a row's worth at a time; the file is deleted when the upload has been answered. Looked up by name as
/// <see cref="ScanNames"/> compares them.
/// </summary>
public sealed class ScanSpool : IAsyncDisposable
{
    private readonly Dictionary<string, Scan> _scans = new(ScanNames.Comparer);
    private readonly List<Scan> _order = [];
    private FileStream? _file;

    /// <summary>One scan: its name as uploaded, the type its sender claimed (the host sniffs the content) and where it lies.</summary>
    public sealed record Scan(string Name, string ContentType, long Offset, long Length);

    /// <summary>The scans in the order they were uploaded.</summary>
    public IReadOnlyList<Scan> All => _order;

    public Scan? Find(string name) => _scans.GetValueOrDefault(ScanNames.Normalize(name));

    /// <summary>Copies <paramref name="content"/> into the spool; false (nothing kept) when a scan of that name is there already.</summary>
    public async Task<bool> AddAsync(string name, string contentType, Stream content, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        name = ScanNames.Normalize(name);
        if (_scans.ContainsKey(name))
        {
            return false;
        }

        _file ??= new FileStream(
            Path.Combine(Path.GetTempPath(), "suggestion-box-scans-" + Path.GetRandomFileName()),
            FileMode.CreateNew,
            FileAccess.ReadWrite,
            FileShare.None,
            64 * 1024,
            FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        var offset = _file.Seek(0, SeekOrigin.End);
        await content.CopyToAsync(_file, cancellationToken);
        var scan = new Scan(name, contentType, offset, _file.Length - offset);
        _scans[name] = scan;
        _order.Add(scan);
        return true;
    }

    /// <summary>The bytes of one scan (the intake takes a file's bytes whole).</summary>
    public async Task<byte[]> ReadAsync(Scan scan, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scan);
        var bytes = new byte[scan.Length];
        if (scan.Length > 0)
        {
            _file!.Seek(scan.Offset, SeekOrigin.Begin);
            await _file.ReadExactlyAsync(bytes, cancellationToken);
        }

        return bytes;
    }

    public async ValueTask DisposeAsync()
    {
        if (_file is not null)
        {
            await _file.DisposeAsync();
        }
    }
}

/// <summary>How a sheet's 扫描件 cell names its files, and how names are compared (pure).</summary>
public static class ScanNames
{
    /// <summary>Scan file names match whatever their case: a scanner writes <c>0001.JPG</c>, a person types <c>0001.jpg</c>.</summary>
    public static StringComparer Comparer => StringComparer.OrdinalIgnoreCase;

    /// <summary>The separators between the names in one cell: <c>;</c> <c>；</c> <c>,</c> <c>，</c> <c>、</c> and line breaks.</summary>
    private static readonly char[] Separators = [';', '；', ',', '，', '、', '\n', '\r'];

    /// <summary>
    /// The last segment of a name (a browser or a person may give a whole path, <c>D:\扫描\0001.jpg</c>), trimmed: the
    /// same file named by the sheet and by the upload compares equal.
    /// </summary>
    public static string Normalize(string? name)
    {
        var n = name?.Replace('\\', '/') ?? "";
        return n[(n.LastIndexOf('/') + 1)..].Trim();
    }

    /// <summary>The names in a cell, in order, each once; none for an empty cell.</summary>
    public static IReadOnlyList<string> Parse(string? cell)
    {
        if (string.IsNullOrWhiteSpace(cell))
        {
            return [];
        }

        var names = new List<string>();
        foreach (var part in cell.Split(Separators, StringSplitOptions.RemoveEmptyEntries))
        {
            var name = Normalize(part);
            if (name.Length > 0 && !names.Contains(name, Comparer))
            {
                names.Add(name);
            }
        }

        return names;
    }
}
