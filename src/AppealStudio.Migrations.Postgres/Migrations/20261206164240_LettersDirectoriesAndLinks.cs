using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace AppealStudio.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class LettersDirectoriesAndLinks : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "TimeZone",
                table: "PracticeProfiles",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PatientAccountNumber",
                table: "ChartDocuments",
                type: "character varying(80)",
                maxLength: 80,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PatientNameKey",
                table: "ChartDocuments",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Phone",
                table: "AspNetUsers",
                type: "character varying(30)",
                maxLength: 30,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Title",
                table: "AspNetUsers",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "AttestedStatements",
                table: "Appeals",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "LetterLevel",
                table: "Appeals",
                type: "character varying(32)",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PayerAddress",
                table: "Appeals",
                type: "character varying(1000)",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SignedTimeZone",
                table: "Appeals",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "ChartLinkConfirmations",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ChartDocumentId = table.Column<long>(type: "bigint", nullable: false),
                    ClaimId = table.Column<long>(type: "bigint", nullable: false),
                    Confirmed = table.Column<bool>(type: "boolean", nullable: false),
                    ByUserId = table.Column<string>(type: "text", nullable: true),
                    By = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ChartLinkConfirmations", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "PayerAppealAddresses",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    PayerSettingId = table.Column<int>(type: "integer", nullable: false),
                    Level = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    Recipient = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    AddressLine1 = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    AddressLine2 = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    City = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    State = table.Column<string>(type: "character varying(2)", maxLength: 2, nullable: true),
                    PostalCode = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: true),
                    Fax = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: true),
                    Phone = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: true),
                    PortalUrl = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PayerAppealAddresses", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PayerAppealAddresses_PayerSettings_PayerSettingId",
                        column: x => x.PayerSettingId,
                        principalTable: "PayerSettings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Providers",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Credentials = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    Npi = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    Specialty = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    PhysicianUserId = table.Column<string>(type: "text", nullable: true),
                    IsActive = table.Column<bool>(type: "boolean", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Providers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Providers_AspNetUsers_PhysicianUserId",
                        column: x => x.PhysicianUserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Claims_PatientLastName",
                table: "Claims",
                column: "PatientLastName");

            migrationBuilder.CreateIndex(
                name: "IX_ChartDocuments_PatientAccountNumber",
                table: "ChartDocuments",
                column: "PatientAccountNumber");

            migrationBuilder.CreateIndex(
                name: "IX_ChartDocuments_PatientNameKey_EncounterDate",
                table: "ChartDocuments",
                columns: new[] { "PatientNameKey", "EncounterDate" });

            migrationBuilder.CreateIndex(
                name: "IX_ChartLinkConfirmations_ChartDocumentId_ClaimId",
                table: "ChartLinkConfirmations",
                columns: new[] { "ChartDocumentId", "ClaimId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ChartLinkConfirmations_ClaimId",
                table: "ChartLinkConfirmations",
                column: "ClaimId");

            migrationBuilder.CreateIndex(
                name: "IX_PayerAppealAddresses_PayerSettingId_Level",
                table: "PayerAppealAddresses",
                columns: new[] { "PayerSettingId", "Level" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Providers_Npi",
                table: "Providers",
                column: "Npi",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Providers_PhysicianUserId",
                table: "Providers",
                column: "PhysicianUserId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ChartLinkConfirmations");

            migrationBuilder.DropTable(
                name: "PayerAppealAddresses");

            migrationBuilder.DropTable(
                name: "Providers");

            migrationBuilder.DropIndex(
                name: "IX_Claims_PatientLastName",
                table: "Claims");

            migrationBuilder.DropIndex(
                name: "IX_ChartDocuments_PatientAccountNumber",
                table: "ChartDocuments");

            migrationBuilder.DropIndex(
                name: "IX_ChartDocuments_PatientNameKey_EncounterDate",
                table: "ChartDocuments");

            migrationBuilder.DropColumn(
                name: "TimeZone",
                table: "PracticeProfiles");

            migrationBuilder.DropColumn(
                name: "PatientAccountNumber",
                table: "ChartDocuments");

            migrationBuilder.DropColumn(
                name: "PatientNameKey",
                table: "ChartDocuments");

            migrationBuilder.DropColumn(
                name: "Phone",
                table: "AspNetUsers");

            migrationBuilder.DropColumn(
                name: "Title",
                table: "AspNetUsers");

            migrationBuilder.DropColumn(
                name: "AttestedStatements",
                table: "Appeals");

            migrationBuilder.DropColumn(
                name: "LetterLevel",
                table: "Appeals");

            migrationBuilder.DropColumn(
                name: "PayerAddress",
                table: "Appeals");

            migrationBuilder.DropColumn(
                name: "SignedTimeZone",
                table: "Appeals");
        }
    }
}
