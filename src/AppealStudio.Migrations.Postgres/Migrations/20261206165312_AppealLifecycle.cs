using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace AppealStudio.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class AppealLifecycle : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Appeals_DenialId",
                table: "Appeals");

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "PurgedAt",
                table: "RemittanceImports",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "VoidReason",
                table: "RemittanceImports",
                type: "character varying(1000)",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "VoidedAt",
                table: "RemittanceImports",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "VoidedBy",
                table: "RemittanceImports",
                type: "character varying(256)",
                maxLength: 256,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "Voided",
                table: "Payments",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<decimal>(
                name: "ExpectedAmount",
                table: "Denials",
                type: "numeric(14,2)",
                precision: 14,
                scale: 2,
                nullable: true);

            migrationBuilder.AddColumn<decimal>(
                name: "PaidAmount",
                table: "Denials",
                type: "numeric(14,2)",
                precision: 14,
                scale: 2,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "RecoveredByClaimId",
                table: "Denials",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "RecoveredByImportId",
                table: "Denials",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "RecoveredOn",
                table: "Denials",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "RecoveredWithoutAppeal",
                table: "Denials",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "RecoveryKind",
                table: "Denials",
                type: "character varying(8)",
                maxLength: 8,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "Voided",
                table: "Denials",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<bool>(
                name: "Voided",
                table: "Claims",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<long>(
                name: "PreviousAppealId",
                table: "Appeals",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Sequence",
                table: "Appeals",
                type: "integer",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.CreateTable(
                name: "AppealLevelRules",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    PayerType = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    Payer = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Level = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    WindowDays = table.Column<int>(type: "integer", nullable: true),
                    ReceiptPresumptionDays = table.Column<int>(type: "integer", nullable: true),
                    AmountInControversy = table.Column<decimal>(type: "numeric(14,2)", precision: 14, scale: 2, nullable: true),
                    EffectiveFrom = table.Column<DateOnly>(type: "date", nullable: true),
                    EffectiveTo = table.Column<DateOnly>(type: "date", nullable: true),
                    Source = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedBy = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AppealLevelRules", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ColumnOneInclusions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Column1 = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Column2 = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    ExceptWith = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    SameSide = table.Column<bool>(type: "boolean", nullable: false),
                    Active = table.Column<bool>(type: "boolean", nullable: false),
                    Note = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    Source = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedBy = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ColumnOneInclusions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "FeeScheduleUploads",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Payer = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    PayerKey = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    FileName = table.Column<string>(type: "character varying(260)", maxLength: 260, nullable: false),
                    RateCount = table.Column<int>(type: "integer", nullable: false),
                    UploadedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UploadedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    ReplacedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FeeScheduleUploads", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "NcciEditFiles",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    FileName = table.Column<string>(type: "character varying(260)", maxLength: 260, nullable: false),
                    Part = table.Column<string>(type: "character varying(260)", maxLength: 260, nullable: false),
                    Version = table.Column<string>(type: "character varying(260)", maxLength: 260, nullable: false),
                    Sha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    EditCount = table.Column<int>(type: "integer", nullable: false),
                    ImportedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ImportedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    ReplacedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_NcciEditFiles", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Notifications",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    UserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Kind = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    Text = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    Link = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    DenialId = table.Column<long>(type: "bigint", nullable: true),
                    DedupKey = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ReadAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    EmailedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Notifications", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Notifications_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "OwnerRoleMembers",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    OwnerRole = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    UserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    AddedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    AddedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OwnerRoleMembers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_OwnerRoleMembers_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PhysicalStatusUnits",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Payer = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    PayerType = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    P1 = table.Column<decimal>(type: "numeric(6,2)", precision: 6, scale: 2, nullable: false),
                    P2 = table.Column<decimal>(type: "numeric(6,2)", precision: 6, scale: 2, nullable: false),
                    P3 = table.Column<decimal>(type: "numeric(6,2)", precision: 6, scale: 2, nullable: false),
                    P4 = table.Column<decimal>(type: "numeric(6,2)", precision: 6, scale: 2, nullable: false),
                    P5 = table.Column<decimal>(type: "numeric(6,2)", precision: 6, scale: 2, nullable: false),
                    P6 = table.Column<decimal>(type: "numeric(6,2)", precision: 6, scale: 2, nullable: false),
                    Source = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedBy = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PhysicalStatusUnits", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ScheduledJobRuns",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Job = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Period = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Instance = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    StartedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    LeaseUntil = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    CompletedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Attempt = table.Column<int>(type: "integer", nullable: false),
                    Outcome = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    Failed = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ScheduledJobRuns", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ViabilityAcknowledgments",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    DenialId = table.Column<long>(type: "bigint", nullable: false),
                    AppealId = table.Column<long>(type: "bigint", nullable: true),
                    Codes = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    Note = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UserId = table.Column<string>(type: "text", nullable: true),
                    Actor = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ViabilityAcknowledgments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ViabilityAcknowledgments_Denials_DenialId",
                        column: x => x.DenialId,
                        principalTable: "Denials",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "FeeScheduleRates",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    UploadId = table.Column<int>(type: "integer", nullable: false),
                    Payer = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    PayerKey = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Code = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    Modifier = table.Column<string>(type: "character varying(4)", maxLength: 4, nullable: true),
                    Allowed = table.Column<decimal>(type: "numeric(14,2)", precision: 14, scale: 2, nullable: false),
                    EffectiveFrom = table.Column<DateOnly>(type: "date", nullable: false),
                    EffectiveTo = table.Column<DateOnly>(type: "date", nullable: true),
                    LineNumber = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FeeScheduleRates", x => x.Id);
                    table.ForeignKey(
                        name: "FK_FeeScheduleRates_FeeScheduleUploads_UploadId",
                        column: x => x.UploadId,
                        principalTable: "FeeScheduleUploads",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "NcciEdits",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    FileId = table.Column<int>(type: "integer", nullable: false),
                    Column1 = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    Column2 = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    EffectiveFrom = table.Column<DateOnly>(type: "date", nullable: false),
                    DeletedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    ModifierIndicator = table.Column<int>(type: "integer", nullable: false),
                    ExistedBefore1996 = table.Column<bool>(type: "boolean", nullable: false),
                    Rationale = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_NcciEdits", x => x.Id);
                    table.ForeignKey(
                        name: "FK_NcciEdits_NcciEditFiles_FileId",
                        column: x => x.FileId,
                        principalTable: "NcciEditFiles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Appeals_DenialId_Sequence",
                table: "Appeals",
                columns: new[] { "DenialId", "Sequence" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ColumnOneInclusions_Column1_Column2",
                table: "ColumnOneInclusions",
                columns: new[] { "Column1", "Column2" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_FeeScheduleRates_PayerKey_Code",
                table: "FeeScheduleRates",
                columns: new[] { "PayerKey", "Code" });

            migrationBuilder.CreateIndex(
                name: "IX_FeeScheduleRates_UploadId",
                table: "FeeScheduleRates",
                column: "UploadId");

            migrationBuilder.CreateIndex(
                name: "IX_NcciEditFiles_Sha256",
                table: "NcciEditFiles",
                column: "Sha256");

            migrationBuilder.CreateIndex(
                name: "IX_NcciEdits_Column2_Column1",
                table: "NcciEdits",
                columns: new[] { "Column2", "Column1" });

            migrationBuilder.CreateIndex(
                name: "IX_NcciEdits_FileId",
                table: "NcciEdits",
                column: "FileId");

            migrationBuilder.CreateIndex(
                name: "IX_Notifications_UserId_DedupKey",
                table: "Notifications",
                columns: new[] { "UserId", "DedupKey" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Notifications_UserId_ReadAt_CreatedAt",
                table: "Notifications",
                columns: new[] { "UserId", "ReadAt", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_OwnerRoleMembers_OwnerRole_UserId",
                table: "OwnerRoleMembers",
                columns: new[] { "OwnerRole", "UserId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_OwnerRoleMembers_UserId",
                table: "OwnerRoleMembers",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_PhysicalStatusUnits_Payer",
                table: "PhysicalStatusUnits",
                column: "Payer",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ScheduledJobRuns_Job_Period",
                table: "ScheduledJobRuns",
                columns: new[] { "Job", "Period" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ViabilityAcknowledgments_DenialId",
                table: "ViabilityAcknowledgments",
                column: "DenialId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AppealLevelRules");

            migrationBuilder.DropTable(
                name: "ColumnOneInclusions");

            migrationBuilder.DropTable(
                name: "FeeScheduleRates");

            migrationBuilder.DropTable(
                name: "NcciEdits");

            migrationBuilder.DropTable(
                name: "Notifications");

            migrationBuilder.DropTable(
                name: "OwnerRoleMembers");

            migrationBuilder.DropTable(
                name: "PhysicalStatusUnits");

            migrationBuilder.DropTable(
                name: "ScheduledJobRuns");

            migrationBuilder.DropTable(
                name: "ViabilityAcknowledgments");

            migrationBuilder.DropTable(
                name: "FeeScheduleUploads");

            migrationBuilder.DropTable(
                name: "NcciEditFiles");

            migrationBuilder.DropIndex(
                name: "IX_Appeals_DenialId_Sequence",
                table: "Appeals");

            migrationBuilder.DropColumn(
                name: "PurgedAt",
                table: "RemittanceImports");

            migrationBuilder.DropColumn(
                name: "VoidReason",
                table: "RemittanceImports");

            migrationBuilder.DropColumn(
                name: "VoidedAt",
                table: "RemittanceImports");

            migrationBuilder.DropColumn(
                name: "VoidedBy",
                table: "RemittanceImports");

            migrationBuilder.DropColumn(
                name: "Voided",
                table: "Payments");

            migrationBuilder.DropColumn(
                name: "ExpectedAmount",
                table: "Denials");

            migrationBuilder.DropColumn(
                name: "PaidAmount",
                table: "Denials");

            migrationBuilder.DropColumn(
                name: "RecoveredByClaimId",
                table: "Denials");

            migrationBuilder.DropColumn(
                name: "RecoveredByImportId",
                table: "Denials");

            migrationBuilder.DropColumn(
                name: "RecoveredOn",
                table: "Denials");

            migrationBuilder.DropColumn(
                name: "RecoveredWithoutAppeal",
                table: "Denials");

            migrationBuilder.DropColumn(
                name: "RecoveryKind",
                table: "Denials");

            migrationBuilder.DropColumn(
                name: "Voided",
                table: "Denials");

            migrationBuilder.DropColumn(
                name: "Voided",
                table: "Claims");

            migrationBuilder.DropColumn(
                name: "PreviousAppealId",
                table: "Appeals");

            migrationBuilder.DropColumn(
                name: "Sequence",
                table: "Appeals");

            migrationBuilder.CreateIndex(
                name: "IX_Appeals_DenialId",
                table: "Appeals",
                column: "DenialId",
                unique: true);
        }
    }
}
