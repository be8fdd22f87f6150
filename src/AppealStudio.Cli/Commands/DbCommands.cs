using System.CommandLine;
using System.Globalization;
using AppealStudio.Data;
using AppealStudio.Data.Operations;
using AppealStudio.Data.Protection;
using Microsoft.Extensions.DependencyInjection;

namespace AppealStudio.Cli.Commands;

public static class DbCommands
{
    public static Command Build(CliIo io)
    {
        var migrate = new Command("migrate", "Create the database if needed and apply every pending migration.");
        migrate.SetAction(async (_, ct) => await io.WithDatabaseAsync(async sp =>
        {
            var options = sp.GetRequiredService<DatabaseOptions>();
            await io.Out.WriteLineAsync($"Database is up to date ({options.Provider}).");
            // The same scope ran the migration, so its initializer knows whether the classification rules changed.
            if (sp.GetRequiredService<DatabaseInitializer>().Upgrade is { Reassessed: true } upgrade && upgrade.Reassessment.Examined > 0)
            {
                var r = upgrade.Reassessment;
                await io.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"Classification rules changed ({upgrade.CurrentVersion}): re-assessed {r.Examined} open denials, {r.Changed} changed, {r.Reclassified} reclassified, {r.HandOverriddenKept} classified by hand kept."));
            }

            return 0;
        }, ct));

        var db = new Command("db", "Database maintenance.");
        db.Subcommands.Add(migrate);
        db.Subcommands.Add(Backup(io));
        db.Subcommands.Add(Restore(io));
        db.Subcommands.Add(Status(io));
        db.Subcommands.Add(Encrypt(io));
        return db;
    }

    // ADR 0080: start-up seals plaintext rows once; this also moves rows of previous keys to the current one (rotation).
    private static Command Encrypt(CliIo io)
    {
        var command = new Command("encrypt",
            "Encrypt chart text and attachments still stored in clear, and re-encrypt those of a previous key (Encryption:PreviousKeyFiles) with the current one.");
        command.SetAction(async (_, ct) => await io.WithDatabaseAsync(async sp =>
        {
            var result = await sp.GetRequiredService<ProtectedDataMigration>().EncryptAsync(rekey: true, ct);
            var keys = sp.GetRequiredService<FieldCipher>().Keys;
            await io.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"Encrypted {result.Sealed} value(s) stored in clear and moved {result.Rekeyed} from a previous key to key {keys.Current.IdText}."));
            foreach (var row in result.Unreadable)
            {
                await io.Error.WriteLineAsync(row);
            }

            return result.Unreadable.Count == 0 ? 0 : throw new CliException(string.Create(CultureInfo.InvariantCulture,
                $"{result.Unreadable.Count} value(s) could not be opened and were left as they are (listed above)."));
        }, ct));
        return command;
    }

    private static Command Backup(CliIo io)
    {
        var output = new Option<FileInfo>("--out") { Description = "The backup file to write (replaced if it exists).", Required = true };
        var command = new Command("backup", "Copy the SQLite database with SQLite's online backup API: one consistent snapshot while the app runs. PostgreSQL: pg_dump (README).") { output };
        command.SetAction(async (parse, ct) =>
        {
            using var host = io.BuildHost();
            var options = host.Services.GetRequiredService<DatabaseOptions>();
            var path = parse.GetValue(output)!.FullName;
            var partial = path + ".partial";
            SchemaStatus status;
            try
            {
                await using (var file = File.Create(partial))
                {
                    status = await DatabaseBackup.BackupSqliteAsync(options, file,
                        host.Services.GetService<IBackupStreamTransform>() is { } transform ? transform.Wrap : null, ct);
                }

                // Renamed only when complete, so a file at the path is never a half-written backup.
                File.Move(partial, path, overwrite: true);
            }
            finally
            {
                File.Delete(partial);
            }

            await io.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"Backed up to {path} ({new FileInfo(path).Length} bytes, schema {status.Latest})."));
            return 0;
        });
        return command;
    }

    private static Command Restore(CliIo io)
    {
        var input = new Argument<FileInfo>("FILE") { Description = "A backup written by 'db backup'." };
        var command = new Command("restore", "Replace the SQLite database with a backup, after checking its integrity and that this build knows its schema. Stop the app first.") { input };
        command.SetAction(async (parse, ct) =>
        {
            var file = parse.GetValue(input)!;
            if (!file.Exists)
            {
                throw new CliException($"{file.FullName} does not exist.");
            }

            using var host = io.BuildHost();
            var options = host.Services.GetRequiredService<DatabaseOptions>();
            SchemaStatus status;
            await using (var stream = file.OpenRead())
            {
                status = await DatabaseBackup.RestoreSqliteAsync(options, stream,
                    host.Services.GetService<IBackupStreamTransform>() is { } transform ? transform.Unwrap : null, ct);
            }

            await io.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"Restored {file.FullName} (schema {status.Latest}{(status.Pending.Count > 0 ? $"; {status.Pending.Count} newer migration(s) are applied at the next start or by 'db migrate'" : "")})."));
            return 0;
        });
        return command;
    }

    private static Command Status(CliIo io)
    {
        var command = new Command("status", "Show the database's schema against this build's migrations (after a pg_restore, for one); exit 1 if this build cannot run on it.");
        command.SetAction(async (_, ct) =>
        {
            using var host = io.BuildHost();
            await using var scope = host.Services.CreateAsyncScope();
            var options = scope.ServiceProvider.GetRequiredService<DatabaseOptions>();
            var status = await DatabaseBackup.StatusAsync(scope.ServiceProvider.GetRequiredService<AppDbContext>(), ct);
            await io.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"{options.Provider}: {status.Applied.Count} migration(s) applied, latest {status.Latest ?? "(none)"}; {status.Pending.Count} pending; {status.Unknown.Count} unknown to this build."));
            if (status.Unknown.Count > 0)
            {
                throw new CliException($"The database has migrations this build does not know ({string.Join(", ", status.Unknown)}): it was made by a newer AppealStudio.");
            }

            if (status.Applied.Count == 0)
            {
                throw new CliException("The database has no AppealStudio schema: restore a backup or run 'db migrate'.");
            }

            return 0;
        });
        return command;
    }
}
