using static Complaints.Security.Tests.Access;
using static Complaints.Security.Tests.Caller;

namespace Complaints.Security.Tests;

/// <summary>The kinds of access an endpoint can have.</summary>
public enum AccessKind
{
    /// <summary>Open to anyone (no token needed).</summary>
    Anonymous,
    /// <summary>Staff of the tenant in the path, the roles in <see cref="Access.Allowed"/>; everyone else 403, no token 401.</summary>
    Tenant,
    /// <summary>The platform operator only; every tenant's staff, admins included, 403; no token 401.</summary>
    Platform,
    /// <summary>A channel plugin's own credential (signature, key header): refused without it, and a platform token changes nothing.</summary>
    ChannelSigned,
}

/// <summary>An endpoint's access rule.</summary>
public sealed record Access(AccessKind Kind, IReadOnlySet<Caller> Allowed)
{
    public static Access Anonymous { get; } = new(AccessKind.Anonymous, new HashSet<Caller>());

    public static Access PlatformOperator { get; } = new(AccessKind.Platform, new HashSet<Caller> { Caller.Operator });

    public static Access ChannelSigned { get; } = new(AccessKind.ChannelSigned, new HashSet<Caller>());

    /// <summary>Any staff of the tenant, handlers of every department included.</summary>
    public static Access Staff { get; } = Roles([.. Callers.TenantStaff]);

    /// <summary>A case of the tenant: any staff, handlers only of the case's department.</summary>
    public static Access CaseReaders { get; } = Roles(Agent, Supervisor, Leader, Admin, Handler);

    /// <summary>The front desk.</summary>
    public static Access Desk { get; } = Roles(Agent, Supervisor);

    /// <summary>The handler of the case's department.</summary>
    public static Access CaseHandler { get; } = Roles(Handler);

    public static Access Oversight { get; } = Roles(Supervisor, Leader);

    public static Access Roles(params Caller[] allowed) => new(AccessKind.Tenant, allowed.ToHashSet());

    public override string ToString() => Kind == AccessKind.Tenant ? $"{Kind}({string.Join(", ", Allowed.Order())})" : Kind.ToString();
}

/// <summary>
/// One endpoint (method + route pattern, constraints left out; <c>ANY</c> for an endpoint of every method) and its rule.
/// A POST or PUT sends <see cref="Body"/>: <c>{}</c>, or where the JSON reader refuses <c>{}</c> (a required member)
/// before the role is checked, the least body it reads.
/// </summary>
public sealed record AccessRule(string Method, string Pattern, Access Access, string Body = "{}")
{
    public string Endpoint => $"{Method} {Pattern}";

    public override string ToString() => Endpoint;
}

