using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Entry.Server.Data.Migrations
{
    /// <inheritdoc />
    public partial class ClaimHistoryAndRefusedSubmissions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ClaimSpans",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    BookId = table.Column<int>(type: "INTEGER", nullable: false),
                    UserId = table.Column<string>(type: "TEXT", nullable: false),
                    TeamId = table.Column<int>(type: "INTEGER", nullable: false),
                    ShiftDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Shift = table.Column<int>(type: "INTEGER", nullable: false),
                    ClaimedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    EndedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ClaimSpans", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ClaimSpans_Books_BookId",
                        column: x => x.BookId,
                        principalTable: "Books",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "RefusedSubmissions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    ClerkId = table.Column<string>(type: "TEXT", nullable: false),
                    TeamId = table.Column<int>(type: "INTEGER", nullable: true),
                    BookCode = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    EntryNumber = table.Column<int>(type: "INTEGER", nullable: false),
                    TypedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    FirstRefusedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    LastRefusedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    Attempts = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RefusedSubmissions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_RefusedSubmissions_AspNetUsers_ClerkId",
                        column: x => x.ClerkId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ClaimSpans_BookId_EndedAt",
                table: "ClaimSpans",
                columns: new[] { "BookId", "EndedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_ClaimSpans_BookId_UserId",
                table: "ClaimSpans",
                columns: new[] { "BookId", "UserId" });

            migrationBuilder.CreateIndex(
                name: "IX_RefusedSubmissions_ClerkId",
                table: "RefusedSubmissions",
                column: "ClerkId");

            migrationBuilder.CreateIndex(
                name: "IX_RefusedSubmissions_TeamId",
                table: "RefusedSubmissions",
                column: "TeamId");

            // The claims held now start their history, so a case typed during them is still taken after they end.
            migrationBuilder.Sql("""
                INSERT INTO "ClaimSpans" ("BookId", "UserId", "TeamId", "ShiftDate", "Shift", "ClaimedAt")
                SELECT "BookId", "UserId", "TeamId", "ShiftDate", "Shift", "ClaimedAt" FROM "Claims";
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ClaimSpans");

            migrationBuilder.DropTable(
                name: "RefusedSubmissions");
        }
    }
}
