using Complaints.Cases;
using Complaints.Sla;
using Complaints.Storage;

namespace Complaints.Grains;

/// <summary>How a case is shown (docs/api.md).</summary>
internal static class CaseViews
{
    public static CaseView From(CaseState s, IReadOnlyList<CaseEvent> events, WorkingDayCalendar calendar) => new()
    {
        Number = s.Number,
        Tenant = s.Tenant,
        Channel = s.Channel,
        Kind = Words.Of(s.Kind),
        Category = s.Category,
        Status = Words.Of(s.Status),
        Department = s.Department,
        Content = s.Content,
        Complainant = ToInput(s.Complainant.Masked()),
        ReceivedAt = s.ReceivedAt,
        RegisteredAt = s.RegisteredAt,
        Clocks = [.. s.Clocks.Select(c => new ClockView(c.Name, c.StartedAt, c.DueAt, c.WarnAt, Words.Of(c.Status)) { Department = c.IsRunning ? Complaints.Sla.ClockNames.Owner(c.Name, s.HoldingDepartment) : c.Department, StoppedAt = c.StoppedAt, Provisional = CalendarCoverage.IsProvisional(calendar, c.StartedAt, c.DueAt) })],
        History = [.. events.Select((e, i) => new HistoryEntry(i + 1, e.At, e.Actor, EventCodec.NameOf(e), EventCodec.Serialize(e.ForDisplay())))],
        Target = s.Target is { } t ? new TargetInput(Words.Of(t.Type), t.Name) : null,
        Location = s.Location,
        ExternalId = s.ExternalId,
        RecomplaintOf = s.RecomplaintOf,
        Recomplaints = s.Recomplaints,
        Owner = s.Owner,
        Redispatches = s.Redispatches,
        Returns = s.Returns,
        PendingExtension = s.PendingExtension is { } p ? new ExtensionView(p.Until, p.Reason, p.RequestedBy, p.RequestedAt) : null,
        ExtendedUntil = s.ExtendedUntil,
        Result = s.Result,
        Satisfaction = s.Satisfaction is { } sat ? Words.Of(sat) : null,
        ClosedAt = s.ClosedAt,
        ExternalDeadline = s.ExternalDeadline,
        Flags = s.Flags,
        Responsible = s.Responsible,
        Handler = s.Handler,
        RedispatchesAgainst = [.. events.Select(e => e switch { Redispatched r => r.ChargedTo, Escalated x => x.Against, _ => null }).OfType<string>()],
        CallbackAttempts = s.CallbackAttempts,
    };

    public static ComplainantInput ToInput(Complainant c) => new(c.Name, c.Phone, c.Address, c.AccountNo, c.Anonymous, c.Email, c.OpenId);
}
