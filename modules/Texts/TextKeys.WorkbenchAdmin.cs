namespace Complaints.Texts;

public static partial class TextKeys
{
    public static partial class Workbench
    {
        /// <summary>The registration form's extras: target, 12345 order, anonymous, the caller's earlier cases, the category's deadline.</summary>
        public static class Registration
        {
            public const string Target = "workbench.registration.target";
            public const string NoTarget = "workbench.registration.no-target";
            public const string TargetCompany = "workbench.registration.target.company";
            public const string TargetDepartment = "workbench.registration.target.department";
            public const string TargetStaff = "workbench.registration.target.staff";
            public const string TargetName = "workbench.registration.target-name";
            public const string ExternalId = "workbench.registration.external-id";
            public const string ExternalDeadline = "workbench.registration.external-deadline";
            public const string Anonymous = "workbench.registration.anonymous";
            public const string EarlierCases = "workbench.registration.earlier-cases";
            public const string NoEarlierCases = "workbench.registration.no-earlier-cases";
            public const string RecomplaintOf = "workbench.registration.recomplaint-of";
            public const string RecomplaintChosen = "workbench.registration.recomplaint-chosen";
            public const string RecomplaintClear = "workbench.registration.recomplaint-clear";
            public const string Deadline = "workbench.registration.deadline";
            public const string DeadlineExternal = "workbench.registration.deadline-external";
            public const string NoDeadline = "workbench.registration.no-deadline";
            public const string ProposedDepartment = "workbench.registration.proposed-department";
        }

        /// <summary>The admin pages: users, departments and categories, channels; the operator's calendar years and plugins.</summary>
        public static class Admin
        {
            public const string Users = "workbench.admin.users";
            public const string Directory = "workbench.admin.directory";
            public const string Channels = "workbench.admin.channels";
            public const string Calendar = "workbench.admin.calendar";
            public const string Plugins = "workbench.admin.plugins";
            public const string OperatorOnly = "workbench.admin.operator-only";
            public const string Denied = "workbench.admin.denied";
            public const string Login = "workbench.admin.login";
            public const string Username = "workbench.admin.username";
            public const string DisplayName = "workbench.admin.display-name";
            public const string Role = "workbench.admin.role";
            public const string Department = "workbench.admin.department";
            public const string NoDepartment = "workbench.admin.no-department";
            public const string Password = "workbench.admin.password";
            public const string State = "workbench.admin.state";
            public const string Enabled = "workbench.admin.enabled";
            public const string Disabled = "workbench.admin.disabled";
            public const string LockedUntil = "workbench.admin.locked-until";
            public const string CreatedAt = "workbench.admin.created-at";
            public const string Create = "workbench.admin.create";
            public const string Created = "workbench.admin.created";
            public const string Disable = "workbench.admin.disable";
            public const string Enable = "workbench.admin.enable";
            public const string Unlock = "workbench.admin.unlock";
            public const string ResetPassword = "workbench.admin.reset-password";
            public const string NewPassword = "workbench.admin.new-password";
            public const string PasswordReset = "workbench.admin.password-reset";
            public const string Actions = "workbench.admin.actions";
            public const string Id = "workbench.admin.id";
            public const string Name = "workbench.admin.name";
            public const string Departments = "workbench.admin.departments";
            public const string Categories = "workbench.admin.categories";
            public const string UsualDepartment = "workbench.admin.usual-department";
            public const string Deadline = "workbench.admin.deadline";
            public const string ChannelList = "workbench.admin.channel-list";
            public const string Plugin = "workbench.admin.plugin";
            public const string Version = "workbench.admin.version";
            public const string PluginState = "workbench.admin.plugin-state";
            public const string Error = "workbench.admin.error";
            public const string Tenants = "workbench.admin.tenants";
            public const string Refused = "workbench.admin.refused";

            /// <summary>A plugin's state (loaded, failed) or a refusal's reason (missing, demo-value): <c>workbench.admin.state.{id}</c>.</summary>
            public static string StateOf(string id) => $"workbench.admin.state.{id}";

            /// <summary>The states and reasons <see cref="StateOf"/> names (the channels module's words).</summary>
            public static class States
            {
                public const string Loaded = "workbench.admin.state.loaded";
                public const string Failed = "workbench.admin.state.failed";
                public const string Missing = "workbench.admin.state.missing";
                public const string DemoValue = "workbench.admin.state.demo-value";
            }

            public const string Year = "workbench.admin.year";
            public const string Show = "workbench.admin.show";
            public const string Official = "workbench.admin.official";
            public const string Provisional = "workbench.admin.provisional";
            public const string Date = "workbench.admin.date";
            public const string Holiday = "workbench.admin.holiday";
            public const string OffDay = "workbench.admin.off-day";
            public const string MakeUpDay = "workbench.admin.make-up-day";
            public const string Papers = "workbench.admin.papers";
            public const string ImportFile = "workbench.admin.import-file";
            public const string Import = "workbench.admin.import";
            public const string Imported = "workbench.admin.imported";
            public const string NotJson = "workbench.admin.not-json";
            public const string TooLarge = "workbench.admin.too-large";
            public const string NoFile = "workbench.admin.no-file";
        }
    }
}
