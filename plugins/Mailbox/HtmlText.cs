using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace Complaints.Channels.Mailbox;

/// <summary>
/// HTML mail as plain text, through a real HTML5 parser (AngleSharp; nothing is run, nothing is fetched): the text
/// of the body, blocks and line breaks as new lines, list items with a dash, links with their address when it differs
/// from their text, scripts, styles and the head left out. The result is text only, never markup.
/// </summary>
internal static class HtmlText
{
    private static readonly HashSet<string> Skipped = new(StringComparer.OrdinalIgnoreCase) { "script", "style", "head", "title", "template", "noscript", "iframe", "object", "svg" };

    private static readonly HashSet<string> Blocks = new(StringComparer.OrdinalIgnoreCase)
    {
        "p", "div", "section", "article", "header", "footer", "blockquote", "pre", "table", "tr", "ul", "ol", "li",
        "h1", "h2", "h3", "h4", "h5", "h6", "hr", "address", "dl", "dt", "dd", "form", "fieldset",
    };

    public static string ToText(string html)
    {
        var document = new HtmlParser(new HtmlParserOptions { IsScripting = false }).ParseDocument(html);
        var text = new StringBuilder();
        Walk(document.Body ?? (INode)document.DocumentElement, text);
        return MailSubmissions.Tidy(text.ToString());
    }

    private static void Walk(INode node, StringBuilder text)
    {
        foreach (var child in node.ChildNodes)
        {
            switch (child)
            {
                case IText t:
                    // Whitespace in HTML source is layout, not content: runs collapse to one space.
                    AppendCollapsed(text, t.Data);
                    break;
                case IElement e when Skipped.Contains(e.LocalName):
                    break;
                case IElement { LocalName: "br" }:
                    text.Append('\n');
                    break;
                case IElement { LocalName: "td" or "th" } cell:
                    Walk(cell, text);
                    text.Append('\t');
                    break;
                case IElement e:
                    var block = Blocks.Contains(e.LocalName);
                    if (block)
                    {
                        text.Append('\n');
                    }

                    if (e.LocalName == "li")
                    {
                        text.Append("- ");
                    }

                    Walk(e, text);
                    if (e.LocalName == "a" && e.GetAttribute("href") is { } href
                        && (href.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || href.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
                        && !e.TextContent.Contains(href, StringComparison.Ordinal))
                    {
                        text.Append(" (").Append(href).Append(')');
                    }

                    if (block)
                    {
                        text.Append('\n');
                    }

                    break;
            }
        }
    }

    private static void AppendCollapsed(StringBuilder text, string data)
    {
        foreach (var ch in data)
        {
            if (char.IsWhiteSpace(ch) && ch != '\u3000')
            {
                if (text.Length > 0 && text[^1] is not (' ' or '\n'))
                {
                    text.Append(' ');
                }
            }
            else
            {
                text.Append(ch);
            }
        }
    }
}
