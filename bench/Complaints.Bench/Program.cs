using System.Diagnostics;
using Complaints.Bench;

// The benchmark: dotnet cake --target=Bench [--scale=small|full]  (see BenchOptions for every knob).
var options = BenchOptions.Parse(args);
if (!File.Exists(options.HostDll))
{
    Console.Error.WriteLine($"No host at {options.HostDll}: build the solution in Release first (dotnet cake --target=Build).");
    return 2;
}

var watch = Stopwatch.StartNew();
void Say(string text) => Console.WriteLine($"[{watch.Elapsed:hh\\:mm\\:ss}] {text}");

var machine = Machine.Describe(options.RepositoryRoot);
Say($"scale {options.Scale}: {string.Join(", ", options.Only)}; {machine.Cores} cores, load average {machine.LoadAverageAtStart}");
var notes = new List<string>
{
    "Load: the benchmark's own open-loop client (HttpClient, SocketsHttpHandler, up to 512 keep-alive connections). Request i is due at start + i/rate; latency runs from that scheduled instant, so a stall is charged to every request it delayed (no coordinated omission).",
    "Every 201 is sent after the complaint's events and ledger row are committed (SQLite WAL, synchronous=FULL, group commit).",
    "The host runs as its own process (Release build, Serilog at Warning) over a fresh temporary data folder per scenario.",
};

IntakeResult? intake = null;
ScaleResult? scale = null;
RecoveryResult? recovery = null;
var deadlines = new List<DeadlineResult>();
BenchReport Build() => new(machine, options.Scale, Machine.LoadAverage(), watch.Elapsed.TotalMinutes, intake, scale, deadlines, recovery, [], notes);
async Task Save()
{
    var report = Build();
    await Report.WriteAsync(report with { Targets = Report.Targets(report) }, options.OutputDirectory);
}

if (options.Runs("intake"))
{
    intake = await IntakeScenario.RunAsync(options, Say);
    await Save();
}

if (options.Runs("scale"))
{
    scale = await ScaleScenario.RunAsync(options, Say);
    await Save();
}

if (options.Runs("deadlines"))
{
    deadlines.Add(await DeadlineScenario.RunAsync(options, withLoad: false, Say));
    await Save();
    deadlines.Add(await DeadlineScenario.RunAsync(options, withLoad: true, Say));
    await Save();
}

if (options.Runs("recovery"))
{
    recovery = await RecoveryScenario.RunAsync(options, Say);
}

await Save();
Say($"report: {Path.Combine(options.OutputDirectory, "report.md")}");
return 0;
