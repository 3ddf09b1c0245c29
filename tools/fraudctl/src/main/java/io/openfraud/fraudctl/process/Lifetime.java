package io.openfraud.fraudctl.process;

/** Whether a started process lives and dies with fraudctl or outlives it. */
public enum Lifetime {
    /**
     * The child's standard input stays a pipe from fraudctl, never written to. When fraudctl ends, however it ends
     * (even SIGKILL), the pipe closes; a child that watches its standard input (InfraMain {@code --watch-stdin})
     * then stops, so nothing outlives a dead foreground fraudctl.
     */
    ATTACHED,
    /** The child's standard input is closed at once; it runs until stopped through its pid file. */
    DETACHED
}
