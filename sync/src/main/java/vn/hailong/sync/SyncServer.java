package vn.hailong.sync;

import io.micronaut.runtime.Micronaut;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityScheme;
import vn.hailong.sync.cli.OperatorCli;

/**
 * The central aggregation server: receives terminals' batches and serves reports. With a command
 * ({@code import dossiers FILE}, {@code report apology ...}) it runs that on the database and exits.
 *
 * <p>The OpenAPI document is generated at compile time and served at {@code /swagger/hailong-sync.yml}.
 */
@OpenAPIDefinition(info = @Info(
        title = "Hài Lòng sync",
        version = "1",
        description = "The central aggregation server of the Hài Lòng counter feedback system: terminals post signed "
                + "batches (HMAC headers X-Hailong-Terminal, X-Hailong-Timestamp, X-Hailong-Signature, see "
                + "sync-protocol.md); operators use a bearer token (ADMIN or VIEWER) for /api/v1/admin and "
                + "/api/v1/reports. Errors are application/problem+json."))
@SecurityScheme(name = "operator", type = SecuritySchemeType.HTTP, scheme = "bearer")
public final class SyncServer {
    private SyncServer() {
    }

    public static void main(String[] args) {
        if (OperatorCli.handles(args)) {
            System.setProperty("hailong.log.target", "System.err");
            System.exit(OperatorCli.run(args, System.out, System.err));
        }
        Micronaut.build(args).banner(false).start();
    }
}
