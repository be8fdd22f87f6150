using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AppealStudio.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class LifecycleViabilityTables : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
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
                name: "IX_ColumnOneInclusions_Column1_Column2",
                table: "ColumnOneInclusions",
                columns: new[] { "Column1", "Column2" },
                unique: true);

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
                name: "IX_PhysicalStatusUnits_Payer",
                table: "PhysicalStatusUnits",
                column: "Payer",
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
                name: "ColumnOneInclusions");

            migrationBuilder.DropTable(
                name: "NcciEdits");

            migrationBuilder.DropTable(
                name: "PhysicalStatusUnits");

            migrationBuilder.DropTable(
                name: "ViabilityAcknowledgments");

            migrationBuilder.DropTable(
                name: "NcciEditFiles");
        }
    }
}
