package dev.chainrule.runtime;

import java.io.File;

/**
 * The child process of {@link OutputFileKillTest}: writes its target again and again through
 * {@link OutputFile}, version after version (8 MB of one letter each), and prints each version
 * it finished, until it is killed.
 */
public final class KilledWriter {

    private KilledWriter() {
    }

    public static void main(String[] args) {
        File target = new File(args[0]);
        for (int version = 0; ; version++) {
            OutputFile.write(target, OutputFileTest.filled((char) ('a' + version % 26), 8 << 20));
            System.out.println("wrote " + version);
            System.out.flush();
        }
    }
}