/// <summary>
/// Who may call every endpoint the host serves: the table the matrix is generated from. A test fails for an endpoint
/// of the host with no row here and for a row with no endpoint, so a new endpoint needs its row (docs/security.md).
/// </summary>
public static class AccessRules
{
    public static IReadOnlyList<AccessRule> All { get; } =
    [
        new("ANY", "/health", Anonymous),
        new("ANY", "/metrics", Anonymous), // when Telemetry:Prometheus:Enabled; loopback and AllowedNetworks only
        new("GET", "/openapi/{documentName}.json", Anonymous),
        new("GET", "/scalar/{documentName?}", Anonymous),
        new("GET", "/scalar/favicon.svg", Anonymous),
        new("GET", "/scalar/scalar.aspnetcore.js", Anonymous),
        new("GET", "/scalar/scalar.js", Anonymous),
        new("POST", "/api/v1/auth/token", Anonymous),
        new("POST", "/api/v1/auth/refresh", Anonymous), // the refresh token is the credential
        new("POST", "/api/v1/auth/logout", Anonymous),

        new("POST", "/api/v1/tenants/{tenant}/complaints", Roles(Agent, Supervisor, Admin), """{"kind":"complaint"}"""),
        new("GET", "/api/v1/tenants/{tenant}/complaints", Staff),
        new("GET", "/api/v1/tenants/{tenant}/complaints/{number}", CaseReaders),
        new("GET", "/api/v1/tenants/{tenant}/complaints/{number}/contact", Roles(Agent, Supervisor, Handler)),
        // The printable form: read as the case's GET; a page link (ApiModule.PageLinks), so the workbench's cookie is
        // accepted here too (proven in tests/Complaints.Workbench.Tests: CaseLifecycleTests).
        new("GET", "/api/v1/tenants/{tenant}/complaints/{number}/form", CaseReaders),
        new("POST", "/api/v1/tenants/{tenant}/complaints/{number}/attachments", CaseReaders), // multipart; who may read the case may add files to it
        new("GET", "/api/v1/tenants/{tenant}/complaints/{number}/attachments", CaseReaders),
        new("GET", "/api/v1/tenants/{tenant}/complaints/{number}/attachments/{id}", CaseReaders), // a file id the case lacks: 404 after the access check
        new("POST", "/api/v1/tenants/{tenant}/complaints/{number}/accept", Desk),
        new("POST", "/api/v1/tenants/{tenant}/complaints/{number}/reclassify", Desk),
        new("POST", "/api/v1/tenants/{tenant}/complaints/{number}/reject", Desk),
        new("POST", "/api/v1/tenants/{tenant}/complaints/{number}/answer", Desk),
        new("POST", "/api/v1/tenants/{tenant}/complaints/{number}/dispatch", Desk),
        new("POST", "/api/v1/tenants/{tenant}/complaints/{number}/approve-dispatch", Roles(Leader)),
        new("POST", "/api/v1/tenants/{tenant}/complaints/{number}/sign", CaseHandler),
        new("POST", "/api/v1/tenants/{tenant}/complaints/{number}/return", CaseHandler),
        new("POST", "/api/v1/tenants/{tenant}/complaints/{number}/return-to-source", Desk),
        new("POST", "/api/v1/tenants/{tenant}/complaints/{number}/request-extension", CaseHandler, """{"until":"2099-01-01T00:00:00+08:00"}"""),
        new("POST", "/api/v1/tenants/{tenant}/complaints/{number}/decide-extension", Oversight, """{"approve":false}"""),
        new("POST", "/api/v1/tenants/{tenant}/complaints/{number}/report-result", CaseHandler),
        new("POST", "/api/v1/tenants/{tenant}/complaints/{number}/record-callback", Desk, """{"satisfaction":"satisfied"}"""),
        new("POST", "/api/v1/tenants/{tenant}/complaints/{number}/supervise", Oversight),
        new("POST", "/api/v1/tenants/{tenant}/complaints/{number}/flag", Roles(Agent, Supervisor, Leader), """{"flags":[]}"""),
        new("GET", "/api/v1/tenants/{tenant}/calendar/days", Staff),
        new("GET", "/api/v1/tenants/{tenant}/calendar/deadline", Staff),
        new("GET", "/api/v1/tenants/{tenant}/directory", Staff),
        new("GET", "/api/v1/tenants/{tenant}/notifications", Staff),
        new("GET", "/api/v1/tenants/{tenant}/notifications/stream", Staff),
        new("POST", "/api/v1/tenants/{tenant}/notifications/{id}/read", Staff),
        new("POST", "/api/v1/tenants/{tenant}/notifications/read", Staff),
        new("GET", "/api/v1/tenants/{tenant}/reports/overdue", Staff), // a handler: its own department's breaches only
        new("GET", "/api/v1/tenants/{tenant}/reports/callbacks", Staff), // a handler: its own department's cases only
        new("GET", "/api/v1/tenants/{tenant}/ledger.xlsx", Staff), // as the ledger list; contacts=full only for roles that may read contacts
        new("GET", "/api/v1/tenants/{tenant}/reports/statistics", Staff), // handlers: their own department's figures
        new("GET", "/api/v1/tenants/{tenant}/reports/scorecards", Roles(Supervisor, Leader, Admin, Handler, OtherHandler)), // every handler: its own department's cards only; agents are not scored here
        new("GET", "/api/v1/tenants/{tenant}/reports/hotspots", Staff), // handlers: their department's cases only
        new("GET", "/api/v1/tenants/{tenant}/numbers/gaps", Roles(Supervisor, Admin)),
        // A report snapshot holds the whole tenant: no department's handler reads it (not filtered: refused).
        new("GET", "/api/v1/tenants/{tenant}/reports/snapshots", Roles(Supervisor, Leader, Admin)),
        new("GET", "/api/v1/tenants/{tenant}/reports/snapshots/{id}", Roles(Supervisor, Leader, Admin)),
        new("GET", "/api/v1/tenants/{tenant}/reports/snapshots/{id}.xlsx", Roles(Supervisor, Leader, Admin)),
        new("GET", "/api/v1/tenants/{tenant}/channels", Roles(Admin)),
        new("GET", "/api/v1/tenants/{tenant}/users", Roles(Admin)),
        new("POST", "/api/v1/tenants/{tenant}/users", Roles(Admin)),
        new("POST", "/api/v1/tenants/{tenant}/users/{login}/disable", Roles(Admin)),
        new("POST", "/api/v1/tenants/{tenant}/users/{login}/enable", Roles(Admin)),
        new("POST", "/api/v1/tenants/{tenant}/users/{login}/reset-password", Roles(Admin)),
        new("POST", "/api/v1/tenants/{tenant}/users/{login}/unlock", Roles(Admin)),

        new("PUT", "/api/v1/calendar/years/{year}", PlatformOperator),
        new("POST", "/api/v1/calendar/years/{year}/import", PlatformOperator),
        new("GET", "/api/v1/calendar/years/{year}", PlatformOperator),
        new("GET", "/api/v1/channels", PlatformOperator),
        new("POST", "/api/v1/admin/diagnostics/memory", PlatformOperator),

        new("POST", "/channels/example/{tenant}/messages", Anonymous), // the example channel: no credential by design, enabled for no preset
        new("GET", "/channels/example/{tenant}/replies", Anonymous),
        new("POST", "/channels/gov-12345/{tenant}/orders", ChannelSigned), // X-Push-Key
        new("POST", "/channels/hotline/{tenant}/calls", ChannelSigned), // X-Cti-Key
        new("POST", "/channels/suggestion-box/{tenant}/batches", Desk),
        new("POST", "/channels/suggestion-box/{tenant}/items", Desk),
        new("GET", "/channels/wechat/{tenant}", ChannelSigned), // WeChat's URL signature
        new("POST", "/channels/wechat/{tenant}", ChannelSigned), // signature or safe-mode msg_signature
        new("GET", "/channels/website/{tenant}", Anonymous), // the customers' form
        new("POST", "/channels/website/{tenant}/complaints", Anonymous),
        new("POST", "/channels/website/{tenant}/ratings", Anonymous),

        // The workbench (docs/workbench.md): its own sign-in cookie, never a bearer token. Signed out, its pages send to
        // /login (302, so no caller is refused with 401/403 there); its circuit's hub refuses every caller without the
        // cookie (401): a credential of its own, as a channel's. Proven in tests/Complaints.Workbench.Tests. Its static
        // files (MapStaticAssets) are left out of the list.
        new("GET", "/", Anonymous),
        new("POST", "/", Anonymous),
        new("GET", "/login", Anonymous),
        new("POST", "/login", Anonymous),
        new("POST", "/logout", Anonymous),
        new("GET", "/complaints/new", Anonymous),
        new("POST", "/complaints/new", Anonymous),
        new("GET", "/complaints/{number}", Anonymous),
        new("POST", "/complaints/{number}", Anonymous),
        new("GET", "/cases", Anonymous),
        new("POST", "/cases", Anonymous),
        // The admin pages (a tenant's admin) and the operator's (calendar years, plugins): by the cookie's user, never a
        // token (WorkbenchAccess; proven in tests/Complaints.Workbench.Tests). /denied answers a signed-in user's wrong page.
        new("GET", "/admin/users", Anonymous),
        new("POST", "/admin/users", Anonymous),
        new("GET", "/admin/directory", Anonymous),
        new("POST", "/admin/directory", Anonymous),
        new("GET", "/admin/channels", Anonymous),
        new("POST", "/admin/channels", Anonymous),
        new("GET", "/admin/calendar", Anonymous),
        new("POST", "/admin/calendar", Anonymous),
        new("GET", "/admin/plugins", Anonymous),
        new("POST", "/admin/plugins", Anonymous),
        new("GET", "/denied", Anonymous),
        new("POST", "/denied", Anonymous),
        new("GET", "/reports/statistics", Anonymous), // the report pages: signed out → /login; what they show is the API's rule (ReportReaders)
        new("POST", "/reports/statistics", Anonymous),
        new("GET", "/reports/scorecards", Anonymous),
        new("POST", "/reports/scorecards", Anonymous),
        new("GET", "/reports/hotspots", Anonymous),
        new("POST", "/reports/hotspots", Anonymous),
        new("GET", "/reports/exports", Anonymous),
        new("POST", "/reports/exports", Anonymous),
        new("ANY", "/_blazor", ChannelSigned),
        new("ANY", "/_blazor/disconnect", Anonymous),
        new("ANY", "/_blazor/initializers", Anonymous),
        new("ANY", "/_blazor/negotiate", ChannelSigned),
        new("GET", "/_framework/opaque-redirect", Anonymous),
        new("GET", "/{path}", Anonymous), // static web assets from the build output (UseStaticWebAssets), files only
        new("HEAD", "/{path}", Anonymous),
    ];
}
