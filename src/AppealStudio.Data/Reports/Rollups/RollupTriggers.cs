using System.Globalization;
using System.Text;

namespace AppealStudio.Data.Reports.Rollups;

/// <summary>
/// The database triggers that keep the report rollups honest whatever writes the rows (EF, the import's prepared
/// INSERTs, ExecuteUpdate, a cascade, a hand-written SQL fix): every insert, delete, or update of a column a rollup
/// reads marks the affected month(s), old and new, as stale in <c>ReportRollupStale</c>. Each marker is one INSERT OR
/// IGNORE (SQLite) or INSERT ... ON CONFLICT DO NOTHING (PostgreSQL) into that small table, plus at most two
/// primary-key lookups (a line's or a denial's claim and its payment date; an appeal's denial) when the month is not
/// on the row itself. Updates of columns no rollup reads (letter text, status changes other than write-off, assignee,
/// priority) fire nothing. The migration <c>ReportRollups</c> runs <see cref="Create"/>; <see cref="Drop"/> undoes it.
/// </summary>
public static class RollupTriggers
{
    /// <summary>Denial columns the denial rollups read (Status only as "written off or not").</summary>
    private static readonly string[] DenialDimensions =
        ["RemittanceDate", "PayerName", "RenderingProviderNpi", "ProcedureCode", "Scenario", "RootCause", "Owner", "Amount"];

    /// <summary>Denial columns the appeal rollup reads.</summary>
    private static readonly string[] DenialAppealDimensions =
        ["RemittanceDate", "PayerName", "ProcedureCode", "Scenario", "RootCause", "Kind", "GroupCode", "ReasonCode", "Amount"];

    private static readonly string[] AppealDimensions = ["DenialId", "TemplateId", "SubmittedOn", "Decision", "DecidedOn", "AmountRecovered"];

    private static readonly string[] ClaimDimensions = ["PaymentId", "IsReversal", "ChargeAmount", "RenderingProviderNpi"];

    private static readonly string[] LineDimensions = ["ClaimId", "ProcedureCode"];

    private static readonly string[] PaymentDimensions = ["PaymentDate", "PayerName"];

    private static readonly string[] TriggerNames =
    [
        "TR_Denials_Rollup_Insert", "TR_Denials_Rollup_Delete", "TR_Denials_Rollup_UpdateDenials", "TR_Denials_Rollup_UpdateAppeals",
        "TR_Denials_Rollup_UpdateClaim", "TR_Appeals_Rollup_Insert", "TR_Appeals_Rollup_Delete", "TR_Appeals_Rollup_Update",
        "TR_Claims_Rollup_Insert", "TR_Claims_Rollup_Delete", "TR_Claims_Rollup_Update", "TR_ServiceLines_Rollup_Insert",
        "TR_ServiceLines_Rollup_Delete", "TR_ServiceLines_Rollup_Update", "TR_Payments_Rollup_Delete", "TR_Payments_Rollup_Update",
    ];

    /// <summary>The SQL that creates the triggers (and, on PostgreSQL, their functions).</summary>
    public static string Create(DatabaseProvider provider) => provider switch
    {
        DatabaseProvider.Sqlite => Sqlite.Create(),
        DatabaseProvider.Postgres => Postgres.Create(),
        _ => throw new ArgumentOutOfRangeException(nameof(provider)),
    };

    public static string Drop(DatabaseProvider provider) => provider switch
    {
        DatabaseProvider.Sqlite => string.Concat(TriggerNames.Select(n => $"DROP TRIGGER IF EXISTS \"{n}\";\n")),
        DatabaseProvider.Postgres => string.Concat(TriggerNames.Select(n => $"DROP TRIGGER IF EXISTS \"{n}\" ON \"{TableOf(n)}\";\n")) +
            "DROP FUNCTION IF EXISTS report_rollup_denials();\nDROP FUNCTION IF EXISTS report_rollup_appeals();\n" +
            "DROP FUNCTION IF EXISTS report_rollup_claims();\nDROP FUNCTION IF EXISTS report_rollup_lines();\n" +
            "DROP FUNCTION IF EXISTS report_rollup_payments();\n",
        _ => throw new ArgumentOutOfRangeException(nameof(provider)),
    };

    private static string TableOf(string trigger) => trigger.Split('_')[1];

