using Complaints.Reminders.Sqlite;
using Complaints.Storage.Sqlite;
using Complaints.Tenants;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.Reminders;
using Orleans.TestingHost;

namespace Complaints.Grains.Tests;

/// <summary>
/// One silo wired as the host wires it — SQLite store and reminders in a temporary folder, the real tenant
/// presets — with the case clocks and the reminder service on a fake clock the test moves.
/// </summary>
public sealed class ComplaintCluster : IAsyncDisposable
{
    /// <summary>Monday 2026-11-23 09:00 in China: an ordinary working day.</summary>
    public static readonly DateTimeOffset Monday = new(2026, 11, 23, 9, 0, 0, TimeSpan.FromHours(8));

    private static readonly IConfiguration Presets = new ConfigurationBuilder()
        .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "tenants", "fangyang-water.json"))
        .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "tenants", "fangyang-water.policy.json"))
        .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "tenants", "fuyang-gas.json"))
        .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "tenants", "fuyang-gas.policy.json"))
        .Build();

    private readonly string _serviceId = Guid.NewGuid().ToString("N");
    private InProcessTestCluster? _cluster;
    private Action<IServiceCollection, IConfigurationBuilder>? _configure;
    private short _silos = 1;

    private ComplaintCluster(string directory) => Directory = directory;

    public string Directory { get; }

    public FakeTimeProvider Time { get; } = new(Monday);

    public IGrainFactory Grains => _cluster!.Client;

    /// <summary>The services of one silo (a host of the cluster), as its own container holds them.</summary>
    public IServiceProvider Silo(int index = 0) => _cluster!.Silos[index].ServiceProvider;

    /// <summary>
    /// Starts one silo (or <paramref name="silos"/>, each its own host over the same data folder); <paramref name="configure"/>
    /// may add or replace services and settings (after the host's own).
    /// </summary>
    public static async Task<ComplaintCluster> StartAsync(Action<IServiceCollection, IConfigurationBuilder>? configure = null, short silos = 1)
    {
        var cluster = new ComplaintCluster(Path.Combine(Path.GetTempPath(), "complaints-grain-tests", Guid.NewGuid().ToString("N")))
        {
            _configure = configure,
            _silos = silos,
        };
        await cluster.DeployAsync();
        return cluster;
    }

    /// <summary>Stops the silo; the files and the fake clock stay.</summary>
    public async Task StopAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.StopAllSilosAsync();
            await _cluster.DisposeAsync();
            _cluster = null;
        }
    }

    public Task StartAgainAsync() => DeployAsync();

    public ICaseGrain Case(string number, string tenant = "fangyang-water") => Grains.GetGrain<ICaseGrain>(CaseKey.Of(tenant, number));

    /// <summary>Moves the fake clock in steps until <paramref name="condition"/> holds (the reminder service must see each step).</summary>
    public async Task AdvanceUntilAsync(Func<Task<bool>> condition, TimeSpan step, TimeSpan limit)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        var moved = TimeSpan.Zero;
        while (!await condition())
        {
            if (moved >= limit || DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Not reached after moving the clock {moved} (limit {limit}).");
            }

            Time.Advance(step);
            moved += step;
            await Task.Delay(15);
        }
    }

    /// <summary>
    /// Moves the fake clock to <paramref name="instant"/> in steps of at most <paramref name="step"/> (the reminder service
    /// must see each step), and no further: what falls due there is then awaited in real time
    /// (<see cref="EventuallyAsync"/>), so a loaded machine slow to deliver a tick cannot carry the clock past the next
    /// instant the test looks at, as moving until a condition holds can. Wait first for the reminder to be armed
    /// (<see cref="ArmedAsync"/>).
    /// </summary>
    public async Task AdvanceToAsync(DateTimeOffset instant, TimeSpan step)
    {
        while (Time.GetUtcNow() < instant)
        {
            var left = instant - Time.GetUtcNow();
            Time.Advance(left < step ? left : step);
            await Task.Delay(15);
        }
    }

    /// <summary>Waits (real time, bounded) for a condition that needs no clock movement, e.g. recovery after a start.</summary>
    public static async Task EventuallyAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("The condition did not hold within 20 s.");
            }

            await Task.Delay(25);
        }
    }

    /// <summary>The event types stored for a case, read straight from the SQLite file (not through the grain).</summary>
    public IReadOnlyList<string> StoredEvents(string number)
    {
        using var connection = OpenReadOnly();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT type FROM case_events WHERE number = $number ORDER BY seq";
        command.Parameters.AddWithValue("$number", number);
        using var reader = command.ExecuteReader();
        var types = new List<string>();
        while (reader.Read())
        {
            types.Add(reader.GetString(0));
        }

        return types;
    }

    /// <summary>
    /// When a case's reminder first ticks, read straight from the SQLite reminder table; null when it has none. A case
    /// arms its reminder in its turn after the reply, and the reminder service adds the due time to its own clock then:
    /// a test that moves the fake clock before the reminder is armed shifts the tick by as much.
    /// </summary>
    public DateTimeOffset? ReminderDue(string number)
    {
        using var connection = OpenReadOnly();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT start_at FROM orleans_reminders WHERE grain_id = $grainId";
        command.Parameters.AddWithValue("$grainId", Case(number).GetGrainId().ToString());
        return command.ExecuteScalar() is long ticks ? new DateTimeOffset(ticks, TimeSpan.Zero) : null;
    }

    /// <summary>Waits (real time, bounded) until the case's reminder is armed to tick first at <paramref name="instant"/>.</summary>
    public Task ArmedAsync(string number, DateTimeOffset instant) => EventuallyAsync(() => Task.FromResult(ReminderDue(number) == instant));

    /// <summary>The first number not yet reserved for a tenant and year, read straight from the SQLite file.</summary>
    public long NextUnreservedNumber(string tenant, int year)
    {
        using var connection = OpenReadOnly();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT next FROM number_blocks WHERE tenant = $tenant AND year = $year";
        command.Parameters.AddWithValue("$tenant", tenant);
        command.Parameters.AddWithValue("$year", year);
        return command.ExecuteScalar() is long next ? next : 1;
    }

    /// <summary>The data folder's SQLite file, opened read-only beside the silo's own connections.</summary>
    private Microsoft.Data.Sqlite.SqliteConnection OpenReadOnly()
    {
        var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(Directory, "complaints.db")};Mode=ReadOnly;Pooling=False");
        connection.Open();
        return connection;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: the OS cleans the temp folder.
        }
    }

    private async Task DeployAsync()
    {
        var builder = new InProcessTestClusterBuilder(_silos);
        builder.Options.ServiceId = _serviceId;
        builder.Options.ConfigureFileLogging = false;
        var directory = Directory;
        var time = Time;
        builder.ConfigureSilo((_, silo) =>
        {
            silo.Services.AddSingleton(new TenantDirectory(Presets));
            silo.Services.AddSqliteStorage(directory);
            silo.Services.AddComplaints();
            silo.Services.AddKeyedSingleton<TimeProvider>(ReminderTimeProviderNames.Reminders, time);
            silo.UseSqliteReminders();
        });
        if (_configure is { } configure)
        {
            builder.ConfigureSiloHost((_, host) => configure(host.Services, host.Configuration));
        }

        _cluster = builder.Build();
        await _cluster.DeployAsync();
    }
}
