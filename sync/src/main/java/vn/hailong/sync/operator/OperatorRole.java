package vn.hailong.sync.operator;

/** ADMIN may do everything; VIEWER reads reports only. */
public enum OperatorRole {
    ADMIN, VIEWER
}
