using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AppealStudio.Migrations.Sqlite.Migrations
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
