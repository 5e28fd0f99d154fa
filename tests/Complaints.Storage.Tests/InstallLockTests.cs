using Complaints.Testing.Postgres;

namespace Complaints.Storage.Tests;

/// <summary>The machine-wide lock that keeps two test processes from installing PostgreSQL at once.</summary>
public sealed class InstallLockTests
{
    [Fact]
    public void Only_one_holder_at_a_time_and_the_next_gets_it_when_the_first_lets_go()
    {
        // A mutex belongs to the thread that took it: each holder here is its own thread.
        var first = InstallLock.Acquire(TimeSpan.FromSeconds(5));

        Exception? shortWait = null;
        var impatient = new Thread(() =>
        {
            try
            {
                InstallLock.Acquire(TimeSpan.FromMilliseconds(200)).Dispose();
            }
            catch (Exception exception)
            {
                shortWait = exception;
            }
        });
        impatient.Start();
        impatient.Join();
        shortWait.ShouldBeOfType<TimeoutException>();

        using var acquired = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        var patient = new Thread(() =>
        {
            using var held = InstallLock.Acquire(TimeSpan.FromSeconds(20));
            acquired.Set();
            release.Wait(TimeSpan.FromSeconds(20));
        });
        patient.Start();
        acquired.Wait(TimeSpan.FromMilliseconds(300)).ShouldBeFalse();

        first.Dispose();
        acquired.Wait(TimeSpan.FromSeconds(20)).ShouldBeTrue();
        release.Set();
        patient.Join();
    }
}
