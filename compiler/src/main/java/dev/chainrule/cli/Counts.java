package dev.chainrule.cli;

/** Counts given on the command line (epochs, threads, samples, ...), which must be at least 1. */
final class Counts {

    private Counts() {
    }

    /**
     * {@code value}, checked: else a user error such as
     * {@code chainrule train: --epochs must be at least 1, got 0}.
     *
     * @param command the command as the message starts, such as {@code chainrule train}
     * @param what the flag, such as {@code --epochs}
     */
    static int atLeastOne(String command, String what, int value) {
        if (value < 1) {
            throw new UserError(command + ": " + what + " must be at least 1, got " + value);
        }
        return value;
    }
}
