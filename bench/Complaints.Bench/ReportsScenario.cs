using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Npgsql;
using NpgsqlTypes;

namespace Complaints.Bench;

/// <summary>
/// 5. Reports over a large ledger: a year of <c>--report-cases</c> cases (1,000,000 at full scale; the last month
/// holds <c>--export-rows</c> of them) is written straight into the ledger and breach tables while the host is stopped
/// (the reports read only those tables; going through the API would take the intake's 15 minutes per million), then the
/// host answers the month's statistics and scorecards (timed over repeated requests) and streams the last month as
/// ledger.xlsx while its resident memory is sampled.
/// </summary>
internal static class ReportsScenario
{
    private const string Tenant = PlatformClient.Water;
    private static readonly string[] Channels = ["hotline", "hotline", "hotline", "hotline", "wechat", "wechat", "gov-12345", "gov-12345", "website", "suggestion-box"];
    private static readonly string[] Kinds = ["complaint", "complaint", "complaint", "complaint", "complaint", "complaint", "inquiry", "inquiry", "repair", "suggestion"];
    private static readonly string[] Satisfactions = ["satisfied", "satisfied", "satisfied", "satisfied", "satisfied", "satisfied", "satisfied", "basically-satisfied", "basically-satisfied", "unsatisfied"];
    private static readonly string[] Targets = ["company", "department", "staff"];

    public static async Task<ReportsResult> RunAsync(BenchOptions options, BenchStorage storage, Action<string> say)
    {
        await using var hosts = await HostGroup.CreateAsync(options, storage, "reports");
        await hosts.StartAsync();
        using var client = new PlatformClient(hosts.Addresses);
        await client.LoginAsync("admin");
        using var directory = await client.GetAsync($"/api/v1/tenants/{Tenant}/directory", "admin");
        directory.EnsureSuccessStatusCode();
        var categories = (JsonNode.Parse(await directory.Content.ReadAsStringAsync())!["categories"]!.AsArray())
            .Select(c => (Id: c!["id"]!.GetValue<string>(), Department: c["department"]?.GetValue<string>() ?? "customer-service"))
            .ToArray();
        foreach (var host in hosts.Hosts)
        {
            await host.StopAsync();
        }

        var seedWatch = Stopwatch.StartNew();
        await SeedAsync(hosts, options.ReportCases, options.ExportRows, categories, "reports", say);
        await hosts.StartAsync();
        await client.LoginAsync("admin");

        const string Month = "from=2026-11-01&to=2026-11-30";
        var timings = new List<ReportTiming>();
        foreach (var (name, path) in new[]
        {
            ("statistics, a month by category", $"/api/v1/tenants/{Tenant}/reports/statistics?{Month}&by=category"),
            ("statistics, a month by department", $"/api/v1/tenants/{Tenant}/reports/statistics?{Month}&by=department"),
            ("statistics, a month by channel", $"/api/v1/tenants/{Tenant}/reports/statistics?{Month}&by=channel"),
            ("statistics, a quarter by department", $"/api/v1/tenants/{Tenant}/reports/statistics?from=2026-07-01&to=2026-09-30&by=department"),
            ("statistics, the year by month", $"/api/v1/tenants/{Tenant}/reports/statistics?from=2026-01-01&to=2026-12-31&by=month"),
            ("scorecards, a month", $"/api/v1/tenants/{Tenant}/reports/scorecards?{Month}"),
        })
        {
            var samples = new List<double>();
            string? error = null;
            for (var i = 0; i <= options.ReportRepetitions; i++)
            {
                var watch = Stopwatch.StartNew();
                using var response = await client.GetAsync(path, "admin");
                var body = await response.Content.ReadAsStringAsync();
                watch.Stop();
                if (!response.IsSuccessStatusCode)
                {
                    error = $"HTTP {(int)response.StatusCode}";
                    break;
                }

                if (i > 0)
                {
                    samples.Add(watch.Elapsed.TotalMilliseconds); // the first request warms the JIT and the page cache
                }
            }

            var timing = new ReportTiming(name, path, Stats.Describe(samples), error);
            timings.Add(timing);
            say($"reports: {name}: {(error ?? $"p50 {timing.Ms.P50:F0} ms, max {timing.Ms.Max:F0} ms")}");
        }

        var export = await ExportAsync(client, hosts, say);
        return new ReportsResult(options.ReportCases, options.ExportRows, seedWatch.Elapsed.TotalSeconds, timings, export);
    }

