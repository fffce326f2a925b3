using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Federation.Hub.Identity.Store.Migrations
{
    /// <inheritdoc />
    public partial class People : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "SuspensionReason",
                table: "hub_accounts",
                type: "character varying(1000)",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "hub_invitations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Email = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    DisplayName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    OrganisationId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Roles = table.Column<List<string>>(type: "text[]", nullable: false),
                    TokenHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    JoinRequestId = table.Column<Guid>(type: "uuid", nullable: true),
                    InvitedBy = table.Column<string>(type: "text", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ExpiresAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    AcceptedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    AccountId = table.Column<Guid>(type: "uuid", nullable: true),
                    RevokedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_hub_invitations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_hub_invitations_hub_organisations_OrganisationId",
                        column: x => x.OrganisationId,
                        principalTable: "hub_organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "hub_join_requests",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Email = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    OrganisationName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    OrganisationType = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    KvkNumber = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: true),
                    Motivation = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    State = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    ConfirmationTokenHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ConfirmBefore = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ConfirmedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    OrganisationId = table.Column<string>(type: "text", nullable: true),
                    DecidedBy = table.Column<string>(type: "text", nullable: true),
                    DecidedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Reason = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_hub_join_requests", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_hub_organisations_KvkNumber",
                table: "hub_organisations",
                column: "KvkNumber",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_hub_invitations_OrganisationId",
                table: "hub_invitations",
                column: "OrganisationId");

            migrationBuilder.CreateIndex(
                name: "IX_hub_invitations_TokenHash",
                table: "hub_invitations",
                column: "TokenHash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_hub_join_requests_ConfirmationTokenHash",
                table: "hub_join_requests",
                column: "ConfirmationTokenHash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_hub_join_requests_State",
                table: "hub_join_requests",
                column: "State");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "hub_invitations");

            migrationBuilder.DropTable(
                name: "hub_join_requests");

            migrationBuilder.DropIndex(
                name: "IX_hub_organisations_KvkNumber",
                table: "hub_organisations");

            migrationBuilder.DropColumn(
                name: "SuspensionReason",
                table: "hub_accounts");
        }
    }
}
