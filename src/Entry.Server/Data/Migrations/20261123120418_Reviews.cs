using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Entry.Server.Data.Migrations
{
    /// <inheritdoc />
    public partial class Reviews : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "Skipped",
                table: "ProgressCounters",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "Verified",
                table: "ProgressCounters",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<string>(
                name: "SkipNote",
                table: "CaseEntries",
                type: "TEXT",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "SkipReason",
                table: "CaseEntries",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Status",
                table: "CaseEntries",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "Version",
                table: "CaseEntries",
                type: "INTEGER",
                nullable: false,
                defaultValue: 1);

            // Cases logged before statuses existed: a flagged one waits in the verification queue.
            migrationBuilder.Sql("UPDATE \"CaseEntries\" SET \"Status\" = 1 WHERE \"NeedsVerification\"");

            migrationBuilder.CreateTable(
                name: "CaseRevisions",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    EntryId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    ChangedById = table.Column<string>(type: "TEXT", nullable: false),
                    ChangedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    Changes = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CaseRevisions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CaseRevisions_AspNetUsers_ChangedById",
                        column: x => x.ChangedById,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_CaseRevisions_CaseEntries_EntryId",
                        column: x => x.EntryId,
                        principalTable: "CaseEntries",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "CountReports",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    BookId = table.Column<int>(type: "INTEGER", nullable: false),
                    InventoryCount = table.Column<int>(type: "INTEGER", nullable: false),
                    ReportedCount = table.Column<int>(type: "INTEGER", nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    ReportedById = table.Column<string>(type: "TEXT", nullable: false),
                    ReportedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    DecidedCount = table.Column<int>(type: "INTEGER", nullable: true),
                    DecisionReason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    DecidedById = table.Column<string>(type: "TEXT", nullable: true),
                    DecidedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CountReports", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CountReports_AspNetUsers_DecidedById",
                        column: x => x.DecidedById,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_CountReports_AspNetUsers_ReportedById",
                        column: x => x.ReportedById,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_CountReports_Books_BookId",
                        column: x => x.BookId,
                        principalTable: "Books",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_CaseEntries_TeamId_Status_StoredAt",
                table: "CaseEntries",
                columns: new[] { "TeamId", "Status", "StoredAt" });

            migrationBuilder.CreateIndex(
                name: "IX_CaseRevisions_ChangedById",
                table: "CaseRevisions",
                column: "ChangedById");

            migrationBuilder.CreateIndex(
                name: "IX_CaseRevisions_EntryId_Version",
                table: "CaseRevisions",
                columns: new[] { "EntryId", "Version" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CountReports_BookId",
                table: "CountReports",
                column: "BookId",
                unique: true,
                filter: "\"Status\" = 0");

            migrationBuilder.CreateIndex(
                name: "IX_CountReports_DecidedById",
                table: "CountReports",
                column: "DecidedById");

            migrationBuilder.CreateIndex(
                name: "IX_CountReports_ReportedById",
                table: "CountReports",
                column: "ReportedById");

            migrationBuilder.CreateIndex(
                name: "IX_CountReports_Status_ReportedAt",
                table: "CountReports",
                columns: new[] { "Status", "ReportedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CaseRevisions");

            migrationBuilder.DropTable(
                name: "CountReports");

            migrationBuilder.DropIndex(
                name: "IX_CaseEntries_TeamId_Status_StoredAt",
                table: "CaseEntries");

            migrationBuilder.DropColumn(
                name: "Skipped",
                table: "ProgressCounters");

            migrationBuilder.DropColumn(
                name: "Verified",
                table: "ProgressCounters");

            migrationBuilder.DropColumn(
                name: "SkipNote",
                table: "CaseEntries");

            migrationBuilder.DropColumn(
                name: "SkipReason",
                table: "CaseEntries");

            migrationBuilder.DropColumn(
                name: "Status",
                table: "CaseEntries");

            migrationBuilder.DropColumn(
                name: "Version",
                table: "CaseEntries");
        }
    }
}
