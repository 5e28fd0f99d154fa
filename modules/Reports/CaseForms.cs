using System.Globalization;
using System.Text;
using Complaints.Sla;
using Complaints.Tenants;
using Complaints.Texts;
using Keys = Complaints.Texts.TextKeys.Form;

namespace Complaints.Reports;

/// <summary>The printed forms of one case: the closed-loop form (seed 004 annex) and the record card (seed 002).</summary>
public enum FormLayout
{
    ClosedLoop,
    RecordCard,
}

/// <summary>The words <c>?layout=</c> takes.</summary>
public static class FormLayouts
{
    public const string ClosedLoop = "closed-loop";
    public const string RecordCard = "record-card";

    public static IReadOnlyList<string> All { get; } = [ClosedLoop, RecordCard];

    public static bool TryParse(string? word, out FormLayout layout)
    {
        layout = word switch
        {
            null or ClosedLoop => FormLayout.ClosedLoop,
            RecordCard => FormLayout.RecordCard,
            _ => (FormLayout)(-1),
        };
        return Enum.IsDefined(layout);
    }
}

/// <summary>
/// Who prints and how they may see it: <see cref="MaskFreeText"/> masks phones typed into free text for those who may
/// not read the contact (as the case's GET does); <see cref="FullPhone"/> is the unmasked phone when the reader asked
/// for it and the case recorded the read, else the form prints the masked one.
/// </summary>
public sealed record FormReader(CultureInfo Culture, string PrintedBy, DateTimeOffset PrintedAt, bool MaskFreeText, string? FullPhone = null);

/// <summary>
/// Renders the forms through <see cref="PrintPage"/>: every label from the resource set in the reader's language, every
/// value from the case encoded, names from the tenant's directory, words (kind, status, satisfaction, target) from the
/// resource set. Pure: the same record, tenant and reader give the same page.
/// </summary>
public static class CaseForms
{
    /// <summary>The department that takes complaints in when the tenant names none under <c>Form:AcceptingDepartment</c>.</summary>
    public const string DefaultAcceptingDepartment = "customer-service";

    public static string Render(FormLayout layout, CaseRecord record, Tenant tenant, FormReader reader)
    {
        var form = new Filler(record, tenant, reader);
        return layout == FormLayout.RecordCard ? form.RecordCard() : form.ClosedLoop();
    }

    private sealed class Filler(CaseRecord record, Tenant tenant, FormReader reader)
    {
        private readonly StringBuilder _html = new();

        private Grains.CaseView Case => record.Case;

        public string ClosedLoop()
        {
            var title = Label(Keys.ClosedLoopTitle);
            Header(title);
            _html.Append("<table class=\"form\">");
            Row(Keys.AcceptingDepartment, AcceptingDepartment(), Keys.RequestType, RequestType());
            Row(Keys.Customer, Customer(), Keys.Phone, Phone());
            Row(Keys.Source, Channel(), Keys.ReceivedAt, Time(Case.ReceivedAt));
            Wide(Keys.Address, Free(Case.Complainant.Address));
            Row(Keys.Target, Target(), Keys.Location, Free(Case.Location));
            Wide(Keys.Request, Free(Case.Content), tall: true);
            Wide(Keys.Acceptance, Free(record.Accepted?.Text), tall: true);
            Row(Keys.AcceptedBy, Person(record.Accepted?.Actor), Keys.AcceptedAt, Time(record.Accepted?.At));
            Row(Keys.HandlingDepartment, Department(), Keys.DispatchedAt, Time(record.FirstDispatchedAt));
            Row(Keys.Handler, Person(record.Signed?.Actor), Keys.SignedAt, Time(record.Signed?.At));
            Row(Keys.DueAt, Time(record.ResolutionDueAt), Keys.ResolvedAt, Time(record.Result?.At));
            ResultWithSignatures();
            Wide(Keys.Measures, Free(record.Result?.Measures));
            Wide(Keys.Accountability, Free(record.Result?.Accountability));
            Wide(Keys.Compensation, Free(record.Result?.Compensation));
            Row(Keys.CallbackAt, Time(record.Callback?.At), Keys.CallbackBy, Person(record.Callback?.Actor));
            Row(Keys.Satisfaction, Satisfaction(), Keys.Redispatches, Case.Redispatches.ToString(CultureInfo.InvariantCulture));
            Wide(Keys.CallbackNote, Free(record.Callback?.Note));
            Row(Keys.Status, Word("status", Case.Status), Keys.ClosedAt, Time(Case.ClosedAt));
            _html.Append("</table>");
            Signatures(Keys.Clerk, Keys.DepartmentHead, Keys.LeaderInCharge);
            return Finish(title);
        }

        public string RecordCard()
        {
            var title = Label(Keys.RecordCardTitle);
            Header(title);
            _html.Append("<table class=\"form\">");
            Row(Keys.Complainant, Customer(), Keys.Phone, Phone());
            Wide(Keys.ComplaintAddress, Free(Case.Complainant.Address));
            Row(Keys.ReceivedAt, Time(Case.ReceivedAt), Keys.Source, Channel());
            Row(Keys.Target, Target(), Keys.Category, RequestType());
            Wide(Keys.ContentAndRequest, Free(Case.Content), tall: true);
            Row(Keys.Owner, Person(Case.Owner), Keys.AcceptedAt, Time(record.Accepted?.At));
            Row(Keys.HandlingDepartment, Department(), Keys.Handler, Person(record.Signed?.Actor));
            Wide(Keys.HandlingOpinion, Free(record.Result?.Text), tall: true);
            Row(Keys.CallbackAt, Time(record.Callback?.At), Keys.Satisfaction, Satisfaction());
            Wide(Keys.Callback, Free(record.Callback?.Note));
            Row(Keys.Status, Word("status", Case.Status), Keys.ClosedAt, Time(Case.ClosedAt));
            _html.Append("</table>");
            Signatures(Keys.Clerk, Keys.DepartmentHead);
            return Finish(title);
        }

