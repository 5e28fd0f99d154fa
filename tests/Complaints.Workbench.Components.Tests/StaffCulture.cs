using System.Globalization;

namespace Complaints.Workbench.Components.Tests;

/// <summary>The pages' language is the circuit's culture: the tests read them as staff do, in Chinese.</summary>
internal static class StaffCulture
{
    public static void Chinese() => CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo("zh-CN");
}
