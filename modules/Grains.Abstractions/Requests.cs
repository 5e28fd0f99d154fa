namespace Complaints.Grains;

/// <summary>Who is acting, as the API authenticated them.</summary>
[GenerateSerializer, Alias("actor"), Immutable]
public sealed record ActorInfo(
    [property: Id(0)] string User,
    [property: Id(1)] string Role,
    [property: Id(2)] string? Department = null);

[GenerateSerializer, Alias("complainant")]
public sealed record ComplainantInput(
    [property: Id(0)] string? Name = null,
    [property: Id(1)] string? Phone = null,
    [property: Id(2)] string? Address = null,
    [property: Id(3)] string? AccountNo = null,
    [property: Id(4)] bool Anonymous = false);

[GenerateSerializer, Alias("target")]
public sealed record TargetInput(
    [property: Id(0)] string? Type,
    [property: Id(1)] string? Name = null);

/// <summary>The body of <c>POST /api/v1/tenants/{tenant}/complaints</c>, and what channel plugins submit.</summary>
[GenerateSerializer, Alias("register-complaint")]
public sealed record RegisterComplaintRequest
{
    [Id(0)] public string? Channel { get; init; }
    [Id(1)] public string? Kind { get; init; }
    [Id(2)] public string? Content { get; init; }
    [Id(3)] public string? Category { get; init; }
    [Id(4)] public DateTimeOffset? ReceivedAt { get; init; }
    [Id(5)] public string? ExternalId { get; init; }
    [Id(6)] public ComplainantInput? Complainant { get; init; }
    [Id(7)] public TargetInput? Target { get; init; }
    [Id(8)] public string? Location { get; init; }
    /// <summary>The number of the original case when the same matter is complained about again.</summary>
    [Id(9)] public string? RecomplaintOf { get; init; }
    /// <summary>A deadline set by the source (a 12345 work order's time limit): it wins over the tenant's.</summary>
    [Id(10)] public DateTimeOffset? ExternalDeadline { get; init; }
}

/// <summary>One action on a case (the action routes of docs/api.md). The route names it; the body carries its fields.</summary>
[GenerateSerializer, Alias("case-action")]
public abstract record CaseActionRequest;

[GenerateSerializer, Alias("accept")]
public sealed record AcceptRequest([property: Id(0)] string? Category, [property: Id(1)] string? Note = null) : CaseActionRequest;

[GenerateSerializer, Alias("reject")]
public sealed record RejectRequest([property: Id(0)] string? Reason) : CaseActionRequest;

[GenerateSerializer, Alias("answer")]
public sealed record AnswerRequest([property: Id(0)] string? Reply) : CaseActionRequest;

[GenerateSerializer, Alias("dispatch")]
public sealed record DispatchRequest([property: Id(0)] string? Department, [property: Id(1)] string? Note = null) : CaseActionRequest;

[GenerateSerializer, Alias("approve-dispatch")]
public sealed record ApproveDispatchRequest([property: Id(0)] string? Note = null) : CaseActionRequest;

[GenerateSerializer, Alias("sign")]
public sealed record SignRequest : CaseActionRequest;

[GenerateSerializer, Alias("return")]
public sealed record ReturnRequest([property: Id(0)] string? Reason) : CaseActionRequest;

[GenerateSerializer, Alias("request-extension")]
public sealed record RequestExtensionRequest([property: Id(0)] DateTimeOffset? Until, [property: Id(1)] string? Reason) : CaseActionRequest;

[GenerateSerializer, Alias("decide-extension")]
public sealed record DecideExtensionRequest([property: Id(0)] bool? Approve, [property: Id(1)] string? Note = null) : CaseActionRequest;

[GenerateSerializer, Alias("report-result")]
public sealed record ReportResultRequest(
    [property: Id(0)] string? Result,
    [property: Id(1)] string? Measures = null,
    [property: Id(2)] string? Accountability = null,
    [property: Id(3)] string? Compensation = null) : CaseActionRequest;

[GenerateSerializer, Alias("record-callback")]
public sealed record RecordCallbackRequest([property: Id(0)] string? Satisfaction, [property: Id(1)] string? Note = null) : CaseActionRequest;

[GenerateSerializer, Alias("supervise")]
public sealed record SuperviseRequest([property: Id(0)] string? Note) : CaseActionRequest;
