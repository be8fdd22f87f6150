using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AppealStudio.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class ReportRollups : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ReportAppealRollups",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Month = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Dimension = table.Column<int>(type: "INTEGER", nullable: false),
                    PayerName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Specialty = table.Column<int>(type: "INTEGER", nullable: false),
                    Key = table.Column<string>(type: "TEXT", nullable: false),
                    Decision = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    Count = table.Column<int>(type: "INTEGER", nullable: false),
                    Amount = table.Column<long>(type: "INTEGER", precision: 16, scale: 2, nullable: false),
                    Recovered = table.Column<long>(type: "INTEGER", precision: 16, scale: 2, nullable: false),
                    Submitted = table.Column<int>(type: "INTEGER", nullable: false),
                    DaysToAppeal = table.Column<long>(type: "INTEGER", nullable: false),
                    DecidedWithDates = table.Column<int>(type: "INTEGER", nullable: false),
                    DaysToDecision = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReportAppealRollups", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ReportClaimRollups",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Month = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    PayerName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    RenderingProviderNpi = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    Specialties = table.Column<int>(type: "INTEGER", nullable: false),
                    Denied = table.Column<bool>(type: "INTEGER", nullable: false),
                    Count = table.Column<int>(type: "INTEGER", nullable: false),
                    Charges = table.Column<long>(type: "INTEGER", precision: 16, scale: 2, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReportClaimRollups", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ReportDenialProcedureRollups",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Month = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    PayerName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Specialty = table.Column<int>(type: "INTEGER", nullable: false),
                    RootCause = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    ProcedureCode = table.Column<string>(type: "TEXT", maxLength: 48, nullable: true),
                    Count = table.Column<int>(type: "INTEGER", nullable: false),
                    Amount = table.Column<long>(type: "INTEGER", precision: 16, scale: 2, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReportDenialProcedureRollups", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ReportDenialProviderRollups",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Month = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    PayerName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    RenderingProviderNpi = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    Specialty = table.Column<int>(type: "INTEGER", nullable: false),
                    RootCause = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Owner = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Count = table.Column<int>(type: "INTEGER", nullable: false),
                    Amount = table.Column<long>(type: "INTEGER", precision: 16, scale: 2, nullable: false),
                    WrittenOff = table.Column<int>(type: "INTEGER", nullable: false),
                    WrittenOffAmount = table.Column<long>(type: "INTEGER", precision: 16, scale: 2, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReportDenialProviderRollups", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ReportDenialRollups",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Month = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    PayerName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Specialty = table.Column<int>(type: "INTEGER", nullable: false),
                    RootCause = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Owner = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Count = table.Column<int>(type: "INTEGER", nullable: false),
                    Amount = table.Column<long>(type: "INTEGER", precision: 16, scale: 2, nullable: false),
                    WrittenOff = table.Column<int>(type: "INTEGER", nullable: false),
                    WrittenOffAmount = table.Column<long>(type: "INTEGER", precision: 16, scale: 2, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReportDenialRollups", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ReportRollupMonths",
                columns: table => new
                {
                    Family = table.Column<string>(type: "TEXT", maxLength: 1, nullable: false),
                    Month = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    BuiltAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReportRollupMonths", x => new { x.Family, x.Month });
                });

            migrationBuilder.CreateTable(
                name: "ReportRollupStale",
                columns: table => new
                {
                    Family = table.Column<string>(type: "TEXT", maxLength: 1, nullable: false),
                    Month = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Tx = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReportRollupStale", x => new { x.Family, x.Month, x.Tx });
                });

            migrationBuilder.CreateIndex(
                name: "IX_ReportAppealRollups_Dimension_Month_PayerName",
                table: "ReportAppealRollups",
                columns: new[] { "Dimension", "Month", "PayerName" });

            migrationBuilder.CreateIndex(
                name: "IX_ReportClaimRollups_Month_PayerName",
                table: "ReportClaimRollups",
                columns: new[] { "Month", "PayerName" });

            migrationBuilder.CreateIndex(
                name: "IX_ReportDenialProcedureRollups_Covering",
                table: "ReportDenialProcedureRollups",
                columns: new[] { "Month", "PayerName", "Specialty", "RootCause", "ProcedureCode", "Count", "Amount" });

            migrationBuilder.CreateIndex(
                name: "IX_ReportDenialProviderRollups_Covering",
                table: "ReportDenialProviderRollups",
                columns: new[] { "Month", "PayerName", "Specialty", "RootCause", "RenderingProviderNpi", "Owner", "Count", "Amount", "WrittenOff", "WrittenOffAmount" });

            migrationBuilder.CreateIndex(
                name: "IX_ReportDenialProviderRollups_RenderingProviderNpi_Month",
                table: "ReportDenialProviderRollups",
                columns: new[] { "RenderingProviderNpi", "Month" });

            migrationBuilder.CreateIndex(
                name: "IX_ReportDenialRollups_Covering",
                table: "ReportDenialRollups",
                columns: new[] { "Month", "PayerName", "Specialty", "RootCause", "Owner", "Count", "Amount", "WrittenOff", "WrittenOffAmount" });

            // Hand-added (keep when regenerating): the triggers that mark rollup months stale (ADR 16).
            migrationBuilder.Sql(AppealStudio.Data.Reports.Rollups.RollupTriggers.Create(AppealStudio.Data.DatabaseProvider.Sqlite));
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(AppealStudio.Data.Reports.Rollups.RollupTriggers.Drop(AppealStudio.Data.DatabaseProvider.Sqlite));

            migrationBuilder.DropTable(
                name: "ReportAppealRollups");

            migrationBuilder.DropTable(
                name: "ReportClaimRollups");

            migrationBuilder.DropTable(
                name: "ReportDenialProcedureRollups");

            migrationBuilder.DropTable(
                name: "ReportDenialProviderRollups");

            migrationBuilder.DropTable(
                name: "ReportDenialRollups");

            migrationBuilder.DropTable(
                name: "ReportRollupMonths");

            migrationBuilder.DropTable(
                name: "ReportRollupStale");
        }
    }
}
