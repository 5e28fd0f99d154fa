using System.Net;
using System.Text;

namespace Complaints.Reports;

/// <summary>
/// The shell of every printable page (the closed-loop form, the record card, the daily lists): an HTML document laid
/// out for A4 portrait with print CSS, so that the browser's print gives the paper the office files. The body is
/// built by the page with <see cref="Encode"/> on every value that came from a case: nothing a customer typed becomes
/// markup. No script (the host's Content-Security-Policy allows none inline); the browser's own print (Ctrl+P) prints it.
/// </summary>
public static class PrintPage
{
    /// <summary>A4 portrait, 15 mm margins; tables with ruled cells; signature lines; nothing split across pages.</summary>
    public const string Css = """
        @page { size: A4 portrait; margin: 15mm; }
        * { box-sizing: border-box; }
        body { font-family: "SimSun", "Songti SC", "Noto Serif CJK SC", serif; font-size: 11pt; color: #000; margin: 0 auto; max-width: 180mm; }
        h1 { font-size: 16pt; text-align: center; margin: 0 0 4mm; letter-spacing: 2pt; }
        .meta { display: flex; justify-content: space-between; font-size: 10pt; margin-bottom: 2mm; }
        table { width: 100%; border-collapse: collapse; page-break-inside: auto; }
        tr { page-break-inside: avoid; }
        th, td { border: 1px solid #000; padding: 1.5mm 2mm; vertical-align: top; text-align: left; }
        th { width: 24mm; font-weight: normal; background: #f2f2f2; white-space: nowrap; }
        td { white-space: pre-wrap; overflow-wrap: anywhere; }
        td.long { height: 28mm; }
        td .stamp { display: flex; justify-content: space-between; gap: 4mm; margin-top: 8mm; white-space: normal; }
        table.form th { width: 26mm; }
        .list th { width: auto; }
        .signatures { display: flex; justify-content: space-between; margin-top: 10mm; gap: 6mm; }
        .signatures div { flex: 1; border-bottom: 1px solid #000; padding-bottom: 8mm; }
        .signatures { page-break-inside: avoid; }
        .footer { margin-top: 4mm; font-size: 9pt; color: #444; }
        @media screen { body { padding: 10mm; background: #fff; } }
        @media print { .no-print { display: none; } }
        """;

    /// <summary>A whole page: language, title, the shared CSS and the body.</summary>
    public static string Render(string language, string title, string body)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html lang=\"").Append(Encode(language)).Append("\"><head><meta charset=\"utf-8\">")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>").Append(Encode(title))
            .Append("</title><style>").Append(Css).Append("</style></head><body>").Append(body).Append("</body></html>");
        return html.ToString();
    }

    /// <summary>A value from a case as HTML text (null → empty).</summary>
    public static string Encode(string? value) => WebUtility.HtmlEncode(value ?? "");
}
