using Complaints.Cases;
using Complaints.Sla;
using Complaints.Storage;
using Complaints.Texts;

namespace Complaints.Commits;

/// <summary>How a case's ledger row (台账) reads: derived from its state, written with its events.</summary>
public static class LedgerRows
{
    public static LedgerRow Of(CaseState s) => new()
    {
        Tenant = s.Tenant,
        Number = s.Number,
        Channel = s.Channel,
        Kind = Words.Of(s.Kind),
        Category = s.Category,
        Status = Words.Of(s.Status),
        Department = s.Department,
        Content = s.Content,
        ComplainantName = s.Complainant.Name,
        ComplainantPhoneMasked = PhoneMask.Mask(s.Complainant.Phone),
        Address = s.Complainant.Address,
        ExternalId = s.ExternalId,
        RecomplaintOf = s.RecomplaintOf,
        ReceivedAt = s.ReceivedAt,
        RegisteredAt = s.RegisteredAt,
        UpdatedAt = s.UpdatedAt,
        ClosedAt = s.ClosedAt,
        Satisfaction = s.Satisfaction is { } sat ? Words.Of(sat) : null,
        Redispatches = s.Redispatches,
        Owner = s.Owner,
        Handler = s.Handler,
        NextDueAt = s.Clocks.Where(c => c.IsRunning && c.Status != ClockStatus.Breached).Select(c => (DateTimeOffset?)c.DueAt).Min(),
        Overdue = s.Clocks.Any(c => c.IsOverdue),
        WakeAt = CaseClockEngine.NextWakeUp(s),
        TargetType = s.Target is { } target ? Words.Of(target.Type) : null,
        TargetName = s.Target?.Name,
        Location = s.Location,
        DispatchedAt = s.DispatchedAt,
        ResolutionDueAt = s.Clock(CaseDecider.ResolutionClock)?.DueAt,
        Result = s.Result,
        CallbackAt = s.CallbackAt,
        Callbacks = s.Callbacks,
        ResolutionBreached = s.ResolutionBreached,
        Warned = s.Clocks.Any(c => c.IsRunning && c.Status == ClockStatus.Warned),
        ExtensionRequestedAt = s.PendingExtension?.RequestedAt,
    };
}
