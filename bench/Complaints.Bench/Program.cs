using System.Diagnostics;
using Complaints.Bench;

// The benchmark: dotnet cake --target=Bench [--scale=small|full] [--bench-args="--storage=postgres --hosts=2"]  (see BenchOptions for every knob).
if (args is ["--render", var runDirectory])
{
    // Re-renders a finished run's report.md from its report.json; runs nothing.
    await Report.RenderAsync(runDirectory);
    return 0;
}

BenchOptions options;
try
{
    options = BenchOptions.Parse(args);
}
catch (Exception exception) when (exception is ArgumentException or FormatException)
{
    Console.Error.WriteLine(exception.Message);
    return 2;
}

if (!File.Exists(options.HostDll))
{
    Console.Error.WriteLine($"No host at {options.HostDll}: build the solution in Release first (dotnet cake --target=Build).");
    return 2;
}

var watch = Stopwatch.StartNew();
void Say(string text) => Console.WriteLine($"[{watch.Elapsed:hh\\:mm\\:ss}] {text}");

var machine = Machine.Describe(options.RepositoryRoot);
Say($"scale {options.Scale}, storage {options.Storage}{(options.Hosts > 1 ? $", {options.Hosts} hosts" : "")}: {string.Join(", ", options.Only)}; {machine.Cores} cores, load average {machine.LoadAverageAtStart}");
await using var storage = await BenchStorage.StartAsync(options, Say);
var notes = new List<string>
{
    "Load: the benchmark's own open-loop client (HttpClient, SocketsHttpHandler, up to 512 keep-alive connections per host). Request i is due at start + i/rate; latency runs from that scheduled instant, so a stall is charged to every request it delayed (no coordinated omission).",
};
notes.AddRange(storage.Notes());

IntakeResult? intake = null;
ScaleResult? scale = null;
RecoveryResult? recovery = null;
ReportsResult? reports = null;
var deadlines = new List<DeadlineResult>();
BenchReport Build() => new(machine, options.Scale, options.Storage, options.IsPostgres ? options.Hosts : 1, storage.Description, Machine.LoadAverage(), watch.Elapsed.TotalMinutes, intake, scale, deadlines, recovery, [], notes, reports);
async Task Save()
{
    var report = Build();
    await Report.WriteAsync(report with { Targets = Report.Targets(report) }, options.OutputDirectory);
}

if (options.Runs("intake"))
{
    intake = await IntakeScenario.RunAsync(options, storage, Say);
    await Save();
}

if (options.Runs("scale"))
{
    scale = await ScaleScenario.RunAsync(options, storage, Say);
    await Save();
}

// --only=deadlines runs both; deadlines-quiet or deadlines-load runs one of them.
if (options.Runs("deadlines") || options.Runs("deadlines-quiet"))
{
    deadlines.Add(await DeadlineScenario.RunAsync(options, storage, withLoad: false, Say));
    await Save();
}

if (options.Runs("deadlines") || options.Runs("deadlines-load"))
{
    deadlines.Add(await DeadlineScenario.RunAsync(options, storage, withLoad: true, Say));
    await Save();
}

if (options.Runs("recovery"))
{
    recovery = await RecoveryScenario.RunAsync(options, storage, Say);
    await Save();
}

if (options.Runs("reports"))
{
    reports = await ReportsScenario.RunAsync(options, storage, Say);
    await Save();
}

if (options.Runs("workbench"))
{
    // Written beside report.json as workbench.json; its figures are in the run's log and docs/benchmarks.md.
    await WorkbenchScenario.RunAsync(options, storage, Say);
}

await Save();
Say($"report: {Path.Combine(options.OutputDirectory, "report.md")}");
return 0;