    /// <summary>The tenant's categories with their departments, as the directory gives them.</summary>
    internal static async Task<(string Id, string Department)[]> CategoriesAsync(PlatformClient client)
    {
        using var directory = await client.GetAsync($"/api/v1/tenants/{Tenant}/directory", "admin");
        directory.EnsureSuccessStatusCode();
        return [.. JsonNode.Parse(await directory.Content.ReadAsStringAsync())!["categories"]!.AsArray()
            .Select(c => (Id: c!["id"]!.GetValue<string>(), Department: c["department"]?.GetValue<string>() ?? "customer-service"))];
    }

    /// <summary>Writes <paramref name="count"/> generated cases (and their breaches) straight into the stopped hosts' ledger.</summary>
    internal static async Task SeedAsync(HostGroup hosts, int count, int exportRows, (string Id, string Department)[] categories, string scenario, Action<string> say)
    {
        var seedWatch = Stopwatch.StartNew();
        var rows = Generate(count, exportRows, categories).ToList();
        await using (var connection = hosts.OpenStoreForWriting())
        {
            await connection.OpenAsync();
            if (connection is NpgsqlConnection postgres)
            {
                await CopyAsync(postgres, rows);
            }
            else
            {
                Insert((SqliteConnection)connection, rows);
            }
        }

        say($"{scenario}: {rows.Count:N0} cases and {rows.Count(r => r.Breached):N0} breaches written to the ledger in {seedWatch.Elapsed.TotalSeconds:F0} s");
    }

