namespace Complaints.Sla;

/// <summary>
/// The State Council holiday schedules (国务院办公厅关于部分节假日安排的通知) shipped with the assembly, so a
/// fresh installation counts working days correctly without any set-up. Later years are loaded at run time
/// with <see cref="WorkingDayCalendar.LoadYear"/>.
/// </summary>
public static class BuiltInHolidaySchedule
{
    /// <summary>Holiday names as published (the English gloss is in the comment).</summary>
    public static class Names
    {
        /// <summary>New Year's Day.</summary>
        public const string NewYear = "元旦";

        /// <summary>Spring Festival.</summary>
        public const string SpringFestival = "春节";

        /// <summary>Qingming Festival (Tomb-Sweeping Day).</summary>
        public const string Qingming = "清明节";

        /// <summary>Labour Day.</summary>
        public const string LabourDay = "劳动节";

        /// <summary>Dragon Boat Festival.</summary>
        public const string DragonBoat = "端午节";

        /// <summary>Mid-Autumn Festival.</summary>
        public const string MidAutumn = "中秋节";

        /// <summary>National Day.</summary>
        public const string NationalDay = "国庆节";

        /// <summary>National Day and Mid-Autumn Festival taken together (2025).</summary>
        public const string NationalDayAndMidAutumn = "国庆节、中秋节";
    }

    // The table: (name, first day, last day, off?) ranges, as the notices print them.
    private static readonly (string Name, string From, string To, bool IsOff)[] Table =
    [
        // 2024 (国办发明电〔2023〕7号)
        (Names.NewYear, "2024-01-01", "2024-01-01", true),
        (Names.SpringFestival, "2024-02-10", "2024-02-17", true),
        (Names.SpringFestival, "2024-02-04", "2024-02-04", false),
        (Names.SpringFestival, "2024-02-18", "2024-02-18", false),
        (Names.Qingming, "2024-04-04", "2024-04-06", true),
        (Names.Qingming, "2024-04-07", "2024-04-07", false),
        (Names.LabourDay, "2024-05-01", "2024-05-05", true),
        (Names.LabourDay, "2024-04-28", "2024-04-28", false),
        (Names.LabourDay, "2024-05-11", "2024-05-11", false),
        (Names.DragonBoat, "2024-06-10", "2024-06-10", true),
        (Names.MidAutumn, "2024-09-15", "2024-09-17", true),
        (Names.MidAutumn, "2024-09-14", "2024-09-14", false),
        (Names.NationalDay, "2024-10-01", "2024-10-07", true),
        (Names.NationalDay, "2024-09-29", "2024-09-29", false),
        (Names.NationalDay, "2024-10-12", "2024-10-12", false),

        // 2025 (国办发明电〔2024〕12号)
        (Names.NewYear, "2025-01-01", "2025-01-01", true),
        (Names.SpringFestival, "2025-01-28", "2025-02-04", true),
        (Names.SpringFestival, "2025-01-26", "2025-01-26", false),
        (Names.SpringFestival, "2025-02-08", "2025-02-08", false),
        (Names.Qingming, "2025-04-04", "2025-04-06", true),
        (Names.LabourDay, "2025-05-01", "2025-05-05", true),
        (Names.LabourDay, "2025-04-27", "2025-04-27", false),
        (Names.DragonBoat, "2025-05-31", "2025-06-02", true),
        (Names.NationalDayAndMidAutumn, "2025-10-01", "2025-10-08", true),
        (Names.NationalDayAndMidAutumn, "2025-09-28", "2025-09-28", false),
        (Names.NationalDayAndMidAutumn, "2025-10-11", "2025-10-11", false),

        // 2026 (国办发明电〔2025〕7号)
        (Names.NewYear, "2026-01-01", "2026-01-03", true),
        (Names.NewYear, "2026-01-04", "2026-01-04", false),
        (Names.SpringFestival, "2026-02-15", "2026-02-23", true),
        (Names.SpringFestival, "2026-02-14", "2026-02-14", false),
        (Names.SpringFestival, "2026-02-28", "2026-02-28", false),
        (Names.Qingming, "2026-04-04", "2026-04-06", true),
        (Names.LabourDay, "2026-05-01", "2026-05-05", true),
        (Names.LabourDay, "2026-05-09", "2026-05-09", false),
        (Names.DragonBoat, "2026-06-19", "2026-06-21", true),
        (Names.MidAutumn, "2026-09-25", "2026-09-27", true),
        (Names.MidAutumn, "2026-09-20", "2026-09-20", false),
        (Names.NationalDay, "2026-10-01", "2026-10-07", true),
        (Names.NationalDay, "2026-10-10", "2026-10-10", false),
    ];

    /// <summary>The years this assembly knows officially.</summary>
    public static IReadOnlyList<int> Years { get; } = [2024, 2025, 2026];

    /// <summary>Every special day of the built-in years, one entry per date, in date order.</summary>
    public static IReadOnlyList<ScheduleDay> Days { get; } = Expand();

    /// <summary>The special days of one built-in year (empty for a year not built in).</summary>
    public static IReadOnlyList<ScheduleDay> ForYear(int year) => [.. Days.Where(d => d.Date.Year == year)];

    private static ScheduleDay[] Expand()
    {
        var days = new List<ScheduleDay>();
        foreach (var (name, from, to, isOff) in Table)
        {
            var last = DateOnly.ParseExact(to, "yyyy-MM-dd");
            for (var date = DateOnly.ParseExact(from, "yyyy-MM-dd"); date <= last; date = date.AddDays(1))
            {
                days.Add(new ScheduleDay(name, date, isOff));
            }
        }

        return [.. days.OrderBy(d => d.Date)];
    }
}
