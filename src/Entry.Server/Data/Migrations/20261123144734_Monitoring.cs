using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Entry.Server.Data.Migrations
{
    /// <inheritdoc />
    public partial class Monitoring : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "DailySnapshots",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Scope = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Type = table.Column<int>(type: "INTEGER", nullable: false),
                    Target = table.Column<long>(type: "INTEGER", nullable: false),
                    Books = table.Column<int>(type: "INTEGER", nullable: false),
                    BooksFinished = table.Column<int>(type: "INTEGER", nullable: false),
                    Entered = table.Column<long>(type: "INTEGER", nullable: false),
                    Flagged = table.Column<long>(type: "INTEGER", nullable: false),
                    Verified = table.Column<long>(type: "INTEGER", nullable: false),
                    Skipped = table.Column<long>(type: "INTEGER", nullable: false),
                    Synced = table.Column<long>(type: "INTEGER", nullable: false),
                    Rejected = table.Column<long>(type: "INTEGER", nullable: false),
                    TakenAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DailySnapshots", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "SprintSettings",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false),
                    StartDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    EndDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    ReportTargetPercent = table.Column<decimal>(type: "TEXT", precision: 5, scale: 2, nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    UpdatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SprintSettings", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_DailySnapshots_Date_Scope_Type",
                table: "DailySnapshots",
                columns: new[] { "Date", "Scope", "Type" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "DailySnapshots");

            migrationBuilder.DropTable(
                name: "SprintSettings");
        }
    }
}
