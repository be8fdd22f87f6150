using System.CommandLine;
using System.Text;
using AppealStudio.Data.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace AppealStudio.Cli.Commands;

public static class UserCommands
{
    public static Command Build(CliIo io)
    {
        var users = new Command("users", "Create, list and disable users (there is no self-registration).");
        users.Subcommands.Add(Add(io));
        users.Subcommands.Add(List(io));
        users.Subcommands.Add(Disable(io));
        return users;
    }

    private static Command Add(CliIo io)
    {
        var email = new Option<string>("--email") { Description = "Sign-in email of the new user.", Required = true };
        var role = new Option<string[]>("--role")
        {
            Description = $"Role(s): {string.Join(", ", Roles.All)}. Repeat for several.",
            Required = true,
            AllowMultipleArgumentsPerToken = true,
        };
        var name = new Option<string?>("--name") { Description = "Display name (defaults to the email)." };
        var npi = new Option<string?>("--npi") { Description = "NPI, for physicians." };
        var command = new Command("add",
            "Create a user. The password is prompted for, or read from the first line of standard input when it is redirected.")
        {
            email, role, name, npi,
        };
        command.SetAction(async (parse, ct) =>
        {
            var password = await ReadPasswordAsync(io);
            return await io.WithDatabaseAsync(async sp =>
            {
                var admin = sp.GetRequiredService<UserAdministration>();
                var result = await admin.CreateAsync(parse.GetValue(email)!, parse.GetValue(name) ?? "", parse.GetValue(npi),
                    parse.GetValue(role)!, password, ct);
                if (!result.Succeeded)
                {
                    throw new CliException(string.Join(" ", result.Errors));
                }

                await io.Out.WriteLineAsync($"Created {parse.GetValue(email)} ({string.Join(", ", parse.GetValue(role)!.Select(r => Roles.Normalize(r)))}).");
                return 0;
            }, ct);
        });
        return command;
    }

    private static Command List(CliIo io)
    {
        var command = new Command("list", "List users with their roles and status.");
        command.SetAction(async (_, ct) => await io.WithDatabaseAsync(async sp =>
        {
            var all = await sp.GetRequiredService<UserAdministration>().ListAsync(ct);
            foreach (var u in all)
            {
                var status = u.IsDisabled ? "disabled" : u.IsLockedOut ? "locked-out" : "active";
                await io.Out.WriteLineAsync($"{u.Email}\t{string.Join(",", u.Roles)}\t{status}");
            }

            return 0;
        }, ct));
        return command;
    }

    private static Command Disable(CliIo io)
    {
        var email = new Option<string>("--email") { Description = "Email of the user to disable.", Required = true };
        var command = new Command("disable", "Disable a user: they can no longer sign in; their history stays.") { email };
        command.SetAction(async (parse, ct) => await io.WithDatabaseAsync(async sp =>
        {
            var result = await sp.GetRequiredService<UserAdministration>().SetDisabledAsync(parse.GetValue(email)!, true, ct);
            if (!result.Succeeded)
            {
                throw new CliException(string.Join(" ", result.Errors));
            }

            await io.Out.WriteLineAsync($"Disabled {parse.GetValue(email)}.");
            return 0;
        }, ct));
        return command;
    }

    private static async Task<string> ReadPasswordAsync(CliIo io)
    {
        // Scripts pipe the password in; a person at a terminal types it without echo.
        if (!ReferenceEquals(io.In, Console.In) || Console.IsInputRedirected)
        {
            var line = await io.In.ReadLineAsync();
            return string.IsNullOrEmpty(line) ? throw new CliException("No password on standard input.") : line;
        }

        await io.Error.WriteAsync("Password: ");
        var sb = new StringBuilder();
        while (true)
        {
            var key = Console.ReadKey(intercept: true);
            if (key.Key == ConsoleKey.Enter)
            {
                break;
            }

            if (key.Key == ConsoleKey.Backspace)
            {
                if (sb.Length > 0)
                {
                    sb.Length--;
                }

                continue;
            }

            sb.Append(key.KeyChar);
        }

        await io.Error.WriteLineAsync();
        return sb.Length == 0 ? throw new CliException("No password entered.") : sb.ToString();
    }
}
