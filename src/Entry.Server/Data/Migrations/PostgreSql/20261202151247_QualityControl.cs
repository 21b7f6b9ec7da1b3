using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Entry.Server.Data.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class QualityControl : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "Quality",
                table: "Books",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateTable(
                name: "QualityClaims",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    BookId = table.Column<int>(type: "integer", nullable: false),
                    PassId = table.Column<long>(type: "bigint", nullable: false),
                    UserId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    TeamId = table.Column<int>(type: "integer", nullable: false),
                    ShiftDate = table.Column<DateOnly>(type: "date", nullable: false),
                    Shift = table.Column<int>(type: "integer", nullable: false),
                    ClaimedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_QualityClaims", x => x.Id);
                    table.ForeignKey(
                        name: "FK_QualityClaims_Books_BookId",
                        column: x => x.BookId,
                        principalTable: "Books",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "QualityPasses",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    BookId = table.Column<int>(type: "integer", nullable: false),
                    TeamId = table.Column<int>(type: "integer", nullable: false),
                    Round = table.Column<int>(type: "integer", nullable: false),
                    Full = table.Column<bool>(type: "boolean", nullable: false),
                    Seed = table.Column<long>(type: "bigint", nullable: false),
                    Rates = table.Column<string>(type: "text", nullable: false),
                    DrawnAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    State = table.Column<int>(type: "integer", nullable: false),
                    FieldsCompared = table.Column<int>(type: "integer", nullable: false),
                    FieldsWrong = table.Column<int>(type: "integer", nullable: false),
                    EndedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_QualityPasses", x => x.Id);
                    table.ForeignKey(
                        name: "FK_QualityPasses_Books_BookId",
                        column: x => x.BookId,
                        principalTable: "Books",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "QualitySettings",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false),
                    SampleRate = table.Column<double>(type: "double precision", nullable: false),
                    NewClerkCases = table.Column<int>(type: "integer", nullable: false),
                    NewClerkRate = table.Column<double>(type: "double precision", nullable: false),
                    HighErrorRate = table.Column<double>(type: "double precision", nullable: false),
                    HighErrorSampleRate = table.Column<double>(type: "double precision", nullable: false),
                    LowErrorRate = table.Column<double>(type: "double precision", nullable: false),
                    LowErrorMinFields = table.Column<int>(type: "integer", nullable: false),
                    LowErrorSampleRate = table.Column<double>(type: "double precision", nullable: false),
                    AcceptanceErrorRate = table.Column<double>(type: "double precision", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_QualitySettings", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "QualityItems",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    PassId = table.Column<long>(type: "bigint", nullable: false),
                    BookId = table.Column<int>(type: "integer", nullable: false),
                    EntryNumber = table.Column<int>(type: "integer", nullable: false),
                    EntryId = table.Column<Guid>(type: "uuid", nullable: false),
                    FirstClerkId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    FirstTeamId = table.Column<int>(type: "integer", nullable: false),
                    Rate = table.Column<double>(type: "double precision", nullable: false),
                    State = table.Column<int>(type: "integer", nullable: false),
                    SecondId = table.Column<Guid>(type: "uuid", nullable: true),
                    SecondKeyerId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    Second = table.Column<string>(type: "text", nullable: true),
                    SecondHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    SecondKeyedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    FirstAtComparison = table.Column<string>(type: "text", nullable: true),
                    ComparedVersion = table.Column<int>(type: "integer", nullable: false),
                    Differing = table.Column<string>(type: "text", nullable: true),
                    FieldsCompared = table.Column<int>(type: "integer", nullable: false),
                    FieldsWrong = table.Column<int>(type: "integer", nullable: false),
                    SecondFieldsWrong = table.Column<int>(type: "integer", nullable: false),
                    Choice = table.Column<int>(type: "integer", nullable: true),
                    DecidedById = table.Column<string>(type: "text", nullable: true),
                    DecidedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_QualityItems", x => x.Id);
                    table.ForeignKey(
                        name: "FK_QualityItems_QualityPasses_PassId",
                        column: x => x.PassId,
                        principalTable: "QualityPasses",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_QualityClaims_BookId",
                table: "QualityClaims",
                column: "BookId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_QualityClaims_UserId",
                table: "QualityClaims",
                column: "UserId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_QualityItems_EntryId",
                table: "QualityItems",
                column: "EntryId");

            migrationBuilder.CreateIndex(
                name: "IX_QualityItems_FirstClerkId",
                table: "QualityItems",
                column: "FirstClerkId");

            migrationBuilder.CreateIndex(
                name: "IX_QualityItems_PassId_EntryNumber",
                table: "QualityItems",
                columns: new[] { "PassId", "EntryNumber" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_QualityItems_State",
                table: "QualityItems",
                column: "State");

            migrationBuilder.CreateIndex(
                name: "IX_QualityPasses_BookId_Round",
                table: "QualityPasses",
                columns: new[] { "BookId", "Round" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_QualityPasses_TeamId_State",
                table: "QualityPasses",
                columns: new[] { "TeamId", "State" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "QualityClaims");

            migrationBuilder.DropTable(
                name: "QualityItems");

            migrationBuilder.DropTable(
                name: "QualitySettings");

            migrationBuilder.DropTable(
                name: "QualityPasses");

            migrationBuilder.DropColumn(
                name: "Quality",
                table: "Books");
        }
    }
}
