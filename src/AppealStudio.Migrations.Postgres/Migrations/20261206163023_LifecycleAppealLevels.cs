using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace AppealStudio.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class LifecycleAppealLevels : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Appeals_DenialId",
                table: "Appeals");

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

            migrationBuilder.CreateIndex(
                name: "IX_Appeals_DenialId_Sequence",
                table: "Appeals",
                columns: new[] { "DenialId", "Sequence" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AppealLevelRules");

            migrationBuilder.DropIndex(
                name: "IX_Appeals_DenialId_Sequence",
                table: "Appeals");

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
