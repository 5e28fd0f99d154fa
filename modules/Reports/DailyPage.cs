using System.Globalization;
using System.Text;
using Complaints.Tenants;
using Complaints.Texts;

namespace Complaints.Reports;

/// <summary>The parts the daily lists' printable pages share: the heading with the day, and ruled list tables.</summary>
internal static class DailyPage
{
    public static void Heading(StringBuilder body, Tenant tenant, string title, string date, DateTimeOffset madeAt, CultureInfo culture) =>
        body.Append("<h1>").Append(PrintPage.Encode(title)).Append("</h1><div class=\"meta\"><span>").Append(PrintPage.Encode(tenant.Name))
            .Append("</span><span class=\"date\">").Append(PrintPage.Encode(new Text(TextKeys.DailyLists.Date, date).In(culture)))
            .Append("</span><span>").Append(PrintPage.Encode(new Text(TextKeys.DailyLists.MadeAt, ReportWords.Time(madeAt)).In(culture)))
            .Append("</span></div>");

    public static void SubHeading(StringBuilder body, string text) =>
        body.Append("<h2>").Append(PrintPage.Encode(text)).Append("</h2>");

    public static void TableStart(StringBuilder body, IReadOnlyList<string> headers)
    {
        body.Append("<table class=\"list\"><thead><tr>");
        foreach (var header in headers)
        {
            body.Append("<th>").Append(PrintPage.Encode(header)).Append("</th>");
        }

        body.Append("</tr></thead><tbody>");
    }

    public static void Row(StringBuilder body, IReadOnlyList<string?> cells)
    {
        body.Append("<tr>");
        foreach (var cell in cells)
        {
            body.Append("<td>").Append(PrintPage.Encode(cell)).Append("</td>");
        }

        body.Append("</tr>");
    }

    /// <summary>Closes the table; an empty list says so in one row (<paramref name="none"/>) rather than printing a bare header.</summary>
    public static void TableEnd(StringBuilder body, int columns, string? none)
    {
        if (none is not null)
        {
            body.Append("<tr><td class=\"none\" colspan=\"").Append(columns.ToString(CultureInfo.InvariantCulture)).Append("\">")
                .Append(PrintPage.Encode(none)).Append("</td></tr>");
        }

        body.Append("</tbody></table>");
    }
}