    /// <summary>
    /// PostgreSQL (migration <c>RollupStatementInsertTriggers</c>, ADR 115): the insert triggers of denials, claims and
    /// service lines become statement triggers over the inserted rows (a transition table), marking each month once
    /// per statement with set-based INSERTs. The import writes these rows by COPY in blocks of thousands; one
    /// PL/pgSQL call, primary-key lookup and INSERT per row cost more server time there than the rows themselves. The
    /// markers are the same (family, month, transaction) as the row triggers wrote. SQLite has no transition tables
    /// and keeps its row triggers.
    /// </summary>
    public static string CreatePostgresStatementInsertTriggers() =>
        """
        DROP TRIGGER IF EXISTS "TR_Denials_Rollup_Insert" ON "Denials";
        DROP TRIGGER IF EXISTS "TR_Claims_Rollup_Insert" ON "Claims";
        DROP TRIGGER IF EXISTS "TR_ServiceLines_Rollup_Insert" ON "ServiceLines";

        """ +
        StatementFunction("report_rollup_denials_inserted",
            Postgres.MarkSet("D", "RemittanceDate", "n.\"RemittanceDate\""),
            Postgres.MarkSet("C", "ClaimId", ClaimPaymentDate)) +
        StatementFunction("report_rollup_claims_inserted",
            Postgres.MarkSet("C", "PaymentId", "(SELECT p.\"PaymentDate\" FROM \"Payments\" AS p WHERE p.\"Id\" = n.\"PaymentId\")")) +
        StatementFunction("report_rollup_lines_inserted", Postgres.MarkSet("C", "ClaimId", ClaimPaymentDate)) +
        """
        CREATE TRIGGER "TR_Denials_Rollup_Insert" AFTER INSERT ON "Denials" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION report_rollup_denials_inserted();
        CREATE TRIGGER "TR_Claims_Rollup_Insert" AFTER INSERT ON "Claims" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION report_rollup_claims_inserted();
        CREATE TRIGGER "TR_ServiceLines_Rollup_Insert" AFTER INSERT ON "ServiceLines" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION report_rollup_lines_inserted();

        """;

    /// <summary>Undoes <see cref="CreatePostgresStatementInsertTriggers"/>: the row insert triggers of <see cref="Create"/> again.</summary>
    public static string DropPostgresStatementInsertTriggers() =>
        """
        DROP TRIGGER IF EXISTS "TR_Denials_Rollup_Insert" ON "Denials";
        DROP TRIGGER IF EXISTS "TR_Claims_Rollup_Insert" ON "Claims";
        DROP TRIGGER IF EXISTS "TR_ServiceLines_Rollup_Insert" ON "ServiceLines";
        DROP FUNCTION IF EXISTS report_rollup_denials_inserted();
        DROP FUNCTION IF EXISTS report_rollup_claims_inserted();
        DROP FUNCTION IF EXISTS report_rollup_lines_inserted();
        CREATE TRIGGER "TR_Denials_Rollup_Insert" AFTER INSERT ON "Denials" FOR EACH ROW EXECUTE FUNCTION report_rollup_denials('DC');
        CREATE TRIGGER "TR_Claims_Rollup_Insert" AFTER INSERT ON "Claims" FOR EACH ROW EXECUTE FUNCTION report_rollup_claims('C');
        CREATE TRIGGER "TR_ServiceLines_Rollup_Insert" AFTER INSERT ON "ServiceLines" FOR EACH ROW EXECUTE FUNCTION report_rollup_lines('C');

        """;

    // A subquery per distinct claim, so each is two primary-key lookups whatever the planner makes of the transition
    // table (a join planned without statistics hashed all of Claims and Payments for every COPY).
    private const string ClaimPaymentDate =
        "(SELECT p.\"PaymentDate\" FROM \"Claims\" AS c JOIN \"Payments\" AS p ON p.\"Id\" = c.\"PaymentId\" WHERE c.\"Id\" = n.\"ClaimId\")";

    private static string StatementFunction(string name, params string[] statements) =>
        $"CREATE OR REPLACE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $fn$\nBEGIN\n" +
        string.Concat(statements.Select(s => "  " + s + "\n")) +
        "  RETURN NULL;\nEND\n$fn$;\n";

    private static string Changed(string[] columns, string isDistinct) =>
        string.Join(" OR ", columns.Select(c => $"OLD.\"{c}\" {isDistinct} NEW.\"{c}\""));

