using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AppealStudio.Migrations.Sqlite.Migrations
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

            migrationBuilder.AddColumn<long>(
                name: "PurgedAt",
                table: "RemittanceImports",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "VoidReason",
                table: "RemittanceImports",
                type: "TEXT",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "VoidedAt",
                table: "RemittanceImports",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "VoidedBy",
                table: "RemittanceImports",
                type: "TEXT",
                maxLength: 256,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "Voided",
                table: "Payments",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<long>(
                name: "ExpectedAmount",
                table: "Denials",
                type: "INTEGER",
                precision: 14,
                scale: 2,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "PaidAmount",
                table: "Denials",
                type: "INTEGER",
                precision: 14,
                scale: 2,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "RecoveredByClaimId",
                table: "Denials",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "RecoveredByImportId",
                table: "Denials",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "RecoveredOn",
                table: "Denials",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "RecoveredWithoutAppeal",
                table: "Denials",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "RecoveryKind",
                table: "Denials",
                type: "TEXT",
                maxLength: 8,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "Voided",
                table: "Denials",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<bool>(
                name: "Voided",
                table: "Claims",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<long>(
                name: "PreviousAppealId",
                table: "Appeals",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Sequence",
                table: "Appeals",
                type: "INTEGER",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.CreateTable(
                name: "AppealLevelRules",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    PayerType = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    Payer = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Level = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    WindowDays = table.Column<int>(type: "INTEGER", nullable: true),
                    ReceiptPresumptionDays = table.Column<int>(type: "INTEGER", nullable: true),
                    AmountInControversy = table.Column<long>(type: "INTEGER", precision: 14, scale: 2, nullable: true),
                    EffectiveFrom = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    EffectiveTo = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Source = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedBy = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AppealLevelRules", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ColumnOneInclusions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Column1 = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Column2 = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    ExceptWith = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    SameSide = table.Column<bool>(type: "INTEGER", nullable: false),
                    Active = table.Column<bool>(type: "INTEGER", nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    Source = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedBy = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ColumnOneInclusions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "FeeScheduleUploads",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Payer = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    PayerKey = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    FileName = table.Column<string>(type: "TEXT", maxLength: 260, nullable: false),
                    RateCount = table.Column<int>(type: "INTEGER", nullable: false),
                    UploadedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UploadedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    ReplacedAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FeeScheduleUploads", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "NcciEditFiles",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    FileName = table.Column<string>(type: "TEXT", maxLength: 260, nullable: false),
                    Part = table.Column<string>(type: "TEXT", maxLength: 260, nullable: false),
                    Version = table.Column<string>(type: "TEXT", maxLength: 260, nullable: false),
                    Sha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    EditCount = table.Column<int>(type: "INTEGER", nullable: false),
                    ImportedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ImportedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    ReplacedAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_NcciEditFiles", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Notifications",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    UserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    Link = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    DenialId = table.Column<long>(type: "INTEGER", nullable: true),
                    DedupKey = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ReadAt = table.Column<long>(type: "INTEGER", nullable: true),
                    EmailedAt = table.Column<long>(type: "INTEGER", nullable: true)
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
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    OwnerRole = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    UserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    AddedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    AddedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false)
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
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Payer = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    PayerType = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    P1 = table.Column<long>(type: "INTEGER", precision: 6, scale: 2, nullable: false),
                    P2 = table.Column<long>(type: "INTEGER", precision: 6, scale: 2, nullable: false),
                    P3 = table.Column<long>(type: "INTEGER", precision: 6, scale: 2, nullable: false),
                    P4 = table.Column<long>(type: "INTEGER", precision: 6, scale: 2, nullable: false),
                    P5 = table.Column<long>(type: "INTEGER", precision: 6, scale: 2, nullable: false),
                    P6 = table.Column<long>(type: "INTEGER", precision: 6, scale: 2, nullable: false),
                    Source = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedBy = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PhysicalStatusUnits", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ScheduledJobRuns",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Job = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Period = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Instance = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    StartedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    LeaseUntil = table.Column<long>(type: "INTEGER", nullable: false),
                    CompletedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Attempt = table.Column<int>(type: "INTEGER", nullable: false),
                    Outcome = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    Failed = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ScheduledJobRuns", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ViabilityAcknowledgments",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    DenialId = table.Column<long>(type: "INTEGER", nullable: false),
                    AppealId = table.Column<long>(type: "INTEGER", nullable: true),
                    Codes = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    UserId = table.Column<string>(type: "TEXT", nullable: true),
                    Actor = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false)
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
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    UploadId = table.Column<int>(type: "INTEGER", nullable: false),
                    Payer = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    PayerKey = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Code = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    Modifier = table.Column<string>(type: "TEXT", maxLength: 4, nullable: true),
                    Allowed = table.Column<long>(type: "INTEGER", precision: 14, scale: 2, nullable: false),
                    EffectiveFrom = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    EffectiveTo = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    LineNumber = table.Column<int>(type: "INTEGER", nullable: false)
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
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    FileId = table.Column<int>(type: "INTEGER", nullable: false),
                    Column1 = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    Column2 = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    EffectiveFrom = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    DeletedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    ModifierIndicator = table.Column<int>(type: "INTEGER", nullable: false),
                    ExistedBefore1996 = table.Column<bool>(type: "INTEGER", nullable: false),
                    Rationale = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true)
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
