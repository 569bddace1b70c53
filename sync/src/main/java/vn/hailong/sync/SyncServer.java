package vn.hailong.sync;

import io.micronaut.runtime.Micronaut;

/** The central aggregation server: receives terminals' batches and serves reports. */
public final class SyncServer {
    private SyncServer() {
    }

    public static void main(String[] args) {
        Micronaut.build(args).banner(false).start();
    }
}
