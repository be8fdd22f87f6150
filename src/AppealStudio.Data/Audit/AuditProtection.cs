namespace AppealStudio.Data.Audit;

/// <summary>
/// The database's own refusal to change or delete audit rows (ADR 0060). The migration that adds the hash chain calls
/// <see cref="CreateTriggers"/>; keep that call when migrations are regenerated. SQLite: BEFORE UPDATE/DELETE triggers
/// that abort. PostgreSQL: the same as a trigger (for installations with one login) plus, with two logins, a runtime
/// role that has no UPDATE, DELETE or TRUNCATE on the table at all (<see cref="PostgresRuntimeGrants"/>).
/// </summary>
public static class AuditProtection
{
    public const string Message = "audit rows are append-only";

    public static string CreateTriggers(string? provider) => IsPostgres(provider)
        ? $"""
           CREATE OR REPLACE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
           BEGIN RAISE EXCEPTION '{Message}'; END $$;
           CREATE TRIGGER audit_events_no_change BEFORE UPDATE OR DELETE ON "AuditEvents"
               FOR EACH ROW EXECUTE FUNCTION audit_events_append_only();
           CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON "AuditEvents"
               FOR EACH STATEMENT EXECUTE FUNCTION audit_events_append_only();
           """
        : $"""
           {SqliteTriggers}
           """;

    public static string DropTriggers(string? provider) => IsPostgres(provider)
        ? """
          DROP TRIGGER IF EXISTS audit_events_no_change ON "AuditEvents";
          DROP TRIGGER IF EXISTS audit_events_no_truncate ON "AuditEvents";
          DROP FUNCTION IF EXISTS audit_events_append_only();
          """
        : SqliteDropTriggers;

    internal const string SqliteTriggers = $"""
        CREATE TRIGGER IF NOT EXISTS audit_events_no_update BEFORE UPDATE ON "AuditEvents" BEGIN SELECT RAISE(ABORT, '{Message}'); END;
        CREATE TRIGGER IF NOT EXISTS audit_events_no_delete BEFORE DELETE ON "AuditEvents" BEGIN SELECT RAISE(ABORT, '{Message}'); END;
        """;

    internal const string SqliteDropTriggers = """
        DROP TRIGGER IF EXISTS audit_events_no_update;
        DROP TRIGGER IF EXISTS audit_events_no_delete;
        """;

    /// <summary>
    /// Run by the owner login after migrating: the runtime login may read and write every table but may only read and
    /// insert audit rows. Re-run at every start, so tables added by later migrations are granted too.
    /// </summary>
    public static string PostgresRuntimeGrants(string runtimeRole)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(runtimeRole);
        var role = "\"" + runtimeRole.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
        return $"""
            GRANT USAGE ON SCHEMA public TO {role};
            GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {role};
            GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {role};
            REVOKE UPDATE, DELETE, TRUNCATE ON "AuditEvents" FROM {role};
            REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON "__EFMigrationsHistory" FROM {role};
            """;
    }

    private static bool IsPostgres(string? provider) => provider?.Contains("Npgsql", StringComparison.OrdinalIgnoreCase) == true;
}
