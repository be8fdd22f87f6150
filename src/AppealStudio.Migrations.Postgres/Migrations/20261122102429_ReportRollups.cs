using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace AppealStudio.Migrations.Postgres.Migrations
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
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Month = table.Column<DateOnly>(type: "date", nullable: false),
                    Dimension = table.Column<int>(type: "integer", nullable: false),
                    PayerName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Specialty = table.Column<int>(type: "integer", nullable: false),
                    Key = table.Column<string>(type: "text", nullable: false),
                    Decision = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    Count = table.Column<int>(type: "integer", nullable: false),
                    Amount = table.Column<decimal>(type: "numeric(16,2)", precision: 16, scale: 2, nullable: false),
                    Recovered = table.Column<decimal>(type: "numeric(16,2)", precision: 16, scale: 2, nullable: false),
                    Submitted = table.Column<int>(type: "integer", nullable: false),
                    DaysToAppeal = table.Column<long>(type: "bigint", nullable: false),
                    DecidedWithDates = table.Column<int>(type: "integer", nullable: false),
                    DaysToDecision = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReportAppealRollups", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ReportClaimRollups",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Month = table.Column<DateOnly>(type: "date", nullable: false),
                    PayerName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    RenderingProviderNpi = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    Specialties = table.Column<int>(type: "integer", nullable: false),
                    Denied = table.Column<bool>(type: "boolean", nullable: false),
                    Count = table.Column<int>(type: "integer", nullable: false),
                    Charges = table.Column<decimal>(type: "numeric(16,2)", precision: 16, scale: 2, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReportClaimRollups", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ReportDenialProcedureRollups",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Month = table.Column<DateOnly>(type: "date", nullable: false),
                    PayerName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Specialty = table.Column<int>(type: "integer", nullable: false),
                    RootCause = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    ProcedureCode = table.Column<string>(type: "character varying(48)", maxLength: 48, nullable: true),
                    Count = table.Column<int>(type: "integer", nullable: false),
                    Amount = table.Column<decimal>(type: "numeric(16,2)", precision: 16, scale: 2, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReportDenialProcedureRollups", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ReportDenialProviderRollups",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Month = table.Column<DateOnly>(type: "date", nullable: false),
                    PayerName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    RenderingProviderNpi = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    Specialty = table.Column<int>(type: "integer", nullable: false),
                    RootCause = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Owner = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Count = table.Column<int>(type: "integer", nullable: false),
                    Amount = table.Column<decimal>(type: "numeric(16,2)", precision: 16, scale: 2, nullable: false),
                    WrittenOff = table.Column<int>(type: "integer", nullable: false),
                    WrittenOffAmount = table.Column<decimal>(type: "numeric(16,2)", precision: 16, scale: 2, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReportDenialProviderRollups", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ReportDenialRollups",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Month = table.Column<DateOnly>(type: "date", nullable: false),
                    PayerName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Specialty = table.Column<int>(type: "integer", nullable: false),
                    RootCause = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Owner = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Count = table.Column<int>(type: "integer", nullable: false),
                    Amount = table.Column<decimal>(type: "numeric(16,2)", precision: 16, scale: 2, nullable: false),
                    WrittenOff = table.Column<int>(type: "integer", nullable: false),
                    WrittenOffAmount = table.Column<decimal>(type: "numeric(16,2)", precision: 16, scale: 2, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReportDenialRollups", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ReportRollupMonths",
                columns: table => new
                {
                    Family = table.Column<string>(type: "character varying(1)", maxLength: 1, nullable: false),
                    Month = table.Column<DateOnly>(type: "date", nullable: false),
                    BuiltAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReportRollupMonths", x => new { x.Family, x.Month });
                });

            migrationBuilder.CreateTable(
                name: "ReportRollupStale",
                columns: table => new
                {
                    Family = table.Column<string>(type: "character varying(1)", maxLength: 1, nullable: false),
                    Month = table.Column<DateOnly>(type: "date", nullable: false),
                    Tx = table.Column<long>(type: "bigint", nullable: false)
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
            migrationBuilder.Sql(AppealStudio.Data.Reports.Rollups.RollupTriggers.Create(AppealStudio.Data.DatabaseProvider.Postgres));
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(AppealStudio.Data.Reports.Rollups.RollupTriggers.Drop(AppealStudio.Data.DatabaseProvider.Postgres));

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
