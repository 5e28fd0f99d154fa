namespace Complaints.Cases;

// The lifecycle's vocabularies. Each has this one owner: the API, the SLA policies and (through checked copies in
// Channels.Abstractions) the plugins read their words from here, written by Words.Of (kebab-case).

public enum ComplaintKind { Complaint, Inquiry, Suggestion, Repair, Praise }

public enum CaseStatus { Registered, Accepted, PendingApproval, Dispatched, InProgress, Returned, Resolved, Closed, Rejected, Answered }

public enum Satisfaction { Satisfied, BasicallySatisfied, Unsatisfied }

/// <summary>Whether the callback reached the customer (seed 000 art. 12 speaks of callbacks that could not be completed).</summary>
public enum CallbackOutcome { Reached, NotReached }

public enum TargetType { Company, Department, Staff }

/// <summary>
/// Marks on a case that call for attention beyond its lifecycle. Threat: the customer threatened extreme behaviour
/// (扬言采取过激行为); seed 003 art. 9 wants a named person responsible for it.
/// </summary>
public enum CaseFlag { Threat }

/// <summary>
/// Who acts. Handlers belong to one department; channel and system actors are machines. Admin manages one tenant;
/// Operator runs the platform (calendar years, diagnostics, plugins across tenants) and belongs to no tenant.
/// </summary>
public enum Role { Agent, Supervisor, Leader, Admin, Handler, Channel, System, Operator }
