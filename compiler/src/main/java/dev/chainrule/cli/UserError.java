package dev.chainrule.cli;

/**
 * A problem with what the user gave the command line (a file, a flag value), reported as one
 * line on stderr with exit status 2. The message starts with where the problem is, like every
 * located message of Chainrule: {@code out/Iris.java: cannot write: Permission denied}.
 */
final class UserError extends RuntimeException {

    private static final long serialVersionUID = 1L;

    UserError(String message) {
        super(message);
    }

    UserError(String message, Throwable cause) {
        super(message, cause);
    }
}
