using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AppealStudio.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class LifecycleFeeSchedules : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
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

            migrationBuilder.CreateIndex(
                name: "IX_FeeScheduleRates_PayerKey_Code",
                table: "FeeScheduleRates",
                columns: new[] { "PayerKey", "Code" });

            migrationBuilder.CreateIndex(
                name: "IX_FeeScheduleRates_UploadId",
                table: "FeeScheduleRates",
                column: "UploadId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "FeeScheduleRates");

            migrationBuilder.DropTable(
                name: "FeeScheduleUploads");

            migrationBuilder.DropColumn(
                name: "ExpectedAmount",
                table: "Denials");

            migrationBuilder.DropColumn(
                name: "PaidAmount",
                table: "Denials");
        }
    }
}
