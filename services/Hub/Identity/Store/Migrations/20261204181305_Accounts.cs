using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Federation.Hub.Identity.Store.Migrations
{
    /// <inheritdoc />
    public partial class Accounts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "hub_organisations",
                columns: table => new
                {
                    Id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Type = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    KvkNumber = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: true),
                    Domains = table.Column<List<string>>(type: "text[]", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_hub_organisations", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "hub_roles",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    NormalizedName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    ConcurrencyStamp = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_hub_roles", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "hub_accounts",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    DisplayName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    OrganisationId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    SuspendedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    UserName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    NormalizedUserName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    Email = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    NormalizedEmail = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    EmailConfirmed = table.Column<bool>(type: "boolean", nullable: false),
                    PasswordHash = table.Column<string>(type: "text", nullable: true),
                    SecurityStamp = table.Column<string>(type: "text", nullable: true),
                    ConcurrencyStamp = table.Column<string>(type: "text", nullable: true),
                    PhoneNumber = table.Column<string>(type: "text", nullable: true),
                    PhoneNumberConfirmed = table.Column<bool>(type: "boolean", nullable: false),
                    TwoFactorEnabled = table.Column<bool>(type: "boolean", nullable: false),
                    LockoutEnd = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    LockoutEnabled = table.Column<bool>(type: "boolean", nullable: false),
                    AccessFailedCount = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_hub_accounts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_hub_accounts_hub_organisations_OrganisationId",
                        column: x => x.OrganisationId,
                        principalTable: "hub_organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "hub_role_claims",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    RoleId = table.Column<Guid>(type: "uuid", nullable: false),
                    ClaimType = table.Column<string>(type: "text", nullable: true),
                    ClaimValue = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_hub_role_claims", x => x.Id);
                    table.ForeignKey(
                        name: "FK_hub_role_claims_hub_roles_RoleId",
                        column: x => x.RoleId,
                        principalTable: "hub_roles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "hub_account_claims",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    UserId = table.Column<Guid>(type: "uuid", nullable: false),
                    ClaimType = table.Column<string>(type: "text", nullable: true),
                    ClaimValue = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_hub_account_claims", x => x.Id);
                    table.ForeignKey(
                        name: "FK_hub_account_claims_hub_accounts_UserId",
                        column: x => x.UserId,
                        principalTable: "hub_accounts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "hub_account_logins",
                columns: table => new
                {
                    LoginProvider = table.Column<string>(type: "text", nullable: false),
                    ProviderKey = table.Column<string>(type: "text", nullable: false),
                    ProviderDisplayName = table.Column<string>(type: "text", nullable: true),
                    UserId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_hub_account_logins", x => new { x.LoginProvider, x.ProviderKey });
                    table.ForeignKey(
                        name: "FK_hub_account_logins_hub_accounts_UserId",
                        column: x => x.UserId,
                        principalTable: "hub_accounts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "hub_account_roles",
                columns: table => new
                {
                    UserId = table.Column<Guid>(type: "uuid", nullable: false),
                    RoleId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_hub_account_roles", x => new { x.UserId, x.RoleId });
                    table.ForeignKey(
                        name: "FK_hub_account_roles_hub_accounts_UserId",
                        column: x => x.UserId,
                        principalTable: "hub_accounts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_hub_account_roles_hub_roles_RoleId",
                        column: x => x.RoleId,
                        principalTable: "hub_roles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "hub_account_tokens",
                columns: table => new
                {
                    UserId = table.Column<Guid>(type: "uuid", nullable: false),
                    LoginProvider = table.Column<string>(type: "text", nullable: false),
                    Name = table.Column<string>(type: "text", nullable: false),
                    Value = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_hub_account_tokens", x => new { x.UserId, x.LoginProvider, x.Name });
                    table.ForeignKey(
                        name: "FK_hub_account_tokens_hub_accounts_UserId",
                        column: x => x.UserId,
                        principalTable: "hub_accounts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_hub_account_claims_UserId",
                table: "hub_account_claims",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_hub_account_logins_UserId",
                table: "hub_account_logins",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_hub_account_roles_RoleId",
                table: "hub_account_roles",
                column: "RoleId");

            migrationBuilder.CreateIndex(
                name: "EmailIndex",
                table: "hub_accounts",
                column: "NormalizedEmail");

            migrationBuilder.CreateIndex(
                name: "IX_hub_accounts_OrganisationId",
                table: "hub_accounts",
                column: "OrganisationId");

            migrationBuilder.CreateIndex(
                name: "UserNameIndex",
                table: "hub_accounts",
                column: "NormalizedUserName",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_hub_role_claims_RoleId",
                table: "hub_role_claims",
                column: "RoleId");

            migrationBuilder.CreateIndex(
                name: "RoleNameIndex",
                table: "hub_roles",
                column: "NormalizedName",
                unique: true);

            // The two roles a member may hold, and the accounts a hub had before it moved onto ASP.NET Core Identity:
            // their password hashes are already Identity's (PBKDF2, format v3) and carry over as they are; each gets a
            // fresh security stamp, and the old tables go.
            migrationBuilder.Sql("""
                INSERT INTO hub_roles ("Id", "Name", "NormalizedName", "ConcurrencyStamp") VALUES
                    (gen_random_uuid(), 'hub-staff', 'HUB-STAFF', gen_random_uuid()::text),
                    (gen_random_uuid(), 'member', 'MEMBER', gen_random_uuid()::text);
                DO $$
                BEGIN
                    IF to_regclass('identity_members') IS NOT NULL THEN
                        INSERT INTO hub_organisations ("Id", "Name", "Type", "KvkNumber", "Domains")
                            SELECT id, name, type, NULL, '{}' FROM identity_organisations;
                        INSERT INTO hub_accounts ("Id", "DisplayName", "OrganisationId", "CreatedAt", "SuspendedAt", "UserName",
                                "NormalizedUserName", "Email", "NormalizedEmail", "EmailConfirmed", "PasswordHash", "SecurityStamp",
                                "ConcurrencyStamp", "PhoneNumberConfirmed", "TwoFactorEnabled", "LockoutEnabled", "AccessFailedCount")
                            SELECT id, display_name, organisation_id, created_at, disabled_at, username, upper(username), email,
                                upper(email), true, password_hash, upper(replace(gen_random_uuid()::text, '-', '')),
                                gen_random_uuid()::text, false, false, true, 0
                            FROM identity_members;
                        INSERT INTO hub_account_roles ("UserId", "RoleId")
                            SELECT m.id, r."Id" FROM identity_members m
                            CROSS JOIN LATERAL unnest(m.roles) AS held(name)
                            JOIN hub_roles r ON r."Name" = held.name;
                        DROP TABLE identity_members;
                        DROP TABLE identity_organisations;
                    END IF;
                END $$;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "hub_account_claims");

            migrationBuilder.DropTable(
                name: "hub_account_logins");

            migrationBuilder.DropTable(
                name: "hub_account_roles");

            migrationBuilder.DropTable(
                name: "hub_account_tokens");

            migrationBuilder.DropTable(
                name: "hub_role_claims");

            migrationBuilder.DropTable(
                name: "hub_accounts");

            migrationBuilder.DropTable(
                name: "hub_roles");

            migrationBuilder.DropTable(
                name: "hub_organisations");
        }
    }
}
