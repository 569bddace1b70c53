package vn.hailong.sync;

import io.micronaut.runtime.Micronaut;
import vn.hailong.sync.cli.OperatorCli;

/**
 * The central aggregation server: receives terminals' batches and serves reports. With a command
 * ({@code import dossiers FILE}, {@code report apology ...}) it runs that on the database and exits.
 */
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
