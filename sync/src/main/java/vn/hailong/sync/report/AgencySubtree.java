package vn.hailong.sync.report;

/**
 * The SQL that makes a report for an agency cover its descendants: a recursive CTE {@code subtree(code)} whose
 * one parameter is the agency code. Written once, used by every report.
 */
final class AgencySubtree {
    /** The CTE itself, to follow {@code WITH RECURSIVE} (and precede other CTEs, comma-separated). */
    static final String CTE = "subtree(code) AS (SELECT CAST(? AS VARCHAR(64)) UNION ALL "
            + "SELECT a.code FROM agency a JOIN subtree s ON a.parent_code = s.code)";

    private AgencySubtree() {
    }

    /** {@code WITH RECURSIVE subtree ... } when a report is asked for an agency, else nothing. */
    static String with(String agency) {
        return agency == null ? "" : "WITH RECURSIVE " + CTE + " ";
    }

    /** The condition on an agency column, when a report is asked for an agency. */
    static String condition(String agency, String column) {
        return agency == null ? "" : " AND " + column + " IN (SELECT code FROM subtree)";
    }
}
