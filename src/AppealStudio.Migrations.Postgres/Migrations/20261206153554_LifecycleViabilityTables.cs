using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace AppealStudio.Migrations.Postgres.Migrations
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