    /// <summary>Downloads the last month as ledger.xlsx, sampling the host's RSS every 50 ms; counts the sheet's rows.</summary>
    private static async Task<ExportResult> ExportAsync(PlatformClient client, HostGroup hosts, Action<string> say)
    {
        var host = hosts.Hosts[0];
        var baseline = host.ResidentBytes();
        var peak = baseline;
        using var sampling = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!sampling.IsCancellationRequested)
            {
                peak = Math.Max(peak, host.ResidentBytes());
                await Task.Delay(50, CancellationToken.None);
            }
        });
        var file = Path.Combine(Path.GetTempPath(), $"complaints-bench-ledger-{Guid.NewGuid():N}.xlsx");
        try
        {
            var watch = Stopwatch.StartNew();
            using var response = await client.GetAsync($"/api/v1/tenants/{Tenant}/ledger.xlsx?from=2026-12-01&to=2026-12-31", "admin", HttpCompletionOption.ResponseHeadersRead);
            var firstByte = watch.Elapsed.TotalSeconds;
            await using (var output = File.Create(file))
            {
                await (await response.Content.ReadAsStreamAsync()).CopyToAsync(output);
            }

            var seconds = watch.Elapsed.TotalSeconds;
            await sampling.CancelAsync();
            await sampler;
            if (!response.IsSuccessStatusCode)
            {
                return new ExportResult(0, seconds, firstByte, new FileInfo(file).Length, baseline, peak, $"{(int)response.StatusCode}");
            }

            var rows = CountRows(file) - 1; // the header row
            say($"reports: ledger.xlsx {rows:N0} rows, {new FileInfo(file).Length / 1048576.0:F1} MiB in {seconds:F1} s (first byte {firstByte:F2} s), RSS {baseline / 1048576.0:F0} → peak {peak / 1048576.0:F0} MiB");
            return new ExportResult(rows, seconds, firstByte, new FileInfo(file).Length, baseline, peak, null);
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>Rows of the first sheet, counted from its XML without loading it.</summary>
    private static long CountRows(string file)
    {
        using var zip = ZipFile.OpenRead(file);
        var sheet = zip.Entries.First(e => e.FullName.StartsWith("xl/worksheets/", StringComparison.Ordinal));
        using var reader = new StreamReader(sheet.Open());
        long rows = 0;
        var buffer = new char[1 << 16];
        var carry = "";
        int read;
        while ((read = reader.Read(buffer, 0, buffer.Length)) > 0)
        {
            var text = carry + new string(buffer, 0, read);
            var at = 0;
            while ((at = text.IndexOf("<row", at, StringComparison.Ordinal)) >= 0)
            {
                rows++;
                at += 4;
            }

            carry = text[Math.Max(0, text.Length - 3)..];
        }

        return rows;
    }

    private sealed record SeedCase(
        string Number, string Channel, string Kind, string Category, string Status, string? Department, string Content,
        DateTimeOffset ReceivedAt, DateTimeOffset RegisteredAt, DateTimeOffset UpdatedAt, DateTimeOffset? ClosedAt,
        string? Satisfaction, int Redispatches, bool Overdue, string Owner, string? Handler, string? TargetType,
        DateTimeOffset? DispatchedAt, DateTimeOffset? ResolutionDueAt, string? Result, DateTimeOffset? CallbackAt, int Callbacks,
        bool Breached, string? RecomplaintOf, string Address);

    /// <summary>
    /// A deterministic year of cases: <paramref name="exportRows"/> registered in December 2026, the rest spread over
    /// January to November; most closed after a callback, some rejected or answered, some open, 8 % of the handled
    /// ones over their resolution deadline (a breach row each), 2 % re-complaints.
    /// </summary>
    private static IEnumerable<SeedCase> Generate(int count, int exportRows, (string Id, string Department)[] categories)
    {
        var random = new Random(20261130);
        var december = Math.Min(exportRows, count);
        for (var i = 0; i < count; i++)
        {
            var inDecember = i >= count - december;
            var month = inDecember ? 12 : 1 + (int)((long)i * 11 / Math.Max(1, count - december));
            var start = new DateTimeOffset(2026, month, 1, 0, 0, 0, TimeSpan.FromHours(8));
            var registered = start.AddSeconds(random.NextDouble() * (start.AddMonths(1) - start).TotalSeconds);
            var (category, department) = categories[random.Next(categories.Length)];
            var kind = Kinds[random.Next(Kinds.Length)];
            var roll = random.Next(100);
            var status = roll switch { < 3 => "rejected", < 10 => "answered", < 75 => "closed", < 80 => "resolved", < 90 => "in-progress", _ => "dispatched" };
            var handled = status is "closed" or "resolved" or "in-progress" or "dispatched";
            var breached = handled && random.Next(100) < 8;
            var ended = status is "closed" or "rejected" or "answered";
            var closedAt = ended ? registered.AddHours(1 + (random.NextDouble() * 100)) : (DateTimeOffset?)null;
            var called = status == "closed" && random.Next(100) < 80;
            var satisfaction = called ? Satisfactions[random.Next(Satisfactions.Length)] : null;
            var due = handled ? registered.AddDays(2) : (DateTimeOffset?)null;
            yield return new SeedCase(
                Number: $"FYW-2026-{i + 1:D7}",
                Channel: Channels[random.Next(Channels.Length)],
                Kind: kind,
                Category: category,
                Status: status,
                Department: handled ? department : null,
                Content: $"第{i + 1}号诉求：{category} 小区三楼以上水压不足，请尽快处理",
                ReceivedAt: registered.AddMinutes(-random.Next(30)),
                RegisteredAt: registered,
                UpdatedAt: closedAt ?? registered.AddMinutes(30),
                ClosedAt: closedAt,
                Satisfaction: satisfaction,
                Redispatches: satisfaction == "unsatisfied" ? 1 : 0,
                Overdue: breached && !ended,
                Owner: $"agent@{Tenant}",
                Handler: handled && status != "dispatched" ? $"{department}-{i % 5}@{Tenant}" : null,
                TargetType: kind == "complaint" && random.Next(3) == 0 ? Targets[random.Next(Targets.Length)] : null,
                DispatchedAt: handled ? registered.AddMinutes(10) : null,
                ResolutionDueAt: due,
                Result: status is "closed" or "resolved" ? "已派员处理，水压恢复正常" : null,
                CallbackAt: called ? closedAt!.Value.AddHours(-1) : null,
                Callbacks: called ? 1 : 0,
                Breached: breached,
                RecomplaintOf: i > 1000 && random.Next(50) == 0 ? $"FYW-2026-{random.Next(1, i):D7}" : null,
                Address: $"阜阳市颍州区{(i % 40) + 1}号路{(i % 500) + 1}号");
        }
    }

    private static readonly string[] Columns =
    [
        "tenant", "number", "last_seq", "channel", "kind", "category", "status", "department", "content", "complainant_name",
        "complainant_phone_masked", "address", "recomplaint_of", "received_at", "registered_at", "updated_at", "closed_at",
        "satisfaction", "redispatches", "overdue", "owner", "handler", "target_type", "dispatched_at", "resolution_due_at",
        "result", "callback_at", "callbacks", "resolution_breached", "next_due_at",
    ];

    private static object?[] Values(SeedCase c, Func<DateTimeOffset?, object?> time, Func<bool, object> flag) =>
    [
        Tenant, c.Number, 1, c.Channel, c.Kind, c.Category, c.Status, c.Department, c.Content, "张三", "138****5678", c.Address,
        c.RecomplaintOf, time(c.ReceivedAt), time(c.RegisteredAt), time(c.UpdatedAt), time(c.ClosedAt), c.Satisfaction,
        c.Redispatches, flag(c.Overdue), c.Owner, c.Handler, c.TargetType, time(c.DispatchedAt), time(c.ResolutionDueAt),
        c.Result, time(c.CallbackAt), c.Callbacks, flag(c.Breached),
        time(c.Overdue || c.ClosedAt is not null ? null : c.ResolutionDueAt), // an open case's nearest deadline: the queues' order
    ];

    private static void Insert(SqliteConnection connection, List<SeedCase> rows)
    {
        using var transaction = connection.BeginTransaction();
        using var insert = connection.CreateCommand();
        insert.CommandText = $"INSERT INTO cases ({string.Join(", ", Columns)}) VALUES ({string.Join(", ", Columns.Select((_, i) => "$p" + i))})";
        var parameters = Columns.Select((_, i) => insert.Parameters.Add("$p" + i, SqliteType.Text)).ToArray();
        using var breach = connection.CreateCommand();
        breach.CommandText = "INSERT INTO breaches (tenant, number, clock, due_at, department, breached_at, points, fine, person) VALUES ($t, $n, 'resolution', $d, $dep, $at, 2, '20', $p)";
        var b = new[] { "$t", "$n", "$d", "$dep", "$at", "$p" }.Select(n => breach.Parameters.Add(n, SqliteType.Text)).ToArray();
        foreach (var row in rows)
        {
            var values = Values(row, t => t?.ToUnixTimeMilliseconds(), f => f ? 1 : 0);
            for (var i = 0; i < values.Length; i++)
            {
                parameters[i].Value = values[i] ?? DBNull.Value;
            }

            insert.ExecuteNonQuery();
            if (row.Breached)
            {
                var dueAt = row.ResolutionDueAt!.Value;
                object?[] breachValues = [Tenant, row.Number, dueAt.ToUnixTimeMilliseconds(), row.Department, dueAt.AddSeconds(1).ToUnixTimeMilliseconds(), row.Handler];
                for (var i = 0; i < breachValues.Length; i++)
                {
                    b[i].Value = breachValues[i] ?? DBNull.Value;
                }

                breach.ExecuteNonQuery();
            }
        }

        transaction.Commit();
    }

    private static async Task CopyAsync(NpgsqlConnection connection, List<SeedCase> rows)
    {
        await using (var copy = await connection.BeginBinaryImportAsync($"COPY cases ({string.Join(", ", Columns)}) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var row in rows)
            {
                await copy.StartRowAsync();
                foreach (var value in Values(row, t => t?.UtcDateTime, f => f))
                {
                    await (value switch
                    {
                        null => copy.WriteNullAsync(),
                        string s => copy.WriteAsync(s, NpgsqlDbType.Text),
                        int n => copy.WriteAsync(n, NpgsqlDbType.Integer),
                        bool f => copy.WriteAsync(f, NpgsqlDbType.Boolean),
                        DateTime t => copy.WriteAsync(t, NpgsqlDbType.TimestampTz),
                        _ => throw new InvalidOperationException($"No COPY type for {value.GetType()}"),
                    });
                }
            }

            await copy.CompleteAsync();
        }

        await using (var copy = await connection.BeginBinaryImportAsync("COPY breaches (tenant, number, clock, due_at, department, breached_at, points, fine, person) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var row in rows.Where(r => r.Breached))
            {
                var dueAt = row.ResolutionDueAt!.Value.UtcDateTime;
                await copy.StartRowAsync();
                await copy.WriteAsync(Tenant, NpgsqlDbType.Text);
                await copy.WriteAsync(row.Number, NpgsqlDbType.Text);
                await copy.WriteAsync("resolution", NpgsqlDbType.Text);
                await copy.WriteAsync(dueAt, NpgsqlDbType.TimestampTz);
                await copy.WriteAsync(row.Department, NpgsqlDbType.Text);
                await copy.WriteAsync(dueAt.AddSeconds(1), NpgsqlDbType.TimestampTz);
                await copy.WriteAsync(2, NpgsqlDbType.Integer);
                await copy.WriteAsync(20m, NpgsqlDbType.Numeric);
                await (row.Handler is { } person ? copy.WriteAsync(person, NpgsqlDbType.Text) : copy.WriteNullAsync());
            }

            await copy.CompleteAsync();
        }

        await using var analyze = new NpgsqlCommand("ANALYZE cases; ANALYZE breaches", connection);
        await analyze.ExecuteNonQueryAsync();
    }
}

internal sealed record ReportTiming(string Report, string Path, Distribution Ms, string? Error);

internal sealed record ExportResult(long Rows, double Seconds, double FirstByteSeconds, long Bytes, long RssBaselineBytes, long RssPeakBytes, string? Error)
{
    public double RssGrowthMiB => (RssPeakBytes - RssBaselineBytes) / 1048576.0;
}

internal sealed record ReportsResult(int Cases, int ExportRows, double SeedSeconds, List<ReportTiming> Timings, ExportResult Export);