    private static class Sqlite
    {
        public static string Create()
        {
            var sql = new StringBuilder();
            void Trigger(string name, string when, string table, string? condition, params string[] statements)
            {
                sql.Append(CultureInfo.InvariantCulture, $"CREATE TRIGGER \"{name}\" AFTER {when} ON \"{table}\" FOR EACH ROW");
                if (condition is not null)
                {
                    sql.Append(" WHEN ").Append(condition);
                }

                sql.Append("\nBEGIN\n");
                foreach (var statement in statements)
                {
                    sql.Append("  ").Append(statement).Append('\n');
                }

                sql.Append("END;\n");
            }

            const string writtenOff = "(OLD.\"Status\" = 'WrittenOff') IS NOT (NEW.\"Status\" = 'WrittenOff')";
            Trigger("TR_Denials_Rollup_Insert", "INSERT", "Denials", null,
                Mark(RollupFamily.Denials, "NEW.\"RemittanceDate\""), MarkClaim("NEW.\"ClaimId\""));
            Trigger("TR_Denials_Rollup_Delete", "DELETE", "Denials", null,
                Mark(RollupFamily.Denials, "OLD.\"RemittanceDate\""), Mark(RollupFamily.Appeals, "OLD.\"RemittanceDate\""), MarkClaim("OLD.\"ClaimId\""));
            Trigger("TR_Denials_Rollup_UpdateDenials", "UPDATE", "Denials", Changed(DenialDimensions, "IS NOT") + " OR " + writtenOff,
                Mark(RollupFamily.Denials, "OLD.\"RemittanceDate\""), Mark(RollupFamily.Denials, "NEW.\"RemittanceDate\""));
            Trigger("TR_Denials_Rollup_UpdateAppeals", "UPDATE", "Denials", Changed(DenialAppealDimensions, "IS NOT"),
                Mark(RollupFamily.Appeals, "OLD.\"RemittanceDate\""), Mark(RollupFamily.Appeals, "NEW.\"RemittanceDate\""));
            Trigger("TR_Denials_Rollup_UpdateClaim", "UPDATE", "Denials", "OLD.\"ClaimId\" IS NOT NEW.\"ClaimId\"",
                MarkClaim("OLD.\"ClaimId\""), MarkClaim("NEW.\"ClaimId\""));

            // Drafts are in no report: an appeal counts once it is submitted or decided.
            Trigger("TR_Appeals_Rollup_Insert", "INSERT", "Appeals", "NEW.\"SubmittedOn\" IS NOT NULL OR NEW.\"Decision\" IS NOT NULL",
                MarkAppeal("NEW.\"DenialId\""));
            Trigger("TR_Appeals_Rollup_Delete", "DELETE", "Appeals", "OLD.\"SubmittedOn\" IS NOT NULL OR OLD.\"Decision\" IS NOT NULL",
                MarkAppeal("OLD.\"DenialId\""));
            Trigger("TR_Appeals_Rollup_Update", "UPDATE", "Appeals", Changed(AppealDimensions, "IS NOT"),
                MarkAppeal("OLD.\"DenialId\""), MarkAppeal("NEW.\"DenialId\""));

            Trigger("TR_Claims_Rollup_Insert", "INSERT", "Claims", null, MarkPayment("NEW.\"PaymentId\""));
            Trigger("TR_Claims_Rollup_Delete", "DELETE", "Claims", null, MarkPayment("OLD.\"PaymentId\""));
            Trigger("TR_Claims_Rollup_Update", "UPDATE", "Claims", Changed(ClaimDimensions, "IS NOT"),
                MarkPayment("OLD.\"PaymentId\""), MarkPayment("NEW.\"PaymentId\""));

            Trigger("TR_ServiceLines_Rollup_Insert", "INSERT", "ServiceLines", null, MarkClaim("NEW.\"ClaimId\""));
            Trigger("TR_ServiceLines_Rollup_Delete", "DELETE", "ServiceLines", null, MarkClaim("OLD.\"ClaimId\""));
            Trigger("TR_ServiceLines_Rollup_Update", "UPDATE", "ServiceLines", Changed(LineDimensions, "IS NOT"),
                MarkClaim("OLD.\"ClaimId\""), MarkClaim("NEW.\"ClaimId\""));

            // A payment deleted by a cascade goes first: its claims can no longer find their payment date.
            Trigger("TR_Payments_Rollup_Delete", "DELETE", "Payments", null, Mark(RollupFamily.Claims, "OLD.\"PaymentDate\""));
            Trigger("TR_Payments_Rollup_Update", "UPDATE", "Payments", Changed(PaymentDimensions, "IS NOT"),
                Mark(RollupFamily.Claims, "OLD.\"PaymentDate\""), Mark(RollupFamily.Claims, "NEW.\"PaymentDate\""));
            return sql.ToString();
        }

