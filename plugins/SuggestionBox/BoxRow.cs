using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

namespace Complaints.Channels.SuggestionBox;

/// <summary>One item from a box, as read from a sheet or typed in: every field text, checked by <see cref="BoxRowValidator"/>.</summary>
public sealed record BoxRow
{
    public string? Hall { get; init; }

    /// <summary>When the box was opened (<c>yyyy-MM-dd</c>); kept as the item's ReceivedAt, apart from the entry date.</summary>
    public string? ReceivedDate { get; init; }

    public string? Content { get; init; }

    public string? Name { get; init; }

    public string? Phone { get; init; }

    public string? Address { get; init; }

    /// <summary>The sheet's own id for the row; without it a hash of hall + date + content + name + phone keys it.</summary>
    public string? RowId { get; init; }

    /// <summary><c>suggestion</c> (default), <c>complaint</c>, <c>inquiry</c>, <c>repair</c> or <c>praise</c>.</summary>
    public string? Kind { get; init; }

    /// <summary>
    /// The file names of the item's scans (扫描件), several separated by <c>;</c> <c>，</c> <c>、</c> (<see cref="ScanNames"/>),
    /// each uploaded beside the sheet in the multipart field <c>scans</c>.
    /// </summary>
    public string? Scans { get; init; }
}

public sealed record BoxItems(IReadOnlyList<BoxRow>? Items);

/// <summary>The answer for one row: <c>accepted</c> (with the number), <c>existing</c> (imported before), <c>refused</c> (reason, column).</summary>
public sealed record RowResult(int Row, string Status, string? Number = null, string? Reason = null, string? Column = null);

/// <summary>The answer for a batch; <see cref="UnusedScans"/> names the uploaded scans no row named (null when none).</summary>
public sealed record BatchResult(int Accepted, int Existing, int Refused, IReadOnlyList<RowResult> Rows, IReadOnlyList<string>? UnusedScans = null);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(BoxItems))]
[JsonSerializable(typeof(BatchResult))]
public sealed partial class SuggestionBoxJsonContext : JsonSerializerContext;

/// <summary>The checks of one row, and the submission it becomes.</summary>
public static partial class BoxRowValidator
{
    private static readonly string[] DateFormats = ["yyyy-MM-dd", "yyyy/M/d", "yyyy-M-d", "yyyy.M.d", "yyyy年M月d日", "yyyy-MM-dd HH:mm:ss", "yyyy/M/d H:mm:ss", "yyyy/M/d H:mm"];
    private static readonly HashSet<string> Kinds = new(StringComparer.Ordinal) { "suggestion", "complaint", "inquiry", "repair", "praise" };

    /// <summary>The submission, or the reason and the column why not.</summary>
    public static (IntakeSubmission? Submission, string? Reason, string? Column) ToSubmission(string tenant, BoxRow row, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(row);
        var hall = Clean(row.Hall);
        if (hall is null || hall.Length > 64)
        {
            return (null, "箱号/服务厅必填，最多 64 字 (required, at most 64 characters)", "hall");
        }

        var dateText = Clean(row.ReceivedDate);
        if (dateText is null || !DateTime.TryParseExact(dateText, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return (null, "开箱日期必填，格式 yyyy-MM-dd (required: the date the box was opened)", "receivedDate");
        }

        var today = now.ToOffset(ChinaTime.Offset).Date;
        if (date.Date > today)
        {
            return (null, "开箱日期晚于今天 (lies in the future)", "receivedDate");
        }

        if (date.Date < today.AddYears(-1))
        {
            return (null, "开箱日期早于一年前 (more than a year ago)", "receivedDate");
        }

        var content = Clean(row.Content);
        if (content is null || content.Length > 2000)
        {
            return (null, "内容必填，最多 2000 字 (required, at most 2000 characters)", "content");
        }

        var name = Clean(row.Name);
        if (name is { Length: > 32 })
        {
            return (null, "姓名最多 32 字 (at most 32 characters)", "name");
        }

        var phone = Clean(row.Phone);
        if (phone is not null && !PhonePattern().IsMatch(phone))
        {
            return (null, "电话须为 11 位手机号或带区号的固定电话 (a mobile or a landline with area code)", "phone");
        }

        var address = Clean(row.Address);
        if (address is { Length: > 200 })
        {
            return (null, "地址最多 200 字 (at most 200 characters)", "address");
        }

        var rowId = Clean(row.RowId);
        if (rowId is not null && !RowIdPattern().IsMatch(rowId))
        {
            return (null, "编号为 1–64 个字母、数字、'-'、'_' 或 '.' (1–64 letters, digits, '-', '_', '.')", "rowId");
        }

        var kind = Clean(row.Kind) ?? "suggestion";
        if (!Kinds.Contains(kind))
        {
            return (null, "类型为 suggestion、complaint、inquiry、repair 或 praise", "kind");
        }

        var day = date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        return (new IntakeSubmission
        {
            Tenant = tenant,
            Channel = SuggestionBoxPlugin.ChannelId,
            ExternalId = rowId is not null ? "row:" + rowId : "hash:" + Hash(hall, day, content, name, phone),
            Kind = kind,
            Content = content,
            ReceivedAt = new DateTimeOffset(date.Date, ChinaTime.Offset),
            ComplainantName = name,
            Phone = phone,
            Address = address,
            Anonymous = name is null && phone is null,
            Location = hall,
        }, null, null);
    }

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static string Hash(params string?[] parts)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\u001f', parts.Select(p => p ?? ""))));
        return Convert.ToHexStringLower(hash.AsSpan(0, 16));
    }

    [GeneratedRegex(@"^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$")]
    private static partial Regex PhonePattern();

    [GeneratedRegex(@"^[A-Za-z0-9._\-]{1,64}$")]
    private static partial Regex RowIdPattern();
}
