using System.Diagnostics.Metrics;

namespace Complaints.Api;

/// <summary>
/// The meter <c>Complaints.Api</c>: refused logins and lockouts, for an alert on password guessing. Plain
/// System.Diagnostics.Metrics: the host decides whether and where they are exported.
/// </summary>
public static class LoginMetrics
{
    public const string MeterName = "Complaints.Api";

    private static readonly Meter Meter = new(MeterName);

    private static readonly Counter<long> Failures = Meter.CreateCounter<long>(
        "complaints.login.failures", "{attempt}", "Refused logins and refreshes, per reason: unknown-user, wrong-password, locked, disabled, throttled, refresh-reused, refresh-invalid.");

    private static readonly Counter<long> Lockouts = Meter.CreateCounter<long>(
        "complaints.login.lockouts", "{lockout}", "Users locked after too many wrong passwords in a row.");

    internal static void Failed(string reason) => Failures.Add(1, new KeyValuePair<string, object?>("reason", reason));

    internal static void LockedOut() => Lockouts.Add(1);
}
