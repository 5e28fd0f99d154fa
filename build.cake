// The build: dotnet tool restore && dotnet cake [--target=Test]
// Targets: Clean, Restore, Build, Pack, Chromium, Dovecot, Test (default), Run, Schema, Bench.
using System.Xml.Linq;

var target = Argument("target", "Test");
var configuration = Argument("configuration", "Release");
var solution = "./Complaints.Platform.sln";
var results = Directory("./artifacts/test-results");
var scale = Argument("scale", "small");
var benchArgs = Argument("bench-args", "");
var packages = Directory("./artifacts/packages");

Task("Clean")
    .Does(() =>
{
    CleanDirectories("./**/bin/" + configuration);
    CleanDirectories("./**/obj");
    CleanDirectory("./artifacts");
});

Task("Restore")
    .Does(() => DotNetRestore(solution));

Task("Build")
    .IsDependentOn("Restore")
    .Does(() => DotNetBuild(solution, new DotNetBuildSettings { Configuration = configuration, NoRestore = true }));

// The channel SDK (docs/plugins.md): the contract as the NuGet package Complaints.Channels.Abstractions and the
// template pack Complaints.Channels.Templates (dotnet new complaints-channel), both into artifacts/packages/, the
// local feed a plugin outside the repository restores from. The SDK test builds a plugin against them.
Task("Pack")
    .IsDependentOn("Build")
    .Does(() =>
{
    CleanDirectory(packages);
    DotNetPack("./modules/Channels.Abstractions/Complaints.Channels.Abstractions.csproj", new DotNetPackSettings
    {
        Configuration = configuration,
        NoBuild = true,
        NoRestore = true,
        OutputDirectory = packages,
    });
    DotNetPack("./templates/Complaints.Channels.Templates/Complaints.Channels.Templates.csproj", new DotNetPackSettings
    {
        Configuration = configuration,
        OutputDirectory = packages,
    });
});

// The workbench's end-to-end tests drive Debian's chromium (Microsoft.Playwright with ExecutablePath, no browser
// download), with a Chinese font so the pages (and their screenshots) show Chinese rather than empty boxes: installed
// here when missing, as root only; nothing happens when they are there.
Task("Chromium")
    .Does(() =>
{
    var needed = new Dictionary<string, string>
    {
        ["/usr/bin/chromium"] = "chromium",
        ["/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"] = "fonts-wqy-microhei",
    };
    var missing = needed.Where(n => !FileExists(n.Key)).Select(n => n.Value).ToList();
    if (missing.Count == 0)
    {
        return;
    }

    var root = StartProcess("id", new ProcessSettings { Arguments = "-u", RedirectStandardOutput = true }, out var uid) == 0 && uid.FirstOrDefault()?.Trim() == "0";
    if (!root)
    {
        throw new Exception($"{string.Join(", ", missing)} missing and the build is not running as root: install first (sudo apt-get install -y {string.Join(" ", missing)}).");
    }

    var environment = new Dictionary<string, string> { ["DEBIAN_FRONTEND"] = "noninteractive" };
    foreach (var arguments in new[] { "update", $"install -y --no-install-recommends {string.Join(" ", missing)}" })
    {
        if (StartProcess("apt-get", new ProcessSettings { Arguments = arguments, EnvironmentVariables = environment }) != 0)
        {
            throw new Exception($"apt-get {arguments} failed.");
        }
    }
});

// The mailbox plugin's tests start a real IMAP server of their own: Debian's dovecot (dovecot-imapd), installed here
// when it is missing, as root only; nothing happens when it is there. The tests run it unprivileged in a temporary
// folder; the system's own dovecot service is never started or configured.
Task("Dovecot")
    .Does(() =>
{
    const string dovecot = "/usr/sbin/dovecot";
    if (FileExists(dovecot))
    {
        return;
    }

    var root = StartProcess("id", new ProcessSettings { Arguments = "-u", RedirectStandardOutput = true }, out var uid) == 0 && uid.FirstOrDefault()?.Trim() == "0";
    if (!root)
    {
        throw new Exception($"{dovecot} is missing and the build is not running as root: install it first (sudo apt-get install -y dovecot-imapd).");
    }

    var environment = new Dictionary<string, string> { ["DEBIAN_FRONTEND"] = "noninteractive" };
    foreach (var arguments in new[] { "update", "install -y --no-install-recommends dovecot-imapd" })
    {
        if (StartProcess("apt-get", new ProcessSettings { Arguments = arguments, EnvironmentVariables = environment }) != 0)
        {
            throw new Exception($"apt-get {arguments} failed.");
        }
    }
});