        // DateOnly is TEXT yyyy-MM-dd on SQLite: the month is the first eight characters plus 01.
        private static string Mark(string family, string day, string? from = null, string? where = null) =>
            "INSERT OR IGNORE INTO \"ReportRollupStale\" (\"Family\", \"Month\", \"Tx\") " +
            $"SELECT '{family}', substr({day}, 1, 8) || '01', 0" + (from is null ? "" : " FROM " + from) +
            $" WHERE {day} IS NOT NULL" + (where is null ? "" : " AND " + where) + ";";

        private static string MarkClaim(string claimId) =>
            Mark(RollupFamily.Claims, "p.\"PaymentDate\"", "\"Claims\" AS c JOIN \"Payments\" AS p ON p.\"Id\" = c.\"PaymentId\"", $"c.\"Id\" = {claimId}");

        private static string MarkPayment(string paymentId) =>
            Mark(RollupFamily.Claims, "p.\"PaymentDate\"", "\"Payments\" AS p", $"p.\"Id\" = {paymentId}");

        private static string MarkAppeal(string denialId) =>
            Mark(RollupFamily.Appeals, "d.\"RemittanceDate\"", "\"Denials\" AS d", $"d.\"Id\" = {denialId}");
    }

    private static class Postgres
    {
        public static string Create()
        {
            var sql = new StringBuilder();

            // One function per table; the trigger's argument says which families to mark, so that an update of a
            // column only the appeal rollup reads does not rebuild the denial rollups.
            sql.Append(Function("report_rollup_denials", "DAC", row =>
                [
                    ("D", Mark("D", $"{row}.\"RemittanceDate\"")),
                    ("A", Mark("A", $"{row}.\"RemittanceDate\"")),
                    ("C", MarkClaim($"{row}.\"ClaimId\"")),
                ]));
            sql.Append(Function("report_rollup_appeals", "A", row => [("A", MarkAppeal($"{row}.\"DenialId\""))]));
            sql.Append(Function("report_rollup_claims", "C", row => [("C", MarkPayment($"{row}.\"PaymentId\""))]));
            sql.Append(Function("report_rollup_lines", "C", row => [("C", MarkClaim($"{row}.\"ClaimId\""))]));
            sql.Append(Function("report_rollup_payments", "C", row => [("C", Mark("C", $"{row}.\"PaymentDate\""))]));

            const string writtenOff = "(OLD.\"Status\" = 'WrittenOff') IS DISTINCT FROM (NEW.\"Status\" = 'WrittenOff')";
            void Trigger(string name, string when, string table, string? condition, string function, string families) =>
                sql.Append(CultureInfo.InvariantCulture, $"CREATE TRIGGER \"{name}\" AFTER {when} ON \"{table}\" FOR EACH ROW")
                    .Append(condition is null ? "" : $" WHEN ({condition})")
                    .Append(CultureInfo.InvariantCulture, $" EXECUTE FUNCTION {function}('{families}');\n");

            Trigger("TR_Denials_Rollup_Insert", "INSERT", "Denials", null, "report_rollup_denials", "DC");
            Trigger("TR_Denials_Rollup_Delete", "DELETE", "Denials", null, "report_rollup_denials", "DAC");
            Trigger("TR_Denials_Rollup_UpdateDenials", "UPDATE", "Denials", Changed(DenialDimensions, "IS DISTINCT FROM") + " OR " + writtenOff,
                "report_rollup_denials", "D");
            Trigger("TR_Denials_Rollup_UpdateAppeals", "UPDATE", "Denials", Changed(DenialAppealDimensions, "IS DISTINCT FROM"),
                "report_rollup_denials", "A");
            Trigger("TR_Denials_Rollup_UpdateClaim", "UPDATE", "Denials", "OLD.\"ClaimId\" IS DISTINCT FROM NEW.\"ClaimId\"",
                "report_rollup_denials", "C");
            Trigger("TR_Appeals_Rollup_Insert", "INSERT", "Appeals", "NEW.\"SubmittedOn\" IS NOT NULL OR NEW.\"Decision\" IS NOT NULL",
                "report_rollup_appeals", "A");
            Trigger("TR_Appeals_Rollup_Delete", "DELETE", "Appeals", "OLD.\"SubmittedOn\" IS NOT NULL OR OLD.\"Decision\" IS NOT NULL",
                "report_rollup_appeals", "A");
            Trigger("TR_Appeals_Rollup_Update", "UPDATE", "Appeals", Changed(AppealDimensions, "IS DISTINCT FROM"), "report_rollup_appeals", "A");
            Trigger("TR_Claims_Rollup_Insert", "INSERT", "Claims", null, "report_rollup_claims", "C");
            Trigger("TR_Claims_Rollup_Delete", "DELETE", "Claims", null, "report_rollup_claims", "C");
            Trigger("TR_Claims_Rollup_Update", "UPDATE", "Claims", Changed(ClaimDimensions, "IS DISTINCT FROM"), "report_rollup_claims", "C");
            Trigger("TR_ServiceLines_Rollup_Insert", "INSERT", "ServiceLines", null, "report_rollup_lines", "C");
            Trigger("TR_ServiceLines_Rollup_Delete", "DELETE", "ServiceLines", null, "report_rollup_lines", "C");
            Trigger("TR_ServiceLines_Rollup_Update", "UPDATE", "ServiceLines", Changed(LineDimensions, "IS DISTINCT FROM"), "report_rollup_lines", "C");
            Trigger("TR_Payments_Rollup_Delete", "DELETE", "Payments", null, "report_rollup_payments", "C");
            Trigger("TR_Payments_Rollup_Update", "UPDATE", "Payments", Changed(PaymentDimensions, "IS DISTINCT FROM"), "report_rollup_payments", "C");
            return sql.ToString();
        }

