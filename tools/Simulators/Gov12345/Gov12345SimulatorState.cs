using System.Globalization;
using System.Text.Json.Nodes;

namespace Complaints.Simulators.Gov12345;

/// <summary>A report the platform received: sign, return, extend or reply, with the body as sent.</summary>
public sealed record RecordedReport(string Operation, string Gdbh, string Body, DateTimeOffset At);

/// <summary>
/// A file of an order as the platform keeps it. <see cref="Chunked"/>: served without a Content-Length (streamed), as some
/// platforms' file servers do. <see cref="RedirectTo"/>: answered with a 302 to that address instead. <see cref="Stalls"/>:
/// its first bytes are sent, then nothing until the reader gives up (a file server that hangs mid-file).
/// </summary>
public sealed record SimulatedFile(string Id, string Name, string ContentType, byte[] Content, bool Chunked, string? RedirectTo = null, bool Stalls = false);

/// <summary>Orders (in the platform's field names), their files, and the reports received about them.</summary>
public sealed class Gov12345SimulatorState
{
    private readonly Lock _gate = new();
    private readonly List<(JsonObject Order, bool Acked)> _orders = [];
    private readonly List<RecordedReport> _reports = [];
    private readonly Dictionary<string, SimulatedFile> _files = new(StringComparer.Ordinal);
    private readonly List<string> _fileRequests = [];
    private int _next;

    /// <summary>While true the file server answers 503 (the platform's files down, its order list up).</summary>
    public bool FilesDown { get; set; }

    /// <summary>Every file id asked for through the API, in order (answered or not).</summary>
    public IReadOnlyList<string> FileRequests
    {
        get
        {
            lock (_gate)
            {
                return [.. _fileRequests];
            }
        }
    }

    public SimulatedFile AddFile(string name, string contentType, byte[] content, bool chunked, string? redirectTo = null, bool stalls = false)
    {
        lock (_gate)
        {
            var file = new SimulatedFile(Guid.NewGuid().ToString("N"), name, contentType, content, chunked, redirectTo, stalls);
            _files[file.Id] = file;
            return file;
        }
    }

    /// <summary>Records the request and returns the file, or null when there is none of that id.</summary>
    public SimulatedFile? FindFile(string id)
    {
        lock (_gate)
        {
            _fileRequests.Add(id);
            return _files.GetValueOrDefault(id);
        }
    }

    public IReadOnlyList<RecordedReport> Reports
    {
        get
        {
            lock (_gate)
            {
                return [.. _reports];
            }
        }
    }

    /// <summary>Fills in what the caller left out: gdbh, dispatch time, a 3-day limit, urgency 一般.</summary>
    public JsonObject Create(JsonObject order)
    {
        lock (_gate)
        {
            var now = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8));
            var copy = (JsonObject)order.DeepClone();
            copy["gdbh"] ??= $"12345-{now:yyyyMMdd}-{++_next:0000}";
            copy["pdsj"] ??= now.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
            copy["processlimited"] ??= now.AddDays(3).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
            copy["jjcd"] ??= "一般";
            copy["zt"] = "待签收";
            _orders.Add((copy, false));
            return (JsonObject)copy.DeepClone();
        }
    }

    public List<JsonObject> Unacknowledged()
    {
        lock (_gate)
        {
            return [.. _orders.Where(o => !o.Acked).Select(o => (JsonObject)o.Order.DeepClone())];
        }
    }

    public List<JsonObject> All()
    {
        lock (_gate)
        {
            return [.. _orders.Select(o =>
            {
                var copy = (JsonObject)o.Order.DeepClone();
                copy["acked"] = o.Acked;
                return copy;
            })];
        }
    }

    public bool Exists(string gdbh)
    {
        lock (_gate)
        {
            return _orders.Any(o => o.Order["gdbh"]?.ToString() == gdbh);
        }
    }

    public void Acknowledge(string gdbh)
    {
        lock (_gate)
        {
            var index = _orders.FindIndex(o => o.Order["gdbh"]?.ToString() == gdbh);
            _orders[index] = (_orders[index].Order, true);
        }
    }

    public void Record(string operation, string gdbh, JsonObject body)
    {
        lock (_gate)
        {
            _reports.Add(new RecordedReport(operation, gdbh, body.ToJsonString(), DateTimeOffset.UtcNow));
            var index = _orders.FindIndex(o => o.Order["gdbh"]?.ToString() == gdbh);
            _orders[index].Order["zt"] = operation switch { "sign" => "已签收", "return" => "已退单", "extend" => "延期申请中", _ => "已办结" };
        }
    }
}
