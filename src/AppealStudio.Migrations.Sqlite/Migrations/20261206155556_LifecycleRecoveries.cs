using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AppealStudio.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class LifecycleRecoveries : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
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
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
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
        }
    }
}
