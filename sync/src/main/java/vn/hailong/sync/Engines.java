package vn.hailong.sync;

/**
 * Which database engine the server's JDBC URL names, where the two take different statements or settings: H2 (the
 * embedded default) or PostgreSQL. The one place that reads it from the URL.
 */
public final class Engines {
    private Engines() {
    }

    /** Whether {@code jdbcUrl} names a PostgreSQL database (null: no). */
    public static boolean isPostgres(String jdbcUrl) {
        return jdbcUrl != null && jdbcUrl.startsWith("jdbc:postgresql:");
    }
}