        private static string Function(string name, string families, Func<string, (string Family, string Statement)[]> marks)
        {
            string Block(string row) => string.Concat(marks(row)
                .Where(m => families.Contains(m.Family, StringComparison.Ordinal))
                .Select(m => $"    IF strpos(TG_ARGV[0], '{m.Family}') > 0 THEN\n      {m.Statement}\n    END IF;\n"));
            return $"CREATE OR REPLACE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $fn$\nBEGIN\n" +
                $"  IF TG_OP <> 'INSERT' THEN\n{Block("OLD")}  END IF;\n" +
                $"  IF TG_OP <> 'DELETE' THEN\n{Block("NEW")}  END IF;\n" +
                "  RETURN NULL;\nEND\n$fn$;\n";
        }

        // make_date keeps the month a plain date whatever the session time zone (date_trunc would go through
        // timestamptz). txid_current(): see RollupStaleMonth.Tx.
        private static string Mark(string family, string day, string? from = null, string? where = null) =>
            "INSERT INTO \"ReportRollupStale\" (\"Family\", \"Month\", \"Tx\") " +
            $"SELECT '{family}', make_date(extract(year FROM {day})::int, extract(month FROM {day})::int, 1), txid_current()" +
            (from is null ? "" : " FROM " + from) + $" WHERE {day} IS NOT NULL" + (where is null ? "" : " AND " + where) +
            " ON CONFLICT DO NOTHING;";

        // The set form of Mark, for statement triggers over new_rows: the day of each distinct value of one column of
        // the inserted rows, each month once (a statement of 20,000 rows names a handful of months).
        public static string MarkSet(string family, string column, string day) =>
            "INSERT INTO \"ReportRollupStale\" (\"Family\", \"Month\", \"Tx\") " +
            $"SELECT DISTINCT '{family}', make_date(extract(year FROM x.day)::int, extract(month FROM x.day)::int, 1), txid_current()" +
            $" FROM (SELECT {day} AS day FROM (SELECT DISTINCT \"{column}\" FROM new_rows) AS n) AS x WHERE x.day IS NOT NULL ON CONFLICT DO NOTHING;";

        private static string MarkClaim(string claimId) =>
            Mark("C", "p.\"PaymentDate\"", "\"Claims\" AS c JOIN \"Payments\" AS p ON p.\"Id\" = c.\"PaymentId\"", $"c.\"Id\" = {claimId}");

        private static string MarkPayment(string paymentId) =>
            Mark("C", "p.\"PaymentDate\"", "\"Payments\" AS p", $"p.\"Id\" = {paymentId}");

        private static string MarkAppeal(string denialId) =>
            Mark("A", "d.\"RemittanceDate\"", "\"Denials\" AS d", $"d.\"Id\" = {denialId}");
    }
}
