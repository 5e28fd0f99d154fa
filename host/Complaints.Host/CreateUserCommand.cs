using System.Globalization;
using Complaints.Api;
using Complaints.Grains;
using Complaints.Storage;
using Complaints.Tenants;
using Complaints.Texts;

namespace Complaints.Host;

/// <summary>
/// <c>dotnet Complaints.Host.dll create-user --tenant fangyang-water --login zhang --role admin [--department x]
/// [--name 张三]</c>, or <c>--role operator</c> without a tenant: adds a user to the configured store (the SQLite file
/// of the data directory, or PostgreSQL), the password read from standard input, never from an argument. How the first
/// administrator of a production install is made; refuses a login that exists. Prints nothing secret.
/// </summary>
internal static class CreateUserCommand
{
    private static readonly string[] Options = ["--tenant", "--login", "--role", "--department", "--name"];

    public static async Task<int> RunAsync(string[] args)
    {
        var given = new Dictionary<string, string>(StringComparer.Ordinal);
        var settings = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            if (Options.Contains(args[i]) && i + 1 < args.Length)
            {
                given[args[i][2..]] = args[++i];
            }
            else
            {
                settings.Add(args[i]); // configuration: --Storage:DataDirectory …, as for a start
            }
        }

        var login = given.GetValueOrDefault("login")?.Trim().ToLowerInvariant() ?? "";
        var role = given.GetValueOrDefault("role") ?? "";
        var tenant = given.GetValueOrDefault("tenant");
        var department = given.GetValueOrDefault("department");
        if (!UserDirectory.IsValidName(login) || (role != Roles.Operator && !Roles.Staff.Contains(role)))
        {
            return Fail(
                "usage: create-user --tenant <tenant> --login <login> --role <agent|supervisor|leader|admin|handler> [--department <id>] [--name <display name>]\n" +
                "       create-user --login <login> --role operator [--name <display name>]\n" +
                "The password is read from standard input. A login has 2 to 64 characters: a-z, 0-9, '.', '_', '-'.");
        }

        if ((role == Roles.Operator) != (tenant is null))
        {
            return Fail(role == Roles.Operator ? "An operator belongs to no tenant: leave out --tenant." : "--tenant is required for this role.");
        }

        if (InputText.Problem(given.GetValueOrDefault("name"), InputLimits.Name) is { } nameProblem)
        {
            return Fail("--name: " + nameProblem.In(CultureInfo.GetCultureInfo("en")));
        }

        var password = Console.In.ReadLine()?.TrimEnd('\r', '\n');
        if (PasswordPolicy.Problem(login, password) is { } problem)
        {
            return Fail("password: " + problem.In(CultureInfo.GetCultureInfo("en")));
        }

        var app = Program.Build([.. settings]);
        try
        {
            if (tenant is not null)
            {
                if (app.Services.GetRequiredService<TenantDirectory>().Find(tenant) is not { } found)
                {
                    return Fail($"There is no tenant '{tenant}'.");
                }

                if ((role == Roles.Handler) != (department is not null) || (department is not null && !found.Departments.ContainsKey(department)))
                {
                    return Fail($"A handler needs --department, one of {string.Join(", ", found.Departments.Keys.Order(StringComparer.Ordinal))}; other roles have none.");
                }
            }

            var now = TimeProvider.System.GetUtcNow();
            var user = new UserAccount
            {
                Tenant = tenant,
                Login = login,
                DisplayName = given.GetValueOrDefault("name") is { Length: > 0 } name ? name : login,
                Role = role,
                Department = department,
                PasswordHash = PasswordHashing.Hash(password!),
                SecurityStamp = UserDirectory.NewStamp(),
                CreatedAt = now,
                ChangedAt = now,
            };
            if (!await app.Services.GetRequiredService<IUserAccounts>().AddUserAsync(user))
            {
                return Fail($"The login '{UserDirectory.LoginOf(tenant, login)}' exists already; nothing was changed.");
            }

            Console.WriteLine($"Created the user {UserDirectory.LoginOf(tenant, login)} ({role}).");
            return 0;
        }
        catch (InvalidOperationException exception)
        {
            return Fail(exception.Message);
        }
        finally
        {
            await app.DisposeAsync();
        }
    }

    private static int Fail(string message)
    {
        Console.Error.WriteLine($"create-user: {message}");
        return 1;
    }
}
