namespace Complaints.Texts;

/// <summary>The longest a stored string may be (UTF-16 characters, as .NET counts them) and its layout.</summary>
public sealed record InputLimit(int MaxLength, TextShape Shape);

/// <summary>
/// The one table of input limits: every string the platform stores or reads back names its entry here, whether it came
/// through the API or a channel plugin (the intake applies the same rules). The channel contract publishes the intake's
/// part as constants (<c>Complaints.Channels.IntakeLimits</c>); a test fails when they drift from this table.
/// </summary>
public static class InputLimits
{
    /// <summary>A complaint's content.</summary>
    public static readonly InputLimit Content = new(4000, TextShape.Block);

    /// <summary>Notes, reasons, replies, results, measures, accountability, compensation.</summary>
    public static readonly InputLimit LongText = new(4000, TextShape.Block);

    /// <summary>A person's name: complainant, target, responsible.</summary>
    public static readonly InputLimit Name = new(100, TextShape.Line);

    public static readonly InputLimit Phone = new(32, TextShape.Line);

    /// <summary>An e-mail address (RFC 5321's longest path).</summary>
    public static readonly InputLimit Email = new(254, TextShape.Line);

    /// <summary>A WeChat OpenID (28 characters as issued; room for other platforms' user ids).</summary>
    public static readonly InputLimit OpenId = new(64, TextShape.Line);

    public static readonly InputLimit Address = new(500, TextShape.Line);

    public static readonly InputLimit Location = new(500, TextShape.Line);

    public static readonly InputLimit AccountNo = new(64, TextShape.Line);

    /// <summary>The item's id at its source (MsgId, call id, work-order number).</summary>
    public static readonly InputLimit ExternalId = new(128, TextShape.Line);

    /// <summary>A word of the tenant's or the platform's vocabulary: channel, category, department, kind, case number.</summary>
    public static readonly InputLimit Identifier = new(64, TextShape.Line);

    /// <summary>A holiday's name in an official schedule (春节, 国庆节、中秋节).</summary>
    public static readonly InputLimit HolidayName = new(50, TextShape.Line);

    /// <summary>The address of an official notice a calendar year was taken from.</summary>
    public static readonly InputLimit PaperAddress = new(500, TextShape.Line);

    /// <summary>An attachment's file name as its source gave it (a path's folders dropped).</summary>
    public static readonly InputLimit FileName = new(255, TextShape.Line);

    /// <summary>A search text in the ledger.</summary>
    public static readonly InputLimit SearchText = new(200, TextShape.Line);

    /// <summary>How far a client's clock may run ahead of ours when it says when an item was received.</summary>
    public static readonly TimeSpan ReceivedAtTolerance = TimeSpan.FromMinutes(5);

    /// <summary>The JSON body of any endpoint of the unified API, in bytes.</summary>
    public const long JsonBodyBytes = 256 * 1024;

    /// <summary>The largest page of any list.</summary>
    public const int MaxPageSize = 500;

    /// <summary>The furthest page of any list: with <see cref="MaxPageSize"/> the offset still fits an int.</summary>
    public const int MaxPage = 100_000;
}