// Every test project; each writes a TRX so the run ends with one plain total line.
Task("Test")
    .IsDependentOn("Build")
    .IsDependentOn("Pack")
    .IsDependentOn("Chromium")
    .IsDependentOn("Dovecot")
    .Does(() =>
{
    CleanDirectory(results);
    var failed = false;
    try
    {
        DotNetTest(solution, new DotNetTestSettings
        {
            Configuration = configuration,
            NoBuild = true,
            NoRestore = true,
            ResultsDirectory = results,
            Loggers = { "trx", "console;verbosity=normal" },
        });
    }
    catch (Exception)
    {
        failed = true;
    }

    int passed = 0, failures = 0, skipped = 0;
    var failedTests = new List<string>();
    foreach (var trx in GetFiles(results.Path.FullPath + "/**/*.trx"))
    {
        var document = XDocument.Load(trx.FullPath);
        var counters = document.Descendants().First(e => e.Name.LocalName == "Counters");
        passed += (int)counters.Attribute("passed");
        failures += (int)counters.Attribute("failed") + (int)counters.Attribute("error") + (int)counters.Attribute("timeout");
        skipped += (int)counters.Attribute("notExecuted");
        failedTests.AddRange(FailedTests(document));
    }

    // Repeated here, at the end: CI keeps only the tail of a long run, where the console logger's failures are gone.
    foreach (var failure in failedTests)
    {
        Console.WriteLine(failure);
    }

    // Plain, uncoloured: CI reads this closing line.
    Console.WriteLine($"{passed} passed, {failures} failed, {skipped} skipped");
    if (failed || failures > 0 || passed == 0)
    {
        throw new Exception("Tests failed.");
    }
});

// Each failed test of a TRX (its name, then the first lines of its message and stack trace), and each error of the run
// itself (a test host that crashed).
static IEnumerable<string> FailedTests(XDocument trx)
{
    IEnumerable<string> Lines(XElement parent, string name, int count) =>
        (parent.Descendants().FirstOrDefault(d => d.Name.LocalName == name)?.Value ?? "")
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Take(count);

    foreach (var result in trx.Descendants().Where(e => e.Name.LocalName == "UnitTestResult" && (string)e.Attribute("outcome") is "Failed" or "Error" or "Timeout"))
    {
        var details = Lines(result, "Message", 8).Concat(Lines(result, "StackTrace", 6));
        yield return $"FAILED {(string)result.Attribute("testName")} ({(string)result.Attribute("duration")})\n    " + string.Join("\n    ", details);
    }

    foreach (var info in trx.Descendants().Where(e => e.Name.LocalName == "RunInfo" && (string)e.Attribute("outcome") == "Error"))
    {
        yield return "RUN ERROR " + string.Join("\n    ", Lines(info, "Text", 8));
    }
}

// Runs the explicit demo (Platform:Mode=demo: demo users, demo channel keys, simulator URLs, loopback only) on the
// embedded default (SQLite under ./data): http://localhost:5080, with every bundled channel plugin (built into
// artifacts/plugins). The README's run command; a production start is `dotnet Complaints.Host.dll` without the mode.
// Settings from the environment win (ASPNETCORE_URLS, Storage__DataDirectory, Plugins__Directory): the command line
// fills in only what is not set there. artifacts/plugins is the bundled directory (Plugins:Directory); a plugin of
// one's own comes in beside it from another directory: env 'Plugins__Directories__0=/srv/plugins' dotnet cake --target=Run.
Task("Run")
    .IsDependentOn("Build")
    .Does(() =>
{
    Information("Starting the demo (Platform:Mode=demo): demo users and channel keys, loopback only. Not for production.");
    var arguments = new ProcessArgumentBuilder().Append("--Platform:Mode").Append("demo");
    if (string.IsNullOrEmpty(EnvironmentVariable("Plugins__Directory")))
    {
        arguments.Append("--Plugins:Directory").AppendQuoted(MakeAbsolute(Directory("./artifacts/plugins")).FullPath);
    }

    if (string.IsNullOrEmpty(EnvironmentVariable("Storage__DataDirectory")))
    {
        arguments.Append("--Storage:DataDirectory").AppendQuoted(MakeAbsolute(Directory("./data")).FullPath);
    }

    DotNetRun(
        "./host/Complaints.Host/Complaints.Host.csproj",
        arguments,
        new DotNetRunSettings { Configuration = configuration, NoBuild = true, NoRestore = true });
});

// Cluster mode: creates or upgrades the PostgreSQL schema (Storage__Provider=postgres and Storage__ConnectionString
// from the environment), the same as `dotnet Complaints.Host.dll schema`.
Task("Schema")
    .IsDependentOn("Build")
    .Does(() =>
{
    var exit = StartProcess("dotnet", new ProcessSettings
    {
        Arguments = new ProcessArgumentBuilder()
            .AppendQuoted(File($"./host/Complaints.Host/bin/{configuration}/net10.0/Complaints.Host.dll").Path.FullPath)
            .Append("schema"),
    });
    if (exit != 0)
    {
        throw new Exception($"The schema command failed ({exit}).");
    }
});

// The benchmark (docs/benchmarks.md): builds Release, starts the host as a separate process and drives it over HTTP.
// --scale=small (minutes) or --scale=full (the issue's scale, about an hour); --bench-args="--only=intake --reps=5" for more.
// Writes artifacts/bench/report.md and report.json.
Task("Bench")
    .IsDependentOn("Build")
    .Does(() =>
{
    if (configuration != "Release")
    {
        throw new Exception("Benchmark the Release build: --configuration=Release.");
    }

    var arguments = new ProcessArgumentBuilder().Append($"--scale={scale}").Append("--out=./artifacts/bench");
    foreach (var extra in benchArgs.Split(' ', StringSplitOptions.RemoveEmptyEntries))
    {
        arguments.Append(extra);
    }

    DotNetExecute("./bench/Complaints.Bench/bin/Release/net10.0/Complaints.Bench.dll", arguments);
});

RunTarget(target);
