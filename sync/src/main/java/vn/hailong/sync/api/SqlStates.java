package vn.hailong.sync.api;

import java.sql.SQLException;
import java.util.HashSet;
import java.util.Set;

/** The SQLStates a failure carries, and what they say about the database's state. */
public final class SqlStates {
    /**
     * A row held by another transaction past the lock timeout (H2: 10 s, H2Settings; PostgreSQL: lock_timeout where
     * an operator sets one): the database is busy, nothing of the failed transaction is stored.
     */
    private static final Set<String> LOCK_TIMEOUT = Set.of("HYT00", "55P03");
    /** A unique key refused a row (both engines report the standard SQLState). */
    private static final String UNIQUE_VIOLATION = "23505";

    private SqlStates() {
    }

    /** The SQLStates of the SQLExceptions among the causes (a JDBC batch's failure holds its entry's as next). */
    public static Set<String> of(Throwable e) {
        Set<String> states = new HashSet<>();
        for (Throwable t = e; t != null; t = t.getCause()) {
            for (SQLException sql = t instanceof SQLException s ? s : null; sql != null; sql = sql.getNextException()) {
                if (sql.getSQLState() != null) {
                    states.add(sql.getSQLState());
                }
            }
        }
        return states;
    }

    /** Whether the failure is a row refused by a unique key. */
    public static boolean uniqueViolation(Set<String> states) {
        return states.contains(UNIQUE_VIOLATION);
    }

    /** Whether the failure is a lock waited for in vain. */
    public static boolean lockTimeout(Set<String> states) {
        return states.stream().anyMatch(LOCK_TIMEOUT::contains);
    }
}
