package vn.hailong.hardware.connection;

/** A port that cannot be opened, with the port and the cause in words, and what to do about it. */
public class PortProblem extends Exception {
    public PortProblem(String message) {
        super(message, null, false, false);
    }
}
