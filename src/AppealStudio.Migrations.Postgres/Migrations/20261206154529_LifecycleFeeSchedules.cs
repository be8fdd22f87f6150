using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace AppealStudio.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class LifecycleFeeSchedules : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
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
