using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Federation.Hub.Identity.Store.Migrations
{
    /// <inheritdoc />
    public partial class UniqueEmailAndOpenRequest : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The unique indexes below would fail on data from before them with a bare "could not create unique index";
            // this says what to do instead, and the hub does not start half-migrated (the migration is one transaction).
            migrationBuilder.Sql("""
                DO $$
                DECLARE shared bigint; doubled bigint;
                BEGIN
                  SELECT count(*) INTO shared FROM (
                    SELECT 1 FROM hub_accounts WHERE "NormalizedEmail" IS NOT NULL GROUP BY "NormalizedEmail" HAVING count(*) > 1) AS s;
                  IF shared > 0 THEN
                    RAISE EXCEPTION '% e-mail address(es) belong to more than one account in hub_accounts; from now on an address belongs to one account. Give each account its own address, or remove the extra ones, then start the hub again. They are listed by: SELECT "NormalizedEmail", array_agg("Id") FROM hub_accounts GROUP BY 1 HAVING count(*) > 1', shared;
                  END IF;
                  SELECT count(*) INTO doubled FROM (
                    SELECT 1 FROM hub_join_requests WHERE "UpstreamProvider" IS NOT NULL AND "State" = 'pending'
                    GROUP BY "UpstreamProvider", "UpstreamSubject" HAVING count(*) > 1) AS d;
                  IF doubled > 0 THEN
                    RAISE EXCEPTION '% institution sign-in(s) have more than one pending join request in hub_join_requests; from now on one may be open at a time. Refuse the extra requests (staff, with a reason), then start the hub again', doubled;
                  END IF;
                END $$;
                """);

            migrationBuilder.DropIndex(
                name: "EmailIndex",
                table: "hub_accounts");

            migrationBuilder.CreateIndex(
                name: "IX_hub_join_requests_UpstreamProvider_UpstreamSubject",
                table: "hub_join_requests",
                columns: new[] { "UpstreamProvider", "UpstreamSubject" },
                unique: true,
                filter: "\"UpstreamProvider\" IS NOT NULL AND \"State\" = 'pending'");

            migrationBuilder.CreateIndex(
                name: "EmailIndex",
                table: "hub_accounts",
                column: "NormalizedEmail",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_hub_join_requests_UpstreamProvider_UpstreamSubject",
                table: "hub_join_requests");

            migrationBuilder.DropIndex(
                name: "EmailIndex",
                table: "hub_accounts");

            migrationBuilder.CreateIndex(
                name: "EmailIndex",
                table: "hub_accounts",
                column: "NormalizedEmail");
        }
    }
}
