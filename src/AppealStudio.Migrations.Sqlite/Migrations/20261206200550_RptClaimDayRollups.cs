using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AppealStudio.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class RptClaimDayRollups : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Months built before this table existed have no daily rows: forget them so the next read rebuilds the
            // claim family (monthly and daily together). Keep this line when the migrations are regenerated (ADR 95).
            migrationBuilder.Sql("DELETE FROM \"ReportRollupMonths\" WHERE \"Family\" = 'C'");

            migrationBuilder.CreateTable(
                name: "ReportClaimDayRollups",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Day = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    PayerName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Specialties = table.Column<int>(type: "INTEGER", nullable: false),
                    Denied = table.Column<bool>(type: "INTEGER", nullable: false),
                    Count = table.Column<int>(type: "INTEGER", nullable: false),
                    Charges = table.Column<long>(type: "INTEGER", precision: 16, scale: 2, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReportClaimDayRollups", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ReportClaimDayRollups_Covering",
                table: "ReportClaimDayRollups",
                columns: new[] { "Day", "PayerName", "Specialties", "Denied", "Count", "Charges" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ReportClaimDayRollups");
        }
    }
}