        private void Header(string title)
        {
            _html.Append("<h1>").Append(PrintPage.Encode(title)).Append("</h1>")
                .Append("<div class=\"meta\"><span class=\"company\">").Append(PrintPage.Encode(tenant.Name)).Append("</span>")
                .Append("<span>").Append(PrintPage.Encode(Label(Keys.Number))).Append("：<span class=\"number\">")
                .Append(PrintPage.Encode(Case.Number)).Append("</span></span></div>");
        }

        /// <summary>The annex's result cell: the result, then the department's stamp, the head's signature and the date.</summary>
        private void ResultWithSignatures()
        {
            _html.Append("<tr><th>").Append(PrintPage.Encode(Label(Keys.Result))).Append("</th><td colspan=\"3\" class=\"long\"><div class=\"value\">")
                .Append(PrintPage.Encode(Free(record.Result?.Text))).Append("</div><div class=\"stamp\"><span>")
                .Append(PrintPage.Encode(Label(Keys.Stamp))).Append(PrintPage.Encode(Department())).Append("</span><span>")
                .Append(PrintPage.Encode(Label(Keys.HeadSignature))).Append("</span><span>")
                .Append(PrintPage.Encode(Label(Keys.Date))).Append("</span></div></td></tr>");
        }

        private void Signatures(params string[] keys)
        {
            _html.Append("<div class=\"signatures\">");
            foreach (var key in keys)
            {
                _html.Append("<div>").Append(PrintPage.Encode(Label(key))).Append("：</div>");
            }

            _html.Append("</div>");
        }

        private string Finish(string title)
        {
            _html.Append("<div class=\"footer\">")
                .Append(PrintPage.Encode(new Text(Keys.Printed, Time(reader.PrintedAt), Person(reader.PrintedBy)).In(reader.Culture)))
                .Append("</div>");
            return PrintPage.Render(reader.Culture.Name, $"{title} {Case.Number}", _html.ToString());
        }

        private void Row(string leftLabel, string? left, string rightLabel, string? right)
        {
            _html.Append("<tr>");
            Cell(leftLabel, left, null);
            Cell(rightLabel, right, null);
            _html.Append("</tr>");
        }

        private void Wide(string label, string? value, bool tall = false)
        {
            _html.Append("<tr>");
            Cell(label, value, tall ? " colspan=\"3\" class=\"long\"" : " colspan=\"3\"");
            _html.Append("</tr>");
        }

        private void Cell(string label, string? value, string? attributes) =>
            _html.Append("<th>").Append(PrintPage.Encode(Label(label))).Append("</th><td").Append(attributes).Append('>')
                .Append(PrintPage.Encode(value)).Append("</td>");

        private string Label(string key) => new Text(key).In(reader.Culture);

        private string? Free(string? text) => reader.MaskFreeText ? PhoneMask.InTextOrNull(text) : text;

        private string AcceptingDepartment()
        {
            var id = tenant.Configuration["Form:AcceptingDepartment"] ?? DefaultAcceptingDepartment;
            return tenant.Departments.TryGetValue(id, out var department) ? department.Name : tenant.Name;
        }

        private string? Department() =>
            Case.Department is not { } id ? null : tenant.Departments.TryGetValue(id, out var department) ? department.Name : id;

        private string Channel() =>
            tenant.Channels.TryGetValue(Case.Channel, out var channel) ? channel.Name : ChannelNames.Of(Case.Channel);

        /// <summary>The kind's word, with the category's name once it has one: 投诉（水压问题）.</summary>
        private string RequestType()
        {
            var kind = Word("kind", Case.Kind);
            if (Case.Category is not { } id)
            {
                return kind;
            }

            var category = tenant.Categories.TryGetValue(id, out var c) ? c.Name : id;
            return new Text(Keys.KindAndCategory, kind, category).In(reader.Culture);
        }

        private string? Customer() =>
            Free(Case.Complainant.Name) ?? (Case.Complainant.Anonymous ? Label(Keys.Anonymous) : null);

        private string? Phone() => reader.FullPhone ?? Case.Complainant.Phone;

        private string? Target()
        {
            if (Case.Target is not { Type: { } type } target)
            {
                return null;
            }

            var word = Word("target", type);
            var name = Free(target.Name);
            if (type == "department" && name is not null && tenant.Departments.TryGetValue(name, out var department))
            {
                name = department.Name;
            }

            return name is null ? word : new Text(Keys.NamedTarget, word, name).In(reader.Culture);
        }

        private string? Satisfaction() => record.Callback is { } callback ? Word("satisfaction", callback.Satisfaction) : null;

        /// <summary>A vocabulary word (status, kind, satisfaction, target) in the reader's language; a word without a text as it is.</summary>
        private string Word(string vocabulary, string word)
        {
            var key = $"{vocabulary}.{word}";
            return PlatformTexts.Has(key) ? new Text(key).In(reader.Culture) : word;
        }

        /// <summary>A user as the history names them (<c>login@tenant</c>), without the tenant the form is printed for.</summary>
        private string? Person(string? actor)
        {
            var suffix = "@" + tenant.Id;
            return actor is not null && actor.EndsWith(suffix, StringComparison.Ordinal) ? actor[..^suffix.Length] : actor;
        }

        private static string? Time(DateTimeOffset? at) =>
            at is { } t ? ChinaTime.ToChina(t).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) : null;
    }
}
