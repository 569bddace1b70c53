package vn.hailong.install;

import java.util.Map;

/** The PostgreSQL of the test machine, on 127.0.0.1:5432, reached as install/test.sh makes sure it is. */
final class Postgres {
    private Postgres() {
    }

    static String superuser() {
        return System.getenv().getOrDefault("HAILONG_TEST_PG_USER", "postgres");
    }

    /** Runs one statement as the superuser; fails the test when PostgreSQL does not answer. */
    static String sql(String statement) throws Exception {
        Scripts.Run run = Scripts.run(Map.of(), "psql", "-h", "127.0.0.1", "-U", superuser(), "-d", "postgres",
                "-v", "ON_ERROR_STOP=1", "-qAtc", statement);
        if (run.code() != 0) {
            throw new AssertionError("PostgreSQL on 127.0.0.1:5432 (run the tests with install/test.sh, which starts "
                    + "one): " + statement + " -> " + run);
        }
        return run.output().strip();
    }
}
